// Game keys work whatever control last had focus: drag a slider (or click a button) with the mouse,
// then press a game key without clicking the stage first, as a player does.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';

afterAll(disconnectBrowser);

/** Drags a range input's thumb from its middle by `byPx` with the real mouse. */
async function dragSlider(page: Page, selector: string, byPx: number): Promise<void> {
  const box = await page.locator(selector).boundingBox();
  if (box === null) throw new Error(`${selector} is not visible`);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + byPx / 2, y, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2 + byPx, y, { steps: 4 });
  await page.mouse.up();
}

const stageData = (page: Page, name: string): Promise<string | undefined> =>
  page.$eval('.stage', (stage, key) => (stage as HTMLElement).dataset[key], name);

describe('focus after using a control', () => {
  it('cooldowns: after dragging the speed slider, 1 casts and P pauses', async () => {
    const opened = await openPage('./cooldowns/');
    const { page } = opened;
    try {
      await expect.poll(() => stageData(page, 'cooling'), { timeout: 15_000, interval: 50 }).toBe('0000');
      await dragSlider(page, '#time-scale', -60);
      // The drag did move the slider: the speed label changed from ×1.00.
      expect(await page.locator('#time-scale-value').textContent()).not.toBe('×1.00');
      await page.keyboard.press('Digit1');
      await expect.poll(() => stageData(page, 'casts'), { timeout: 5_000, interval: 20 }).toBe('1');
      await page.keyboard.press('KeyP');
      await expect.poll(() => page.locator('#pause').textContent(), { timeout: 5_000, interval: 20 }).toBe('Resume');
      // Focus went back to the stage, not to some other control.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('CANVAS');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('stress: after dragging the behaviours slider, 1 picks the 1k preset', async () => {
    const opened = await openPage('./stress/?count=2000');
    const { page } = opened;
    const behaviours = (): Promise<number> => page.evaluate(() => (window as unknown as { __stress: { behaviours: number } }).__stress.behaviours);
    try {
      await page.waitForFunction(() => ((window as unknown as { __stress?: { samples: number } }).__stress?.samples ?? 0) > 3);
      await dragSlider(page, '.controls input[type=range]', 40);
      const dragged = await behaviours();
      expect(dragged).toBeGreaterThan(2_000);
      await page.keyboard.press('Digit1');
      await expect.poll(behaviours, { timeout: 5_000, interval: 20 }).toBe(1_000);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('particles: after clicking the Slow motion button, P pauses and Space does not press the button again', async () => {
    const opened = await openPage('./particles/?quiet');
    const { page } = opened;
    try {
      await expect.poll(() => stageData(page, 'clock'), { timeout: 15_000, interval: 50 }).toBe('normal');
      await page.locator('[data-slow]').click();
      await expect.poll(() => stageData(page, 'clock'), { timeout: 5_000, interval: 20 }).toMatch(/^slow motion/);
      await page.keyboard.press('KeyP');
      await expect.poll(() => stageData(page, 'clock'), { timeout: 5_000, interval: 20 }).toBe('paused');
      // The panel says so too (it used to keep showing "time scale 1" while paused).
      expect(await page.locator('.controls .stat').textContent()).toMatch(/time\s+paused/);
      await page.keyboard.press('KeyP');
      // Space is slow motion's key: one press toggles it once (the focused button would add a click).
      await page.keyboard.press('Space');
      await expect.poll(() => stageData(page, 'clock'), { timeout: 5_000, interval: 20 }).toBe('normal');
      await page.waitForTimeout(200);
      expect(await stageData(page, 'clock')).toBe('normal');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

const demosDir = resolve(import.meta.dirname, '../../demos');
const demoSlugs = readdirSync(demosDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(resolve(demosDir, entry.name, 'index.html')))
  .map((entry) => entry.name)
  .sort();

describe.each(demoSlugs)('focus on page %s', (slug) => {
  it('returns to the stage after the mouse used a control (a code tab, and any button or slider)', async () => {
    const opened = await openPage(`./${slug}/`);
    const { page } = opened;
    try {
      await page.waitForSelector('canvas');
      // Every page has the code panel's tabs; most have their own buttons and sliders too: one of each.
      const kinds = ['.code .tabs button', '.controls button:not([data-presets] button)', '.controls input[type=range]'];
      let used = 0;
      for (const selector of kinds) {
        const control = page.locator(selector).first();
        if ((await control.count()) === 0 || !(await control.isVisible())) continue;
        await control.click();
        used++;
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 5_000, interval: 20 }).toBe('CANVAS');
        // A second click on a toggle leaves the page as it was.
        if ((await control.evaluate((element) => element.tagName)) === 'BUTTON') await control.click();
      }
      expect(used).toBeGreaterThan(0);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

// The dialogue page in Chromium: the line types itself over time, a key press completes it, the
// next press moves on. Reads what the page publishes on its stage (data-text, data-shown, data-complete).
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';

afterAll(disconnectBrowser);

interface BoxState {
  text: string;
  shown: number;
  complete: boolean;
}

async function readBox(page: Page): Promise<BoxState> {
  return page.$eval('.stage', (stage) => {
    const data = (stage as HTMLElement).dataset;
    return { text: data.text ?? '', shown: Number(data.shown ?? 0), complete: data.complete === 'true' };
  });
}

describe('dialogue page', () => {
  it('grows the text over time, completes the line on a key press, and moves on with the next', async () => {
    const opened = await openPage('./dialogue/');
    const { page } = opened;
    try {
      await expect.poll(async () => (await readBox(page)).shown, { timeout: 15_000, interval: 50 }).toBeGreaterThan(0);
      const early = await readBox(page);
      // Wait for more letters (polling rather than sleeping: slow machines render few frames).
      await expect.poll(async () => (await readBox(page)).shown, { timeout: 10_000, interval: 50 }).toBeGreaterThan(early.shown);
      const later = await readBox(page);
      // Still typing the same line: more letters, the earlier text is a prefix of the later one.
      expect(later.shown).toBeGreaterThan(early.shown);
      expect(later.text.startsWith(early.text)).toBe(true);
      expect(later.complete).toBe(false);

      await page.keyboard.press('Space');
      await expect.poll(async () => (await readBox(page)).complete, { timeout: 5_000, interval: 20 }).toBe(true);
      const completed = await readBox(page);
      expect(completed.text.startsWith(later.text)).toBe(true);
      expect(completed.shown).toBe(completed.text.length);
      expect(completed.shown).toBeGreaterThan(later.shown);
      // Complete means complete: waiting adds nothing.
      await page.waitForTimeout(300);
      expect(await readBox(page)).toEqual(completed);

      await page.keyboard.press('Space');
      await expect.poll(async () => (await readBox(page)).text === completed.text, { timeout: 5_000, interval: 20 }).toBe(false);
      const next = await readBox(page);
      expect(next.complete).toBe(false);
      expect(next.shown).toBeLessThan(completed.shown);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

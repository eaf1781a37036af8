// The cooldowns page in Chromium: a second cast during the cooldown does nothing; after it, it works.
// Reads what the page publishes on its stage (data-casts, data-refusals, data-cooling).
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';

afterAll(disconnectBrowser);

interface CastState {
  casts: number;
  refusals: number;
  /** One digit per ability, 1 while it cools down: "1000". */
  cooling: string;
}

async function readCasts(page: Page): Promise<CastState> {
  return page.$eval('.stage', (stage) => {
    const data = (stage as HTMLElement).dataset;
    return { casts: Number(data.casts ?? 0), refusals: Number(data.refusals ?? 0), cooling: data.cooling ?? '' };
  });
}

describe('cooldowns page', () => {
  it('ignores a second cast during the cooldown and casts again once it is over', async () => {
    const opened = await openPage('./cooldowns/');
    const { page } = opened;
    try {
      await expect.poll(async () => (await readCasts(page)).cooling, { timeout: 15_000, interval: 50 }).toBe('0000');
      await page.locator('canvas').first().focus();
      // Ability 1 (Spark): instant, 1.5 s cooldown.
      await page.keyboard.press('Digit1');
      await expect.poll(async () => (await readCasts(page)).casts, { timeout: 5_000, interval: 20 }).toBe(1);
      expect((await readCasts(page)).cooling).toBe('1000');

      await page.keyboard.press('Digit1');
      await expect.poll(async () => (await readCasts(page)).refusals, { timeout: 5_000, interval: 20 }).toBe(1);
      expect((await readCasts(page)).casts).toBe(1);

      await expect.poll(async () => (await readCasts(page)).cooling, { timeout: 15_000, interval: 50 }).toBe('0000');
      await page.keyboard.press('Digit1');
      await expect.poll(async () => (await readCasts(page)).casts, { timeout: 5_000, interval: 20 }).toBe(2);
      expect((await readCasts(page)).refusals).toBe(1);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

// Playwright's clock in the demos' tests and scripts: pause it a moment ahead of the page's present.
// No vitest import here: scripts/screenshots.ts uses it too.
import type { Page } from 'playwright-core';

/**
 * Stops a page's clock (installed with `controlledClock`) a moment ahead of its present: time flows
 * while the call travels, and on a busy machine a short margin is already past when it arrives, so
 * it tries again with a longer one. The jump is at most one long frame for a demo (dt is capped).
 *
 * @example
 * await pauseClock(page); await page.clock.runFor(32); // exactly two animation frames
 */
export async function pauseClock(page: Page): Promise<void> {
  for (let marginMs = 500; ; marginMs *= 4) {
    try {
      await page.clock.pauseAt(await page.evaluate((margin) => Date.now() + margin, marginMs));
      return;
    } catch (error) {
      if (marginMs > 30_000 || !/past/.test(String(error))) throw error;
    }
  }
}

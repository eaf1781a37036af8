// The stress page's floor for the browser benchmark: ?engine=raw runs the same dots on raw generators and a hand
// loop (demos/stress/sim/raw-stress.ts) and reports the same figures as the tickflow engine.
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';
import type { StressFigures } from '../../demos/stress/sim/stress.js';

afterAll(disconnectBrowser);

describe('stress page, ?engine=raw', () => {
  it('runs the requested count on raw generators and reports its ms per frame and resumes', async () => {
    const opened = await openPage('./stress/?count=10000&engine=raw');
    const { page } = opened;
    try {
      await page.waitForFunction(() => ((window as unknown as { __stress?: StressFigures }).__stress?.samples ?? 0) >= 30, undefined, { timeout: 45_000 });
      const figures = await page.evaluate(() => {
        const stress = (window as unknown as { __stress: StressFigures }).__stress;
        return { behaviours: stress.behaviours, movers: stress.movers, resumesPerFrame: stress.resumesPerFrame, schedulerMsPerFrame: stress.schedulerMsPerFrame };
      });
      expect([figures.behaviours, figures.movers]).toEqual([10_000, 5_000]);
      // Every mover resumes each frame; sleepers (0.4 to 3 s naps) add a few hundred.
      expect(figures.resumesPerFrame).toBeGreaterThanOrEqual(5_000);
      expect(figures.resumesPerFrame).toBeLessThan(7_000);
      expect(figures.schedulerMsPerFrame).toBeGreaterThan(0);
      // No scheduler runs them: the page's scheduler has no live behaviours (the tickflow engine shows 10,001).
      const panel = await page.locator('.controls .stat').first().textContent();
      expect(panel).toMatch(/live behaviours\s+0\n/);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

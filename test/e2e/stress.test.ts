// The stress page in Chromium: 100,000 behaviours via ?count=, and the figures it reports.
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';
import type { StressFigures } from '../../demos/stress/sim/stress.js';

afterAll(disconnectBrowser);

describe('stress page', () => {
  it('holds 100,000 behaviours from ?count= and reports its scheduler ms per frame', async () => {
    const opened = await openPage('./stress/?count=100000');
    const { page } = opened;
    try {
      // 30 frames measured at this count: the averages are over real frames.
      await page.waitForFunction(() => ((window as unknown as { __stress?: StressFigures }).__stress?.samples ?? 0) >= 30, undefined, { timeout: 45_000 });
      const figures = await page.evaluate(() => {
        const stress = (window as unknown as { __stress: StressFigures }).__stress;
        return {
          behaviours: stress.behaviours,
          movers: stress.movers,
          sleepers: stress.sleepers,
          schedulerMsPerFrame: stress.schedulerMsPerFrame,
          resumesPerFrame: stress.resumesPerFrame,
          fps: stress.fps,
        };
      });
      expect([figures.behaviours, figures.movers, figures.sleepers]).toEqual([100_000, 50_000, 50_000]);
      // Every mover resumes each frame; sleepers (0.4 to 3 s naps) add a few thousand.
      expect(figures.resumesPerFrame).toBeGreaterThanOrEqual(50_000);
      expect(figures.resumesPerFrame).toBeLessThan(70_000);
      expect(figures.schedulerMsPerFrame).toBeGreaterThan(0);
      expect(Number.isFinite(figures.schedulerMsPerFrame)).toBe(true);
      expect(figures.fps).toBeGreaterThan(0);
      // The same figure is on screen for people, in the stats panel.
      const panel = await page.locator('.controls .stat').first().textContent();
      expect(panel).toMatch(/live behaviours\s+100,001/);
      expect(panel).toMatch(/scheduler ms\s+\d+\.\d\d/);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

// The stress page in Chromium: 100,000 behaviours via ?count=, and the figures it reports. The fps
// figure is checked against requestAnimationFrame calls the test counts itself.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';
import type { StressFigures } from '../../demos/stress/sim/stress.js';

afterAll(disconnectBrowser);

interface RafCounter {
  __rafFrames: number;
  __stress?: StressFigures;
}

/** Runs before any page script: counts animation frames (distinct rAF timestamps) as they are delivered. */
function countAnimationFrames(): void {
  const counter = window as unknown as RafCounter;
  counter.__rafFrames = 0;
  let lastTimestampMs = -1;
  const request = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    request((timestampMs) => {
      if (timestampMs !== lastTimestampMs) {
        lastTimestampMs = timestampMs;
        counter.__rafFrames++;
      }
      callback(timestampMs);
    });
}

/**
 * Over `windowMs`, the page's fps figure (read every 250 ms from the second second on, averaged) and
 * the frames the test counted per second.
 */
async function measureFps(page: Page, windowMs: number): Promise<{ shown: number; counted: number }> {
  const read = () => page.evaluate(() => ({ frames: (window as unknown as RafCounter).__rafFrames, nowMs: performance.now(), fps: (window as unknown as RafCounter).__stress?.fps ?? 0 }));
  const start = await read();
  const shown: number[] = [];
  let last = start;
  while (last.nowMs - start.nowMs < windowMs) {
    await page.waitForTimeout(250);
    last = await read();
    // The page's figure looks back a second: sample once that second lies inside the window.
    if (last.nowMs - start.nowMs >= 1_000) shown.push(last.fps);
  }
  return {
    shown: shown.reduce((sum, fps) => sum + fps, 0) / shown.length,
    counted: ((last.frames - start.frames) * 1000) / (last.nowMs - start.nowMs),
  };
}

describe('stress page', () => {
  it('holds 100,000 behaviours from ?count=, reports its scheduler ms per frame, and its real fps', async () => {
    const opened = await openPage('./stress/?count=100000', { initScript: countAnimationFrames });
    const { page } = opened;
    try {
      // 10 frames measured at this count: the averages are over real frames.
      await page.waitForFunction(() => ((window as unknown as { __stress?: StressFigures }).__stress?.samples ?? 0) >= 10, undefined, { timeout: 45_000 });
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
      // Software WebGL draws a few frames a second here. The old figure came from the step, which is
      // capped at 100 ms, so it could never go below 10 fps.
      const { shown, counted } = await measureFps(page, 5_000);
      if (counted < 8) expect(shown).toBeLessThan(10);
      // A handful of frames in the window: the two counts may differ by a frame at either end.
      expect(Math.abs(shown - counted) / counted).toBeLessThan(0.35);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it('counts the frames really drawn: its fps agrees with counted requestAnimationFrame calls within 10 %', async () => {
    const { page, errors, close } = await openPage('./stress/?count=1000', { initScript: countAnimationFrames });
    try {
      await page.waitForFunction(() => ((window as unknown as RafCounter).__stress?.samples ?? 0) >= 30, undefined, { timeout: 30_000 });
      const { shown, counted } = await measureFps(page, 5_000);
      expect(counted).toBeGreaterThan(0);
      expect(Math.abs(shown - counted) / counted).toBeLessThan(0.1);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

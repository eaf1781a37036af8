// The particles page in Chromium: a click adds a firework whose particles all die again.
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';

afterAll(disconnectBrowser);

interface ParticlesHook {
  particles: number;
  behaviours: number;
  frame: number;
}

describe('particles page', () => {
  it('shows the particle count rising after a click and falling back to zero', async () => {
    // ?quiet: no fountain or fire, so every particle comes from the click.
    const opened = await openPage('./particles/?quiet');
    const { page } = opened;
    try {
      await page.waitForFunction(() => ((window as unknown as { __demo?: ParticlesHook }).__demo?.frame ?? 0) > 5);
      const read = () => page.evaluate(() => (window as unknown as { __demo: ParticlesHook }).__demo.particles);
      expect(await read()).toBe(0);
      const canvas = page.locator('canvas').first();
      await canvas.click({ position: { x: 300, y: 200 } });
      // The burst adds 90 sparks at once and 40 glitter 90 ms later.
      await expect.poll(read, { timeout: 5_000, interval: 50 }).toBeGreaterThanOrEqual(90);
      const peak = await read();
      expect(peak).toBeLessThanOrEqual(130);
      // Each particle's life lasts at most 1.5 s; the count falls back to zero.
      await expect.poll(read, { timeout: 20_000, interval: 100 }).toBe(0);
      const behaviours = await page.evaluate(() => (window as unknown as { __demo: ParticlesHook }).__demo.behaviours);
      expect(behaviours).toBe(0);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

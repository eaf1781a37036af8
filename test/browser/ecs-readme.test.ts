// The README's pixi.js block ("Rendering with pixi.js: one loop, not two"), run in Chromium. The text
// between `// readme:begin` and `// readme:end` is the block as printed, minus its import lines.
// The other blocks of that README section run under Node: test/ecs/readme-ecs.test.ts.
import { createWorld } from 'bitecs';
import { Application, Ticker } from 'pixi.js';
import { describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../../src/index.js';
import { startBrowserLoop } from '../../src/browser/index.js';
import { createGameLoop } from '../../src/ecs/index.js';

describe('README: Games with bitECS, in the browser', () => {
  it('renders pixi.js from the render phase, driven by requestAnimationFrame, with no pixi ticker running', async () => {
    const loop = createGameLoop({ world: createWorld(), scheduler: createScheduler() });
    const sharedWasStarted = Ticker.shared.started;
    // readme:begin
    const app = new Application();
    await app.init({ width: 800, height: 600, autoStart: false, sharedTicker: false });
    document.body.appendChild(app.canvas);

    loop.addSystem('render', () => app.renderer.render(app.stage)); // once per frame, after late systems
    const driver = startBrowserLoop(loop); // requestAnimationFrame drives input ... render from now on
    // readme:end
    try {
      await vi.waitFor(() => expect(loop.frame).toBeGreaterThanOrEqual(5), { timeout: 10_000, interval: 20 });
      expect(app.ticker.started).toBe(false);
      expect(Ticker.shared.started).toBe(sharedWasStarted);
      expect(driver.running).toBe(true);
    } finally {
      driver.stop();
      app.destroy(true);
    }
  });
});

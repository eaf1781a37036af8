// Starts a demo: the game loop's last render system draws the pixi stage, and tickflow/browser's
// requestAnimationFrame driver steps the loop.
import { startBrowserLoop, type BrowserLoop } from 'tickflow/browser';
import type { GameLoop } from 'tickflow/ecs';
import type { DemoPage } from './demo-page.js';
import { mountDemoInspector, type DemoInspectorOptions } from './inspector.js';

/**
 * Call after the demo registered its own systems: pixi renders after every other render system, and the
 * inspector overlay (backquote key) shows the loop's behaviours.
 *
 * @example
 * sim.loop.addSystem('render', view.sync);
 * startDemo(sim.loop, page, { entities: () => query(sim.world, [Position]), positions: Position }); // frame 1 at the next animation frame
 */
export function startDemo(loop: GameLoop, page: DemoPage, inspector: DemoInspectorOptions = {}): BrowserLoop {
  loop.addSystem('render', () => page.app.render());
  mountDemoInspector(loop.scheduler, page, inspector);
  return startBrowserLoop(loop);
}

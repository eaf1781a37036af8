// The inspector overlay in every demo: press ` (backquote) to see every behaviour and what it waits for.
import type { Scheduler } from 'tickflow';
import { mountInspectorOverlay } from 'tickflow/debug';
import { enableLiveEditing, type LiveEditing } from 'tickflow/hot';
import type { DemoPage } from './demo-page.js';

/** Entity positions in stage pixels, for clicking an entity in the scene. */
export interface PickablePositions {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Options for {@link mountDemoInspector}. */
export interface DemoInspectorOptions {
  /** Entities a click may select (ids), read fresh on every click. */
  entities?: () => Iterable<number>;
  /** Where those entities are, in stage pixels. */
  positions?: PickablePositions;
  /** How an entity is named in the panel ("guard 3"). */
  entityLabel?: (eid: number) => string;
}

/**
 * Mounts the overlay on the demo page. Closed, it costs one keydown listener.
 *
 * @example
 * mountDemoInspector(sim.scheduler, page, { entities: () => query(world, [Position]), positions: Position });
 */
export function mountDemoInspector(scheduler: Scheduler, page: DemoPage, options: DemoInspectorOptions = {}): void {
  const { entities, positions } = options;
  const canvas = page.app.canvas;
  liveEditDemo(scheduler, entities);
  mountInspectorOverlay({
    scheduler,
    entityLabel: options.entityLabel,
    pickEntityAt:
      entities === undefined || positions === undefined
        ? undefined
        : (clientX, clientY) => {
            const rect = canvas.getBoundingClientRect();
            const x = ((clientX - rect.left) * page.app.screen.width) / rect.width;
            const y = ((clientY - rect.top) * page.app.screen.height) / rect.height;
            let best: number | undefined;
            let bestSq = 28 * 28;
            for (const eid of entities()) {
              const dx = positions.x[eid] - x;
              const dy = positions.y[eid] - y;
              if (dx * dx + dy * dy < bestSq) {
                best = eid;
                bestSq = dx * dx + dy * dy;
              }
            }
            return best;
          },
  });
}

/** What a demo page shows tests about live editing (window.__tickflowLive). */
export interface DemoLiveEditing {
  readonly live: LiveEditing;
  readonly scheduler: Scheduler;
  /** How many entities the demo has now (when it said how to list them). */
  entityCount(): number | undefined;
}

let session: LiveEditing | undefined;

/**
 * Under `npm start` (the Vite dev server), saving a behaviour module restarts the demo's running
 * behaviours from the new code (docs/live-editing.md). A page that makes a new scheduler calls it again.
 *
 * @example
 * liveEditDemo(game.scheduler); // edit demos/heist/sim/guards.ts: the guards restart, the page stays
 */
export function liveEditDemo(scheduler: Scheduler, entities?: () => Iterable<number>): void {
  if (!import.meta.hot) return;
  session?.dispose();
  const live = enableLiveEditing(scheduler);
  session = live;
  const handle: DemoLiveEditing = {
    live,
    scheduler,
    entityCount: () => (entities === undefined ? undefined : [...entities()].length),
  };
  (window as unknown as { __tickflowLive: DemoLiveEditing }).__tickflowLive = handle;
}

// The inspector overlay in every demo: press ` (backquote) to see every behaviour and what it waits for.
import type { Scheduler } from 'tickflow';
import { mountInspectorOverlay } from 'tickflow/debug';
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

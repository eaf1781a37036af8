/**
 * Behaviours owned by bitECS 0.4 entities, behaviours that follow a query, and the game loop with fixed steps and six phases.
 *
 * @module tickflow/ecs
 */
// The public API of 'tickflow/ecs': behaviours owned by bitECS 0.4 entities, and the game loop.
export {
  HasBehaviours,
  attachBehaviours,
  detachBehaviours,
  spawnOn,
  behavioursOf,
  cancelOn,
  setEntityTimeScale,
  entityClock,
} from './entity-behaviours.js';
export type { AttachOptions, SpawnOnOptions, EntityClockOptions } from './entity-behaviours.js';
export { runOnQuery, startEnteredBehaviours } from './query-behaviours.js';
export type { RunOnQueryOptions, QueryBehaviours } from './query-behaviours.js';
export { createGameLoop, waitPhase, phases } from './game-loop.js';
export type { GameLoop, GameLoopOptions, LoopTime, Phase, System } from './game-loop.js';

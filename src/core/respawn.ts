// How to start a behaviour again in the place a task ran, for live editing (tickflow/hot). An adapter
// that keeps its own record of a task (tickflow/ecs: its entity's list and slot) notes here how to spawn
// a replacement into that place. Off until live editing turns it on, so a production spawn pays one
// boolean read.
import type { Behaviour } from './wait.js';

/** Internal to tickflow: the respawn notes of live tasks, kept only while `enabled`. */
export const respawnNotes: {
  enabled: boolean;
  readonly byTask: WeakMap<object, (behaviour: Behaviour<unknown>) => unknown>;
} = { enabled: false, byTask: new WeakMap() };

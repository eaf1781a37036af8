/**
 * Live editing, the browser side: saving a behaviour module restarts its running behaviours from the new code.
 *
 * @module tickflow/hot
 */
// The public API of 'tickflow/hot': the browser side of live editing. The tickflow/vite plugin writes the
// hotModule calls into behaviour modules; the game calls enableLiveEditing(scheduler) once.
export { enableLiveEditing } from './live-editing.js';
export type { LiveEdit, LiveEditing, LiveEditingOptions } from './live-editing.js';
export { hotModule } from './hot-module.js';
export type { BehaviourOrigin, HotBehaviourFunction, HotModule } from './hot-module.js';

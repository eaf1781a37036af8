// A frame wait that says how much time passed, on the behaviour's own clock: time scale applies, and
// frames do not count while that clock is paused.
import { currentTask, waitFrames, type Behaviour } from 'tickflow';

/**
 * Waits one frame and returns the ms the behaviour's clock advanced in it.
 *
 * @example
 * const dtMs = yield* nextFrame(); // the next running frame: 16 at 60 fps, 8 at timeScale 0.5
 */
export function* nextFrame(): Behaviour<number> {
  const clock = (yield* currentTask()).clock;
  const beforeMs = clock.nowMs;
  yield* waitFrames(1);
  return clock.nowMs - beforeMs;
}

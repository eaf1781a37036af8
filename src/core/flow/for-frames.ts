import { waitFrames } from '../awaitables.js';
import { TickflowError, describeValue } from '../errors.js';
import { whereNow, type Awaitable, type Behaviour } from '../wait.js';
import { checkFunction } from './check.js';

/**
 * Calls `fn(progress, frame)` on each of the next `frames` ticks of the behaviour's clock, with `progress`
 * = frame / frames (so the last call gets exactly 1), then resumes in that same tick. `forFrames(0, fn)`
 * calls nothing and does not suspend. Frames do not count while the clock is paused.
 *
 * @example
 * // a 30-frame screen shake that fades out
 * yield* forFrames(30, (progress) => { camera.shake = 8 * (1 - progress); }); // frames 1..30; 0 on frame 30
 */
export function forFrames(frames: number, fn: (progress: number, frame: number) => void): Awaitable<void> {
  if (!(Number.isInteger(frames) && frames >= 0)) {
    throw new TickflowError(
      `forFrames expects a whole number of frames >= 0, got ${describeValue(frames)}${whereNow()}. Round it (forFrames(Math.ceil(n), fn)) or use forMs.`,
    );
  }
  checkFunction('forFrames', fn, 'forFrames(30, (progress) => { ... })');
  return eachFrame(frames, fn);
}

function* eachFrame(frames: number, fn: (progress: number, frame: number) => void): Behaviour<void> {
  const next = waitFrames(1);
  for (let frame = 1; frame <= frames; frame++) {
    yield* next;
    fn(frame === frames ? 1 : frame / frames, frame);
  }
}

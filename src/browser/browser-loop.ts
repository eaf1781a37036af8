import { TickflowError, describeValue } from '../core/errors.js';
import { clampMeasuredMs, maxDtMsOption } from '../core/numbers.js';

/**
 * Anything with a `step(dtMs)`: a game loop from tickflow/ecs, or a bare scheduler wrapped.
 *
 * @example
 * startBrowserLoop({ step: (dtMs) => scheduler.tick(dtMs) }); // no ECS: one tick per animation frame
 */
export interface SteppedLoop {
  /** Runs one frame of `dtMs` real milliseconds. */
  step(dtMs: number): void;
}

/** The part of `document` the driver uses (inject a stand-in under Node). */
export interface VisibilitySource {
  /** `'hidden'` while the tab is in the background; the driver steps nothing then. */
  readonly visibilityState: string;
  /** Subscribes to `visibilitychange` (the driver does so while it runs). */
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  /** Unsubscribes (the driver does so when it stops). */
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Options for {@link startBrowserLoop}. Everything is injectable for tests; the defaults are the browser's. */
export interface BrowserLoopOptions {
  /** Default 100: the most one frame may step (the loop may clamp again with its own maxDtMs). */
  maxDtMs?: number | undefined;
  /** Default `globalThis.requestAnimationFrame`. The callback gets the frame's timestamp in ms. */
  requestAnimationFrame?: ((callback: (timestampMs: number) => void) => number) | undefined;
  /** Default `globalThis.cancelAnimationFrame`. */
  cancelAnimationFrame?: ((handle: number) => void) | undefined;
  /** Default `performance.now`: same time base as rAF timestamps. */
  nowMs?: (() => number) | undefined;
  /** Default `globalThis.document`; null to ignore visibility. */
  document?: VisibilitySource | null | undefined;
}

/**
 * A running rAF driver.
 *
 * @example
 * const driver = startBrowserLoop(loop);
 * driver.frames;  // 60 after about a second at 60 Hz
 * driver.stop();  // no step after this call
 */
export interface BrowserLoop {
  /** True from start until stop() (or until a step throws). */
  readonly running: boolean;
  /** Frames stepped (frames skipped while the page was hidden are not counted). */
  readonly frames: number;
  /** What a step threw, which stopped the driver; undefined otherwise. */
  readonly error: unknown;
  /** Stops: no step runs after this call. Idempotent. */
  stop(): void;
}

// One driver per loop: two would step every frame twice.
const driven = new WeakSet<SteppedLoop>();

class RafDriver implements BrowserLoop {
  readonly #loop: SteppedLoop;
  readonly #maxDtMs: number;
  readonly #raf: (callback: (timestampMs: number) => void) => number;
  readonly #caf: (handle: number) => void;
  readonly #nowMs: () => number;
  readonly #document: VisibilitySource | null;
  readonly #onFrame = (timestampMs: number): void => this.#frame(timestampMs);
  readonly #onVisibility = (): void => this.#visibilityChanged();
  #handle: number | null = null;
  #lastMs: number;
  #running = true;
  #frames = 0;
  #error: unknown = undefined;

  constructor(loop: SteppedLoop, options: BrowserLoopOptions) {
    this.#loop = loop;
    this.#maxDtMs = maxDtMsOption(options.maxDtMs, 'startBrowserLoop');
    const raf = options.requestAnimationFrame ?? globalThis.requestAnimationFrame?.bind(globalThis);
    const caf = options.cancelAnimationFrame ?? globalThis.cancelAnimationFrame?.bind(globalThis);
    if (typeof raf !== 'function' || typeof caf !== 'function') {
      throw new TickflowError(
        'startBrowserLoop needs requestAnimationFrame and cancelAnimationFrame (a browser). Under Node, step the loop by hand ' +
          '(loop.step(dtMs), loop.runFor(ms)) or pass them in the options.',
      );
    }
    this.#raf = raf;
    this.#caf = caf;
    const now = options.nowMs ?? (typeof performance === 'undefined' ? Date.now : () => performance.now());
    this.#nowMs = now;
    this.#document = options.document === undefined ? (globalThis.document ?? null) : options.document;
    // The first frame measures from now (rAF timestamps share performance.now's time base).
    this.#lastMs = now();
    this.#document?.addEventListener('visibilitychange', this.#onVisibility);
    this.#handle = raf(this.#onFrame);
  }

  get running(): boolean {
    return this.#running;
  }
  get frames(): number {
    return this.#frames;
  }
  get error(): unknown {
    return this.#error;
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    if (this.#handle !== null) this.#caf(this.#handle);
    this.#handle = null;
    this.#document?.removeEventListener('visibilitychange', this.#onVisibility);
    driven.delete(this.#loop);
  }

  #frame(timestampMs: number): void {
    this.#handle = null;
    if (!this.#running) return;
    if (this.#document !== null && this.#document.visibilityState === 'hidden') {
      // Some hosts still call rAF for hidden pages: skip those frames; time restarts on visible.
      this.#handle = this.#raf(this.#onFrame);
      return;
    }
    // A timestamp can precede the moment the driver (re)started (the frame began before that): it steps 0.
    const dtMs = clampMeasuredMs(timestampMs - this.#lastMs, this.#maxDtMs);
    if (timestampMs > this.#lastMs) this.#lastMs = timestampMs;
    try {
      this.#loop.step(dtMs);
    } catch (error) {
      this.#error = error;
      this.stop();
      throw error;
    }
    this.#frames++;
    if (this.#running) this.#handle = this.#raf(this.#onFrame);
  }

  #visibilityChanged(): void {
    // Back from a hidden tab: measure the next frame from now, so the hidden time is not replayed
    // as a burst of catch-up steps (timers, fixed steps) on return.
    if (this.#document !== null && this.#document.visibilityState !== 'hidden') this.#lastMs = this.#nowMs();
  }
}

/**
 * Drives a loop with requestAnimationFrame: each frame steps it by the time since the previous
 * frame (from rAF timestamps, clamped to `maxDtMs`). While the page is hidden no step runs, and on
 * return the next frame is measured from the moment the page became visible: no catch-up burst.
 * If a step throws, the driver stops and rethrows (the browser reports it); see `error`.
 *
 * @example
 * const loop = createGameLoop({ world, scheduler });
 * const driver = startBrowserLoop(loop); // frame 1 at the next rAF, dtMs from timestamps
 * pauseButton.onclick = () => driver.stop();
 */
export function startBrowserLoop(loop: SteppedLoop, options: BrowserLoopOptions = {}): BrowserLoop {
  if (typeof loop !== 'object' || loop === null || typeof loop.step !== 'function') {
    throw new TickflowError(`startBrowserLoop expects a loop with step(dtMs) (createGameLoop from tickflow/ecs), got ${describeValue(loop)}.`);
  }
  if (driven.has(loop)) {
    throw new TickflowError('startBrowserLoop: this loop already has a running driver; stop() it before starting another, or every frame would step twice.');
  }
  const driver = new RafDriver(loop, options);
  driven.add(loop);
  return driver;
}

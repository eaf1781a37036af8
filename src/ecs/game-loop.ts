import type { World } from 'bitecs';
import { currentTask } from '../core/awaitables.js';
import type { Clock } from '../core/clock.js';
import { TickflowError, describeValue } from '../core/errors.js';
import { clampFrameMs, isFiniteFrom, isFinitePositive, maxDtMsOption } from '../core/numbers.js';
import type { Scheduler } from '../core/scheduler.js';
import { createSignal, waitSignal, type Signal } from '../core/signal.js';
import type { Awaitable, Behaviour } from '../core/wait.js';
import { attachBehaviours, stateOf, type WorldBehaviours } from './entity-behaviours.js';

/**
 * The phases of one loop frame, in the order they run:
 * input -> fixed (0..maxFixedStepsPerFrame steps) -> behaviours (scheduler.tick) -> update -> late -> render.
 */
export type Phase = 'input' | 'fixed' | 'behaviours' | 'update' | 'late' | 'render';

/**
 * Every {@link Phase}, in run order.
 *
 * @example
 * for (const phase of phases) loop.addSystem(phase, traceSystem); // logs input, fixed, ... each frame
 */
export const phases: readonly Phase[] = Object.freeze(['input', 'fixed', 'behaviours', 'update', 'late', 'render'] as const);

/**
 * What a system gets besides the world. One object, reused (read it, do not keep it).
 *
 * @example
 * loop.addSystem('render', (world, time) => {
 *   // frame 7, after 2 fixed steps of 10 ms and 5 ms left over: time.alpha === 0.5
 *   sprite.x = lerp(previousX, Position.x[eid], time.alpha);
 * });
 */
export interface LoopTime {
  /** The phase running now. */
  readonly phase: Phase;
  /** The loop's frame, 1 for the first step. */
  readonly frame: number;
  /** Fixed phase: `fixedStepMs`. Other phases: this frame's real elapsed ms, clamped to `maxDtMs`. */
  readonly dtMs: number;
  /**
   * The same span measured on the loop's clock: scaled by its time scale (and its parents'), 0 while
   * it is paused. Fixed phase: `fixedStepMs` (steps only happen while the clock runs).
   */
  readonly clockDtMs: number;
  /**
   * How far the clock is between the last fixed step and the next, 0 to 1: interpolate rendered
   * positions with it. Set by the fixed phase.
   */
  readonly alpha: number;
}

/**
 * A bitECS system: a function of the world (and the loop's time), registered into a phase.
 *
 * @example
 * const movement: System = (world, time) => {
 *   for (const eid of query(world, [Position, Velocity])) Position.x[eid] += Velocity.x[eid] * time.dtMs;
 * };
 */
export type System<W extends World = World> = (world: W, time: LoopTime) => void;

/** Options for {@link createGameLoop}. */
export interface GameLoopOptions<W extends World> {
  /** The bitECS world: its systems get it, and its entities own behaviours (the loop attaches them). */
  world: W;
  /** The scheduler the loop ticks once per frame, in the behaviours phase. */
  scheduler: Scheduler;
  /** Length of one fixed simulation step. Default 1000 / 60 (60 Hz). */
  fixedStepMs?: number | undefined;
  /**
   * Most fixed steps in one frame. Time beyond that is dropped (whole steps; the part below one step
   * is kept), so a slow frame cannot make the next one slower. Default 8.
   */
  maxFixedStepsPerFrame?: number | undefined;
  /** The most real time one frame may advance (a stall or a breakpoint). Default 100. */
  maxDtMs?: number | undefined;
  /**
   * The world's clock group: the fixed phase accumulates this clock's time (pausing it pauses the
   * simulation), and entity behaviours run on it. Default: the group given to attachBehaviours, else
   * the scheduler's game clock.
   */
  clock?: Clock | undefined;
}

/**
 * One game loop over one bitECS world and one scheduler. Drive it with `step(dtMs)` (Node, tests,
 * servers) or `startBrowserLoop(loop)` from tickflow/browser (requestAnimationFrame).
 *
 * @example
 * const loop = createGameLoop({ world, scheduler });
 * loop.runFor(1000); // 60 frames of 16.7 ms: loop.frame === 60, loop.fixedSteps === 60
 */
export interface GameLoop<W extends World = World> {
  /** The bitECS world its systems run on. */
  readonly world: W;
  /** The scheduler it ticks in the behaviours phase. */
  readonly scheduler: Scheduler;
  /** The clock group the simulation follows (see {@link GameLoopOptions.clock}). */
  readonly clock: Clock;
  /** Length of one fixed step, in ms of the loop's clock. */
  readonly fixedStepMs: number;
  /** Most fixed steps one frame runs; time beyond them is dropped (see `droppedFixedMs`). */
  readonly maxFixedStepsPerFrame: number;
  /** The most real time one frame advances; longer frames are clamped to it. */
  readonly maxDtMs: number;
  /** Frames stepped so far. */
  readonly frame: number;
  /** Real ms stepped so far (each frame clamped to maxDtMs). */
  readonly nowMs: number;
  /** The phase running now, or null between frames. */
  readonly phase: Phase | null;
  /** Fixed steps run so far. */
  readonly fixedSteps: number;
  /** Clock ms the fixed phase dropped because of maxFixedStepsPerFrame. */
  readonly droppedFixedMs: number;
  /** Registers a system into a phase, after the ones already there. Returns its remover. */
  addSystem(phase: Phase, system: System<W>): () => void;
  /** Runs one frame of `dtMs` real milliseconds through every phase. */
  step(dtMs: number): void;
  /**
   * Steps frames of `frameMs` (default `fixedStepMs`) until `ms` have passed; the last frame is
   * shorter when `ms` is not a multiple. Returns the number of frames.
   */
  runFor(ms: number, frameMs?: number): number;
}

// Floating-point slack: 60 frames of 1000/60 ms must give exactly 60 steps of 1000/60 ms.
const EPSILON_MS = 1e-6;

interface MutableLoopTime {
  phase: Phase;
  frame: number;
  dtMs: number;
  clockDtMs: number;
  alpha: number;
}

class GameLoopState<W extends World> implements GameLoop<W> {
  readonly world: W;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly fixedStepMs: number;
  readonly maxFixedStepsPerFrame: number;
  readonly maxDtMs: number;
  readonly #behaviours: WorldBehaviours;
  // Copy on write: a system added or removed during a phase takes effect from the next run of it.
  readonly #systems: Record<Phase, readonly System<W>[]> = { input: [], fixed: [], behaviours: [], update: [], late: [], render: [] };
  readonly #signals: Record<Phase, Signal<void>>;
  readonly #time: MutableLoopTime = { phase: 'input', frame: 0, dtMs: 0, clockDtMs: 0, alpha: 0 };
  #frame = 0;
  #nowMs = 0;
  #phase: Phase | null = null;
  #accumulatorMs = 0;
  #fixedSteps = 0;
  #droppedFixedMs = 0;

  constructor(options: GameLoopOptions<W>) {
    const { world, scheduler } = options;
    this.fixedStepMs = positive(options.fixedStepMs ?? 1000 / 60, 'createGameLoop: fixedStepMs', 'milliseconds, e.g. 1000 / 60 for 60 Hz');
    const maxSteps = options.maxFixedStepsPerFrame ?? 8;
    if (!(Number.isInteger(maxSteps) && maxSteps >= 1)) {
      throw new TickflowError(`createGameLoop: maxFixedStepsPerFrame must be an integer >= 1, got ${describeValue(maxSteps)}. The default is 8.`);
    }
    this.maxFixedStepsPerFrame = maxSteps;
    this.maxDtMs = maxDtMsOption(options.maxDtMs, 'createGameLoop');
    attachBehaviours(world, scheduler, options.clock === undefined ? {} : { clock: options.clock });
    this.world = world;
    this.scheduler = scheduler;
    this.#behaviours = stateOf(world, 'createGameLoop');
    this.clock = this.#behaviours.clock;
    this.#signals = {
      input: createSignal('phase input'),
      fixed: createSignal('phase fixed'),
      behaviours: createSignal('phase behaviours'),
      update: createSignal('phase update'),
      late: createSignal('phase late'),
      render: createSignal('phase render'),
    };
  }

  get frame(): number {
    return this.#frame;
  }
  get nowMs(): number {
    return this.#nowMs;
  }
  get phase(): Phase | null {
    return this.#phase;
  }
  get fixedSteps(): number {
    return this.#fixedSteps;
  }
  get droppedFixedMs(): number {
    return this.#droppedFixedMs;
  }

  /** @internal The signal emitted when `phase` begins. */
  signalOf(phase: Phase, what: string): Signal<void> {
    if (!phases.includes(phase)) throw badPhase(phase, what);
    return this.#signals[phase];
  }

  addSystem(phase: Phase, system: System<W>): () => void {
    if (!phases.includes(phase)) throw badPhase(phase, 'addSystem');
    if (typeof system !== 'function') {
      throw new TickflowError(`addSystem("${phase}") expects a system function (world, time) => void, got ${describeValue(system)}.`);
    }
    if (this.#systems[phase].includes(system)) {
      throw new TickflowError(`addSystem("${phase}"): ${describeValue(system)} is already registered in this phase.`);
    }
    this.#systems[phase] = [...this.#systems[phase], system];
    return () => {
      this.#systems[phase] = this.#systems[phase].filter((registered) => registered !== system);
    };
  }

  step(dtMs: number): void {
    const frameMs = clampFrameMs(dtMs, this.maxDtMs, 'loop.step');
    const current = this.scheduler.current;
    if (current !== null) {
      throw new TickflowError(
        `loop.step() was called from inside behaviour "${current.path}". The driver steps the loop; ` +
          'inside a behaviour, wait for the next frame with yield* waitFrames(1) or yield* waitPhase(loop, phase).',
      );
    }
    if (this.#phase !== null) {
      throw new TickflowError(`loop.step() was called during the "${this.#phase}" phase (from a system?). Step the loop once per frame from its driver.`);
    }
    const clockMs = frameMs * clockRate(this.clock);
    const time = this.#time;
    this.#frame++;
    this.#nowMs += frameMs;
    time.frame = this.#frame;
    try {
      this.#run('input', frameMs, clockMs);
      this.#fixed(clockMs);
      // Behaviours: entities that entered runOnQuery queries start, the scheduler ticks, and those
      // that entered during the tick (spawned by behaviours) start too, all in this frame.
      this.#enter('behaviours', frameMs, clockMs);
      this.#behaviours.flush();
      this.scheduler.tick(frameMs);
      this.#behaviours.flush();
      this.#systemsOf('behaviours');
      this.#run('update', frameMs, clockMs);
      this.#run('late', frameMs, clockMs);
      this.#run('render', frameMs, clockMs);
    } finally {
      this.#phase = null;
    }
  }

  runFor(ms: number, frameMs: number = this.fixedStepMs): number {
    if (!isFiniteFrom(ms, 0)) {
      throw new TickflowError(`loop.runFor expects a finite number of milliseconds >= 0, got ${describeValue(ms)}.`);
    }
    positive(frameMs, 'loop.runFor: frameMs', 'milliseconds per frame, e.g. 1000 / 60');
    const frames = Math.floor(ms / frameMs + 1e-9);
    for (let i = 0; i < frames; i++) this.step(frameMs);
    const restMs = ms - frames * frameMs;
    if (restMs <= EPSILON_MS) return frames;
    this.step(restMs);
    return frames + 1;
  }

  #enter(phase: Phase, dtMs: number, clockDtMs: number): void {
    const time = this.#time;
    this.#phase = phase;
    time.phase = phase;
    time.dtMs = dtMs;
    time.clockDtMs = clockDtMs;
    this.#signals[phase].emit();
  }

  #systemsOf(phase: Phase): void {
    const systems = this.#systems[phase];
    const world = this.world;
    const time = this.#time;
    for (let i = 0; i < systems.length; i++) systems[i](world, time);
  }

  #run(phase: Phase, dtMs: number, clockDtMs: number): void {
    this.#enter(phase, dtMs, clockDtMs);
    this.#systemsOf(phase);
  }

  /** The accumulator: whole steps of fixedStepMs clock time, at most maxFixedStepsPerFrame. */
  #fixed(clockMs: number): void {
    const stepMs = this.fixedStepMs;
    this.#enter('fixed', stepMs, stepMs);
    let accumulatorMs = this.#accumulatorMs + clockMs;
    let steps = 0;
    while (accumulatorMs >= stepMs - EPSILON_MS) {
      if (steps === this.maxFixedStepsPerFrame) {
        // Over the cap: drop whole steps, keep the fraction so the step phase stays smooth.
        const dropped = Math.floor((accumulatorMs + EPSILON_MS) / stepMs);
        accumulatorMs -= dropped * stepMs;
        this.#droppedFixedMs += dropped * stepMs;
        break;
      }
      this.#systemsOf('fixed');
      accumulatorMs -= stepMs;
      steps++;
      this.#fixedSteps++;
    }
    if (accumulatorMs < 0) accumulatorMs = 0;
    this.#accumulatorMs = accumulatorMs;
    this.#time.alpha = accumulatorMs / stepMs;
  }
}

/**
 * Makes a game loop for a bitECS world: attaches the world to the scheduler (see attachBehaviours)
 * and runs, every frame, the phases input, fixed, behaviours, update, late and render, each with
 * the systems registered into it.
 *
 * @example
 * const loop = createGameLoop({ world, scheduler, fixedStepMs: 1000 / 60 });
 * loop.addSystem('fixed', physicsSystem);   // 0..8 times per frame, dtMs = 16.7
 * loop.addSystem('render', renderSystem);   // once per frame, last
 * loop.step(33.4);                          // frame 1: two physics steps, one tick, one render
 */
export function createGameLoop<W extends World>(options: GameLoopOptions<W>): GameLoop<W> {
  if (typeof options !== 'object' || options === null) {
    throw new TickflowError(`createGameLoop expects { world, scheduler }, got ${describeValue(options)}.`);
  }
  if (typeof options.world !== 'object' || options.world === null) {
    throw new TickflowError(`createGameLoop: world must be a bitECS world from createWorld(), got ${describeValue(options.world)}.`);
  }
  return new GameLoopState(options);
}

/**
 * Waits until the loop next begins `phase` (resuming before that phase's systems). Use it for work
 * that must happen at a point of the frame: after physics (`'update'`), before drawing (`'render'`).
 * Phases are events, so the wait ends outside `scheduler.tick`; but it honours pause: while the
 * behaviour's clock (or a parent) is paused it keeps waiting. Waiting for the phase that runs now
 * means the next frame's.
 *
 * @example
 * function* followCamera(loop: GameLoop, eid: number): Behaviour {
 *   for (;;) {
 *     yield* waitPhase(loop, 'late'); // frame n: after physics and update systems, before render
 *     camera.x = Position.x[eid];
 *   }
 * }
 */
export function waitPhase<W extends World>(loop: GameLoop<W>, phase: Phase): Awaitable<void> {
  if (!(loop instanceof GameLoopState)) {
    throw new TickflowError(`waitPhase expects a loop from createGameLoop(), got ${describeValue(loop)}.`);
  }
  return waitPhaseOf(loop.signalOf(phase, 'waitPhase'));
}

function* waitPhaseOf(signal: Signal<void>): Behaviour<void> {
  const task = yield* currentTask();
  do {
    yield* waitSignal(signal);
  } while (isPaused(task.clock));
}

/** Effective speed of a clock now: the product of scales up the tree, 0 when any is paused. */
function clockRate(clock: Clock): number {
  let rate = 1;
  for (let c: Clock | null = clock; c !== null; c = c.parent) {
    if (c.paused) return 0;
    rate *= c.timeScale;
  }
  return rate;
}

function isPaused(clock: Clock): boolean {
  for (let c: Clock | null = clock; c !== null; c = c.parent) if (c.paused) return true;
  return false;
}

function positive(value: number, name: string, hint: string): number {
  if (!isFinitePositive(value)) {
    throw new TickflowError(`${name} must be a finite number > 0 (${hint}), got ${describeValue(value)}.`);
  }
  return value;
}

function badPhase(phase: unknown, what: string): TickflowError {
  return new TickflowError(`${what}: unknown phase ${describeValue(phase)}. The phases are ${phases.map((p) => `'${p}'`).join(', ')}.`);
}

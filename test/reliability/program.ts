// Random programs for the model-based tests: behaviours described as data (lists of steps), one interpreter
// that turns a description into a generator for either scheduler, and the top-level operations a game loop
// performs between and during ticks. The same program runs on tickflow and on the reference scheduler; both
// write one log (resumes with their results, finally blocks, caught errors, onError reports, task states after
// each operation), and the two logs must be equal line for line.
import { addEntity, createWorld, removeEntity } from 'bitecs';
import fc from 'fast-check';
import { attachBehaviours, spawnOn as spawnOnEntity } from '../../src/ecs/index.js';
import {
  all,
  createScheduler,
  createSignal,
  race,
  waitFrames,
  nextFrame,
  waitMs,
  waitRealMs,
  lateness,
  deltaMs,
  timeNowMs,
  waitSignal,
  waitUntil,
  waitWhile,
  type Behaviour,
  type Clock,
  type Signal,
  type Task,
} from '../../src/index.js';
import {
  RefScheduler,
  RefSignal,
  RefWorld,
  refWait,
  type RefBehaviour,
  type RefClock,
  type RefAwaitable,
  type RefItem,
  type RefTask,
  type RefWait,
} from './reference-scheduler.js';

// ---- the program language ----

export type ClockChoice = 'inherit' | 'game' | 'ui' | 'real';
export type WaitStep =
  | { s: 'frames'; n: number; /** As a step: `yield nextFrame` (n is 1) instead of yield* waitFrames(1). */ fast?: boolean }
  | { s: 'ms'; ms: number }
  | { s: 'realMs'; ms: number }
  | { s: 'signal'; k: number }
  | { s: 'until'; k: number; until: boolean };
/** `task` picks registry[index % registry.length]: every task spawned by a `spawn` op or step, in order. */
export type TaskRef = { r: 'task'; index: number } | { r: 'self' } | { r: 'parent' } | { r: 'child' };
export type GroupItem = { i: 'body'; body: number } | { i: 'task'; index: number } | { i: 'wait'; wait: WaitStep };
export type Step =
  | WaitStep
  | { s: 'spawn'; body: number; detached: boolean; clock: ClockChoice; entity: number | null; background?: boolean }
  | { s: 'join'; ref: TaskRef }
  | { s: 'all'; items: GroupItem[] }
  | { s: 'race'; items: GroupItem[] }
  | { s: 'emit'; k: number; value: number }
  | { s: 'cancel'; ref: TaskRef }
  | { s: 'throw' }
  | { s: 'flag'; k: number; value: number }
  | { s: 'timeScale'; clock: 'game' | 'ui'; value: number }
  | { s: 'pause'; clock: 'game' | 'ui'; value: boolean }
  | { s: 'removeEntity'; entity: number }
  | { s: 'return' };

/**
 * One behaviour: `steps` (run `loops` times), then return `result`. With `catches`, an error is logged and
 * `afterCatch` runs. `finallySteps` run in a finally block (on return, failure and cancel).
 * A behaviour may spawn (or put in all/race) only bodies with a higher index, so every program ends.
 */
export interface BodySpec {
  steps: Step[];
  loops: number;
  catches: boolean;
  afterCatch: Step[];
  finallySteps: Step[];
  result: number;
}

export type Op =
  | { op: 'tick'; dtMs: number }
  | { op: 'spawn'; body: number; detached: boolean; clock: ClockChoice; entity: number | null }
  | { op: 'cancel'; index: number }
  | { op: 'emit'; k: number; value: number }
  | { op: 'flag'; k: number; value: number }
  | { op: 'timeScale'; clock: 'game' | 'ui'; value: number }
  | { op: 'pause'; clock: 'game' | 'ui'; value: boolean }
  | { op: 'removeEntity'; entity: number }
  | { op: 'cancelAll' };

export interface Program {
  /**
   * With `ecs`, spawns on an entity use tickflow/ecs spawnOn on a bitECS world (entity k is created on first
   * use; after its removal the next use creates a new one, perhaps with a recycled id) and removeEntity is
   * bitECS's own. Without, removeEntity cancels the tasks spawned with that entity number, newest first.
   */
  ecs: boolean;
  maxDtMs: number;
  bodies: BodySpec[];
  ops: Op[];
}

/** Spawns beyond this many (per program) turn into no-ops, so random programs stay small. */
const SPAWN_LIMIT = 150;

// ---- one interpreter for both schedulers ----

/** What the interpreter needs from a scheduler. `T` is its task type. */
interface Env<T> {
  readonly program: Program;
  readonly log: string[];
  readonly flags: number[];
  readonly registry: T[];
  spawnCount: number;
  now(): string;
  current(): T;
  path(task: T): string;
  parent(task: T): T | null;
  wait(step: WaitStep): Iterable<unknown>;
  /** `yield nextFrame` on tickflow (a bare yield, passed through by yield*), waitFrames(1) on the reference. */
  nextFrame(): Iterable<unknown>;
  /** How late the running behaviour's last timer resumed (lateness()). */
  lateness(): Iterable<unknown>;
  /** The running behaviour's clock step in the latest tick (deltaMs()). */
  deltaMs(): Iterable<unknown>;
  /** The logical now on the running behaviour's clock (timeNowMs()). */
  timeNowMs(): Iterable<unknown>;
  makeBehaviour(body: number): Iterable<unknown>;
  spawn(body: number, detached: boolean, clock: ClockChoice, entity: number | null, background: boolean): T;
  join(task: T): Iterable<unknown>;
  group(race: boolean, items: unknown[]): Iterable<unknown>;
  emit(k: number, value: number): void;
  cancel(task: T): void;
  setTimeScale(clock: 'game' | 'ui', value: number): void;
  setPaused(clock: 'game' | 'ui', value: boolean): void;
  removeEntity(entity: number): void;
}

interface Local<T> {
  me: string;
  self: T;
  body: number;
  child: T | undefined;
}

const RETURN = Symbol('return');

function* behaviour<T>(env: Env<T>, body: number): Generator<unknown, number, unknown> {
  const spec = env.program.bodies[body];
  const local: Local<T> = { me: env.path(env.current()), self: env.current(), body, child: undefined };
  const log = env.log;
  log.push(`${local.me} start ${env.now()}`);
  try {
    for (let loop = 0; loop < spec.loops; loop++) {
      for (const step of spec.steps) {
        if ((yield* execute(env, step, local)) === RETURN) return spec.result;
      }
    }
    log.push(`${local.me} returns ${spec.result}`);
    return spec.result;
  } catch (error) {
    if (!spec.catches) throw error;
    log.push(`${local.me} caught ${describeError(error)}`);
    for (const step of spec.afterCatch) {
      if ((yield* execute(env, step, local)) === RETURN) break;
    }
    return -spec.result;
  } finally {
    log.push(`${local.me} finally ${env.now()}`);
    for (const step of spec.finallySteps) {
      if ((yield* execute(env, step, local)) === RETURN) break;
    }
  }
}

function childBody(env: Env<unknown>, parentBody: number, raw: number): number | undefined {
  const count = env.program.bodies.length;
  if (parentBody >= count - 1 || env.spawnCount >= SPAWN_LIMIT) return undefined;
  env.spawnCount++;
  return parentBody + 1 + (raw % (count - parentBody - 1));
}

function resolve<T>(env: Env<T>, ref: TaskRef, local: Local<T>): T | undefined {
  switch (ref.r) {
    case 'task':
      return env.registry.length === 0 ? undefined : env.registry[ref.index % env.registry.length];
    case 'self':
      return local.self;
    case 'parent':
      return env.parent(local.self) ?? undefined;
    case 'child':
      return local.child;
  }
}

function* execute<T>(env: Env<T>, step: Step, local: Local<T>): Generator<unknown, typeof RETURN | undefined, unknown> {
  const { log, me } = { log: env.log, me: local.me };
  switch (step.s) {
    case 'frames':
    case 'ms':
    case 'realMs':
    case 'signal':
    case 'until': {
      const value = yield* (step.s === 'frames' && step.fast === true ? env.nextFrame() : env.wait(step));
      // After a timer that suspended (waitMs(0) does not), log how late it resumed.
      const late = (step.s === 'ms' || step.s === 'realMs') && step.ms > 0 ? ` late ${format(yield* env.lateness())}` : '';
      // The clock as the behaviour reads it: its logical now after a timer, its step after a frame wait.
      const clockRead = step.s === 'ms' ? ` t ${format(yield* env.timeNowMs())}` : step.s === 'frames' ? ` dt ${format(yield* env.deltaMs())}` : '';
      log.push(`${me} ${describeWait(step)} -> ${format(value)}${late}${clockRead} ${env.now()}`);
      return undefined;
    }
    case 'spawn': {
      const body = childBody(env as Env<unknown>, local.body, step.body);
      if (body === undefined) return undefined;
      const task = env.spawn(body, step.detached, step.clock, step.entity, step.background === true);
      local.child = task;
      env.registry.push(task);
      log.push(`${me} spawned ${env.path(task)}`);
      return undefined;
    }
    case 'join': {
      const task = resolve(env, step.ref, local);
      if (task === undefined) return undefined;
      log.push(`${me} joins ${env.path(task)}`);
      const value = yield* env.join(task);
      log.push(`${me} joined ${env.path(task)} -> ${format(value)} ${env.now()}`);
      return undefined;
    }
    case 'all':
    case 'race': {
      const items = step.items.map((item): unknown => {
        if (item.i === 'wait') return env.wait(item.wait);
        if (item.i === 'task') {
          if (env.registry.length > 0) return env.registry[item.index % env.registry.length];
          return env.wait({ s: 'frames', n: 1 });
        }
        const body = childBody(env as Env<unknown>, local.body, item.body);
        return body === undefined ? env.wait({ s: 'frames', n: 1 }) : env.makeBehaviour(body);
      });
      const value = yield* env.group(step.s === 'race', items);
      log.push(`${me} ${step.s} -> ${format(value)} ${env.now()}`);
      return undefined;
    }
    case 'emit':
      log.push(`${me} emits s${step.k}=${step.value}`);
      env.emit(step.k, step.value);
      return undefined;
    case 'cancel': {
      const task = resolve(env, step.ref, local);
      if (task === undefined) return undefined;
      log.push(`${me} cancels ${env.path(task)}`);
      env.cancel(task);
      return undefined;
    }
    case 'throw':
      throw new Error(`boom from ${me}`);
    case 'flag':
      env.flags[step.k] = step.value;
      return undefined;
    case 'timeScale':
      env.setTimeScale(step.clock, step.value);
      return undefined;
    case 'pause':
      env.setPaused(step.clock, step.value);
      return undefined;
    case 'removeEntity':
      log.push(`${me} removes entity ${step.entity}`);
      env.removeEntity(step.entity);
      return undefined;
    case 'return':
      log.push(`${me} returns early`);
      return RETURN;
  }
}

/** A bare `yield nextFrame`; `yield*` of this generator hands it to the scheduler as the behaviour's own yield. */
function* fastFrame(): Generator<unknown, undefined, unknown> {
  yield nextFrame;
  return undefined;
}

function predicate(flags: number[], k: number): () => boolean {
  return () => {
    const value = flags[k];
    if (value === 2) throw new Error(`flag ${k} predicate threw`);
    return value === 1;
  };
}

// ---- running a program ----

interface Runner {
  log: string[];
  run(op: Op): void;
}

/** Runs `program` on tickflow or on the reference and returns the log. */
export function runProgram(program: Program, on: 'tickflow' | 'reference'): string[] {
  const runner = on === 'tickflow' ? tickflowRunner(program) : referenceRunner(program);
  program.ops.forEach((op, index) => {
    runner.log.push(`--- op ${index}: ${JSON.stringify(op)}`);
    try {
      runner.run(op);
    } catch (error) {
      runner.log.push(`op threw ${describeError(error)}`);
    }
  });
  return runner.log;
}

function tickflowRunner(program: Program): Runner {
  const log: string[] = [];
  const scheduler = createScheduler({
    maxDtMs: program.maxDtMs,
    onError: (error, task) => log.push(`onError ${task.path} (current ${scheduler.current?.path ?? 'none'}): ${describeError(error)}`),
  });
  const ui = scheduler.createClock('ui');
  const signals: Signal<number>[] = [createSignal<number>('s0'), createSignal<number>('s1')];
  const flags = [0, 0];
  const clockOf = (choice: ClockChoice): Clock | undefined =>
    choice === 'inherit' ? undefined : choice === 'game' ? scheduler.clock : choice === 'ui' ? ui : scheduler.realClock;
  const env: Env<Task<unknown>> = {
    program,
    log,
    flags,
    registry: [],
    spawnCount: 0,
    now: () => `f${scheduler.frame} g${scheduler.nowMs} u${ui.nowMs} r${scheduler.realNowMs}`,
    current: () => scheduler.current!,
    path: (task) => task.path,
    parent: (task) => task.parent,
    wait(step) {
      switch (step.s) {
        case 'frames':
          return waitFrames(step.n);
        case 'ms':
          return waitMs(step.ms);
        case 'realMs':
          return waitRealMs(step.ms);
        case 'signal':
          return waitSignal(signals[step.k]);
        case 'until':
          return step.until ? waitUntil(predicate(flags, step.k)) : waitWhile(predicate(flags, step.k));
      }
    },
    nextFrame: () => fastFrame(),
    lateness: () => lateness(),
    deltaMs: () => deltaMs(),
    timeNowMs: () => timeNowMs(),
    makeBehaviour: (body) => behaviour(env, body),
    spawn: (body, detached, clock, entity, background) => spawnOn(body, detached, clock, entity, background),
    join: (task) => task,
    group: (isRace, items) => (isRace ? race(items as Behaviour<unknown>[]) : all(items as Behaviour<unknown>[])),
    emit: (k, value) => signals[k].emit(value),
    cancel: (task) => task.cancel(),
    setTimeScale: (clock, value) => {
      (clock === 'game' ? scheduler.clock : ui).timeScale = value;
    },
    setPaused: (clock, value) => {
      (clock === 'game' ? scheduler.clock : ui).paused = value;
    },
    removeEntity: () => {},
  };
  // tickflow/ecs: entity k of the program is a bitECS entity, made on first use.
  const world = program.ecs ? createWorld() : undefined;
  if (world !== undefined) attachBehaviours(world, scheduler);
  const entities = new Map<number, number>();
  const removing = new Set<number>();
  const eidOf = (entity: number): number => {
    let eid = entities.get(entity);
    if (eid === undefined) entities.set(entity, (eid = addEntity(world!)));
    return eid;
  };
  const spawnOn = (body: number, detached: boolean, clock: ClockChoice, entity: number | null, background = false): Task<unknown> => {
    if (world !== undefined && entity !== null) {
      return spawnOnEntity(world, eidOf(entity), behaviour(env, body) as unknown as Behaviour<number>, { name: `b${body}` });
    }
    return scheduler.spawn(behaviour(env, body) as unknown as Behaviour<number>, {
      name: `b${body}`,
      detached,
      background,
      clock: clockOf(clock),
      entity: entity ?? undefined,
    });
  };
  const removeEntityNumbered = (entity: number): void => {
    if (world === undefined) {
      for (let i = env.registry.length - 1; i >= 0; i--) if (env.registry[i].entity === entity) env.registry[i].cancel();
      return;
    }
    // (The model does not remove an entity again from inside its own removal.)
    const eid = entities.get(entity);
    if (eid === undefined || removing.has(entity)) return;
    removing.add(entity);
    try {
      removeEntity(world, eid);
    } finally {
      removing.delete(entity);
      entities.delete(entity);
    }
  };
  env.removeEntity = removeEntityNumbered;
  const snapshot = (): void => {
    const states = env.registry.map((task) => `${task.path}=${describeEnd(task.status, task.result, task.error)}[${task.children().map((c) => c.id).join(',')}]`);
    log.push(`state live=${scheduler.liveCount} roots=[${scheduler.roots().map((t) => t.id).join(',')}] ${states.join(' ')}`);
    log.push(`signals waiting ${signals.map((s) => s.waiting).join(',')}`);
  };
  return {
    log,
    run(op) {
      runOp(op, {
        tick: (dtMs) => scheduler.tick(dtMs),
        spawn: (o) => env.registry.push(spawnOn(o.body, o.detached, o.clock, o.entity)),
        cancel: (index) => env.registry.length > 0 && env.registry[index % env.registry.length].cancel(),
        emit: (k, value) => signals[k].emit(value),
        flag: (k, value) => (flags[k] = value),
        timeScale: (clock, value) => env.setTimeScale(clock, value),
        pause: (clock, value) => env.setPaused(clock, value),
        removeEntity: (entity) => removeEntityNumbered(entity),
        cancelAll: () => scheduler.cancelAll(),
      });
      snapshot();
    },
  };
}

function referenceRunner(program: Program): Runner {
  const log: string[] = [];
  const scheduler = new RefScheduler({
    maxDtMs: program.maxDtMs,
    onError: (error, task) => log.push(`onError ${task.path} (current ${scheduler.current?.path ?? 'none'}): ${describeError(error)}`),
  });
  const ui = scheduler.createClock('ui');
  const signals = [new RefSignal('s0'), new RefSignal('s1')];
  const flags = [0, 0];
  const clockOf = (choice: ClockChoice): RefClock | undefined =>
    choice === 'inherit' ? undefined : choice === 'game' ? scheduler.game : choice === 'ui' ? ui : scheduler.real;
  const waitOf = (step: WaitStep): RefWait => {
    switch (step.s) {
      case 'frames':
        return { kind: 'frames', frames: step.n };
      case 'ms':
        return { kind: 'ms', ms: step.ms };
      case 'realMs':
        return { kind: 'realMs', ms: step.ms };
      case 'signal':
        return { kind: 'signal', signal: signals[step.k] };
      case 'until':
        return { kind: 'until', predicate: predicate(flags, step.k), until: step.until };
    }
  };
  const env: Env<RefTask> = {
    program,
    log,
    flags,
    registry: [],
    spawnCount: 0,
    now: () => `f${scheduler.frame} g${scheduler.game.nowMs} u${ui.nowMs} r${scheduler.real.nowMs}`,
    current: () => scheduler.current!,
    path: (task) => task.path,
    parent: (task) => task.parent,
    wait(step) {
      // waitFrames(0) and waitMs(0) complete without suspending (in all/race: a member that ends at once).
      if (step.s === 'frames' && step.n === 0) return awaitable(undefined, () => immediate(undefined));
      if ((step.s === 'ms' || step.s === 'realMs') && step.ms === 0) return awaitable(undefined, () => immediate(undefined));
      return awaitable(KIND_NAMES[step.s === 'until' && !step.until ? 'while' : step.s], () => refWait(waitOf(step)));
    },
    nextFrame: () => env.wait({ s: 'frames', n: 1 }),
    lateness: () => awaitable(undefined, () => immediate(scheduler.current!.lateMs)),
    deltaMs: () => awaitable(undefined, () => immediate(scheduler.current!.clock.stepMs)),
    timeNowMs: () => awaitable(undefined, () => immediate(scheduler.logicalNowMs(scheduler.current!.clock))),
    makeBehaviour: (body) => behaviour(env, body),
    spawn: (body, detached, clock, entity, background) => spawnOn(body, detached, clock, entity, background),
    join: (task) => refWait({ kind: 'join', task }),
    group: (isRace, items) => refWait({ kind: 'group', race: isRace, items: items as RefItem[] }),
    emit: (k, value) => scheduler.emit(signals[k], value),
    cancel: (task) => scheduler.cancel(task),
    setTimeScale: (clock, value) => {
      (clock === 'game' ? scheduler.game : ui).timeScale = value;
    },
    setPaused: (clock, value) => {
      (clock === 'game' ? scheduler.game : ui).paused = value;
    },
    removeEntity: () => {},
  };
  const world = program.ecs ? new RefWorld() : undefined;
  const entities = new Map<number, number>();
  const removing = new Set<number>();
  const eidOf = (entity: number): number => {
    let eid = entities.get(entity);
    if (eid === undefined) entities.set(entity, (eid = world!.addEntity()));
    return eid;
  };
  const spawnOn = (body: number, detached: boolean, clock: ClockChoice, entity: number | null, background = false): RefTask => {
    if (world !== undefined && entity !== null) return world.spawnOn(scheduler, eidOf(entity), behaviour(env, body) as RefBehaviour, `b${body}`);
    return scheduler.spawn(behaviour(env, body) as RefBehaviour, { name: `b${body}`, detached, background, clock: clockOf(clock), entity: entity ?? undefined });
  };
  const removeEntityNumbered = (entity: number): void => {
    if (world === undefined) {
      for (let i = env.registry.length - 1; i >= 0; i--) if (env.registry[i].entity === entity) scheduler.cancel(env.registry[i]);
      return;
    }
    const eid = entities.get(entity);
    if (eid === undefined || removing.has(entity)) return;
    removing.add(entity);
    try {
      world.removeEntity(scheduler, eid);
    } finally {
      removing.delete(entity);
      entities.delete(entity);
    }
  };
  env.removeEntity = removeEntityNumbered;
  const snapshot = (): void => {
    const states = env.registry.map((task) => `${task.path}=${describeEnd(task.status, task.result, task.error)}[${task.children.map((c) => c.id).join(',')}]`);
    log.push(`state live=${scheduler.liveCount} roots=[${scheduler.roots.map((t) => t.id).join(',')}] ${states.join(' ')}`);
    log.push(`signals waiting ${signals.map((s) => scheduler.signalWaiting(s)).join(',')}`);
  };
  return {
    log,
    run(op) {
      runOp(op, {
        tick: (dtMs) => scheduler.tick(dtMs),
        spawn: (o) => env.registry.push(spawnOn(o.body, o.detached, o.clock, o.entity)),
        cancel: (index) => env.registry.length > 0 && scheduler.cancel(env.registry[index % env.registry.length]),
        emit: (k, value) => scheduler.emit(signals[k], value),
        flag: (k, value) => (flags[k] = value),
        timeScale: (clock, value) => env.setTimeScale(clock, value),
        pause: (clock, value) => env.setPaused(clock, value),
        removeEntity: (entity) => removeEntityNumbered(entity),
        cancelAll: () => scheduler.cancelAll(),
      });
      snapshot();
    },
  };
}

function* immediate(value: unknown): Generator<never, unknown, unknown> {
  return value;
}

const KIND_NAMES: Record<WaitStep['s'] | 'while', string> = {
  frames: 'waitFrames',
  ms: 'waitMs',
  realMs: 'waitRealMs',
  signal: 'waitSignal',
  until: 'waitUntil',
  while: 'waitWhile',
};

function awaitable(kindName: string | undefined, start: () => Generator<RefWait, unknown, unknown>): RefAwaitable {
  return { kindName, [Symbol.iterator]: start };
}

interface OpHandlers {
  tick(dtMs: number): void;
  spawn(op: Extract<Op, { op: 'spawn' }>): void;
  cancel(index: number): void;
  emit(k: number, value: number): void;
  flag(k: number, value: number): void;
  timeScale(clock: 'game' | 'ui', value: number): void;
  pause(clock: 'game' | 'ui', value: boolean): void;
  removeEntity(entity: number): void;
  cancelAll(): void;
}

function runOp(op: Op, on: OpHandlers): void {
  switch (op.op) {
    case 'tick':
      return on.tick(op.dtMs);
    case 'spawn':
      return on.spawn(op);
    case 'cancel':
      return on.cancel(op.index);
    case 'emit':
      return on.emit(op.k, op.value);
    case 'flag':
      return on.flag(op.k, op.value);
    case 'timeScale':
      return on.timeScale(op.clock, op.value);
    case 'pause':
      return on.pause(op.clock, op.value);
    case 'removeEntity':
      return on.removeEntity(op.entity);
    case 'cancelAll':
      return on.cancelAll();
  }
}

// ---- log formatting ----

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `non-error ${format(error)}`;
}

function describeEnd(status: string, result: unknown, error: unknown): string {
  if (status === 'done') return `done(${format(result)})`;
  if (status === 'failed') return `failed(${describeError(error)})`;
  return status;
}

function describeWait(step: WaitStep): string {
  switch (step.s) {
    case 'frames':
      return step.fast === true ? 'nextFrame' : `waitFrames(${step.n})`;
    case 'ms':
      return `waitMs(${step.ms})`;
    case 'realMs':
      return `waitRealMs(${step.ms})`;
    case 'signal':
      return `waitSignal(s${step.k})`;
    case 'until':
      return `${step.until ? 'waitUntil' : 'waitWhile'}(flag${step.k})`;
  }
}

function format(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(format).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([key, v]) => `${key}:${format(v)}`).join(',')}}`;
  }
  return String(value);
}

/** Index of the first line where two logs differ, with a few lines of context: what a failing run prints. */
export function firstDifference(actual: string[], expected: string[]): string | undefined {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i++) {
    if (actual[i] === expected[i]) continue;
    const context = expected.slice(Math.max(0, i - 12), i).map((line) => `    ${line}`);
    return [
      `logs differ at line ${i}:`,
      ...context,
      `  tickflow:  ${actual[i] ?? '(end of log)'}`,
      `  reference: ${expected[i] ?? '(end of log)'}`,
    ].join('\n');
  }
  return undefined;
}

// ---- random programs ----

const msArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 16, 50, 100, 250) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 400 }) },
  { weight: 1, arbitrary: fc.double({ min: 0.5, max: 300, noNaN: true }) },
);

export const dtArb = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(16, 1000 / 60, 1000 / 30, 1000 / 144, 0, 100, 250, 60_000) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 150 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 120, noNaN: true }) },
);

const timeWaitArbs = [
  { weight: 3, arbitrary: fc.record({ s: fc.constant('frames' as const), n: fc.integer({ min: 0, max: 4 }) }) },
  // yield nextFrame (in all/race members it counts as waitFrames(1): a group takes awaitables).
  { weight: 1, arbitrary: fc.constant({ s: 'frames' as const, n: 1, fast: true }) },
  { weight: 5, arbitrary: fc.record({ s: fc.constant('ms' as const), ms: msArb }) },
  { weight: 2, arbitrary: fc.record({ s: fc.constant('realMs' as const), ms: msArb }) },
];

const waitStepArb: fc.Arbitrary<WaitStep> = fc.oneof(
  ...timeWaitArbs,
  { weight: 2, arbitrary: fc.record({ s: fc.constant('signal' as const), k: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('until' as const), k: fc.integer({ min: 0, max: 1 }), until: fc.boolean() }) },
);

const taskRefArb: fc.Arbitrary<TaskRef> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ r: fc.constant('task' as const), index: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.constant({ r: 'self' as const }) },
  { weight: 1, arbitrary: fc.constant({ r: 'parent' as const }) },
  { weight: 3, arbitrary: fc.constant({ r: 'child' as const }) },
);

const groupItemArb: fc.Arbitrary<GroupItem> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ i: fc.constant('body' as const), body: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ i: fc.constant('task' as const), index: fc.nat(20) }) },
  { weight: 3, arbitrary: fc.record({ i: fc.constant('wait' as const), wait: waitStepArb }) },
);

const clockChoiceArb = fc.constantFrom<ClockChoice>('inherit', 'inherit', 'inherit', 'game', 'ui', 'real');
const entityArb = fc.constantFrom<number | null>(null, null, 1, 2);
const scaleArb = fc.constantFrom(0, 0.5, 1, 1, 2, 0.1);
// A quarter of spawns from behaviours are background children (with detached: refused, and the model checks the error).
const backgroundArb = fc.constantFrom(false, false, false, true);

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 14, arbitrary: waitStepArb },
  {
    weight: 3,
    arbitrary: fc.record({ s: fc.constant('spawn' as const), body: fc.nat(9), detached: fc.boolean(), clock: clockChoiceArb, entity: entityArb, background: backgroundArb }),
  },
  { weight: 2, arbitrary: fc.record({ s: fc.constant('join' as const), ref: taskRefArb }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('all' as const), items: fc.array(groupItemArb, { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('race' as const), items: fc.array(groupItemArb, { minLength: 1, maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ s: fc.constant('emit' as const), k: fc.integer({ min: 0, max: 1 }), value: fc.nat(99) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('cancel' as const), ref: taskRefArb }) },
  { weight: 1, arbitrary: fc.constant({ s: 'throw' as const }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('flag' as const), k: fc.integer({ min: 0, max: 1 }), value: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('timeScale' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: scaleArb }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('pause' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('removeEntity' as const), entity: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ s: 'return' as const }) },
);

const bodyArb: fc.Arbitrary<BodySpec> = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 8, size: 'medium' }),
  loops: fc.integer({ min: 1, max: 3 }),
  catches: fc.boolean(),
  afterCatch: fc.array(stepArb, { maxLength: 2 }),
  finallySteps: fc.array(stepArb, { maxLength: 2, size: 'medium' }),
  result: fc.nat(99),
});

// Timing-heavy behaviours: loops of waits on the three clocks, nested spawns, time scale and pause.
const timingStepArb: fc.Arbitrary<Step> = fc.oneof(
  ...timeWaitArbs.map(({ weight, arbitrary }) => ({ weight: weight * 3, arbitrary: arbitrary as fc.Arbitrary<Step> })),
  {
    weight: 2,
    arbitrary: fc.record({ s: fc.constant('spawn' as const), body: fc.nat(9), detached: fc.boolean(), clock: clockChoiceArb, entity: fc.constant(null), background: backgroundArb }),
  },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('all' as const), items: fc.array(fc.record({ i: fc.constant('wait' as const), wait: fc.oneof(...timeWaitArbs) }), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('race' as const), items: fc.array(fc.record({ i: fc.constant('wait' as const), wait: fc.oneof(...timeWaitArbs) }), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('join' as const), ref: fc.constant({ r: 'child' as const }) }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('timeScale' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: scaleArb }) },
  { weight: 1, arbitrary: fc.record({ s: fc.constant('pause' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: fc.boolean() }) },
);

const timingBodyArb: fc.Arbitrary<BodySpec> = fc.record({
  steps: fc.array(timingStepArb, { minLength: 1, maxLength: 6, size: 'medium' }),
  loops: fc.integer({ min: 1, max: 6 }),
  catches: fc.constant(false),
  afterCatch: fc.constant([]),
  finallySteps: fc.constant([]),
  result: fc.nat(99),
});

const opArb = (bodies: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 16, arbitrary: fc.record({ op: fc.constant('tick' as const), dtMs: dtArb }) },
    {
      weight: 4,
      arbitrary: fc.record({
        op: fc.constant('spawn' as const),
        body: fc.nat(bodies - 1),
        detached: fc.boolean(),
        clock: clockChoiceArb,
        entity: entityArb,
      }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), index: fc.nat(20) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('emit' as const), k: fc.integer({ min: 0, max: 1 }), value: fc.nat(99) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('flag' as const), k: fc.integer({ min: 0, max: 1 }), value: fc.integer({ min: 0, max: 2 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('timeScale' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: scaleArb }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('pause' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEntity' as const), entity: fc.integer({ min: 1, max: 2 }) }) },
    { weight: 1, arbitrary: fc.constant({ op: 'cancelAll' as const }) },
  );

const programOf = (body: fc.Arbitrary<BodySpec>, ops: (bodies: number) => fc.Arbitrary<Op>, ecs = false): fc.Arbitrary<Program> =>
  fc.array(body, { minLength: 1, maxLength: 6, size: 'medium' }).chain((bodies) =>
    fc.record({
      ecs: fc.constant(ecs),
      maxDtMs: fc.constantFrom(100, 100, 50, 250),
      bodies: fc.constant(bodies),
      ops: fc.array(ops(bodies.length), { minLength: 1, maxLength: 60, size: 'medium' }),
    }),
  );

/** A random program: a few behaviours and up to 60 operations (about half of them ticks of random length). */
export const programArb: fc.Arbitrary<Program> = programOf(bodyArb, opArb);

/** The same programs with entities on a bitECS world (tickflow/ecs spawnOn, bitECS removeEntity). */
export const ecsProgramArb: fc.Arbitrary<Program> = programOf(bodyArb, opArb, true);

const timingOpArb = (bodies: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.record({ op: fc.constant('tick' as const), dtMs: dtArb }) },
    {
      weight: 4,
      arbitrary: fc.record({ op: fc.constant('spawn' as const), body: fc.nat(bodies - 1), detached: fc.boolean(), clock: clockChoiceArb, entity: entityArb }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), index: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('timeScale' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: scaleArb }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('pause' as const), clock: fc.constantFrom<'game' | 'ui'>('game', 'ui'), value: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('removeEntity' as const), entity: fc.integer({ min: 1, max: 2 }) }) },
  );

/** Timing-heavy programs: loops of waits under random frame times, time scale and pause (catch-up, ties, clocks). */
export const timingProgramArb: fc.Arbitrary<Program> = programOf(timingBodyArb, timingOpArb);

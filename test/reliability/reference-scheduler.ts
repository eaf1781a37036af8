// A small reference scheduler, written only for the model-based tests. It restates tickflow's documented
// semantics with the plainest data structures: one list of wait entries, scanned for the smallest
// (deadline, sequence) each time. Quadratic and slow on purpose: every rule is a few visible lines.
//
// Behaviours driven by it are ordinary generators that `yield` plain descriptors (see RefWait); the test
// interpreter (program.ts) builds the same behaviour for both schedulers from one list of steps.
//
// Semantics restated here (see the README and issue 2):
// - tick(dtMs): frame += 1; dt is clamped to maxDtMs; clocks advance parents first (real, game, created);
//   then due timers clock by clock in (deadline, scheduling order), catching up within the tick; then frame
//   waiters of running clocks in the order they began waiting; then predicates of running clocks, once each.
// - logical time: while a timer's resume runs (and all it causes synchronously: spawns, joins, signal wakes,
//   cancels and finally blocks), waits on that timer's clock count from its deadline; else from the clock's
//   now. So chains of waitMs never drift. A timer resumes with no value and sets the task's lateMs (clock now -
//   deadline), which lateness() reads.
// - spawn runs the body to its first wait; a task spawned inside a running body is its child unless detached;
//   a child of a task that is ending belongs to the nearest running ancestor.
// - cancel: children first (newest first), then the task's finally blocks; a task cancelled while its own
//   body is on the stack stops at its next wait. An ancestor cancelled by a descendant whose body is on the
//   stack finishes (finally blocks) when that descendant ends: innermost first. A wait inside a finally
//   during cancel is skipped (reported).
// - an error fails that task only; it is thrown into joiners, else reported once to onError. An uncaught
//   CancelledError (a cancelled task joined, or one rethrown) is no failure: the task ends cancelled, unreported.
// - a background child (spawn option) is cancelled, newest first, when its parent's body returns (failing and
//   cancelling cancel every child anyway); one spawned when its spawner's body is already over (from a finally
//   during cancel) is cancelled right after its first step.
// - joining costs no frame: joiners resume inside the end of the joined task. A join that would close a cycle
//   of tasks waiting for each other (joins, all(), a race() of one, a finished body's children) fails at once.
// - signals wake their waiters inside emit(), in the order they began waiting. An emit made while another
//   emit is waking a behaviour is queued (its waiters are those waiting at the call) and delivered right after
//   that wake returns, in emit order; so chains of waiters that emit the next signal do not nest. A queued
//   emit leaves a behaviour already woken in the same cascade waiting for the next emit (no ping-pong).
// - a wait inside a finally during cancel is skipped (reported), except currentTask() and lateness(), which
//   never suspend.
import { CancelledError, TickflowError } from '../../src/index.js';

/** What a reference behaviour yields. */
export type RefWait =
  | { kind: 'frames'; frames: number }
  | { kind: 'ms'; ms: number }
  | { kind: 'realMs'; ms: number }
  | { kind: 'until'; predicate: () => boolean; until: boolean }
  | { kind: 'signal'; signal: RefSignal }
  | { kind: 'join'; task: RefTask }
  | { kind: 'group'; race: boolean; items: RefItem[] };

/**
 * A wait as a value (what waitMs(100) returns): iterable with `yield*`. `kindName` ("waitMs") names the member
 * all/race spawn for it ("race[1] waitMs"); waits that complete at once (waitMs(0)) have none.
 */
export interface RefAwaitable {
  readonly kindName: string | undefined;
  [Symbol.iterator](): Generator<RefWait, unknown, unknown>;
}

/** An item of all/race: a behaviour (generator), an existing task, or an awaitable. */
export type RefItem = Generator<RefWait, unknown, unknown> | RefTask | RefAwaitable;

export type RefBehaviour = Generator<RefWait, unknown, unknown>;

/** Waits for one descriptor and returns what the scheduler answers. Used as `yield* refWait(d)`. */
export function* refWait(wait: RefWait): Generator<RefWait, unknown, unknown> {
  return yield wait;
}

export class RefClock {
  readonly name: string;
  readonly parent: RefClock | null;
  readonly pausable: boolean;
  timeScale = 1;
  paused = false;
  nowMs = 0;
  /** How far nowMs moved in the latest tick (deltaMs()). */
  stepMs = 0;
  lostMs = 0;
  frame = 0;
  rate = 1;
  running = true;

  constructor(name: string, parent: RefClock | null, pausable: boolean) {
    this.name = name;
    this.parent = parent;
    this.pausable = pausable;
    if (parent !== null) this.running = parent.running;
  }
}

export class RefSignal {
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }
}

type EntryKind = 'timer' | 'frame' | 'predicate' | 'signal' | 'join' | 'group' | 'children';

interface Entry {
  kind: EntryKind;
  task: RefTask;
  seq: number;
  clock: RefClock | null;
  /** timer: deadline ms; frame: target frame of its clock. */
  key: number;
  predicate?: () => boolean;
  until?: boolean;
  signal?: RefSignal;
  /** Taken by an emit that is waking its waiters. */
  claimed?: boolean;
  target?: RefTask;
  group?: RefGroup;
}

interface LogicalTime {
  clock: RefClock;
  ms: number;
}

export class RefTask {
  readonly id: number;
  readonly name: string;
  readonly gen: RefBehaviour;
  readonly clock: RefClock;
  readonly entity: number | undefined;
  background = false;
  parent: RefTask | null;
  children: RefTask[] = [];
  status: 'running' | 'done' | 'cancelled' | 'failed' = 'running';
  result: unknown = undefined;
  error: unknown = undefined;
  wait: Entry | null = null;
  /** How late its last timer resumed. */
  lateMs = 0;
  executing = false;
  cancelRequested = false;
  bodyDone = false;
  ended = false;
  joiners: Array<RefTask | RefSlot> = [];

  constructor(id: number, name: string, gen: RefBehaviour, parent: RefTask | null, clock: RefClock, entity: number | undefined) {
    this.id = id;
    this.name = name;
    this.gen = gen;
    this.parent = parent;
    this.clock = clock;
    this.entity = entity;
  }

  get path(): string {
    const own = `${this.name}#${this.id}`;
    return this.parent === null ? own : `${this.parent.path} > ${own}`;
  }
}

class RefGroup {
  readonly race: boolean;
  readonly waiter: RefTask;
  members: RefTask[] = [];
  owned: boolean[] = [];
  results: unknown[] = [];
  remaining = 0;
  settled = false;
  building = true;

  constructor(race: boolean, waiter: RefTask) {
    this.race = race;
    this.waiter = waiter;
  }
}

class RefSlot {
  constructor(
    readonly group: RefGroup,
    readonly index: number,
  ) {}
}

type Answer = { throw: boolean; value: unknown } | 'suspended';

export interface RefOptions {
  maxDtMs?: number;
  onError: (error: unknown, task: RefTask) => void;
}

export class RefScheduler {
  readonly real = new RefClock('real', null, false);
  readonly game = new RefClock('game', null, true);
  readonly clocks: RefClock[] = [this.real, this.game];
  frame = 0;
  current: RefTask | null = null;
  readonly roots: RefTask[] = [];
  #entries: Entry[] = [];
  #seq = 0;
  #nextId = 1;
  #live = 0;
  readonly #maxDtMs: number;
  readonly #onError: (error: unknown, task: RefTask) => void;
  // The deadline being processed while a timer's resume runs; null otherwise.
  #logical: LogicalTime | null = null;

  constructor(options: RefOptions) {
    this.#maxDtMs = options.maxDtMs ?? 100;
    this.#onError = options.onError;
  }

  get liveCount(): number {
    return this.#live;
  }

  createClock(name: string, parent: RefClock = this.game): RefClock {
    const clock = new RefClock(name, parent, true);
    this.clocks.push(clock);
    return clock;
  }

  /** The logical now on a clock (timeNowMs()): the deadline being processed while a timer's resume runs, else its now. */
  logicalNowMs(clock: RefClock): number {
    return this.#logical !== null && this.#logical.clock === clock ? this.#logical.ms : clock.nowMs;
  }

  /** Tasks waiting on `signal` now. */
  signalWaiting(signal: RefSignal): number {
    return this.#entries.filter((e) => e.kind === 'signal' && e.signal === signal).length;
  }

  spawn(gen: RefBehaviour, options: { name?: string; detached?: boolean; background?: boolean; clock?: RefClock; entity?: number } = {}): RefTask {
    const spawner = this.current;
    if (options.background === true) {
      const what = `spawn(..., { background: true }) for behaviour "${options.name ?? 'behaviour'}"`;
      if (options.detached === true) {
        const where = spawner === null ? '' : ` (in behaviour "${spawner.path}"${spawner.entity === undefined ? '' : `, entity ${spawner.entity}`})`;
        throw new TickflowError(
          `${what}: a task cannot be both detached and background${where}. Background ties the task to its parent body; detached frees it from its parent. Pick one.`,
        );
      }
      if (spawner === null) {
        throw new TickflowError(
          `${what} was called outside any behaviour, so there is no parent body for it to live in. Spawn it from inside a behaviour, or drop the option to start a top-level task.`,
        );
      }
    }
    const task = this.#create(gen, options.name ?? 'behaviour', options.detached === true, options.clock, options.entity);
    task.background = options.background === true;
    this.#drive(task, 'start', undefined);
    // Its spawner's body was over (a finally during cancel): no body is left to end it, so it ends now.
    if (task.background && task.status === 'running' && (task.parent !== spawner || spawner?.bodyDone === true)) this.cancel(task);
    return task;
  }

  tick(dtMs: number): void {
    const clampedMs = Math.min(dtMs, this.#maxDtMs);
    this.frame++;
    for (const clock of this.clocks) {
      clock.running = !clock.paused && (clock.parent === null || clock.parent.running);
      if (!clock.running) {
        clock.rate = 0;
        clock.stepMs = 0;
        continue;
      }
      clock.rate = (clock.parent === null ? 1 : clock.parent.rate) * clock.timeScale;
      // Compensated (Kahan) sum, as the core does: 60 ticks of 1000 / 60 ms reach exactly 1000 ms.
      const stepMs = clampedMs * clock.rate - clock.lostMs;
      const nowMs = clock.nowMs + stepMs;
      clock.lostMs = nowMs - clock.nowMs - stepMs;
      clock.stepMs = nowMs - clock.nowMs;
      clock.nowMs = nowMs;
      clock.frame++;
    }
    for (const clock of this.clocks) {
      // Catch-up: a timer scheduled in this loop with a deadline already passed runs in this loop too.
      for (;;) {
        const entry = this.#smallest((e) => e.kind === 'timer' && e.clock === clock && e.key <= clock.nowMs);
        if (entry === undefined) break;
        this.#removeEntry(entry);
        this.#logical = { clock, ms: entry.key };
        entry.task.lateMs = clock.nowMs - entry.key;
        this.#drive(entry.task, 'resume', undefined);
        this.#logical = null;
      }
    }
    for (const clock of this.clocks) {
      if (!clock.running) continue;
      for (;;) {
        const entry = this.#smallest((e) => e.kind === 'frame' && e.clock === clock && e.key <= clock.frame);
        if (entry === undefined) break;
        this.#removeEntry(entry);
        this.#drive(entry.task, 'resume', undefined);
      }
    }
    for (const clock of this.clocks) {
      if (!clock.running) continue;
      // Each predicate that waited when the phase began is checked once, in the order they began waiting.
      const snapshot = this.#entries.filter((e) => e.kind === 'predicate' && e.clock === clock).sort((a, b) => a.seq - b.seq);
      for (const entry of snapshot) {
        if (entry.task.wait !== entry) continue;
        let satisfied: boolean;
        try {
          satisfied = Boolean(entry.predicate!()) === entry.until;
        } catch (error) {
          this.#removeEntry(entry);
          this.#drive(entry.task, 'throw', error);
          continue;
        }
        if (!satisfied) continue;
        this.#removeEntry(entry);
        this.#drive(entry.task, 'resume', undefined);
      }
    }
  }

  /**
   * Wakes the tasks waiting when the emit began, each with this value, in the order they began waiting.
   * Each wait is answered by the first emit after it began: a nested emit (from a woken waiter) does not
   * take the waiters that this emit has yet to wake.
   */
  emit(signal: RefSignal, value: unknown): void {
    const waiting = this.#entries.filter((e) => e.kind === 'signal' && e.signal === signal && !e.claimed).sort((a, b) => a.seq - b.seq);
    for (const entry of waiting) entry.claimed = true;
    if (this.#delivering) {
      this.#queuedEmits.push({ waiting, value });
      return;
    }
    this.#delivering = true;
    this.#wokenInCascade.clear();
    try {
      for (const entry of waiting) {
        this.#wakeSignalEntry(entry, value, false);
        while (this.#queuedEmits.length > 0) {
          const queued = this.#queuedEmits.shift()!;
          for (const next of queued.waiting) this.#wakeSignalEntry(next, queued.value, true);
        }
      }
    } finally {
      this.#delivering = false;
    }
  }

  #delivering = false;
  readonly #queuedEmits: Array<{ waiting: Entry[]; value: unknown }> = [];
  readonly #wokenInCascade = new Set<RefTask>();

  #wakeSignalEntry(entry: Entry, value: unknown, queued: boolean): void {
    if (entry.task.wait !== entry) return;
    if (queued && this.#wokenInCascade.has(entry.task)) {
      // Woken once by this cascade already: it waits for the next emit, behind those waiting now.
      entry.claimed = false;
      entry.seq = this.#seq++;
      return;
    }
    this.#wokenInCascade.add(entry.task);
    this.#removeEntry(entry);
    this.#drive(entry.task, 'resume', value);
  }

  cancel(task: RefTask): void {
    if (task.status !== 'running') return;
    task.status = 'cancelled';
    task.result = undefined;
    this.#leaveWait(task);
    if (task.executing) {
      task.cancelRequested = true;
      this.#cancelChildren(task);
      return;
    }
    this.#finishCancel(task);
  }

  /**
   * Children first; then, once none is left, the task's finally blocks and its end. A child still alive
   * here has its body on the stack (it cancelled this ancestor): the task finishes when that child ends.
   */
  #finishCancel(task: RefTask): void {
    this.#cancelChildren(task);
    if (task.children.length > 0) {
      task.cancelRequested = true;
      return;
    }
    if (!task.bodyDone) this.#close(task);
    this.#end(task);
  }

  /** Newest root first; starts again from the newest after each cancel (finally blocks may spawn). */
  cancelAll(): void {
    let i = this.roots.length - 1;
    while (i >= 0) {
      if (this.roots[i].status === 'running') {
        this.cancel(this.roots[i]);
        i = this.roots.length - 1;
      } else {
        i--;
      }
    }
  }

  // ---- tasks ----

  #create(gen: RefBehaviour, name: string, detached: boolean, clock: RefClock | undefined, entity: number | undefined): RefTask {
    let parent = detached ? null : this.current;
    while (parent !== null && parent.status !== 'running') parent = parent.parent;
    const task = new RefTask(
      this.#nextId++,
      name,
      gen,
      parent,
      clock ?? (parent === null ? this.game : parent.clock),
      entity ?? parent?.entity,
    );
    (parent === null ? this.roots : parent.children).push(task);
    this.#live++;
    return task;
  }

  #drive(task: RefTask, step: 'start' | 'resume' | 'throw', payload: unknown): void {
    const previous = this.current;
    this.current = task;
    task.executing = true;
    let outcome: 'waiting' | 'returned' | 'threw' | 'cancelNow' = 'waiting';
    let value: unknown;
    try {
      for (;;) {
        const result = step === 'throw' ? task.gen.throw(payload) : task.gen.next(payload);
        if (result.done === true) {
          outcome = 'returned';
          value = result.value;
          break;
        }
        if (task.cancelRequested) {
          outcome = 'cancelNow';
          break;
        }
        const answer = this.#suspend(task, result.value);
        if (task.cancelRequested) {
          this.#leaveWait(task);
          outcome = 'cancelNow';
          break;
        }
        if (answer === 'suspended') break;
        step = answer.throw ? 'throw' : 'resume';
        payload = answer.value;
      }
    } catch (error) {
      outcome = 'threw';
      value = error;
    }
    task.executing = false;
    this.current = previous;
    if (outcome === 'waiting') return;
    if (task.cancelRequested) {
      if (outcome === 'threw' && !(value instanceof CancelledError)) this.#report(annotate(value, task), task);
      if (outcome !== 'cancelNow') task.bodyDone = true;
      this.#finishCancel(task);
    } else if (outcome === 'returned') {
      task.result = value;
      if (task.children.length > 0) {
        task.bodyDone = true;
        task.wait = this.#addEntry({ kind: 'children', task, seq: 0, clock: null, key: 0 });
        // Background children end with the body, newest first; the last to end completes the task.
        for (;;) {
          const running = task.children.filter((child) => child.background && child.status === 'running');
          if (running.length === 0) break;
          this.cancel(running[running.length - 1]);
        }
      } else {
        task.status = 'done';
        this.#end(task);
      }
    } else if (value instanceof CancelledError) {
      task.status = 'cancelled';
      task.result = undefined;
      this.#cancelChildren(task);
      this.#end(task);
    } else {
      task.status = 'failed';
      task.error = annotate(value, task);
      this.#cancelChildren(task);
      this.#end(task);
    }
  }

  #suspend(task: RefTask, wait: RefWait): Answer {
    switch (wait.kind) {
      case 'frames':
        task.wait = this.#addEntry({ kind: 'frame', task, seq: 0, clock: task.clock, key: task.clock.frame + wait.frames });
        return 'suspended';
      case 'ms':
      case 'realMs': {
        const clock = wait.kind === 'ms' ? task.clock : this.real;
        const baseMs = this.#logical !== null && this.#logical.clock === clock ? this.#logical.ms : clock.nowMs;
        task.wait = this.#addEntry({ kind: 'timer', task, seq: 0, clock, key: baseMs + wait.ms });
        return 'suspended';
      }
      case 'until': {
        try {
          if (Boolean(wait.predicate()) === wait.until) return { throw: false, value: undefined };
        } catch (error) {
          return { throw: true, value: error };
        }
        task.wait = this.#addEntry({ kind: 'predicate', task, seq: 0, clock: task.clock, key: 0, predicate: wait.predicate, until: wait.until });
        return 'suspended';
      }
      case 'signal':
        task.wait = this.#addEntry({ kind: 'signal', task, seq: 0, clock: null, key: 0, signal: wait.signal });
        return 'suspended';
      case 'join':
        return this.#join(task, wait.task);
      case 'group':
        return this.#startGroup(task, wait.race, wait.items);
    }
  }

  #join(task: RefTask, member: RefTask): Answer {
    if (isSelfOrAncestor(member, task)) {
      const whom = member === task ? 'itself' : `its ancestor "${member.path}"`;
      return {
        throw: true,
        value: new TickflowError(
          `behaviour "${task.path}" joins ${whom} (yield* task), which can only end after it: this would wait forever. ` +
            'Join a child or a detached task instead.',
        ),
      };
    }
    if (member.status === 'running') {
      const cycle = findCycle(task, member);
      if (cycle !== null) return { throw: true, value: cycleError(task, cycle) };
      task.wait = this.#addEntry({ kind: 'join', task, seq: 0, clock: null, key: 0, target: member });
      member.joiners.push(task);
      return 'suspended';
    }
    return member.status === 'done' ? { throw: false, value: member.result } : { throw: true, value: endError(member) };
  }

  #startGroup(task: RefTask, race: boolean, items: RefItem[]): Answer {
    if (items.length === 0) return { throw: false, value: [] };
    const group = new RefGroup(race, task);
    const label = race ? 'race' : 'all';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item instanceof RefTask) {
        if (isSelfOrAncestor(item, task)) {
          // Waiting for itself or an ancestor would never end: the members spawned so far are cancelled.
          this.#settle(group);
          const whom = item === task ? 'itself' : `its ancestor "${item.path}"`;
          return {
            throw: true,
            value: new TickflowError(
              `behaviour "${task.path}" passes ${whom} to ${label}() as item ${i}, which can only end after it: this would wait forever. ` +
                'Pass a child or a detached task instead.',
            ),
          };
        }
        const cycle = item.status === 'running' ? findCycle(task, item) : null;
        if (cycle !== null) {
          this.#settle(group);
          return { throw: true, value: cycleError(task, cycle) };
        }
        group.members.push(item);
        group.owned.push(false);
        if (item.status === 'running') item.joiners.push(new RefSlot(group, i));
        continue;
      }
      const awaitable = isGenerator(item) ? undefined : item;
      const gen = awaitable === undefined ? (item as RefBehaviour) : awaitableBehaviour(awaitable);
      const name = awaitable?.kindName === undefined ? `${label}[${i}]` : `${label}[${i}] ${awaitable.kindName}`;
      const member = this.#create(gen, name, false, undefined, undefined);
      member.joiners = [new RefSlot(group, i)];
      group.members.push(member);
      group.owned.push(true);
      this.#drive(member, 'start', undefined);
    }
    group.building = false;
    const answerNow = (answer: { throw: boolean; value: unknown }): Answer => {
      this.#settle(group);
      return answer;
    };
    if (!race) {
      let pending = 0;
      for (let i = 0; i < group.members.length; i++) {
        const member = group.members[i];
        if (member.status === 'running') pending++;
        else if (member.status === 'done') group.results[i] = member.result;
        else return answerNow({ throw: true, value: endError(member) });
      }
      if (pending === 0) return answerNow({ throw: false, value: group.results });
      group.remaining = pending;
    } else {
      for (let i = 0; i < group.members.length; i++) {
        const member = group.members[i];
        if (member.status === 'done') return answerNow({ throw: false, value: { index: i, value: member.result } });
        if (member.status !== 'running') return answerNow({ throw: true, value: endError(member) });
      }
    }
    task.wait = this.#addEntry({ kind: 'group', task, seq: 0, clock: null, key: 0, group });
    return 'suspended';
  }

  /** The group is decided: it stops listening to its members and cancels the ones it spawned, in item order. */
  #settle(group: RefGroup): void {
    group.settled = true;
    group.building = false;
    for (let i = 0; i < group.members.length; i++) {
      const member = group.members[i];
      if (member.status !== 'running') continue;
      const slot = member.joiners.findIndex((j) => j instanceof RefSlot && j.group === group);
      if (slot >= 0) member.joiners.splice(slot, 1);
      if (group.owned[i]) this.cancel(member);
    }
  }

  /** Returns true when the group takes care of the member's ending (its error is not reported). */
  #memberEnded(slot: RefSlot, member: RefTask): boolean {
    const group = slot.group;
    if (group.settled) return false;
    if (group.building) return true;
    let answer: { throw: boolean; value: unknown };
    if (member.status === 'done') {
      if (!group.race) {
        group.results[slot.index] = member.result;
        if (--group.remaining > 0) return true;
        answer = { throw: false, value: group.results };
      } else {
        answer = { throw: false, value: { index: slot.index, value: member.result } };
      }
    } else {
      answer = { throw: true, value: endError(member) };
    }
    const waiter = group.waiter;
    this.#settle(group);
    // Settling ran the losers' finally blocks; one of them may have cancelled the waiter. Then nobody takes
    // this member's result or error (an error is reported as unhandled).
    if (waiter.wait === null || waiter.wait.group !== group) return false;
    this.#removeEntry(waiter.wait);
    this.#drive(waiter, answer.throw ? 'throw' : 'resume', answer.value);
    return true;
  }

  /** A task ends exactly once: it leaves the tree, wakes its joiners, reports an unhandled failure. */
  #end(task: RefTask): void {
    task.ended = true;
    if (task.wait !== null) this.#removeEntry(task.wait);
    const siblings = task.parent === null ? this.roots : task.parent.children;
    siblings.splice(siblings.indexOf(task), 1);
    this.#live--;
    let handled = false;
    const joiners = task.joiners;
    task.joiners = [];
    for (const joiner of joiners) {
      if (joiner instanceof RefSlot) {
        if (this.#memberEnded(joiner, task)) handled = true;
      } else if (joiner.wait !== null && joiner.wait.kind === 'join' && joiner.wait.target === task) {
        this.#removeEntry(joiner.wait);
        handled = true;
        if (task.status === 'done') this.#drive(joiner, 'resume', task.result);
        else this.#drive(joiner, 'throw', endError(task));
      }
    }
    if (task.status === 'failed' && !handled) this.#report(task.error, task);
    const parent = task.parent;
    if (parent === null || parent.ended || parent.children.length > 0) return;
    // A cancelled ancestor that waited for this (innermost) task to end finishes now.
    if (parent.cancelRequested && !parent.executing && parent.status === 'cancelled') {
      this.#finishCancel(parent);
      return;
    }
    // Structured concurrency: a parent whose body returned completes with its last child.
    if (parent.bodyDone && parent.status === 'running') {
      parent.status = 'done';
      this.#end(parent);
    }
  }

  #cancelChildren(task: RefTask): void {
    for (;;) {
      const running = task.children.filter((child) => child.status === 'running');
      if (running.length === 0) return;
      this.cancel(running[running.length - 1]);
    }
  }

  /** Runs the finally blocks. Waits there are skipped (after one report), up to 100 of them. */
  #close(task: RefTask): void {
    const previous = this.current;
    this.current = task;
    task.executing = true;
    try {
      let result = task.gen.return(undefined);
      for (let attempt = 0; result.done !== true && attempt < 100; attempt++) {
        if (attempt === 0) {
          this.#report(
            new TickflowError(
              `behaviour "${task.path}" waited (${waitExample(result.value)}) inside a finally block while being cancelled. Cleanup on cancel is synchronous: ` +
                'that wait and the rest of that finally block were skipped (enclosing finally blocks still ran). ' +
                'currentTask() and lateness() work there; move a real wait out of finally, or spawn a detached behaviour for it.',
            ),
            task,
          );
        }
        result = task.gen.return(undefined);
      }
    } catch (error) {
      if (!(error instanceof CancelledError)) this.#report(annotate(error, task), task);
    } finally {
      task.executing = false;
      this.current = previous;
    }
  }

  #leaveWait(task: RefTask): void {
    const entry = task.wait;
    if (entry === null) return;
    this.#removeEntry(entry);
    if (entry.kind === 'join') {
      const index = entry.target!.joiners.indexOf(task);
      if (index >= 0) entry.target!.joiners.splice(index, 1);
    }
    if (entry.kind === 'group') this.#settle(entry.group!);
  }

  #report(error: unknown, task: RefTask): void {
    this.#onError(error, task);
  }

  // ---- the one list of waits ----

  #addEntry(entry: Entry): Entry {
    entry.seq = this.#seq++;
    this.#entries.push(entry);
    return entry;
  }

  #removeEntry(entry: Entry): void {
    const index = this.#entries.indexOf(entry);
    if (index >= 0) this.#entries.splice(index, 1);
    if (entry.task.wait === entry) entry.task.wait = null;
  }

  #smallest(matches: (entry: Entry) => boolean): Entry | undefined {
    let best: Entry | undefined;
    for (const entry of this.#entries) {
      if (!matches(entry)) continue;
      if (best === undefined || entry.key < best.key || (entry.key === best.key && entry.seq < best.seq)) best = entry;
    }
    return best;
  }
}

function* awaitableBehaviour(awaitable: RefAwaitable): RefBehaviour {
  return yield* awaitable;
}

/**
 * Join cycles: the tasks from `start` on whose waits lead back to `joiner`, or null. A task waits for the task
 * it joins, the running members of its all() (or of a race() of one item) and, once its body returned, its
 * running children. Searched depth first with a stack (the order tickflow's message follows).
 */
function findCycle(joiner: RefTask, start: RefTask): RefTask[] | null {
  const waitsFor = (task: RefTask): RefTask[] | null => {
    const entry = task.wait;
    if (entry === null) return null;
    if (entry.kind === 'join') return [entry.target!];
    if (entry.kind === 'children') return task.children.filter((child) => child.status === 'running');
    if (entry.kind === 'group') {
      const group = entry.group!;
      if (group.race && group.members.length > 1) return [];
      return group.members.filter((member) => member.status === 'running');
    }
    return null;
  };
  if (waitsFor(start) === null) return null;
  const cameFrom = new Map<RefTask, RefTask | null>([[start, null]]);
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const next of waitsFor(node) ?? []) {
      if (next === joiner) {
        const path: RefTask[] = [];
        for (let at: RefTask | null | undefined = node; at !== null && at !== undefined; at = cameFrom.get(at)) path.unshift(at);
        return path;
      }
      if (next.status === 'running' && !cameFrom.has(next) && waitsFor(next) !== null) {
        cameFrom.set(next, node);
        stack.push(next);
      }
    }
  }
  return null;
}

function cycleError(task: RefTask, cycle: RefTask[]): TickflowError {
  const names = [task, ...cycle, task].map((member) => `"${member.path}"`).join(' waits for ');
  return new TickflowError(
    `behaviour "${task.path}" would wait forever: joining closes a cycle ${names}. None of them can end before the others. ` +
      'Break the cycle: let one of them stop waiting (race it with a waitMs timeout) or cancel one.',
  );
}

function isSelfOrAncestor(candidate: RefTask, task: RefTask): boolean {
  for (let ancestor: RefTask | null = task; ancestor !== null; ancestor = ancestor.parent) if (ancestor === candidate) return true;
  return false;
}

function isGenerator(value: unknown): value is RefBehaviour {
  return typeof value === 'object' && value !== null && typeof (value as Generator).next === 'function';
}

function endError(task: RefTask): unknown {
  return task.status === 'failed' ? task.error : new CancelledError(`behaviour "${task.path}" was cancelled before it finished`);
}

function annotate(error: unknown, task: RefTask): unknown {
  if (error instanceof TickflowError && error.behaviour === undefined) {
    error.behaviour = task.path;
    const where = task.entity === undefined ? `behaviour "${task.path}"` : `behaviour "${task.path}" (entity ${task.entity})`;
    if (!error.message.includes('behaviour "')) error.message += ` (in ${where})`;
  }
  return error;
}

/** How tickflow's messages write a wait. */
function waitExample(wait: RefWait): string {
  switch (wait.kind) {
    case 'frames':
      return `yield* waitFrames(${wait.frames})`;
    case 'ms':
      return `yield* waitMs(${wait.ms})`;
    case 'realMs':
      return `yield* waitRealMs(${wait.ms})`;
    case 'until':
      return wait.until ? 'yield* waitUntil(...)' : 'yield* waitWhile(...)';
    case 'signal':
      return `yield* waitSignal(${wait.signal.name})`;
    case 'join':
      return 'yield* task';
    case 'group':
      return wait.race ? 'yield* race([...])' : 'yield* all([...])';
  }
}

/**
 * The reference for tickflow/ecs as the model uses it: bitECS's entity ids (recycled, as its entity index does),
 * and spawnOn / removeEntity semantics: an entity's behaviours are top level and detached, on the world's clock;
 * removing the entity cancels them newest first inside the removal; spawnOn on an entity that is being removed
 * throws; a behaviour whose first step removed its own entity is cancelled by spawnOn.
 */
export class RefWorld {
  // bitECS 0.4 entity index without versioning: alive ids first in `dense`, removed ones kept for reuse.
  readonly #dense: number[] = [];
  readonly #sparse: number[] = [];
  #alive = 0;
  #maxId = 0;
  readonly #records = new Map<number, RefTask[]>();
  readonly #dying = new Set<number>();

  addEntity(): number {
    if (this.#alive < this.#dense.length) {
      const id = this.#dense[this.#alive];
      this.#sparse[id] = this.#alive++;
      return id;
    }
    const id = ++this.#maxId;
    this.#dense.push(id);
    this.#sparse[id] = this.#alive++;
    return id;
  }

  spawnOn(scheduler: RefScheduler, eid: number, gen: RefBehaviour, name: string): RefTask {
    if (this.#dying.has(eid)) {
      throw new TickflowError(
        `spawnOn(world, ${eid}) for behaviour "${name}": entity ${eid} is being removed (removeEntity is running its behaviours' finally blocks). ` +
          'A death effect that must outlive the entity goes on another entity or on the scheduler: scheduler.spawn(explode(x, y)).',
      );
    }
    let record = this.#records.get(eid);
    if (record === undefined) this.#records.set(eid, (record = []));
    const task = scheduler.spawn(gen, { name, detached: true, clock: scheduler.game, entity: eid });
    if (task.status !== 'running') return task;
    if (this.#records.get(eid) !== record) {
      scheduler.cancel(task);
      return task;
    }
    record.push(task);
    return task;
  }

  #removing = false;
  #queued: RefTask[][] = [];

  /**
   * A removal made from inside another removal's cancels (a finally that removes an entity) is queued: its
   * behaviours are cancelled after the current entity's, still inside the outermost removal.
   */
  removeEntity(scheduler: RefScheduler, eid: number): void {
    const record = this.#records.get(eid);
    if (this.#removing) {
      if (record !== undefined) {
        this.#records.delete(eid);
        this.#queued.push(record);
      }
    } else {
      this.#dying.add(eid);
      if (record !== undefined) {
        this.#records.delete(eid);
        this.#removing = true;
        try {
          for (let i = record.length - 1; i >= 0; i--) scheduler.cancel(record[i]);
          for (let q = 0; q < this.#queued.length; q++) {
            const queued = this.#queued[q];
            for (let i = queued.length - 1; i >= 0; i--) scheduler.cancel(queued[i]);
          }
        } finally {
          this.#queued = [];
          this.#removing = false;
        }
      }
      this.#dying.delete(eid);
    }
    const index = this.#sparse[eid];
    const lastId = this.#dense[this.#alive - 1];
    this.#sparse[lastId] = index;
    this.#dense[index] = lastId;
    this.#sparse[eid] = this.#alive - 1;
    this.#dense[this.#alive - 1] = eid;
    this.#alive--;
  }
}

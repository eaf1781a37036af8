import { addComponent, entityExists, hasComponent, observe, onRemove, type World } from 'bitecs';
import type { Clock } from '../core/clock.js';
import { TickflowError, describeValue } from '../core/errors.js';
import { addEntityTask, cancelNewestFirst } from '../core/internal.js';
import { isFiniteFrom } from '../core/numbers.js';
import { respawnNotes } from '../core/respawn.js';
import type { Scheduler } from '../core/scheduler.js';
import type { Task } from '../core/task.js';
import type { Behaviour } from '../core/wait.js';

/**
 * Tag component that tickflow adds to every entity owning behaviours. Removing it (bitECS's own
 * `removeEntity`, or `removeComponent`) cancels the entity's behaviours. Query it to list entities
 * that own behaviours; it carries no data.
 *
 * @example
 * spawnOn(world, eid, patrol(eid, route));    // frame 0: eid gains HasBehaviours
 * query(world, [HasBehaviours]);              // [eid]
 * removeEntity(world, eid);                   // frame 0: patrol's finally runs inside this call
 */
export const HasBehaviours: Record<string, never> = {};

/** Options for {@link attachBehaviours}. */
export interface AttachOptions {
  /**
   * The clock group behaviours of this world run on unless told otherwise (for example a `gameplay`
   * clock, so a pause menu freezes them). Default: the scheduler's game clock.
   */
  clock?: Clock | undefined;
}

/** Options for {@link spawnOn}. */
export interface SpawnOnOptions {
  /** Shown in name paths, error messages and the inspector; {@link cancelOn} matches it. Default "behaviour". */
  name?: string | undefined;
  /**
   * At most one behaviour per slot and entity: starting one in a slot cancels the one running there
   * first (its finally runs before the new behaviour starts). An AI "brain" slot holds patrol, then chase.
   */
  slot?: string | undefined;
  /**
   * The clock group to run on. Default: the entity's clock ({@link setEntityTimeScale}) or else the
   * world's group. When the entity has its own clock and `clock` is that clock's group, the entity
   * clock is used, so its time scale still applies.
   */
  clock?: Clock | undefined;
}

/** Options for {@link setEntityTimeScale}. */
export interface EntityClockOptions {
  /** The group the entity's clock hangs under when it is first made. Default: the world's group. */
  clock?: Clock | undefined;
}

// Per-entity bookkeeping. Deleted when the entity (or its HasBehaviours tag) is removed, so a
// recycled id starts from nothing.
class EntityRecord {
  // Behaviours started on the entity, oldest first; ended ones are dropped lazily.
  tasks: Task<unknown>[] = [];
  slots: Map<string, Task<unknown>> | null = null;
  clock: Clock | null = null;
}

/** Hooks the query followers register, so the world can flush them (see query-behaviours.ts). */
export interface WorldFlusher {
  flush(): void;
  stop(): void;
}

/** The behaviours of one bitECS world. Internal to tickflow/ecs. */
export class WorldBehaviours {
  readonly world: World;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  readonly entities = new Map<number, EntityRecord>();
  // Ids whose removeEntity is under way (the tag's onRemove fired with the entity still alive). A
  // spawnOn there must fail; once bitECS clears the entity, the id is free again.
  readonly #dying = new Set<number>();
  readonly flushers: WorldFlusher[] = [];
  // Entity clocks that could not be disposed yet (a behaviour on them was still executing).
  #pendingClocks: Clock[] = [];
  #unobserve: () => void;
  // A removal's cancels are running; removals they cause wait in #queued (see #entityRemoved).
  #removing = false;
  #queued: Array<EntityRecord | undefined> = [];
  // Slots whose occupant is being cancelled to make room (record, slot name): a spawnOn into one of them from
  // that occupant's finally is refused, so a slot never ends up holding two behaviours.
  readonly replacing: Array<{ record: object; slot: string }> = [];

  constructor(world: World, scheduler: Scheduler, clock: Clock) {
    this.world = world;
    this.scheduler = scheduler;
    this.clock = clock;
    this.#unobserve = observe(world, onRemove(HasBehaviours), (eid: number) => this.#entityRemoved(eid));
  }

  /** The record of a live entity, made (and the entity tagged) on first use. */
  recordFor(eid: number, what: string): EntityRecord {
    const world = this.world;
    if (!(typeof eid === 'number' && Number.isInteger(eid) && eid >= 0)) {
      throw new TickflowError(`${what}: expected an entity id (an integer >= 0 from addEntity), got ${describeValue(eid)}.`);
    }
    let exists: boolean;
    try {
      exists = entityExists(world, eid);
    } catch {
      // bitECS's deleteWorld clears the world's internals: every query on it throws a TypeError.
      throw new TickflowError(
        `${what}: the world was deleted (bitECS deleteWorld). Call detachBehaviours(world) before deleteWorld(world), and start behaviours on live worlds only.`,
      );
    }
    if (!exists) {
      throw new TickflowError(
        `${what}: entity ${eid} does not exist in this world (it was removed, or never added). ` +
          'Start behaviours on live entities: spawnOn right after addEntity, or check entityExists(world, eid) first.',
      );
    }
    if (this.isDying(eid)) {
      throw new TickflowError(
        `${what}: entity ${eid} is being removed (removeEntity is running its behaviours' finally blocks). ` +
          'A death effect that must outlive the entity goes on another entity or on the scheduler: scheduler.spawn(explode(x, y)).',
      );
    }
    let record = this.entities.get(eid);
    if (record !== undefined && !hasComponent(world, eid, HasBehaviours)) {
      // The tag vanished without our observer seeing it (the world was reset): the record is stale.
      this.#endRecord(eid, record);
      record = undefined;
    }
    if (record === undefined) {
      record = new EntityRecord();
      this.entities.set(eid, record);
      addComponent(world, eid, HasBehaviours);
    }
    return record;
  }

  /** True while removeEntity(world, eid) runs the entity's cancellations (a recycled id is not dying). */
  isDying(eid: number): boolean {
    if (!this.#dying.has(eid)) return false;
    if (hasComponent(this.world, eid, HasBehaviours)) return true;
    this.#dying.delete(eid);
    return false;
  }

  /** Starts queued query followers and retries clock disposal; the game loop calls it each frame. */
  flush(): void {
    if (this.#pendingClocks.length > 0) this.#retryClocks();
    const flushers = this.flushers;
    for (let i = 0; i < flushers.length; i++) flushers[i].flush();
  }

  detach(): void {
    this.#unobserve();
    for (const flusher of this.flushers.slice()) flusher.stop();
    for (const [eid, record] of [...this.entities]) this.#endRecord(eid, record);
    this.#retryClocks();
  }

  #entityRemoved(eid: number): void {
    const record = this.entities.get(eid);
    // During removeEntity the entity still has its components; after removeComponent(HasBehaviours) it does not.
    if (hasComponent(this.world, eid, HasBehaviours)) this.#dying.add(eid);
    if (record === undefined) return;
    // Forgotten at once, so a recycled id starts from nothing even while the cancels below wait their turn.
    this.entities.delete(eid);
    if (this.#removing) {
      // Removed from inside another removal's finally: queued, not nested, so a chain of 100,000 entities whose
      // behaviours each remove the next cannot overflow the stack. Its behaviours are cancelled after the
      // current entity's, still inside the outermost removeEntity.
      this.#queued.push(record);
      return;
    }
    this.#removing = true;
    try {
      this.#cancelRecord(record);
      const queued = this.#queued;
      for (let i = 0; i < queued.length; i++) {
        const next = queued[i];
        queued[i] = undefined;
        this.#cancelRecord(next as EntityRecord);
      }
    } finally {
      this.#queued = [];
      this.#removing = false;
    }
  }

  #endRecord(eid: number, record: EntityRecord): void {
    this.entities.delete(eid);
    this.#cancelRecord(record);
  }

  #cancelRecord(record: EntityRecord): void {
    const tasks = record.tasks;
    // Newest first, as scheduler.cancelAll does: later behaviours may depend on earlier ones.
    for (let i = tasks.length - 1; i >= 0; i--) tasks[i].cancel();
    record.tasks = [];
    record.slots = null;
    if (record.clock !== null) {
      this.#disposeClock(record.clock);
      record.clock = null;
    }
  }

  #disposeClock(clock: Clock): void {
    try {
      clock.dispose();
    } catch {
      // A behaviour on it is still executing (it removed its own entity and stops at its next
      // yield*), or someone spawned on it directly: try again next frame.
      this.#pendingClocks.push(clock);
    }
  }

  #retryClocks(): void {
    const clocks = this.#pendingClocks;
    this.#pendingClocks = [];
    for (let i = 0; i < clocks.length; i++) this.#disposeClock(clocks[i]);
  }
}

// Keyed by the world object: a world that is garbage collected takes its state with it.
const states = new WeakMap<World, WorldBehaviours>();

/** The world's behaviour state, or a TickflowError that says how to attach. Internal to tickflow/ecs. */
export function stateOf(world: World, what: string): WorldBehaviours {
  const state = typeof world === 'object' && world !== null ? states.get(world) : undefined;
  if (state === undefined) {
    throw new TickflowError(
      `${what}: this world has no scheduler. Call attachBehaviours(world, scheduler) once after createWorld(), ` +
        'or create the game loop first: createGameLoop({ world, scheduler }).',
    );
  }
  return state;
}

/**
 * Associates a bitECS world with the scheduler that runs its entities' behaviours. Call it once per
 * world (`createGameLoop` does it for you). Calling it again with the same scheduler does nothing.
 *
 * @example
 * const world = createWorld();
 * const scheduler = createScheduler();
 * attachBehaviours(world, scheduler, { clock: scheduler.createClock('gameplay') });
 * spawnOn(world, addEntity(world), blink()); // frame 0: runs up to its first wait
 */
export function attachBehaviours(world: World, scheduler: Scheduler, options: AttachOptions = {}): void {
  if (typeof world !== 'object' || world === null) {
    throw new TickflowError(`attachBehaviours expects a bitECS world from createWorld(), got ${describeValue(world)}.`);
  }
  const existing = states.get(world);
  if (existing !== undefined) {
    if (existing.scheduler !== scheduler) {
      throw new TickflowError(
        'attachBehaviours: this world is already attached to another scheduler. One world, one scheduler: ' +
          'call detachBehaviours(world) first if you really mean to move it.',
      );
    }
    if (options.clock !== undefined && options.clock !== existing.clock) {
      throw new TickflowError(`attachBehaviours: this world already runs its behaviours on clock "${existing.clock.name}"; its group cannot change.`);
    }
    return;
  }
  if (typeof scheduler !== 'object' || scheduler === null || typeof scheduler.spawn !== 'function') {
    throw new TickflowError(`attachBehaviours expects a scheduler from createScheduler(), got ${describeValue(scheduler)}.`);
  }
  states.set(world, new WorldBehaviours(world, scheduler, options.clock ?? scheduler.clock));
}

/**
 * Cancels every behaviour of the world's entities, stops its query followers and forgets the
 * scheduler. Call it before bitECS's `resetWorld` or `deleteWorld`.
 *
 * @example
 * detachBehaviours(world); // frame 90: every entity behaviour's finally runs now
 * deleteWorld(world);
 */
export function detachBehaviours(world: World): void {
  const state = states.get(world);
  if (state === undefined) return;
  states.delete(world);
  state.detach();
}

/**
 * Starts a behaviour owned by an entity, like `addComponent(world, eid, C)` attaches data: it runs
 * until it returns, {@link cancelOn} stops it, or the entity is removed. bitECS's own
 * `removeEntity(world, eid)` cancels it (and its children) inside that call, while the entity's
 * components can still be read in its finally blocks.
 *
 * The behaviour is top level (not a child of the behaviour that calls spawnOn) and its task knows its
 * entity (`task.entity`). It runs synchronously up to its first wait.
 *
 * @example
 * const guard = addEntity(world);
 * spawnOn(world, guard, patrol(guard, route), { name: 'patrol', slot: 'brain' }); // frame 0
 * // frame 40, the player is seen: patrol's finally runs, then chase starts
 * spawnOn(world, guard, chase(guard, player), { name: 'chase', slot: 'brain' });
 */
export function spawnOn<T>(world: World, eid: number, behaviour: Behaviour<T>, options: SpawnOnOptions = {}): Task<T> {
  const name = options.name ?? 'behaviour';
  const what = `spawnOn(world, ${describeValue(eid)}) for behaviour "${name}"`;
  const state = stateOf(world, what);
  let record = state.recordFor(eid, what);
  const slot = options.slot;
  if (slot !== undefined) {
    if (typeof slot !== 'string' || slot === '') throw new TickflowError(`${what}: slot must be a non-empty string, got ${describeValue(slot)}.`);
    if (state.replacing.some((entry) => entry.record === record && entry.slot === slot)) {
      throw new TickflowError(
        `${what}: slot "${slot}" of entity ${eid} is being given to another behaviour, and its old occupant's finally block tried to start this one in it. ` +
          'One behaviour per slot: the new occupant wins. Start a fallback in another slot, or without a slot.',
      );
    }
    const previous = record.slots?.get(slot);
    if (previous !== undefined && previous.status === 'running') {
      const entry = { record, slot };
      state.replacing.push(entry);
      try {
        previous.cancel();
      } finally {
        state.replacing.splice(state.replacing.indexOf(entry), 1);
      }
      // Its finally may have removed the entity: check again (throws if so).
      record = state.recordFor(eid, what);
    }
  }
  const entityClock = record.clock;
  const group = options.clock;
  const clock = entityClock !== null && (group === undefined || group === entityClock.parent) ? entityClock : (group ?? state.clock);
  const task = state.scheduler.spawn(behaviour, { name, detached: true, clock, entity: eid });
  if (task.status !== 'running') return task;
  if (state.entities.get(eid) !== record) {
    // The entity was removed during the behaviour's first step (before we could list the task).
    task.cancel();
    return task;
  }
  addEntityTask(record.tasks, task);
  if (slot !== undefined) (record.slots ??= new Map()).set(slot, task);
  // Live editing (tickflow/hot) restarts an edited behaviour in the same entity, slot and clock group.
  if (respawnNotes.enabled) respawnNotes.byTask.set(task, (next) => spawnOn(world, eid, next, options));
  return task;
}

/**
 * The entity's live behaviours started with {@link spawnOn} (or {@link runOnQuery}), oldest first.
 * Their children are under `task.children()`. Empty for entities without behaviours or removed ones.
 *
 * @example
 * behavioursOf(world, guard).map((task) => task.name); // ['patrol', 'blink'] at frame 10
 */
export function behavioursOf(world: World, eid: number): Task<unknown>[] {
  const record = stateOf(world, 'behavioursOf').entities.get(eid);
  if (record === undefined) return [];
  return record.tasks.filter(isRunning);
}

/**
 * Cancels the entity's behaviours, newest first (children before parents; finally blocks run now).
 * With a name, only behaviours started with that name. Returns how many were cancelled.
 *
 * @example
 * cancelOn(world, guard, 'patrol'); // frame 12: 1, patrol's finally ran
 * cancelOn(world, guard);           // every other behaviour of guard
 */
export function cancelOn(world: World, eid: number, name?: string): number {
  const record = stateOf(world, 'cancelOn').entities.get(eid);
  return record === undefined ? 0 : cancelNewestFirst(record.tasks, name);
}

/**
 * Slows down or speeds up one entity: makes (on first use) a clock for the entity under its group
 * and sets its time scale. Behaviours spawned on the entity afterwards run on that clock; ones
 * already running keep the clock they started on, so call it when the entity is created (scale 1)
 * if it may be slowed later. The clock is disposed when the entity is removed, after its
 * behaviours are cancelled.
 *
 * @example
 * setEntityTimeScale(world, boss, 1);           // at creation
 * spawnOn(world, boss, stomp(boss));            // stomps every 1000 ms of boss time
 * setEntityTimeScale(world, boss, 0.25);        // frame 300: slow motion, stomps every 4000 ms
 */
export function setEntityTimeScale(world: World, eid: number, timeScale: number, options: EntityClockOptions = {}): void {
  const what = `setEntityTimeScale(world, ${describeValue(eid)})`;
  const state = stateOf(world, what);
  if (!isFiniteFrom(timeScale, 0)) {
    throw new TickflowError(`${what}: timeScale must be a finite number >= 0, got ${describeValue(timeScale)}. Use 1 for normal speed, 0.5 for half.`);
  }
  const record = state.recordFor(eid, what);
  const parent = options.clock;
  if (record.clock === null) {
    record.clock = state.scheduler.createClock(`entity ${eid}`, { parent: parent ?? state.clock, timeScale });
    return;
  }
  if (parent !== undefined && parent !== record.clock.parent) {
    throw new TickflowError(`${what}: the entity's clock already hangs under clock "${record.clock.parent?.name}"; a clock cannot change its group.`);
  }
  record.clock.timeScale = timeScale;
}

/**
 * The clock the entity's next behaviour runs on by default: its own (after
 * {@link setEntityTimeScale}) or the world's group.
 *
 * @example
 * setEntityTimeScale(world, boss, 0.5);
 * entityClock(world, boss).timeScale; // 0.5
 */
export function entityClock(world: World, eid: number): Clock {
  const state = stateOf(world, 'entityClock');
  return state.entities.get(eid)?.clock ?? state.clock;
}

function isRunning(task: Task<unknown>): boolean {
  return task.status === 'running';
}

// One Colyseus room's behaviours: a scheduler of its own, stepped at a fixed rate by the room's
// simulation interval; behaviours owned by schema entities; client messages validated, buffered and
// handed to behaviours at step boundaries. A step runs these phases:
//
//   step()
//    1. entities: behaviours of entities no longer in the room's state are cancelled (finally runs)
//    2. leavers:  buffers of clients that left close (a behaviour still waiting on one gets an error)
//    3. messages: behaviours waiting on channels that received messages resume, in arrival order
//    4. scheduler.tick(stepMs): timers, frames, predicates (see the core's phases)
import { $changes } from '@colyseus/schema';
import type { Client, Room } from '@colyseus/core';
import { TickflowError, describeValue } from '../core/errors.js';
import { addEntityTask, cancelNewestFirst } from '../core/internal.js';
import { isFinitePositive } from '../core/numbers.js';
import { createScheduler, type Scheduler } from '../core/scheduler.js';
import type { Task } from '../core/task.js';
import type { Behaviour } from '../core/wait.js';
import { MessageChannelState, type ChannelHost, type MessageChannel, type MessageChannelOptions } from './message-channel.js';

/** Options for {@link attachRoomBehaviours}. */
export interface RoomBehavioursOptions {
  /** The fixed step, ms: every step advances the room's clocks by exactly this much. Default 50 (20 Hz). */
  stepMs?: number | undefined;
  /**
   * Do not install a simulation interval: call `behaviours.step()` yourself (tests, replays, or a room
   * that already has its own simulation interval). Default false.
   */
  manual?: boolean | undefined;
  /**
   * The most steps one simulation interval callback may run to catch up after a stall (a GC pause, a
   * busy machine). Time beyond it is not simulated. Default 4.
   */
  maxCatchUpSteps?: number | undefined;
  /** Called for each behaviour that fails with nobody joining it. Default: console.error with the room id. */
  onError?: ((error: unknown, task: Task<unknown>) => void) | undefined;
  /** Called for each rejected client message, after the client was told. Default: nothing. */
  onReject?: ((client: Client, type: string, reason: string) => void) | undefined;
  /** Called after each step with its duration in ms (for load measurements). Off by default. */
  onStepMeasured?: ((elapsedMs: number) => void) | undefined;
}

/** Options for {@link RoomBehaviours.spawnOn}. */
export interface RoomSpawnOnOptions {
  /** Shown in name paths and error messages; {@link RoomBehaviours.cancelOn} matches it. Default "behaviour". */
  name?: string | undefined;
  /** At most one behaviour per slot and entity: starting one cancels the one running there first. */
  slot?: string | undefined;
}

/** What {@link RoomBehaviours.stats} counts since the room was attached. */
export interface RoomBehavioursStats {
  /** Steps run. */
  readonly steps: number;
  /** Client messages accepted into a buffer. */
  readonly accepted: number;
  /** Client messages rejected (unknown type, too big, too many, invalid, buffer full). */
  readonly rejected: number;
  /** Behaviours that failed. */
  readonly failed: number;
}

/**
 * The behaviours of one Colyseus room, made by {@link attachRoomBehaviours}.
 *
 * @example
 * const behaviours = attachRoomBehaviours(this, { stepMs: 50 });
 * behaviours.spawnOn(guard, patrol(guard), { name: 'patrol', slot: 'brain' }); // step 0
 * this.state.guards.delete(id);   // at the next step, patrol's finally runs
 */
export interface RoomBehaviours {
  /** The room's own scheduler (one per room: a failure or a slow behaviour stays in its room). */
  readonly scheduler: Scheduler;
  /** The fixed step, ms. */
  readonly stepMs: number;
  /** Steps run so far (the scheduler's frame). */
  readonly frame: number;
  /** Counters since the room was attached. */
  readonly stats: RoomBehavioursStats;
  /** True once the room is disposed (or {@link RoomBehaviours.dispose} was called). */
  readonly disposed: boolean;
  /** Starts a room-level behaviour (a spawner, a round timer): it lives until it returns or the room is disposed. */
  spawn<T>(behaviour: Behaviour<T>, options?: { name?: string }): Task<T>;
  /**
   * Starts a behaviour owned by a schema entity (a Schema instance in the room's state). Removing
   * the entity from the state (`state.guards.delete(id)`, `splice`) cancels it at the start of the
   * next step, `finally` included.
   */
  spawnOn<T>(entity: object, behaviour: Behaviour<T>, options?: RoomSpawnOnOptions): Task<T>;
  /** The entity's live behaviours, oldest first. */
  behavioursOf(entity: object): Task<unknown>[];
  /** Cancels the entity's behaviours now (newest first), or only those named `name`. Returns how many. */
  cancelOn(entity: object, name?: string): number;
  /** Registers a message type clients may send; its validated messages wait in buffers for behaviours. */
  onMessage<T>(type: string, options: MessageChannelOptions<T>): MessageChannel<T>;
  /** Runs one fixed step now (the simulation interval calls it; call it yourself with `manual: true`). */
  step(): void;
  /** Cancels every behaviour and drops every buffer. Runs by itself when the room is disposed. */
  dispose(): void;
}

// Per-entity bookkeeping, dropped when the entity leaves the state.
class EntityRecord {
  readonly id: number;
  tasks: Task<unknown>[] = [];
  slots: Map<string, Task<unknown>> | null = null;
  constructor(id: number) {
    this.id = id;
  }
}

// Who told the client about a rejection in which step: at most one notice per client and step, so a
// flood of bad messages cannot make the server send a flood back.
const REJECTED_MESSAGE = 'tickflow:rejected';

class RoomBehavioursState implements RoomBehaviours, ChannelHost {
  readonly scheduler: Scheduler;
  readonly stepMs: number;
  readonly #room: Room;
  readonly #maxCatchUpSteps: number;
  readonly #onReject: RoomBehavioursOptions['onReject'];
  readonly #onStepMeasured: RoomBehavioursOptions['onStepMeasured'];
  readonly #entities = new Map<object, EntityRecord>();
  readonly #channels = new Map<string, MessageChannelState<unknown>>();
  #dirtyChannels: MessageChannelState<unknown>[] = [];
  #leavers: string[] = [];
  readonly #noticeFrames = new Map<string, number>();
  #nextEntityId = 1;
  #accumulatedMs = 0;
  #disposed = false;
  #stepping = false;
  #steps = 0;
  #accepted = 0;
  #rejected = 0;
  #failed = 0;

  constructor(room: Room, options: RoomBehavioursOptions) {
    const stepMs = options.stepMs ?? 50;
    if (!isFinitePositive(stepMs)) {
      throw new TickflowError(`attachRoomBehaviours: stepMs must be a finite number of milliseconds > 0, got ${describeValue(stepMs)}. 50 is 20 steps per second.`);
    }
    const maxCatchUpSteps = options.maxCatchUpSteps ?? 4;
    if (!(Number.isInteger(maxCatchUpSteps) && maxCatchUpSteps >= 1)) {
      throw new TickflowError(`attachRoomBehaviours: maxCatchUpSteps must be an integer >= 1, got ${describeValue(maxCatchUpSteps)}.`);
    }
    this.#room = room;
    this.stepMs = stepMs;
    this.#maxCatchUpSteps = maxCatchUpSteps;
    this.#onReject = options.onReject;
    this.#onStepMeasured = options.onStepMeasured;
    const onError = options.onError ?? ((error: unknown, task: Task<unknown>) => console.error(`tickflow: behaviour "${task.path}" failed in room ${room.roomId}:`, error));
    this.scheduler = createScheduler({
      // A step never exceeds stepMs, so the clamp only guards a misuse.
      maxDtMs: Math.max(100, stepMs),
      onError: (error, task) => {
        this.#failed++;
        onError(error, task);
      },
    });
    // Any message type nobody registered is rejected the same clear way (Colyseus would only log it).
    room.onMessage('*', (client: Client, type: string | number) => this.reject(client, String(type), 'unknown message type'));
    room._events.on('leave', this.#onLeave);
    room._events.once('dispose', this.#onDispose);
    if (options.manual !== true) room.setSimulationInterval((deltaTimeMs: number) => this.#advance(deltaTimeMs), stepMs);
  }

  get frame(): number {
    return this.scheduler.frame;
  }
  get roomId(): string {
    return this.#room.roomId;
  }
  get disposed(): boolean {
    return this.#disposed;
  }
  get stats(): RoomBehavioursStats {
    return { steps: this.#steps, accepted: this.#accepted, rejected: this.#rejected, failed: this.#failed };
  }

  spawn<T>(behaviour: Behaviour<T>, options: { name?: string } = {}): Task<T> {
    this.#checkLive(`spawn "${options.name ?? 'behaviour'}"`);
    return this.scheduler.spawn(behaviour, { name: options.name, detached: true });
  }

  spawnOn<T>(entity: object, behaviour: Behaviour<T>, options: RoomSpawnOnOptions = {}): Task<T> {
    const name = options.name ?? 'behaviour';
    const what = `spawnOn(${describeValue(entity)}) for behaviour "${name}"`;
    this.#checkLive(what);
    let record = this.#recordFor(entity, what);
    const slot = options.slot;
    if (slot !== undefined) {
      if (typeof slot !== 'string' || slot === '') throw new TickflowError(`${what}: slot must be a non-empty string, got ${describeValue(slot)}.`);
      const previous = record.slots?.get(slot);
      if (previous !== undefined && previous.status === 'running') {
        previous.cancel();
        // Its finally may have removed the entity: check again (throws if so).
        record = this.#recordFor(entity, what);
      }
    }
    const task = this.scheduler.spawn(behaviour, { name, detached: true, entity: record.id });
    if (task.status !== 'running') return task;
    addEntityTask(record.tasks, task);
    if (slot !== undefined) (record.slots ??= new Map()).set(slot, task);
    return task;
  }

  behavioursOf(entity: object): Task<unknown>[] {
    const record = this.#entities.get(entity);
    return record === undefined ? [] : record.tasks.filter((task) => task.status === 'running');
  }

  cancelOn(entity: object, name?: string): number {
    const record = this.#entities.get(entity);
    return record === undefined ? 0 : cancelNewestFirst(record.tasks, name);
  }

  onMessage<T>(type: string, options: MessageChannelOptions<T>): MessageChannel<T> {
    const what = `onMessage(${describeValue(type)})`;
    this.#checkLive(what);
    if (typeof type !== 'string' || type === '' || type.startsWith('tickflow:')) {
      throw new TickflowError(`${what}: the type must be a non-empty string not starting with "tickflow:", e.g. onMessage("move", { validate }).`);
    }
    if (this.#channels.has(type)) throw new TickflowError(`${what}: this room already has a channel for "${type}"; keep the one onMessage returned.`);
    const channel = new MessageChannelState<T>(this, type, options);
    this.#channels.set(type, channel as MessageChannelState<unknown>);
    this.#room.onMessage(type, (client: Client, raw: unknown) => {
      if (this.#disposed) return;
      if (channel.accept(client, raw)) this.#accepted++;
    });
    return channel;
  }

  step(): void {
    if (this.#disposed) return;
    if (this.#stepping) throw new TickflowError('step() was called while a step was running (from a behaviour or a message?). The room steps itself; inside a behaviour wait with yield* waitFrames(1).');
    this.#stepping = true;
    const startMs = this.#onStepMeasured === undefined ? 0 : performance.now();
    try {
      // Phase 1: entities that left the state.
      if (this.#entities.size > 0) this.#sweepEntities();
      // Phase 2: clients that left.
      if (this.#leavers.length > 0) {
        const leavers = this.#leavers;
        this.#leavers = [];
        for (const sessionId of leavers) {
          this.#noticeFrames.delete(sessionId);
          for (const channel of this.#channels.values()) channel.forget(sessionId);
        }
      }
      // Phase 3: messages that arrived since the last step.
      if (this.#dirtyChannels.length > 0) {
        const dirty = this.#dirtyChannels;
        this.#dirtyChannels = [];
        for (const channel of dirty) channel.deliver();
      }
      // Phase 4: time.
      this.scheduler.tick(this.stepMs);
    } finally {
      this.#stepping = false;
      this.#steps++;
    }
    if (this.#onStepMeasured !== undefined) this.#onStepMeasured(performance.now() - startMs);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#room._events.off('leave', this.#onLeave);
    this.#room._events.off('dispose', this.#onDispose);
    this.#room.setSimulationInterval(undefined);
    this.scheduler.cancelAll();
    this.#entities.clear();
    for (const channel of this.#channels.values()) channel.clear();
    this.#dirtyChannels = [];
    this.#leavers = [];
    rooms.delete(this.#room);
  }

  // ---- ChannelHost ----

  isConnected(sessionId: string): boolean {
    return this.#room.clients.getById(sessionId) !== undefined && !this.#leavers.includes(sessionId);
  }

  reject(client: Client, type: string, reason: string): void {
    this.#rejected++;
    if (this.#noticeFrames.get(client.sessionId) !== this.frame) {
      this.#noticeFrames.set(client.sessionId, this.frame);
      client.send(REJECTED_MESSAGE, { type, reason });
    }
    this.#onReject?.(client, type, reason);
  }

  markDirty(channel: MessageChannelState<unknown>): void {
    this.#dirtyChannels.push(channel);
  }

  // ---- internals ----

  readonly #onLeave = (client: Client): void => {
    this.#leavers.push(client.sessionId);
  };

  readonly #onDispose = (): void => {
    this.dispose();
  };

  #advance(deltaTimeMs: number): void {
    // Real time accumulates; the simulation only ever moves in whole steps of stepMs.
    this.#accumulatedMs += deltaTimeMs;
    let steps = 0;
    while (this.#accumulatedMs >= this.stepMs && !this.#disposed) {
      this.#accumulatedMs -= this.stepMs;
      if (++steps > this.#maxCatchUpSteps) {
        this.#accumulatedMs = 0;
        break;
      }
      try {
        this.step();
      } catch (error) {
        // Never let a step's error escape into Colyseus's timer: it would crash the whole process,
        // and with it every other room.
        this.#failed++;
        console.error(`tickflow: a step of room ${this.#room.roomId} failed:`, error);
      }
    }
  }

  #checkLive(what: string): void {
    if (this.#disposed) throw new TickflowError(`${what}: room ${this.#room.roomId} is disposed; its behaviours were cancelled.`);
  }

  #recordFor(entity: object, what: string): EntityRecord {
    if (!this.#inState(entity)) {
      throw new TickflowError(
        `${what}: the entity is not in this room's state. Add it first (state.guards.set(id, guard)), then spawn on it; ` +
          'an entity removed from the state cannot own behaviours.',
      );
    }
    let record = this.#entities.get(entity);
    if (record === undefined) {
      record = new EntityRecord(this.#nextEntityId++);
      this.#entities.set(entity, record);
    }
    return record;
  }

  // An entity is in the state while @colyseus/schema tracks it under the state's root: the schema
  // encoder clears a change tree's root the moment its last reference in the state goes away.
  #inState(entity: object): boolean {
    if (typeof entity !== 'object' || entity === null) return false;
    const state = this.#room.state as Record<string, unknown> | undefined;
    const stateTree = state?.[$changes] as { root?: unknown } | undefined;
    const tree = (entity as Record<string, unknown>)[$changes] as { root?: unknown } | undefined;
    return tree !== undefined && stateTree !== undefined && tree.root !== undefined && tree.root === stateTree.root;
  }

  #sweepEntities(): void {
    for (const [entity, record] of this.#entities) {
      if (this.#inState(entity)) continue;
      this.#entities.delete(entity);
      const tasks = record.tasks;
      // Newest first, as scheduler.cancelAll does: later behaviours may depend on earlier ones.
      for (let i = tasks.length - 1; i >= 0; i--) tasks[i].cancel();
    }
  }
}

// One RoomBehaviours per room.
const rooms = new WeakMap<Room, RoomBehavioursState>();

/**
 * Gives a Colyseus room its behaviours: a scheduler stepped at a fixed rate by the room's simulation
 * interval, behaviours owned by schema entities, and validated client messages delivered into
 * behaviours. Call it once in `onCreate`, after setting the state. Disposing the room cancels every
 * behaviour (finally blocks run).
 *
 * @example
 * class GuardRoom extends Room<ArenaState> {
 *   onCreate() {
 *     this.state = new ArenaState();
 *     const behaviours = attachRoomBehaviours(this, { stepMs: 50 }); // 20 steps per second
 *     const guard = new Guard();
 *     this.state.guards.set('g1', guard);
 *     behaviours.spawnOn(guard, patrol(guard), { name: 'patrol' }); // step 0: walks to its first post
 *   }
 * }
 */
export function attachRoomBehaviours(room: Room, options: RoomBehavioursOptions = {}): RoomBehaviours {
  if (typeof room !== 'object' || room === null || typeof room.setSimulationInterval !== 'function' || typeof room.onMessage !== 'function') {
    throw new TickflowError(`attachRoomBehaviours expects a Colyseus Room (this, inside onCreate), got ${describeValue(room)}.`);
  }
  if (rooms.has(room)) throw new TickflowError(`attachRoomBehaviours: room ${room.roomId} already has behaviours; call it once, in onCreate.`);
  if ((room.state as Record<string, unknown> | undefined)?.[$changes] === undefined) {
    throw new TickflowError(`attachRoomBehaviours: room ${room.roomId} has no schema state yet. Set this.state = new MyState() first, then attach.`);
  }
  const state = new RoomBehavioursState(room, options);
  rooms.set(room, state);
  return state;
}

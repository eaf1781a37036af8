import { entityExists, observe, onAdd, onRemove, query, type QueryTerm, type World } from 'bitecs';
import type { Clock } from '../core/clock.js';
import { TickflowError, describeValue } from '../core/errors.js';
import type { Task } from '../core/task.js';
import type { Behaviour } from '../core/wait.js';
import { spawnOn, stateOf, type WorldBehaviours, type WorldFlusher } from './entity-behaviours.js';

/** Options for {@link runOnQuery}. */
export interface RunOnQueryOptions {
  /** Name of each behaviour. Default: the start function's name, else "behaviour". */
  name?: string | undefined;
  /** Passed to {@link spawnOn}: the clock group. */
  clock?: Clock | undefined;
  /** Passed to {@link spawnOn}: starting in a slot cancels the entity's behaviour in that slot. */
  slot?: string | undefined;
}

/**
 * What {@link runOnQuery} returns: the live behaviours it started, and a way to stop following.
 *
 * @example
 * const particles = runOnQuery(world, [Particle], particleLifetime);
 * loop.step(16);     // frame 1: 3 particles entered, particles.size === 3
 * particles.stop();  // their finally blocks run now; new particles get no behaviour
 */
export interface QueryBehaviours {
  /** The name its behaviours get (the `name` option, or the start function's name). */
  readonly name: string;
  /** Live behaviours it started (entities waiting to start are not counted). */
  readonly size: number;
  /** The entity's live behaviour from this follower, if any. */
  taskOf(eid: number): Task<unknown> | undefined;
  /** Stops following the query and cancels the behaviours it started. */
  stop(): void;
}

class QueryFollower implements QueryBehaviours, WorldFlusher {
  readonly name: string;
  readonly #state: WorldBehaviours;
  readonly #start: (eid: number, world: World) => Behaviour<unknown>;
  readonly #options: RunOnQueryOptions & { name: string };
  // Entities that entered and wait for the next flush, in entry order.
  readonly #entered = new Set<number>();
  readonly #running = new Map<number, Task<unknown>>();
  #unobserve: Array<() => void> = [];
  #stopped = false;

  constructor(state: WorldBehaviours, terms: QueryTerm[], start: (eid: number, world: World) => Behaviour<unknown>, options: RunOnQueryOptions) {
    this.#state = state;
    this.#start = start;
    this.name = options.name ?? (start.name || 'behaviour');
    this.#options = { ...options, name: this.name };
    const world = state.world;
    this.#unobserve = [
      observe(world, onAdd(...terms), (eid: number) => this.#enter(eid)),
      observe(world, onRemove(...terms), (eid: number) => this.#leave(eid)),
    ];
    const members = query(world, terms);
    for (let i = 0; i < members.length; i++) this.#entered.add(members[i]);
  }

  get size(): number {
    let count = 0;
    for (const task of this.#running.values()) if (task.status === 'running') count++;
    return count;
  }

  taskOf(eid: number): Task<unknown> | undefined {
    const task = this.#running.get(eid);
    return task !== undefined && task.status === 'running' ? task : undefined;
  }

  flush(): void {
    const entered = this.#entered;
    if (entered.size === 0) return;
    const world = this.#state.world;
    // Entities that enter while these start wait for the next flush, so a behaviour that spawns
    // particles from its first step cannot make this loop run forever.
    const batch = [...entered];
    for (let i = 0; i < batch.length && !this.#stopped; i++) {
      const eid = batch[i];
      // Left (or was removed) since the batch was taken.
      if (!entered.delete(eid)) continue;
      if (!entityExists(world, eid) || this.#state.isDying(eid)) continue;
      let task: Task<unknown>;
      try {
        task = spawnOn(world, eid, this.#start(eid, world), this.#options);
      } catch (error) {
        // A start function that throws (or returns no generator) fails that entity's behaviour alone: it is
        // reported once to the scheduler's onError with its name and entity, and the flush goes on.
        task = this.#state.scheduler.spawn(failWith(error), { name: this.#options.name, detached: true, entity: eid });
      }
      if (task.status === 'running') this.#running.set(eid, task);
    }
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const unobserve of this.#unobserve) unobserve();
    this.#unobserve = [];
    this.#entered.clear();
    const tasks = [...this.#running.values()];
    this.#running.clear();
    for (let i = tasks.length - 1; i >= 0; i--) tasks[i].cancel();
    const flushers = this.#state.flushers;
    const index = flushers.indexOf(this);
    if (index >= 0) flushers.splice(index, 1);
  }

  #enter(eid: number): void {
    if (this.#stopped || this.#state.isDying(eid)) return;
    const running = this.#running.get(eid);
    if (running !== undefined && running.status === 'running') return;
    this.#entered.add(eid);
  }

  #leave(eid: number): void {
    this.#entered.delete(eid);
    const task = this.#running.get(eid);
    if (task === undefined) return;
    this.#running.delete(eid);
    // During removeEntity the entity still has its components, so the finally blocks can read them.
    task.cancel();
  }
}

/**
 * Follows a bitECS query: every entity that enters it gets its own behaviour, cancelled when the
 * entity leaves (a component removed, or the entity removed). A behaviour that returns is not
 * restarted while the entity stays in the query.
 *
 * Entering is seen at once (bitECS `observe(world, onAdd(...terms))`) but the behaviour starts at
 * the next flush, so the code that added the components can set their values first: the game
 * loop flushes at the start of its behaviours phase and again after `scheduler.tick`. Without a
 * loop, call {@link startEnteredBehaviours}. Entities already in the query start at the first flush.
 * Call it at setup: it runs `query(world, terms)` once, which commits bitECS's deferred removals.
 *
 * @example
 * runOnQuery(world, [Particle], particleLifetime); // function* particleLifetime(eid: number)
 * const spark = addEntity(world);
 * addComponent(world, spark, Particle);
 * Particle.lifeMs[spark] = 500;                    // set before the behaviour reads it
 * loop.step(16);                                   // frame 1: particleLifetime(spark) starts
 */
export function runOnQuery<W extends World>(
  world: W,
  terms: QueryTerm[],
  start: (eid: number, world: W) => Behaviour<unknown>,
  options: RunOnQueryOptions = {},
): QueryBehaviours {
  const state = stateOf(world, 'runOnQuery');
  if (!Array.isArray(terms) || terms.length === 0) {
    throw new TickflowError(`runOnQuery expects a non-empty array of query terms such as [Particle], got ${describeValue(terms)}.`);
  }
  if (typeof start !== 'function') {
    throw new TickflowError(
      `runOnQuery expects a function that makes each entity's behaviour, such as (eid) => particleLifetime(eid), got ${describeValue(start)}.`,
    );
  }
  const follower = new QueryFollower(state, terms, start as (eid: number, world: World) => Behaviour<unknown>, options);
  state.flushers.push(follower);
  return follower;
}

/**
 * Starts the behaviours of entities that entered {@link runOnQuery} queries since the last call,
 * follower by follower, in entry order. The game loop calls it in its behaviours phase; call it
 * yourself when you tick the scheduler without the loop.
 *
 * @example
 * addComponent(world, spark, Particle);
 * startEnteredBehaviours(world); // particleLifetime(spark) runs up to its first wait
 * scheduler.tick(16);
 */
export function startEnteredBehaviours(world: World): void {
  stateOf(world, 'startEnteredBehaviours').flush();
}

/** A behaviour that fails at once with `error`: how a throwing start function is reported. */
// eslint-disable-next-line require-yield
function* failWith(error: unknown): Behaviour<never> {
  throw error;
}

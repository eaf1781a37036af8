// Depth: the bookkeeping of cancel, join, structured completion, signal wakes, entity removal and all/race
// uses work lists, not recursion, so chains of 100,000 levels work: every finally runs once, children
// first, every joiner resumes in the same tick, nothing escapes tick()/cancel()/emit(), liveCount ends at 0.
import { addEntity, createWorld, removeEntity } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { all, createQueue, createScheduler, createSignal, race, waitFrames, waitSignal, type Behaviour, type Queue, type Scheduler, type Task } from '../../src/index.js';
import { attachBehaviours, spawnOn } from '../../src/ecs/index.js';

const N = Number(process.env.DEPTH_N ?? 100_000);

function recorder() {
  const errors: unknown[] = [];
  const scheduler = createScheduler({ onError: (error) => errors.push(error) });
  return { scheduler, errors };
}

/** Ticks until `done()` (one level is built per tick). */
function tickUntil(scheduler: Scheduler, done: () => boolean): void {
  for (let i = 0; i < N + 10 && !done(); i++) scheduler.tick(16);
  expect(done()).toBe(true);
}

// Each case builds and tears down 100,000 tasks: well under a second on a quiet machine, several under load.
describe('depth: 100,000 levels', { timeout: 60_000 }, () => {
  it('cancels a 100,000-deep chain of child tasks: every finally once, innermost first, liveCount 0', () => {
    const { scheduler, errors } = recorder();
    const never = createSignal('never');
    const finallyOrder: number[] = [];
    let built = 0;
    function* level(k: number): Behaviour {
      try {
        built = k + 1;
        if (k < N - 1) {
          yield* waitFrames(1);
          scheduler.spawn(level(k + 1));
        }
        yield* waitSignal(never);
      } finally {
        finallyOrder.push(k);
      }
    }
    const root = scheduler.spawn(level(0));
    tickUntil(scheduler, () => built === N);
    expect(scheduler.liveCount).toBe(N);
    expect(() => root.cancel()).not.toThrow();
    expect(finallyOrder.length).toBe(N);
    expect(finallyOrder.every((k, i) => k === N - 1 - i)).toBe(true);
    expect(root.status).toBe('cancelled');
    expect(scheduler.liveCount).toBe(0);
    expect(never.waiting).toBe(0);
    expect(errors).toEqual([]);
  });

  it('resumes a 100,000-deep chain of joins (return 1 + (yield* child)) in the tick the leaf ends', () => {
    const { scheduler, errors } = recorder();
    const go = createSignal('go');
    const resumedFrames = new Set<number>();
    let built = 0;
    function* level(k: number): Behaviour<number> {
      built = k + 1;
      yield* waitFrames(1);
      if (k === N - 1) {
        yield* waitSignal(go);
        return 0;
      }
      const child = scheduler.spawn(level(k + 1));
      const below = yield* child;
      resumedFrames.add(scheduler.frame);
      return 1 + below;
    }
    const root = scheduler.spawn(level(0));
    tickUntil(scheduler, () => built === N && go.waiting === 1);
    const frame = scheduler.frame;
    expect(() => go.emit()).not.toThrow();
    expect(root.status).toBe('done');
    expect(root.result).toBe(N - 1);
    expect([...resumedFrames]).toEqual([frame]);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('fails a 100,000-deep chain of joins from the leaf: each joiner sees the error once, in the same tick', () => {
    const { scheduler, errors } = recorder();
    const go = createSignal('go');
    let built = 0;
    let caughtAtRoot: unknown;
    function* level(k: number): Behaviour<number> {
      built = k + 1;
      yield* waitFrames(1);
      if (k === N - 1) {
        yield* waitSignal(go);
        throw new Error('leaf broke');
      }
      const child = scheduler.spawn(level(k + 1));
      if (k > 0) return 1 + (yield* child);
      try {
        return yield* child;
      } catch (error) {
        caughtAtRoot = error;
        return -1;
      }
    }
    const root = scheduler.spawn(level(0));
    tickUntil(scheduler, () => built === N && go.waiting === 1);
    go.emit();
    expect(root.result).toBe(-1);
    expect((caughtAtRoot as Error).message).toContain('leaf broke');
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('completes a 100,000-deep chain of parents whose bodies returned, when the last child ends', () => {
    const { scheduler, errors } = recorder();
    const go = createSignal('go');
    let built = 0;
    const tasks: Task<unknown>[] = [];
    function* level(k: number): Behaviour<number> {
      built = k + 1;
      if (k === N - 1) {
        yield* waitSignal(go);
        return k;
      }
      yield* waitFrames(1);
      tasks.push(scheduler.spawn(level(k + 1)));
      return k;
    }
    const root = scheduler.spawn(level(0));
    tickUntil(scheduler, () => built === N);
    expect(root.status).toBe('running');
    expect(() => go.emit()).not.toThrow();
    expect(root.status).toBe('done');
    expect(tasks.every((task) => task.status === 'done')).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('wakes a chain of 100,000 signal waiters where each woken waiter emits the next signal, inside the first emit', () => {
    const { scheduler, errors } = recorder();
    const signals = Array.from({ length: N + 1 }, (_, i) => createSignal<number>(`s${i}`));
    const woken: number[] = [];
    function* link(k: number): Behaviour {
      const value = yield* waitSignal(signals[k]);
      woken.push(value);
      signals[k + 1].emit(value + 1);
    }
    for (let k = 0; k < N; k++) scheduler.spawn(link(k));
    expect(() => signals[0].emit(0)).not.toThrow();
    expect(woken.length).toBe(N);
    expect(woken.every((value, i) => value === i)).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('relays a value through 100,000 queues where each woken taker pushes into the next, inside the first push', () => {
    const { scheduler, errors } = recorder();
    const queues: Queue<number>[] = Array.from({ length: N }, (_, i) => createQueue<number>(`q${i}`));
    const finallies = new Uint8Array(N);
    let arrived: number | undefined;
    function* relay(k: number): Behaviour {
      try {
        const value = yield* queues[k].take();
        if (k + 1 < N) queues[k + 1].push(value + 1);
        else arrived = value;
      } finally {
        finallies[k]++;
      }
    }
    for (let k = 0; k < N; k++) scheduler.spawn(relay(k));
    let pushed: boolean | undefined;
    expect(() => (pushed = queues[0].push(0))).not.toThrow();
    expect(pushed).toBe(true);
    expect(arrived).toBe(N - 1);
    expect(finallies.every((count) => count === 1)).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(queues.every((queue) => queue.size === 0 && queue.waiting === 0)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('builds a 100,000-link chain of detached joins one link at a time, and resolves it in the tick the first link ends', () => {
    // Each new link joins the previous one: the join-cycle check must not walk the whole chain every time.
    const { scheduler, errors } = recorder();
    const finallies = new Uint8Array(N + 1);
    function* first(): Behaviour<number> {
      try {
        yield* waitFrames(1);
        return 0;
      } finally {
        finallies[0]++;
      }
    }
    function* link(k: number, previous: Task<number>): Behaviour<number> {
      try {
        return 1 + (yield* previous);
      } finally {
        finallies[k]++;
      }
    }
    let last: Task<number> = scheduler.spawn(first());
    function* builder(): Behaviour {
      for (let k = 1; k <= N; k++) last = scheduler.spawn(link(k, last), { detached: true });
    }
    scheduler.spawn(builder());
    expect(scheduler.liveCount).toBe(N + 1);
    scheduler.tick(16);
    expect(last.status).toBe('done');
    expect(last.result).toBe(N);
    expect(finallies.every((count) => count === 1)).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets 1,000 watchers join a task whose body returned while its 100,000 children run, and resumes them all in one tick', () => {
    // Each watcher's join-cycle check must not walk the 100,000 children.
    const { scheduler, errors } = recorder();
    const end = createSignal('end');
    function* child(): Behaviour {
      yield* waitSignal(end);
    }
    function* root(): Behaviour<string> {
      for (let i = 0; i < N; i++) scheduler.spawn(child());
      return 'level over';
    }
    const level = scheduler.spawn(root());
    const seen: string[] = [];
    function* watcher(): Behaviour {
      seen.push(yield* level);
    }
    for (let i = 0; i < 1000; i++) scheduler.spawn(watcher());
    expect(scheduler.liveCount).toBe(N + 1 + 1000);
    expect(seen).toEqual([]);
    end.emit();
    expect(level.status).toBe('done');
    expect(seen.length).toBe(1000);
    expect(seen.every((value) => value === 'level over')).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('cancels a 100,000-deep nest of all() and race(): every finally once, innermost first', () => {
    const { scheduler, errors } = recorder();
    const never = createSignal('never');
    const finallyOrder: number[] = [];
    let built = 0;
    function* nest(k: number): Behaviour<number> {
      try {
        built = k + 1;
        yield* waitFrames(1);
        if (k === N - 1) {
          yield* waitSignal(never);
          return 0;
        }
        if (k % 2 === 0) return (yield* all([nest(k + 1)]))[0] + 1;
        return (yield* race([nest(k + 1)])).value + 1;
      } finally {
        finallyOrder.push(k);
      }
    }
    const root = scheduler.spawn(nest(0));
    tickUntil(scheduler, () => built === N);
    expect(() => root.cancel()).not.toThrow();
    expect(finallyOrder.length).toBe(N);
    expect(finallyOrder.every((k, i) => k === N - 1 - i)).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('completes a 100,000-deep nest of all() and race() in the tick the leaf ends', () => {
    const { scheduler, errors } = recorder();
    const go = createSignal('go');
    let built = 0;
    function* nest(k: number): Behaviour<number> {
      built = k + 1;
      yield* waitFrames(1);
      if (k === N - 1) {
        yield* waitSignal(go);
        return 0;
      }
      if (k % 2 === 0) return (yield* all([nest(k + 1)]))[0] + 1;
      return (yield* race([nest(k + 1)])).value + 1;
    }
    const root = scheduler.spawn(nest(0));
    tickUntil(scheduler, () => built === N && go.waiting === 1);
    expect(() => go.emit()).not.toThrow();
    expect(root.result).toBe(N - 1);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('runs a 100,000-entity removal cascade (each finally removes the next entity) inside the first removeEntity', () => {
    const { scheduler, errors } = recorder();
    const world = createWorld();
    attachBehaviours(world, scheduler);
    const never = createSignal('never');
    const entities: number[] = [];
    for (let k = 0; k < N; k++) entities.push(addEntity(world));
    const finallyOrder: number[] = [];
    function* guard(k: number): Behaviour {
      try {
        yield* waitSignal(never);
      } finally {
        finallyOrder.push(k);
        if (k + 1 < N) removeEntity(world, entities[k + 1]);
      }
    }
    for (let k = 0; k < N; k++) spawnOn(world, entities[k], guard(k));
    expect(scheduler.liveCount).toBe(N);
    expect(() => removeEntity(world, entities[0])).not.toThrow();
    expect(finallyOrder.length).toBe(N);
    expect(finallyOrder.every((k, i) => k === i)).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  it('fails a behaviour whose own body overflows the stack (100,000-deep yield*), and leaves no half-ended task', () => {
    const { scheduler, errors } = recorder();
    const order: string[] = [];
    function* deep(n: number): Behaviour<number> {
      if (n === 0) {
        yield* waitFrames(1);
        return 0;
      }
      return 1 + (yield* deep(n - 1));
    }
    function* parent(): Behaviour {
      const child = scheduler.spawn(deep(N), { name: 'deep' });
      try {
        yield* child;
      } catch (error) {
        order.push(`caught ${(error as Error).name}`);
      }
      yield* waitFrames(1);
      order.push('parent goes on');
    }
    function* bystander(): Behaviour {
      yield* waitFrames(1);
      order.push('bystander');
    }
    scheduler.spawn(bystander());
    const top = scheduler.spawn(parent(), { name: 'parent' });
    scheduler.tick(16);
    scheduler.tick(16);
    expect(order).toEqual(['caught RangeError', 'bystander', 'parent goes on']);
    expect(top.status).toBe('done');
    expect(scheduler.liveCount).toBe(0);
    // It failed inside spawn(), before the parent joined it: reported once, as any unjoined failure.
    expect(errors.map((error) => (error as Error).name)).toEqual(['RangeError']);
  });

  it('reports a stack overflow inside a finally block run by cancel, and ends the task cancelled', () => {
    const { scheduler, errors } = recorder();
    function recurse(n: number): number {
      return n === 0 ? 0 : 1 + recurse(n - 1);
    }
    function* cleanup(): Behaviour {
      try {
        yield* waitFrames(1_000);
      } finally {
        recurse(10_000_000);
      }
    }
    const task = scheduler.spawn(cleanup());
    expect(() => task.cancel()).not.toThrow();
    expect(task.status).toBe('cancelled');
    expect(scheduler.liveCount).toBe(0);
    expect(errors.length).toBe(1);
    expect((errors[0] as Error).name).toBe('RangeError');
  });

  it('cancels a chain of 100,000 tasks where each finally cancels the next: all in order, inside the first cancel()', () => {
    const { scheduler, errors } = recorder();
    const tasks: Task<unknown>[] = [];
    const order: number[] = [];
    function* link(k: number): Behaviour {
      try {
        yield* waitFrames(1_000_000);
      } finally {
        order.push(k);
        if (k + 1 < N) tasks[k + 1].cancel();
      }
    }
    for (let k = 0; k < N; k++) tasks.push(scheduler.spawn(link(k)));
    expect(() => tasks[0].cancel()).not.toThrow();
    expect(order.length).toBe(N);
    expect(order.every((k, i) => k === i)).toBe(true);
    expect(scheduler.liveCount).toBe(0);
    expect(errors).toEqual([]);
  });

  for (const via of ['spawn', 'all'] as const) {
    it(`refuses a ${via} nested past 1,000 first steps (each level starting the next at once), leaving no half-started task`, () => {
      const { scheduler, errors } = recorder();
      let deepest = 0;
      function* nest(k: number): Behaviour {
        deepest = Math.max(deepest, k);
        if (k < N) {
          if (via === 'spawn') scheduler.spawn(nest(k + 1));
          else yield* all([nest(k + 1)]);
        }
        yield* waitFrames(1);
      }
      expect(() => scheduler.spawn(nest(0))).not.toThrow();
      expect(deepest).toBe(999);
      expect(errors.length).toBe(1);
      expect(String((errors[0] as Error).message)).toMatch(/spawn nested 1000 deep/);
      for (let i = 0; i < 3; i++) scheduler.tick(16);
      expect(scheduler.liveCount).toBe(0);
    });
  }
});

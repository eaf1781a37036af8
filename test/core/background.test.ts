import { describe, expect, it } from 'vitest';
import { TickflowError, createScheduler, createSignal, race, waitFrames, waitMs, waitSignal, type Behaviour, type Scheduler, type Task } from '../../src/index.js';

/** A fire-and-forget loop: logs each frame, and its finally. */
function* blink(order: string[], name: string): Behaviour {
  try {
    for (;;) yield* waitFrames(1);
  } finally {
    order.push(`${name} finally`);
  }
}

function* finishIn(order: string[], name: string, frames: number): Behaviour<string> {
  try {
    yield* waitFrames(frames);
    order.push(`${name} returns`);
    return name;
  } finally {
    order.push(`${name} finally`);
  }
}

describe('spawn with { background: true }', () => {
  it('cancels a background child when the parent body returns, and the parent completes at once', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* pickup(): Behaviour<string> {
      scheduler.spawn(blink(order, 'sparkle'), { background: true, name: 'sparkle' });
      yield* waitFrames(2);
      order.push('pickup returns');
      return 'collected';
    }
    const task = scheduler.spawn(pickup());
    scheduler.tick(16);
    expect(task.children().map((child) => child.name)).toEqual(['sparkle']);
    scheduler.tick(16);
    expect(order).toEqual(['pickup returns', 'sparkle finally']);
    expect(task.status).toBe('done');
    expect(task.result).toBe('collected');
    expect(scheduler.liveCount).toBe(0);
  });

  it('cancels background children newest first, before the parent completes; its joiners resume after', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* parent(): Behaviour<string> {
      scheduler.spawn(blink(order, 'trail'), { background: true });
      scheduler.spawn(blink(order, 'footsteps'), { background: true });
      yield* waitFrames(1);
      order.push('parent returns');
      return 'arrived';
    }
    const walker = scheduler.spawn(parent(), { detached: true });
    function* follower(): Behaviour {
      const value = yield* walker;
      order.push(`follower resumes with ${value}`);
    }
    scheduler.spawn(follower());
    scheduler.tick(16);
    expect(order).toEqual(['parent returns', 'footsteps finally', 'trail finally', 'follower resumes with arrived']);
  });

  it('still waits for foreground children; background ones end with the body, not with the parent', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* parent(): Behaviour {
      scheduler.spawn(finishIn(order, 'walk', 3));
      scheduler.spawn(blink(order, 'blink'), { background: true });
      yield* waitFrames(1);
      order.push('body returns');
    }
    const task = scheduler.spawn(parent());
    scheduler.tick(16);
    expect(order).toEqual(['body returns', 'blink finally']);
    expect(task.status).toBe('running');
    scheduler.tick(16);
    scheduler.tick(16);
    expect(order).toEqual(['body returns', 'blink finally', 'walk returns', 'walk finally']);
    expect(task.status).toBe('done');
  });

  it('cancels background children (their own children first) when the body throws', () => {
    const errors: unknown[] = [];
    const scheduler = createScheduler({ onError: (error) => errors.push(error) });
    const order: string[] = [];
    function* trail(): Behaviour {
      scheduler.spawn(blink(order, 'spark'));
      try {
        yield* waitMs(1e9);
      } finally {
        order.push('trail finally');
      }
    }
    function* fragile(): Behaviour {
      scheduler.spawn(trail(), { background: true });
      yield* waitFrames(1);
      throw new Error('hit');
    }
    const task = scheduler.spawn(fragile());
    scheduler.tick(16);
    expect(order).toEqual(['spark finally', 'trail finally']);
    expect(task.status).toBe('failed');
    expect(errors).toHaveLength(1);
  });

  it('is cancelled with its parent like any child when the parent is cancelled', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* parent(): Behaviour {
      scheduler.spawn(blink(order, 'bg'), { background: true });
      scheduler.spawn(blink(order, 'fg'));
      yield* waitMs(1e9);
    }
    const task = scheduler.spawn(parent());
    task.cancel();
    expect(order).toEqual(['fg finally', 'bg finally']);
  });

  it('says so on the task: task.background', () => {
    const scheduler = createScheduler();
    let bg: Task<void> | undefined;
    let fg: Task<void> | undefined;
    function* parent(): Behaviour {
      bg = scheduler.spawn(blink([], 'bg'), { background: true });
      fg = scheduler.spawn(blink([], 'fg'));
      yield* waitMs(1e9);
    }
    scheduler.spawn(parent());
    expect([bg?.background, fg?.background]).toEqual([true, false]);
  });

  it('refuses background outside a behaviour, and with detached, naming the behaviour and the fix', () => {
    const scheduler = createScheduler();
    expect(() => scheduler.spawn(blink([], 'x'), { background: true, name: 'glow' })).toThrow(
      new TickflowError(
        'spawn(..., { background: true }) for behaviour "glow" was called outside any behaviour, so there is no parent body for it to live in. ' +
          'Spawn it from inside a behaviour, or drop the option to start a top-level task.',
      ),
    );
    const errors: unknown[] = [];
    const inner = createScheduler({ onError: (error) => errors.push(error) });
    function* parent(): Behaviour {
      inner.spawn(blink([], 'x'), { background: true, detached: true, name: 'glow' });
    }
    inner.spawn(parent(), { name: 'torch' });
    expect(String(errors[0])).toBe(
      'TickflowError: spawn(..., { background: true }) for behaviour "glow": a task cannot be both detached and background (in behaviour "torch#1"). ' +
        'Background ties the task to its parent body; detached frees it from its parent. Pick one.',
    );
    expect(scheduler.liveCount + inner.liveCount).toBe(0);
  });

  it('is cancelled right after its first step when spawned from a finally block during cancel', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* child(): Behaviour {
      try {
        yield* waitMs(1e9);
      } finally {
        // The body this belongs to is over: it starts, and ends at once.
        scheduler.spawn(startsThenBlinks(), { background: true });
      }
    }
    function* startsThenBlinks(): Behaviour {
      order.push('effect starts');
      yield* blink(order, 'effect');
    }
    function* parent(): Behaviour {
      const inner = scheduler.spawn(child());
      yield* waitFrames(1);
      inner.cancel();
      yield* waitMs(1e9);
    }
    const task = scheduler.spawn(parent());
    scheduler.tick(16);
    expect(order).toEqual(['effect starts', 'effect finally']);
    expect(task.children()).toEqual([]);
  });

  it('ends with a race member that spawned it: the race resumes after its finally', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* member(): Behaviour<string> {
      scheduler.spawn(blink(order, 'member glow'), { background: true });
      yield* waitFrames(1);
      return 'won';
    }
    function* racer(): Behaviour {
      const first = yield* race([member(), waitMs(1000)]);
      order.push(`race -> ${first.index}`);
    }
    scheduler.spawn(racer());
    scheduler.tick(16);
    expect(order).toEqual(['member glow finally', 'race -> 0']);
  });

  it('completes the parent when a background child that woke it (and is on the stack) reaches its next wait', () => {
    // The child emits a signal, which resumes the parent inside the emit; the parent returns and cancels the
    // child, whose body is on the stack: it stops at its next yield*, and the parent completes then.
    const scheduler: Scheduler = createScheduler();
    const order: string[] = [];
    const arrived = createSignal('arrived');
    function* child(): Behaviour {
      try {
        yield* waitFrames(1);
        arrived.emit();
        order.push('child goes on to its next wait');
        yield* waitFrames(1);
        order.push('never');
      } finally {
        order.push('child finally');
      }
    }
    function* parent(): Behaviour {
      scheduler.spawn(child(), { background: true });
      yield* waitSignal(arrived);
      order.push('parent returns');
    }
    const parentTask = scheduler.spawn(parent());
    scheduler.tick(16);
    expect(order).toEqual(['parent returns', 'child goes on to its next wait', 'child finally']);
    expect(parentTask.status).toBe('done');
    expect(scheduler.liveCount).toBe(0);
  });
});

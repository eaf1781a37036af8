import { describe, expect, it } from 'vitest';
import { createQueue, createScheduler, race, waitMs, type Behaviour, type Queue, type Task } from '../../src/index.js';

function* collector(queue: Queue<string>, into: string[], busyMs = 0): Behaviour {
  for (;;) {
    into.push(yield* queue.take());
    if (busyMs > 0) yield* waitMs(busyMs);
  }
}

describe('createQueue', () => {
  it('keeps values pushed while the taker is busy and hands them over in push order', () => {
    const scheduler = createScheduler();
    const inputs = createQueue<string>('inputs');
    const handled: string[] = [];
    scheduler.spawn(collector(inputs, handled, 100));
    inputs.push('jump'); // the taker waits: it resumes inside push, then is busy for 100 ms
    inputs.push('duck');
    inputs.push('fire');
    expect(handled).toEqual(['jump']);
    expect(inputs.size).toBe(2);
    for (let i = 0; i < 7; i++) scheduler.tick(16); // 112 ms: takes 'duck' without suspending, busy again
    expect(handled).toEqual(['jump', 'duck']);
    for (let i = 0; i < 6; i++) scheduler.tick(16); // 208 ms
    expect(handled).toEqual(['jump', 'duck', 'fire']);
    expect(inputs.size).toBe(0);
  });

  it('gives one value to each waiting taker, in the order they began waiting, inside push', () => {
    const scheduler = createScheduler();
    const jobs = createQueue<number>('jobs');
    const order: string[] = [];
    function* worker(name: string): Behaviour {
      for (;;) {
        const job = yield* jobs.take();
        order.push(`${name} ${job}`);
      }
    }
    scheduler.spawn(worker('a'));
    scheduler.spawn(worker('b'));
    scheduler.spawn(worker('c'));
    expect(jobs.waiting).toBe(3);
    jobs.push(1);
    jobs.push(2);
    order.push('pushed two');
    jobs.push(3);
    // 'a' took again while being woken: it queued behind 'b' and 'c'.
    jobs.push(4);
    expect(order).toEqual(['a 1', 'b 2', 'pushed two', 'c 3', 'a 4']);
    expect(jobs.size).toBe(0);
    expect(jobs.waiting).toBe(3);
  });

  it("drops the oldest value when full with overflow 'drop-oldest'", () => {
    const recent = createQueue<number>('recent', { capacity: 3, overflow: 'drop-oldest' });
    for (let i = 1; i <= 5; i++) expect(recent.push(i)).toBe(true);
    expect(recent.drain()).toEqual([3, 4, 5]);
    expect(recent.dropped).toBe(2);
  });

  it("refuses the new value when full with overflow 'drop-newest'", () => {
    const first = createQueue<number>('first', { capacity: 2, overflow: 'drop-newest' });
    expect([first.push(1), first.push(2), first.push(3)]).toEqual([true, true, false]);
    expect(first.drain()).toEqual([1, 2]);
    expect(first.dropped).toBe(1);
  });

  it("throws a TickflowError naming the queue when full with overflow 'error' (the default)", () => {
    const strict = createQueue<number>('commands', { capacity: 1 });
    strict.push(1);
    expect(() => strict.push(2)).toThrow(/queue "commands" is full \(capacity 1\).*drop-oldest/);
    expect(strict.drain()).toEqual([1]);
  });

  it('never overflows when values go straight to waiting takers', () => {
    const scheduler = createScheduler();
    const tiny = createQueue<string>('tiny', { capacity: 1 });
    const got: string[] = [];
    scheduler.spawn(collector(tiny, got));
    for (let i = 0; i < 5; i++) tiny.push(`v${i}`);
    expect(got).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });

  it('drains what is there, oldest first, into a given array, and clear discards it', () => {
    const events = createQueue<string>('events', { capacity: Infinity });
    for (let i = 0; i < 100; i++) events.push(`e${i}`);
    const into = ['kept'];
    expect(events.drain(into)).toBe(into);
    expect(into).toHaveLength(101);
    expect(into.slice(0, 3)).toEqual(['kept', 'e0', 'e1']);
    expect(events.size).toBe(0);
    events.push('x');
    events.clear();
    expect(events.size).toBe(0);
  });

  it('loses no value to a taker cancelled while waiting', () => {
    const scheduler = createScheduler();
    const mail = createQueue<string>('mail');
    const got: string[] = [];
    const gone = scheduler.spawn(collector(mail, []), { name: 'gone' });
    scheduler.spawn(collector(mail, got), { name: 'stays' });
    gone.cancel();
    expect(mail.waiting).toBe(1);
    mail.push('letter');
    expect(got).toEqual(['letter']);
  });

  it('resumes a taker handed a value by a push made inside another wake right after that wake, in FIFO order', () => {
    const scheduler = createScheduler();
    const trigger = createQueue<string>('trigger');
    const mail = createQueue<string>('mail');
    const log: string[] = [];
    function* taker(name: string): Behaviour {
      log.push(`${name} got ${yield* mail.take()}`);
    }
    function* sender(): Behaviour {
      yield* trigger.take();
      expect(mail.push('a')).toBe(true);
      expect(mail.push('b')).toBe(true);
      expect(mail.push('c')).toBe(true);
      log.push('sender pushed');
    }
    scheduler.spawn(taker('t1'));
    scheduler.spawn(taker('t2'));
    scheduler.spawn(sender());
    trigger.push('go');
    expect(log).toEqual(['sender pushed', 't1 got a', 't2 got b']);
    expect(mail.size).toBe(1);
    expect(mail.waiting).toBe(0);
  });

  it('gives the value back when a taker is cancelled between being handed it and resuming', () => {
    const scheduler = createScheduler();
    const trigger = createQueue<string>('trigger');
    const mail = createQueue<string>('mail');
    const got: string[] = [];
    let victim: Task | undefined;
    function* sender(values: string[], cancelAfter: boolean): Behaviour {
      yield* trigger.take();
      for (const value of values) mail.push(value);
      if (cancelAfter) victim?.cancel(); // handed 'a' already, not yet resumed
    }
    // 1. Another taker waits: it gets the value.
    victim = scheduler.spawn(collector(mail, got), { name: 'victim' });
    scheduler.spawn(collector(mail, got), { name: 'heir' });
    scheduler.spawn(sender(['a'], true));
    trigger.push('go');
    expect(got).toEqual(['a']);
    expect(victim.status).toBe('cancelled');
    expect(mail.waiting).toBe(1);
    expect(mail.size).toBe(0);
    // 2. Nobody waits: it goes back to the front of the buffer, before values pushed after it, even past capacity.
    const small = createQueue<string>('small', { capacity: 1, overflow: 'error' });
    const kept: string[] = [];
    function* smallSender(): Behaviour {
      yield* trigger.take();
      small.push('first'); // handed to the victim
      small.push('second'); // buffered: no other taker waits
      victim?.cancel();
    }
    victim = scheduler.spawn(collector(small, kept), { name: 'victim2' });
    scheduler.spawn(smallSender());
    trigger.push('go');
    expect(kept).toEqual([]);
    expect(small.size).toBe(2);
    expect(small.drain()).toEqual(['first', 'second']);
    expect(small.dropped).toBe(0);
  });

  it('keeps a value for later when a take timed out in a race, however many times that happened', () => {
    const scheduler = createScheduler();
    const orders = createQueue<string>('orders');
    const log: string[] = [];
    function* guard(): Behaviour {
      for (;;) {
        const next = yield* race([orders.take(), waitMs(16)]);
        if (next.index === 0) log.push(next.value);
      }
    }
    const task = scheduler.spawn(guard());
    for (let i = 0; i < 1000; i++) scheduler.tick(16);
    expect(orders.waiting).toBe(1);
    task.cancel();
    expect(orders.waiting).toBe(0);
    orders.push('halt');
    expect(orders.size).toBe(1);
    scheduler.spawn(guard());
    expect(log).toEqual(['halt']);
  });

  it('gives the same cached awaitable from every take(), which is not a collection', () => {
    const queue = createQueue<number>('q');
    queue.push(1);
    expect(queue.take()).toBe(queue.take());
    expect([...queue.take()]).toEqual([]);
    expect(queue.size).toBe(1);
  });

  it('rejects bad options with a TickflowError naming the queue', () => {
    expect(() => createQueue('zero', { capacity: 0 })).toThrow(/createQueue\("zero"\) expects capacity to be a whole number >= 1 or Infinity, got 0/);
    expect(() => createQueue('nan', { capacity: Number.NaN })).toThrow(/got NaN/);
    expect(() => createQueue('half', { capacity: 1.5 })).toThrow(/got 1.5/);
    expect(() => createQueue('odd', { overflow: 'drop-random' as never })).toThrow(/createQueue\("odd"\) expects overflow to be 'drop-oldest', 'drop-newest' or 'error', got "drop-random"/);
    expect(() => createQueue('')).toThrow(/non-empty name/);
    try {
      createQueue('zero', { capacity: 0 });
    } catch (error) {
      expect((error as Error).name).toBe('TickflowError');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { createScheduler, createSignal, waitFrames, waitSignal, type Behaviour } from '../../src/index.js';

describe('createSignal', () => {
  it('wakes every waiter inside emit, in the order they began waiting, with the value', () => {
    const scheduler = createScheduler();
    const onHit = createSignal<number>('onHit');
    const order: string[] = [];
    function* flinch(label: string): Behaviour {
      const damage = yield* waitSignal(onHit);
      order.push(`${label} took ${damage}`);
    }
    scheduler.spawn(flinch('first'));
    scheduler.spawn(flinch('second'));
    expect(onHit.waiting).toBe(2);
    onHit.emit(12);
    order.push('emit returned');
    expect(order).toEqual(['first took 12', 'second took 12', 'emit returned']);
    expect(onHit.waiting).toBe(0);
  });

  it('does nothing when nobody waits, and a later waiter waits for the next emit', () => {
    const scheduler = createScheduler();
    const ping = createSignal<string>('ping');
    ping.emit('lost');
    const received: string[] = [];
    function* listener(): Behaviour {
      received.push(yield* waitSignal(ping));
    }
    scheduler.spawn(listener());
    ping.emit('heard');
    expect(received).toEqual(['heard']);
  });

  it('lets a waiter wait again and emit from inside its wake without looping', () => {
    const scheduler = createScheduler();
    const echo = createSignal<number>('echo');
    const heard: number[] = [];
    function* parrot(): Behaviour {
      for (;;) {
        const value = yield* waitSignal(echo);
        heard.push(value);
        if (value < 3) echo.emit(value + 1);
      }
    }
    scheduler.spawn(parrot());
    echo.emit(1);
    // The parrot is running while it emits, so its own emits find no waiter: one value per outside emit.
    expect(heard).toEqual([1]);
    echo.emit(5);
    expect(heard).toEqual([1, 5]);
  });

  it('drops a cancelled waiter', () => {
    const scheduler = createScheduler();
    const doorOpened = createSignal('doorOpened');
    let woke = false;
    function* guard(): Behaviour {
      yield* waitSignal(doorOpened);
      woke = true;
    }
    const task = scheduler.spawn(guard());
    task.cancel();
    doorOpened.emit();
    expect([woke, doorOpened.waiting]).toEqual([false, 0]);
  });

  it('wakes waiters on a paused clock: signals are events, not time', () => {
    const scheduler = createScheduler();
    const resume = createSignal('resume');
    let woke = false;
    function* waiter(): Behaviour {
      yield* waitSignal(resume);
      woke = true;
      yield* waitFrames(1);
    }
    scheduler.spawn(waiter());
    scheduler.paused = true;
    resume.emit();
    expect(woke).toBe(true);
  });
});

describe('waitSignal', () => {
  it('rejects something that is not a signal', () => {
    expect(() => waitSignal({ emit() {} } as never)).toThrow(/waitSignal expects a signal made by createSignal\(\), got a plain object/);
  });
});

import { describe, expect, it } from 'vitest';
import { createScheduler, every, type Behaviour } from '../../../src/index.js';

describe('every', () => {
  it('calls fn every ms without drift, once per deadline even in a long frame', () => {
    const scheduler = createScheduler({ maxDtMs: 250 });
    const calls: string[] = [];
    scheduler.spawn(every(100, (count) => calls.push(`${count}@${scheduler.nowMs}`)));
    for (let i = 0; i < 30; i++) scheduler.tick(16); // 480 ms
    scheduler.tick(250); // 730 ms: one tick passes the 500, 600 and 700 ms deadlines
    scheduler.tick(70); // 800 ms: the next deadline still counts from 700
    expect(calls).toEqual(['1@112', '2@208', '3@304', '4@400', '5@730', '6@730', '7@730', '8@800']);
  });

  it('stops when fn returns false and returns the number of calls', () => {
    const scheduler = createScheduler();
    let returned: number | undefined;
    function* countdown(): Behaviour {
      returned = yield* every(1000, (count) => count < 3);
    }
    scheduler.spawn(countdown());
    for (let i = 0; i < 50; i++) scheduler.tick(100);
    expect(returned).toBe(3);
  });

  it('stops with its behaviour, finally blocks running', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* blinker(): Behaviour {
      try {
        yield* every(50, () => order.push('blink'));
      } finally {
        order.push('finally');
      }
    }
    const task = scheduler.spawn(blinker());
    for (let i = 0; i < 4; i++) scheduler.tick(25);
    task.cancel();
    scheduler.tick(100);
    expect(order).toEqual(['blink', 'blink', 'finally']);
  });

  it('rejects a zero or non-finite interval and a missing function, naming every', () => {
    expect(() => every(0, () => {})).toThrow(/every expects ms to be a finite number of milliseconds > 0, got 0/);
    expect(() => every(Infinity, () => {})).toThrow(/got Infinity/);
    expect(() => every(10, undefined as never)).toThrow(/every expects a function, got undefined/);
  });
});

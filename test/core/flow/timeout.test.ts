import { describe, expect, it } from 'vitest';
import { createScheduler, timeout, waitMs, type Behaviour, type TimeoutResult } from '../../../src/index.js';

function* answerAfter(ms: number, answer: string, log: string[]): Behaviour<string> {
  try {
    yield* waitMs(ms);
    return answer;
  } finally {
    log.push(`finally of ${answer}`);
  }
}

describe('timeout', () => {
  it('returns the result when the behaviour finishes in time', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    const results: Array<TimeoutResult<string>> = [];
    function* ask(): Behaviour {
      results.push(yield* timeout(100, answerAfter(50, 'yes', log)));
    }
    scheduler.spawn(ask());
    for (let i = 0; i < 5; i++) scheduler.tick(16);
    expect(results).toEqual([{ timedOut: false, value: 'yes' }]);
  });

  it('returns timedOut at the deadline, after cancelling the behaviour', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    function* ask(): Behaviour {
      const reply = yield* timeout(100, answerAfter(500, 'late', log));
      log.push(`${JSON.stringify(reply)} at ${scheduler.nowMs}`);
    }
    scheduler.spawn(ask());
    for (let i = 0; i < 10; i++) scheduler.tick(16);
    expect(log).toEqual(['finally of late', '{"timedOut":true} at 112']);
  });

  it('cancels a task it was given when the time runs out', () => {
    const scheduler = createScheduler();
    const log: string[] = [];
    const job = scheduler.spawn(answerAfter(500, 'job', log), { detached: true });
    function* wait(): Behaviour {
      const reply = yield* timeout(50, job);
      log.push(`timed out: ${reply.timedOut}`);
    }
    scheduler.spawn(wait());
    for (let i = 0; i < 5; i++) scheduler.tick(16);
    expect(job.status).toBe('cancelled');
    expect(log).toEqual(['finally of job', 'timed out: true']);
  });

  it('throws the behaviour error at the yield*', () => {
    const scheduler = createScheduler();
    const caught: string[] = [];
    function* broken(): Behaviour<number> {
      yield* waitMs(10);
      throw new Error('jammed');
    }
    function* ask(): Behaviour {
      try {
        yield* timeout(100, broken());
      } catch (error) {
        caught.push((error as Error).message);
      }
    }
    scheduler.spawn(ask());
    scheduler.tick(16);
    expect(caught).toEqual(['jammed']);
  });

  it('rejects a bad duration or item, naming timeout', () => {
    function* job(): Behaviour {}
    expect(() => timeout(Number.NaN, job())).toThrow(/timeout expects ms to be a finite number of milliseconds >= 0, got NaN/);
    expect(() => timeout(10, job as never)).toThrow(/timeout expects a behaviour, task or awaitable, got the function job.*Call it: timeout\(10, job\(\.\.\.\)\)/);
  });
});

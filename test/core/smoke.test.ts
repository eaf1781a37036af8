import { describe, expect, it } from 'vitest';
import { createScheduler, waitFrames, waitMs, type Behaviour } from '../../src/index.js';

describe('smoke', () => {
  it('runs', () => {
    const s = createScheduler();
    const order: string[] = [];
    function* a(): Behaviour { order.push('a0'); yield* waitFrames(2); order.push('a2'); yield* waitMs(100); order.push('a-ms'); }
    s.spawn(a());
    for (let i = 0; i < 10; i++) s.tick(16);
    expect(order).toEqual(['a0', 'a2', 'a-ms']);
  });
});

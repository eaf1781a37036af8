import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/colyseus/ring-buffer.js';
import { estimateMessageBytes } from '../../src/colyseus/message-size.js';

describe('RingBuffer', () => {
  it('hands entries back in push order across the wrap-around', () => {
    const buffer = new RingBuffer<number>(3);
    const out: (number | undefined)[] = [];
    buffer.push(1);
    buffer.push(2);
    out.push(buffer.shift());
    buffer.push(3);
    buffer.push(4);
    out.push(buffer.shift(), buffer.shift(), buffer.shift(), buffer.shift());
    expect(out).toEqual([1, 2, 3, 4, undefined]);
  });

  it('refuses a push when full and leaves its entries as they were', () => {
    const buffer = new RingBuffer<string>(2);
    expect([buffer.push('a'), buffer.push('b'), buffer.push('c')]).toEqual([true, true, false]);
    expect([buffer.size, buffer.shift(), buffer.shift()]).toEqual([2, 'a', 'b']);
  });

  it('drops the oldest entry for pushDroppingOldest when full', () => {
    const buffer = new RingBuffer<string>(1);
    buffer.pushDroppingOldest('a');
    expect(buffer.pushDroppingOldest('b')).toBe('a');
    expect([buffer.size, buffer.shift()]).toEqual([1, 'b']);
  });
});

describe('estimateMessageBytes', () => {
  it('counts numbers, strings, keys and containers', () => {
    // object 5 + key "dx" (5+2) + number 9 + key "dy" (5+2) + number 9
    expect(estimateMessageBytes({ dx: 1, dy: -1 }, 1024)).toBe(37);
    expect(estimateMessageBytes(undefined, 1024)).toBe(1);
  });

  it('stops early above the limit for long arrays, long strings and deep nesting', () => {
    expect(estimateMessageBytes(new Array(1_000_000).fill(0), 100)).toBeGreaterThan(100);
    expect(estimateMessageBytes('x'.repeat(5000), 100)).toBeGreaterThan(100);
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(estimateMessageBytes(deep, 10_000)).toBe(Infinity);
  });
});

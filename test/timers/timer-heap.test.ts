import { describe, expect, it } from 'vitest';
import { TimerHeap, type HeapNode } from '../../src/timers/timer-heap.js';

function node(heapKey: number, heapSeq: number): HeapNode {
  return { heapKey, heapSeq, heapIndex: -1 };
}

describe('TimerHeap', () => {
  it('pops by key, equal keys by sequence', () => {
    const heap = new TimerHeap<HeapNode>();
    const nodes = [node(30, 0), node(10, 1), node(30, 2), node(20, 3), node(10, 4)];
    for (const entry of nodes) heap.push(entry);
    const order: number[] = [];
    for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) order.push(entry.heapSeq);
    expect(order).toEqual([1, 4, 3, 0, 2]);
  });

  it('removes a node from the middle and keeps order', () => {
    const heap = new TimerHeap<HeapNode>();
    const nodes = Array.from({ length: 20 }, (_, i) => node((i * 7) % 13, i));
    for (const entry of nodes) heap.push(entry);
    expect(heap.remove(nodes[5])).toBe(true);
    expect(heap.remove(nodes[5])).toBe(false);
    expect(nodes[5].heapIndex).toBe(-1);
    const keys: number[] = [];
    for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) keys.push(entry.heapKey);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(keys.length).toBe(19);
  });

  it('peeks without removing and reports its size', () => {
    const heap = new TimerHeap<HeapNode>();
    expect(heap.peek()).toBeUndefined();
    heap.push(node(5, 0));
    heap.push(node(1, 1));
    expect([heap.peek()?.heapKey, heap.size]).toEqual([1, 2]);
  });
});

// TimerHeap against the simplest possible model: an array kept sorted by (heapKey, heapSeq).
// Random programs of push / pop / remove (of present and absent nodes) / peek / clear, checked after every
// operation: same size, same earliest node, same pop order, and the heap's index invariant (every node in
// the heap knows its slot; removed nodes have heapIndex -1). Deterministic seed; TICKFLOW_FC_SEED /
// TICKFLOW_FC_RUNS / TICKFLOW_FC_PATH change or replay it (see test/reliability/model.property.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOW_TEST_TIMEOUT_MS, fcSettings } from '../fast-check-settings.js';
import { TimerHeap, type HeapNode } from '../../src/timers/timer-heap.js';

interface Node extends HeapNode {
  readonly name: number;
}

type Op =
  | { op: 'push'; key: number }
  | { op: 'pop' }
  | { op: 'remove'; pick: number }
  | { op: 'removeAgain'; pick: number }
  | { op: 'clear' };

// Few distinct keys, so ties (resolved by heapSeq) are common; a few fractional and huge ones.
const keyArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e12, noNaN: true, noDefaultInfinity: true }) },
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('push' as const), key: keyArb }) },
  { weight: 3, arbitrary: fc.constant({ op: 'pop' as const }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeAgain' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

const precedes = (a: Node, b: Node): number => (a.heapKey !== b.heapKey ? a.heapKey - b.heapKey : a.heapSeq - b.heapSeq);

describe('TimerHeap (property: agrees with a sorted array)', () => {
  it('gives the same size, earliest node and pop order as a sorted array under random push/pop/remove/clear', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const heap = new TimerHeap<Node>();
        let model: Node[] = [];
        const removed: Node[] = [];
        let seq = 0;
        for (const op of ops) {
          switch (op.op) {
            case 'push': {
              const node: Node = { name: seq, heapKey: op.key, heapSeq: seq++, heapIndex: -1 };
              heap.push(node);
              model.push(node);
              model.sort(precedes);
              break;
            }
            case 'pop': {
              const popped = heap.pop();
              expect(popped).toBe(model.shift());
              if (popped !== undefined) {
                expect(popped.heapIndex).toBe(-1);
                removed.push(popped);
              }
              break;
            }
            case 'remove': {
              if (model.length === 0) {
                expect(heap.remove({ name: -1, heapKey: 0, heapSeq: -1, heapIndex: -1 })).toBe(false);
                break;
              }
              const node = model[op.pick % model.length];
              expect(heap.remove(node)).toBe(true);
              expect(node.heapIndex).toBe(-1);
              model = model.filter((other) => other !== node);
              removed.push(node);
              break;
            }
            case 'removeAgain': {
              // Removing a node that already left (popped, removed, cleared) is a no-op.
              if (removed.length === 0) break;
              expect(heap.remove(removed[op.pick % removed.length])).toBe(false);
              break;
            }
            case 'clear':
              heap.clear();
              for (const node of model) expect(node.heapIndex).toBe(-1);
              removed.push(...model);
              model = [];
              break;
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model[0]);
          const inHeap: Node[] = [];
          heap.forEach((node) => inHeap.push(node));
          // Invariant 2: each node's heapIndex is its slot.
          inHeap.forEach((node, index) => expect(node.heapIndex).toBe(index));
          // Invariant 1: every parent precedes its children.
          for (let i = 1; i < inHeap.length; i++) expect(precedes(inHeap[(i - 1) >> 2], inHeap[i])).toBeLessThan(0); // 4-ary: the parent of i is (i - 1) >> 2
          expect([...inHeap].sort(precedes)).toEqual(model);
        }
        // Draining gives the model's order exactly.
        const drained: Node[] = [];
        for (let node = heap.pop(); node !== undefined; node = heap.pop()) drained.push(node);
        expect(drained).toEqual(model);
      }),
      fcSettings(1500),
    );
  }, SLOW_TEST_TIMEOUT_MS);

  it('keeps a node removable after other nodes moved around it (remove by stored index)', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { minLength: 1, maxLength: 200 }), fc.array(fc.nat(), { maxLength: 200 }), (keys, picks) => {
        const heap = new TimerHeap<Node>();
        const nodes = keys.map((key, seq): Node => ({ name: seq, heapKey: key, heapSeq: seq, heapIndex: -1 }));
        for (const node of nodes) heap.push(node);
        const left = new Set(nodes);
        for (const pick of picks) {
          if (left.size === 0) break;
          const node = [...left][pick % left.size];
          expect(heap.remove(node)).toBe(true);
          left.delete(node);
        }
        const drained: Node[] = [];
        for (let node = heap.pop(); node !== undefined; node = heap.pop()) drained.push(node);
        expect(drained).toEqual([...left].sort(precedes));
      }),
      fcSettings(500),
    );
  }, SLOW_TEST_TIMEOUT_MS);
});

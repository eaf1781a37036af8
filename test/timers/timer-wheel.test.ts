import { describe, expect, it } from 'vitest';
import { TimerWheel, type WheelNode } from '../../src/timers/timer-wheel.js';

interface Node extends WheelNode {
  readonly name: string;
}

let nextSeq = 0;
function node(heapKey: number, name = String(heapKey), heapSeq = nextSeq++): Node {
  return { name, heapKey, heapSeq, heapIndex: -1, wheelSlot: -1 };
}

function drain(wheel: TimerWheel<Node>, untilKey: number): string[] {
  const order: string[] = [];
  for (let n = wheel.popDue(untilKey); n !== undefined; n = wheel.popDue(untilKey)) order.push(n.name);
  return order;
}

// A small wheel (1 ms slots, 32 of them) sends anything 32 ms ahead to the overflow heap.
const small = { slotMs: 1, slotCount: 32 };

describe('TimerWheel', () => {
  it('pops due nodes by key, equal keys by sequence, and nothing later than the bound', () => {
    const wheel = new TimerWheel<Node>();
    for (const [key, name] of [[30, 'a'], [10, 'b'], [30, 'c'], [20, 'd'], [10, 'e'], [40, 'f']] as const) wheel.push(node(key, name));
    expect(drain(wheel, 30)).toEqual(['b', 'e', 'd', 'a', 'c']);
    expect(wheel.size).toBe(1);
    expect(drain(wheel, 39.99)).toEqual([]);
    expect(drain(wheel, 40)).toEqual(['f']);
  });

  it('orders by sequence, not by push order, when equal keys are pushed out of sequence', () => {
    const wheel = new TimerWheel<Node>();
    wheel.push(node(5, 'seq 9', 9));
    wheel.push(node(5, 'seq 2', 2));
    wheel.push(node(5, 'seq 2^40', 2 ** 40));
    wheel.push(node(5, 'seq 4', 4));
    expect(drain(wheel, 5)).toEqual(['seq 2', 'seq 4', 'seq 9', 'seq 2^40']);
  });

  it('orders fractional keys that share a slot, with a bound inside the slot', () => {
    const wheel = new TimerWheel<Node>({ slotMs: 4, slotCount: 32 });
    for (const key of [1.75, 0.5, 3.25, 1.5, 0.5000001, 2]) wheel.push(node(key));
    expect(drain(wheel, 1.6)).toEqual(['0.5', '0.5000001', '1.5']);
    expect(drain(wheel, 16.67)).toEqual(['1.75', '2', '3.25']);
  });

  it('returns nothing for nodes not yet due, and never returns an Infinity key before it is reached', () => {
    const wheel = new TimerWheel<Node>();
    wheel.push(node(Infinity, 'forever'));
    wheel.push(node(1e9, 'far'));
    expect(wheel.popDue(16.67)).toBeUndefined();
    expect(wheel.popDue(1e9 - 1)).toBeUndefined();
    expect(drain(wheel, 1e12)).toEqual(['far']);
    expect(wheel.size).toBe(1);
    expect(drain(wheel, Infinity)).toEqual(['forever']);
    expect(wheel.size).toBe(0);
  });

  it('brings far deadlines in from the overflow heap in order, interleaved with near ones', () => {
    const wheel = new TimerWheel<Node>(small);
    const keys = [500, 33, 31, 1000, 64, 500.5, 95, 2, 5000, 63];
    for (const key of keys) wheel.push(node(key));
    const order: number[] = [];
    // 60 Hz frames; each drained node re-sleeps once, 40 ms later (past the 32 ms window).
    for (let nowMs = 0; nowMs <= 6000; nowMs += 1000 / 60) {
      for (let n = wheel.popDue(nowMs); n !== undefined; n = wheel.popDue(nowMs)) {
        order.push(n.heapKey);
        if (n.name !== 'again') wheel.push(node(n.heapKey + 40, 'again'));
      }
    }
    const expected = [...keys, ...keys.map((key) => key + 40)].sort((a, b) => a - b);
    expect(order).toEqual(expected);
    expect(wheel.size).toBe(0);
  });

  it('removes nodes from a slot, the overflow heap and the slot being drained, and only once', () => {
    const wheel = new TimerWheel<Node>(small);
    const nodes = [node(3, 'a'), node(3, 'b'), node(3, 'c'), node(3, 'd'), node(100, 'far'), node(7, 'e')];
    for (const entry of nodes) wheel.push(entry);
    expect(wheel.remove(nodes[1])).toBe(true); // from a bucket (swap-remove)
    expect(wheel.remove(nodes[4])).toBe(true); // from the overflow heap
    expect(wheel.remove(nodes[1])).toBe(false);
    expect(nodes[1].wheelSlot).toBe(-1);
    const order: string[] = [];
    for (let n = wheel.popDue(10); n !== undefined; n = wheel.popDue(10)) {
      order.push(n.name);
      // While draining slot 3: remove a later node of the same slot, and one in a later slot.
      if (n.name === 'a') {
        expect(wheel.remove(nodes[3])).toBe(true);
        expect(wheel.remove(nodes[5])).toBe(true);
      }
    }
    expect(order).toEqual(['a', 'c']);
    expect([wheel.size, wheel.remove(nodes[0]), wheel.remove(node(3))]).toEqual([0, false, false]);
  });

  it('does not remove a node that sits in another wheel', () => {
    const first = new TimerWheel<Node>();
    const second = new TimerWheel<Node>();
    const inFirst = node(10);
    const farInFirst = node(1e9);
    first.push(inFirst);
    first.push(farInFirst);
    second.push(node(10));
    second.push(node(1e9));
    expect([second.remove(inFirst), second.remove(farInFirst), second.size, first.size]).toEqual([false, false, 2, 2]);
  });

  it('gives a node pushed during a drain at or before the bound in this same drain, in order, even before the last popped', () => {
    const wheel = new TimerWheel<Node>();
    for (const key of [10, 12, 14, 16]) wheel.push(node(key));
    const order: string[] = [];
    for (let n = wheel.popDue(16); n !== undefined; n = wheel.popDue(16)) {
      order.push(n.name);
      if (n.name === '12') {
        wheel.push(node(13, 'catch-up 13')); // a later slot, still due
        wheel.push(node(12, 'same key 12')); // the slot being drained, after 12 by sequence
        wheel.push(node(11, 'before 11')); // before the node just popped (rare): next out
        wheel.push(node(16.5, 'not due')); // past the bound
      }
    }
    expect(order).toEqual(['10', '12', 'before 11', 'same key 12', 'catch-up 13', '14', '16']);
    expect(drain(wheel, 17)).toEqual(['not due']);
  });

  it('re-pushes the popped node itself with a key at or before the bound (catch-up) and gives it back in order', () => {
    const wheel = new TimerWheel<Node>();
    const sleeper = node(0, 'sleeper');
    wheel.push(sleeper);
    wheel.push(node(25, 'other'));
    const order: string[] = [];
    for (let n = wheel.popDue(50); n !== undefined; n = wheel.popDue(50)) {
      order.push(`${n.name}@${n.heapKey}`);
      if (n === sleeper && n.heapKey < 40) {
        sleeper.heapKey += 20;
        sleeper.heapSeq = nextSeq++;
        wheel.push(sleeper);
      }
    }
    expect(order).toEqual(['sleeper@0', 'sleeper@20', 'other@25', 'sleeper@40']);
  });

  it('handles a bound that jumps far ahead (time scaled by 100) and one that does not move', () => {
    const wheel = new TimerWheel<Node>({ slotMs: 0.25, slotCount: 64 });
    const keys = [5, 15.9, 16, 400, 16.7, 99_000, 100_000, 100_000.5, 250_000];
    for (const key of keys) wheel.push(node(key));
    expect(drain(wheel, 16)).toEqual(['5', '15.9', '16']);
    expect(drain(wheel, 16)).toEqual([]);
    expect(drain(wheel, 100_016)).toEqual(['16.7', '400', '99000', '100000', '100000.5']);
    expect(drain(wheel, 100_016)).toEqual([]);
    // Pushes just after a big jump land in the wheel again.
    wheel.push(node(100_020, 'soon'));
    expect(drain(wheel, 100_032.67)).toEqual(['soon']);
    expect(drain(wheel, 1e6)).toEqual(['250000']);
  });

  it('keeps deadlines a whole window apart in separate turns of the ring', () => {
    const wheel = new TimerWheel<Node>(small);
    wheel.push(node(40, 'next turn'));
    wheel.push(node(8, 'this turn'));
    expect(drain(wheel, 20)).toEqual(['this turn']);
    wheel.push(node(41, 'same bucket as 9, next turn'));
    wheel.push(node(47.5, 'same bucket as 15'));
    expect(drain(wheel, 40.5)).toEqual(['next turn']);
    expect(drain(wheel, 100)).toEqual(['same bucket as 9, next turn', 'same bucket as 15']);
  });

  it('counts its nodes, clears them and works again after clear', () => {
    const wheel = new TimerWheel<Node>(small);
    const nodes = [node(1), node(2), node(500), node(Infinity)];
    for (const entry of nodes) wheel.push(entry);
    expect(wheel.size).toBe(4);
    expect(drain(wheel, 1)).toEqual(['1']);
    wheel.push(node(0.5, 'late'));
    expect(wheel.size).toBe(4);
    const seen: string[] = [];
    wheel.forEach((entry) => seen.push(entry.name));
    expect(seen.sort()).toEqual(['2', '500', 'Infinity', 'late']);
    wheel.clear();
    expect(wheel.size).toBe(0);
    expect(nodes.map((entry) => [entry.wheelSlot, entry.heapIndex])).toEqual([[-1, -1], [-1, -1], [-1, -1], [-1, -1]]);
    expect(wheel.remove(nodes[2])).toBe(false);
    expect(drain(wheel, 1e9)).toEqual([]);
    wheel.push(node(2e9, 'after clear'));
    wheel.push(node(3, 'before the cursor'));
    expect(drain(wheel, 3e9)).toEqual(['before the cursor', 'after clear']);
  });

  it('rejects slot sizes that are not powers of two', () => {
    expect(() => new TimerWheel({ slotMs: 3 })).toThrow(/power of two/);
    expect(() => new TimerWheel({ slotCount: 1000 })).toThrow(/power of two/);
  });
});

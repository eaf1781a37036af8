// TimerWheel against the simplest possible model: a list of nodes whose earliest by (heapKey, heapSeq) is due
// when its key is <= the bound. Random programs push (near, fractional, far, infinite and already-due keys),
// remove (present and absent nodes), clear, and drain: the bound moves on (by 0, a fraction of a slot, a frame,
// or a jump across many windows) and popDue is called in a loop until it returns undefined, as the scheduler does.
// While draining, each popped node may trigger one reaction: re-push itself (catch-up), push a node that is
// already due (even before the node just popped), push one for later, or remove another node. Every popDue is
// checked against the model, and size and contents after every step. Small wheels (32 or 64 slots of 1/4 to 4 ms)
// make the ring wrap and the overflow heap busy. Deterministic seed; TICKFLOW_FC_SEED / TICKFLOW_FC_RUNS /
// TICKFLOW_FC_PATH change or replay it (see test/reliability/model.property.test.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLOW_TEST_TIMEOUT_MS, fcSettings } from '../fast-check-settings.js';
import { TimerWheel, type TimerWheelOptions, type WheelNode } from '../../src/timers/timer-wheel.js';

interface Node extends WheelNode {
  readonly name: number;
}

// Where a key lands relative to the current bound: mostly within a few slots (ties and shared slots are
// common), sometimes fractional, far (overflow), infinite, or already due.
const offsetArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 300, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.double({ min: 300, max: 1e7, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.double({ min: -50, max: 0, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, 1e15, 2 ** 55) },
);

// How far the bound moves before a drain: not at all, inside a slot, a frame, or across many windows.
const advanceArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.constantFrom(0.1, 1000 / 60, 16, 33.3) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 400, noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.double({ min: 400, max: 2e6, noNaN: true, noDefaultInfinity: true }) },
);

type Reaction =
  | { do: 'nothing' }
  | { do: 'repush'; delayMs: number }
  | { do: 'pushDue'; backMs: number }
  | { do: 'pushLater'; offset: number }
  | { do: 'remove'; pick: number };

const reactionArb: fc.Arbitrary<Reaction> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ do: 'nothing' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      do: fc.constant('repush' as const),
      delayMs: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 50, noNaN: true, noDefaultInfinity: true })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ do: fc.constant('pushDue' as const), backMs: fc.double({ min: 0, max: 40, noNaN: true, noDefaultInfinity: true }) }),
  },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('pushLater' as const), offset: offsetArb }) },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('remove' as const), pick: fc.nat() }) },
);

type Op =
  | { op: 'push'; offset: number }
  | { op: 'remove'; pick: number }
  | { op: 'removeAgain'; pick: number }
  | { op: 'drain'; advance: number; reactions: Reaction[] }
  | { op: 'drainToEarliest'; shortMs: number; reactions: Reaction[] }
  | { op: 'clear' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('push' as const), offset: offsetArb }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('removeAgain' as const), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('drain' as const), advance: advanceArb, reactions: fc.array(reactionArb, { maxLength: 30, size: 'medium' }) }),
  },
  {
    // The bound lands exactly on the earliest key or just short of it (inside its slot): the edge of "due".
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('drainToEarliest' as const),
      shortMs: fc.constantFrom(0, 1e-9, 0.001, 0.2),
      reactions: fc.array(reactionArb, { maxLength: 10 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'clear' as const }) },
);

const optionsArb: fc.Arbitrary<TimerWheelOptions> = fc.oneof(
  fc.record({ slotMs: fc.constantFrom(0.25, 0.5, 1, 4), slotCount: fc.constantFrom(32, 64) }),
  fc.constant({}),
);

const precedes = (a: Node, b: Node): boolean => a.heapKey < b.heapKey || (a.heapKey === b.heapKey && a.heapSeq < b.heapSeq);

/** The model: a plain list; the next due node is its earliest, if its key is within the bound. */
class Model {
  nodes: Node[] = [];

  popDue(untilKey: number): Node | undefined {
    let best = -1;
    for (let i = 0; i < this.nodes.length; i++) if (best < 0 || precedes(this.nodes[i], this.nodes[best])) best = i;
    if (best < 0 || this.nodes[best].heapKey > untilKey) return undefined;
    return this.nodes.splice(best, 1)[0];
  }

  remove(node: Node): void {
    this.nodes.splice(this.nodes.indexOf(node), 1);
  }
}

describe('TimerWheel (property: agrees with a sorted list)', () => {
  it('pops the same nodes in the same order as the model under random push/remove/clear and drains that push and remove', () => {
    fc.assert(
      fc.property(
        optionsArb,
        fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }),
        fc.array(opArb, { maxLength: 120, size: 'medium' }),
        (options, startMs, ops) => {
          const wheel = new TimerWheel<Node>(options);
          const model = new Model();
          const gone: Node[] = [];
          let seq = 0;
          // Sequence numbers past 2^31, as a long-running scheduler reaches.
          const make = (key: number): Node => ({ name: seq, heapKey: key, heapSeq: 2 ** 31 + seq++, heapIndex: -1, wheelSlot: -1 });
          const push = (node: Node): void => {
            wheel.push(node);
            model.nodes.push(node);
          };
          const remove = (pick: number): void => {
            if (model.nodes.length === 0) {
              expect(wheel.remove(make(0))).toBe(false);
              return;
            }
            const node = model.nodes[pick % model.nodes.length];
            expect(wheel.remove(node)).toBe(true);
            expect([node.wheelSlot, node.heapIndex]).toEqual([-1, -1]);
            model.remove(node);
            gone.push(node);
          };
          const check = (): void => {
            expect(wheel.size).toBe(model.nodes.length);
            const inWheel: Node[] = [];
            wheel.forEach((node) => inWheel.push(node));
            expect(new Set(inWheel)).toEqual(new Set(model.nodes));
            expect(inWheel.length).toBe(model.nodes.length);
          };
          let nowMs = startMs;
          for (const op of ops) {
            switch (op.op) {
              case 'push':
                push(make(nowMs + op.offset));
                break;
              case 'remove':
                remove(op.pick);
                break;
              case 'removeAgain':
                // Removing a node that already left (popped, removed, cleared) is a no-op.
                if (gone.length > 0) expect(wheel.remove(gone[op.pick % gone.length])).toBe(false);
                break;
              case 'drain':
              case 'drainToEarliest': {
                if (op.op === 'drain') nowMs += op.advance;
                else {
                  const earliest = model.nodes.reduce<Node | undefined>((best, node) => (best === undefined || precedes(node, best) ? node : best), undefined);
                  if (earliest !== undefined && Number.isFinite(earliest.heapKey)) nowMs = Math.max(nowMs, earliest.heapKey - op.shortMs);
                }
                let reaction = 0;
                for (let node = wheel.popDue(nowMs); ; node = wheel.popDue(nowMs)) {
                  expect(node).toBe(model.popDue(nowMs));
                  if (node === undefined) break;
                  expect([node.wheelSlot, node.heapIndex]).toEqual([-1, -1]);
                  gone.push(node);
                  const next = op.reactions[reaction++];
                  if (next === undefined) continue;
                  switch (next.do) {
                    case 'nothing':
                      break;
                    case 'repush':
                      // Catch-up: the popped node sleeps again, counted from its own deadline (drift-free).
                      gone.pop();
                      node.heapKey += next.delayMs;
                      node.heapSeq = 2 ** 31 + seq++;
                      push(node);
                      break;
                    case 'pushDue':
                      // At or before the bound, possibly before the node just popped.
                      push(make(Math.min(nowMs, node.heapKey + 1) - next.backMs));
                      break;
                    case 'pushLater':
                      push(make(nowMs + next.offset));
                      break;
                    case 'remove':
                      remove(next.pick);
                      break;
                  }
                }
                break;
              }
              case 'clear':
                wheel.clear();
                for (const node of model.nodes) expect([node.wheelSlot, node.heapIndex]).toEqual([-1, -1]);
                gone.push(...model.nodes);
                model.nodes = [];
                break;
            }
            check();
          }
          // Everything left comes out in order once the bound passes it all.
          for (let node = wheel.popDue(Infinity); ; node = wheel.popDue(Infinity)) {
            expect(node).toBe(model.popDue(Infinity));
            if (node === undefined) break;
          }
          expect(wheel.size).toBe(0);
        },
      ),
      fcSettings(1000),
    );
  }, SLOW_TEST_TIMEOUT_MS);

  it('sorts crowded slots (ties broken by sequence) and removes any node of a bucket, before and during the drain', () => {
    fc.assert(
      fc.property(
        optionsArb,
        // Few distinct keys, so slots hold dozens of nodes with equal and fractional keys; unique shuffled
        // sequences, so neither push order nor bucket order is the answer.
        fc.uniqueArray(
          fc.record({ heapSeq: fc.nat({ max: 10_000 }), heapKey: fc.constantFrom(0, 1, 1.5, 2, 3, 3.75, 8, 40, 100, 1000) }),
          { selector: (entry) => entry.heapSeq, minLength: 1, maxLength: 300, size: 'max' },
        ),
        fc.array(fc.nat(), { maxLength: 80, size: 'max' }),
        fc.array(fc.option(fc.nat(), { nil: undefined }), { maxLength: 80, size: 'max' }),
        (options, entries, removePicks, drainPicks) => {
          const wheel = new TimerWheel<Node>(options);
          const model = new Model();
          const nodes = entries.map(({ heapKey, heapSeq }, name): Node => ({ name, heapKey, heapSeq, heapIndex: -1, wheelSlot: -1 }));
          for (const node of nodes) {
            wheel.push(node);
            model.nodes.push(node);
          }
          for (const pick of removePicks) {
            if (model.nodes.length === 0) break;
            const node = model.nodes[pick % model.nodes.length];
            expect(wheel.remove(node)).toBe(true);
            model.remove(node);
          }
          expect(wheel.size).toBe(model.nodes.length);
          let drained = 0;
          for (let node = wheel.popDue(1e4); ; node = wheel.popDue(1e4)) {
            expect(node).toBe(model.popDue(1e4));
            if (node === undefined) break;
            // Remove some nodes of the slot being drained (or later ones) between pops.
            const pick = drainPicks[drained++];
            if (pick !== undefined && model.nodes.length > 0) {
              const victim = model.nodes[pick % model.nodes.length];
              expect(wheel.remove(victim)).toBe(true);
              model.remove(victim);
            }
          }
          expect(wheel.size).toBe(0);
        },
      ),
      fcSettings(500),
    );
  }, SLOW_TEST_TIMEOUT_MS);

  it('drains a frame loop of re-sleeping nodes in the order of a sorted list, whatever the frame length', () => {
    fc.assert(
      fc.property(
        optionsArb,
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.double({ min: 0, max: 200, noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 }),
        (options, sleeps, frameMs) => {
          // Sleepers with integer sleeps from fractional start times: the scheduler's common case, with a
          // real sort whenever fractional deadlines share a slot.
          const wheel = new TimerWheel<Node>(options);
          const model = new Model();
          let seq = 0;
          const wakes = sleeps.map(() => 0);
          sleeps.forEach((sleepMs, name) => {
            const node: Node = { name, heapKey: (name % 3) * (1000 / 60) + sleepMs, heapSeq: seq++, heapIndex: -1, wheelSlot: -1 };
            wheel.push(node);
            model.nodes.push(node);
          });
          let nowMs = 0;
          for (const stepMs of frameMs) {
            nowMs += stepMs;
            for (let node = wheel.popDue(nowMs); ; node = wheel.popDue(nowMs)) {
              expect(node).toBe(model.popDue(nowMs));
              if (node === undefined) break;
              node.heapKey += sleeps[node.name] + (wakes[node.name]++ % 7);
              node.heapSeq = seq++;
              wheel.push(node);
              model.nodes.push(node);
            }
            expect(wheel.size).toBe(sleeps.length);
          }
        },
      ),
      fcSettings(300),
    );
  }, SLOW_TEST_TIMEOUT_MS);
});

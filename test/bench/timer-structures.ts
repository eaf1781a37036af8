// The timer structure alone: TimerHeap (4-ary heap) against TimerWheel, with no scheduler and no generators.
//
//   node --expose-gc --import tsx test/bench/timer-structures.ts            about 2 minutes
//   node --expose-gc --import tsx test/bench/timer-structures.ts --quick    a few seconds, smaller sizes
//   node --expose-gc --import tsx test/bench/timer-structures.ts --variants also other wheel sizes
//
// Nodes are plain objects shaped like the scheduler's tasks (about 20 fields, and a second object of about the
// generator's size allocated in between), so a wake touches cold memory as it does in the scheduler. Each
// wake bumps the shared counter and re-sleeps the node drift-free (new key = popped key + sleepMsFor(index, k)),
// in the scheduler's loop shape; the totals are checked to be equal across structures.
//
// Workloads (median ms per frame over rounds in rotated order):
//   timers        100,000 sleepers at 16.67 ms frames, integer deadlines (as test/bench's (b) timers workload)
//   fractional    the same, spawned over three frames: deadlines with .33 and .67 ms, as a game spawning mid-run has
//   scattered     the same, each sleeper started at a random fraction of a ms: every slot needs a real sort
//   rate x100     time scaled by 100: 1,667 ms per frame, each sleeper wakes about 1.7 times a frame (catch-up)
//   rate x0.01    time scaled by 0.01: 0.167 ms per frame, about 17 wakes a frame
//   idle          1,000,000 sleepers in waitMs(1e9): the cost of one popDue (peek for the heap) that finds nothing
//   memory        heap bytes retained per sleeping node by the structure (nodes excluded) after 400 frames of the
//                 timers loop, full GC before and after
import { performance } from 'node:perf_hooks';
import { TimerHeap } from '../../src/timers/timer-heap.js';
import { TimerWheel, type TimerWheelOptions } from '../../src/timers/timer-wheel.js';
import { counter, FRAME_MS, sleepMsFor } from './lib/common.js';
import { collectGarbage, median } from './lib/measure.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const withVariants = argv.includes('--variants');
const SLEEPERS = quick ? 20_000 : 100_000;
const IDLE_SLEEPERS = quick ? 100_000 : 1_000_000;
const WARMUP_FRAMES = quick ? 100 : 300;
const FRAMES = quick ? 200 : 1200;
const ROUNDS = quick ? 1 : 3;

/** A task-shaped node: the scheduler's fields, in roughly its order. */
class FakeTask {
  waiting = 0;
  executing = false;
  cancelRequested = false;
  resumes = 0;
  waitBeganFrame = 0;
  waitTarget: unknown = null;
  // A fractional start value makes this a double field (a boxed number) from the first object on, as the
  // scheduler's heapKey is once any deadline is fractional (one 16.67 ms tick): integer keys alone would keep
  // it a small integer stored inline, cheaper to read, and make the workloads' order change the figures.
  heapKey = 0.5;
  heapSeq = 0;
  heapIndex = -1;
  wheelSlot = -1;
  readonly id: number;
  readonly name: string;
  parent: FakeTask | null = null;
  status = 'running';
  result: unknown = undefined;
  error: unknown = undefined;
  firstChild: FakeTask | null = null;
  lastChild: FakeTask | null = null;
  previousSibling: FakeTask | null = null;
  nextSibling: FakeTask | null = null;
  /** The k of the next sleepMsFor(id, k). */
  sleeps = 0;
  readonly generator: object;

  constructor(id: number) {
    this.id = id;
    this.name = 'sleeper';
    // Stands in for the generator object and its closure: the nodes do not sit next to each other.
    this.generator = { a: id, b: 0, c: 0, d: 0, e: 0, f: 0, g: 0, h: 0, i: 0, j: 0, k: 0, l: 0, m: 0, n: 0 };
  }
}

/** The loop each structure runs per frame: pop everything due, re-sleep it. */
interface Structure {
  readonly name: string;
  push(node: FakeTask): void;
  /** Runs the scheduler's timer loop for one tick at `nowMs`. */
  runDue(nowMs: number): void;
  /** One "is anything due?" check that finds nothing (idle). */
  checkIdle(nowMs: number): boolean;
  readonly size: number;
}

let sequence = 0;

function resleep(node: FakeTask, fromMs: number): void {
  counter.count++;
  node.heapKey = fromMs + sleepMsFor(node.id, node.sleeps++);
  node.heapSeq = sequence++;
}

function heapStructure(): Structure {
  const heap = new TimerHeap<FakeTask>();
  return {
    name: 'TimerHeap (4-ary)',
    push: (node) => heap.push(node),
    runDue(nowMs) {
      // The scheduler's loop before the wheel: peek, pop, resume (here: re-sleep), push.
      for (let node = heap.peek(); node !== undefined && node.heapKey <= nowMs; node = heap.peek()) {
        heap.pop();
        resleep(node, node.heapKey);
        heap.push(node);
      }
    },
    checkIdle: (nowMs) => {
      const node = heap.peek();
      return node !== undefined && node.heapKey <= nowMs;
    },
    get size() {
      return heap.size;
    },
  };
}

function wheelStructure(options?: TimerWheelOptions): Structure {
  const wheel = new TimerWheel<FakeTask>(options);
  const label = options === undefined ? 'default: 1 ms x 2048' : `${options.slotMs} ms x ${options.slotCount}`;
  return {
    name: `TimerWheel (${label})`,
    push: (node) => wheel.push(node),
    runDue(nowMs) {
      for (let node = wheel.popDue(nowMs); node !== undefined; node = wheel.popDue(nowMs)) {
        resleep(node, node.heapKey);
        wheel.push(node);
      }
    },
    checkIdle: (nowMs) => wheel.popDue(nowMs) !== undefined,
    get size() {
      return wheel.size;
    },
  };
}

/** The floor of the (b) timers workload: a dense scan of a Float64Array of wake times, no structure at all. */
function denseScan(n: number, startMs: (index: number) => number, frameMs: number): () => void {
  const wakeMs = new Float64Array(n);
  const sleeps = new Uint32Array(n);
  for (let i = 0; i < n; i++) wakeMs[i] = startMs(i) + sleepMsFor(i, sleeps[i]++);
  let nowMs = 0;
  return () => {
    nowMs += frameMs;
    for (let i = 0; i < n; i++) {
      while (wakeMs[i] <= nowMs) {
        counter.count++;
        wakeMs[i] += sleepMsFor(i, sleeps[i]++);
      }
    }
  };
}

interface Workload {
  name: string;
  frameMs: number;
  /** When sleeper i first went to sleep (its deadlines are this plus whole ms forever). */
  startMs(index: number): number;
  frames: number;
}

// A fixed pseudo-random fraction per sleeper (not Math.random: the same in every run).
const scatter = (index: number): number => (sleepMsFor(index, 1e6) % 1000) / 1000 + (index % 7) * 1e-4;

const workloads: Workload[] = [
  { name: 'timers', frameMs: FRAME_MS, startMs: () => 0, frames: FRAMES },
  { name: 'fractional', frameMs: FRAME_MS, startMs: (i) => (i % 3) * FRAME_MS, frames: FRAMES },
  { name: 'scattered', frameMs: FRAME_MS, startMs: scatter, frames: FRAMES },
  { name: 'rate x100', frameMs: FRAME_MS * 100, startMs: () => 0, frames: Math.ceil(FRAMES / 10) },
  { name: 'rate x0.01', frameMs: FRAME_MS / 100, startMs: () => 0, frames: FRAMES },
];

function makeStructures(): Array<() => Structure> {
  const makers: Array<() => Structure> = [() => heapStructure(), () => wheelStructure()];
  if (withVariants) {
    makers.push(() => wheelStructure({ slotMs: 0.25, slotCount: 8192 }));
    makers.push(() => wheelStructure({ slotMs: 0.5, slotCount: 4096 }));
    makers.push(() => wheelStructure({ slotMs: 1, slotCount: 4096 }));
  }
  return makers;
}

function measureWorkload(workload: Workload): void {
  const makers = makeStructures();
  const samples = new Map<string, number[]>();
  const wakes = new Map<string, number>();
  const floorSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order so no structure always runs first (or right after a big GC).
    const order = makers.map((_, i) => makers[(i + round) % makers.length]);
    for (const make of [...order, null]) {
      collectGarbage();
      let frame: () => void;
      let name: string;
      if (make === null) {
        name = 'dense scan (floor)';
        frame = denseScan(SLEEPERS, workload.startMs, workload.frameMs);
      } else {
        const structure = make();
        name = structure.name;
        sequence = 0;
        let nowMs = 0;
        for (let i = 0; i < SLEEPERS; i++) {
          const node = new FakeTask(i);
          resleep(node, workload.startMs(i));
          structure.push(node);
        }
        frame = () => {
          nowMs += workload.frameMs;
          structure.runDue(nowMs);
        };
      }
      for (let f = 0; f < WARMUP_FRAMES; f++) frame();
      const before = counter.count;
      const times = make === null ? floorSamples : (samples.get(name) ?? []);
      for (let f = 0; f < workload.frames; f++) {
        const t0 = performance.now();
        frame();
        times.push(performance.now() - t0);
      }
      if (make !== null) {
        samples.set(name, times);
        const count = counter.count - before;
        const previous = wakes.get(name);
        if (previous !== undefined && previous !== count) throw new Error(`${name}: ${count} wakes in round ${round}, ${previous} before`);
        wakes.set(name, count);
      }
    }
  }
  const counts = new Set(wakes.values());
  if (counts.size !== 1) throw new Error(`${workload.name}: the structures disagree on the number of wakes: ${[...wakes].join(', ')}`);
  const wakesPerFrame = [...counts][0] / workload.frames;
  const floorMs = median(floorSamples);
  const heapMs = median(samples.get(heapStructure().name) as number[]);
  console.log(`\n${workload.name}: ${SLEEPERS.toLocaleString('en')} sleepers, ${workload.frameMs.toFixed(3)} ms frames, ${wakesPerFrame.toFixed(0)} wakes/frame`);
  console.log(`  ${'dense scan (floor)'.padEnd(36)} ${floorMs.toFixed(4).padStart(9)} ms/frame`);
  for (const [name, times] of samples) {
    const ms = median(times);
    const perWakeNs = (ms * 1e6) / wakesPerFrame;
    console.log(
      `  ${name.padEnd(36)} ${ms.toFixed(4).padStart(9)} ms/frame  ${perWakeNs.toFixed(0).padStart(5)} ns/wake  ` +
        `${(ms / floorMs).toFixed(2)}x floor  ${(heapMs / ms).toFixed(2)}x faster than the heap`,
    );
  }
}

function measureIdle(): void {
  console.log(`\nidle: ${IDLE_SLEEPERS.toLocaleString('en')} sleepers in waitMs(1e9), cost of one check that finds nothing (median of 200 batches of 1,000 calls, 1 frame apart)`);
  for (const make of makeStructures()) {
    collectGarbage();
    const structure = make();
    sequence = 0;
    for (let i = 0; i < IDLE_SLEEPERS; i++) {
      const node = new FakeTask(i);
      node.heapKey = 1e9;
      node.heapSeq = sequence++;
      structure.push(node);
    }
    let nowMs = 0;
    const batches: number[] = [];
    for (let batch = 0; batch < 250; batch++) {
      const t0 = performance.now();
      for (let call = 0; call < 1000; call++) {
        nowMs += FRAME_MS;
        if (structure.checkIdle(nowMs)) throw new Error('idle: something was due');
      }
      // The first 50 batches warm up.
      if (batch >= 50) batches.push(((performance.now() - t0) * 1e6) / 1000);
    }
    console.log(`  ${structure.name.padEnd(36)} ${median(batches).toFixed(1).padStart(7)} ns/call`);
  }
}

function retainedBytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

// In its own call, so nothing of the previous measurement is still referenced from this frame.
function retainedPerNode(make: () => Structure, count: number, keyFor: (index: number) => number): { structure: number; node: number } {
  const start = retainedBytes();
  const nodes: FakeTask[] = [];
  for (let i = 0; i < count; i++) {
    const node = new FakeTask(i);
    node.heapKey = keyFor(i);
    node.heapSeq = i;
    nodes.push(node);
  }
  const empty = retainedBytes();
  const structure = make();
  for (const node of nodes) structure.push(node);
  // Steady state: every bucket has been filled and drained a few times and kept its capacity.
  sequence = count;
  let nowMs = 0;
  for (let frame = 0; frame < 400; frame++) structure.runDue((nowMs += FRAME_MS));
  const full = retainedBytes();
  if (structure.size !== nodes.length) throw new Error('memory: size mismatch');
  // The node array itself (8 B per node plus slack) is not the node's cost; leave it out of both figures.
  return { structure: (full - empty) / count, node: (empty - start - 8 * count) / count };
}

function measureMemory(count: number, keyFor: (index: number) => number, label: string): void {
  console.log(`\nmemory: ${count.toLocaleString('en')} sleepers, ${label}: heap bytes retained per node by the structure after 400 frames of re-sleeping (median of 3)`);
  for (const make of makeStructures()) {
    const runs = [0, 1, 2].map(() => retainedPerNode(make, count, keyFor));
    const structure = median(runs.map((run) => run.structure));
    const node = median(runs.map((run) => run.node));
    console.log(`  ${make().name.padEnd(36)} ${structure.toFixed(1).padStart(7)} B/node  (the task-shaped node and its filler: ${node.toFixed(0)} B)`);
  }
}

console.log(`timer structures: node ${process.version}, ${ROUNDS} round(s), ${WARMUP_FRAMES} warm-up + ${FRAMES} measured frames`);
for (const workload of workloads) measureWorkload(workload);
measureIdle();
measureMemory(SLEEPERS, (i) => sleepMsFor(i, 0), 'deadlines 1-2000 ms');
measureMemory(IDLE_SLEEPERS, () => 1e9, 'deadlines 1e9 ms (overflow heap)');

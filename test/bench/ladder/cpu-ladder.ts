// The CPU-time ladder of issue 14, round two (test/bench/results/notes-round-two.md): one workload, one
// variant, one fresh process, CPU time (user + system) per resume, so time spent descheduled on a loaded
// machine does not count. Bundled with esbuild once per engine (this checkout's src, or another's) and run
// interleaved by ab.sh:
//   npx esbuild test/bench/ladder/cpu-ladder.ts --bundle --platform=node --format=esm --outfile=/tmp/ladder-new.mjs
//   node --expose-gc /tmp/ladder-new.mjs frame star 100000     # prints "frame star <CPU ns per resume>"
// Workloads and variants:
//   frame  raw | star | fast       n behaviours every frame: raw generators and a bare yield (the floor),
//                                  tickflow with yield* waitFrames(1), tickflow with yield nextFrame
//   timers star                    n sleepers of 1-2000 ms (yield* waitMs), ns per wake
//   churn  raw | star | fast       n spawned and n ended per frame, ns per behaviour
//   heap   star                    retained heap per sleeping behaviour (yield* waitMs(1e9)), bytes
import * as tickflow from '../../../src/index.js';
import type { Behaviour } from '../../../src/index.js';
import { FRAME_MS, counter, sleepMsFor, type Driver } from '../lib/common.js';

const [workload, variant, nText] = process.argv.slice(2);
const n = Number(nText);
// An engine without nextFrame (the baseline) runs the fast variants as star: the bundle says so in its output.
const nextFrame = (tickflow as { nextFrame?: tickflow.Instruction }).nextFrame;
const { createScheduler, waitFrames, waitMs } = tickflow;

function* bare(): Generator<undefined, void, unknown> {
  for (;;) {
    counter.count++;
    yield;
  }
}
function* star(): Behaviour {
  for (;;) {
    counter.count++;
    yield* waitFrames(1);
  }
}
function* fast(): Behaviour {
  for (;;) {
    counter.count++;
    yield nextFrame!;
  }
}
function* shortBare(): Generator<undefined, void, unknown> {
  counter.count++;
  yield;
}
function* shortStar(): Behaviour {
  counter.count++;
  yield* waitFrames(1);
}
function* shortFast(): Behaviour {
  counter.count++;
  yield nextFrame!;
}
function* sleeper(index: number): Behaviour {
  for (let k = 0; ; k++) {
    counter.count++;
    yield* waitMs(sleepMsFor(index, k));
  }
}

function frameDriver(): Driver {
  if (variant === 'raw') {
    const generators: Array<Generator<undefined, void, unknown>> = [];
    for (let i = 0; i < n; i++) {
      const generator = bare();
      generator.next();
      generators.push(generator);
    }
    return {
      frame() {
        for (let i = 0; i < generators.length; i++) generators[i].next();
      },
      dispose() {},
    };
  }
  const scheduler = createScheduler();
  const body = variant === 'fast' && nextFrame !== undefined ? fast : star;
  for (let i = 0; i < n; i++) scheduler.spawn(body());
  return { frame: () => scheduler.tick(FRAME_MS), dispose() {} };
}

function churnDriver(): Driver {
  if (variant === 'raw') {
    let previous: Array<Generator<undefined, void, unknown>> = [];
    return {
      frame() {
        for (let i = 0; i < previous.length; i++) previous[i].next();
        const next: Array<Generator<undefined, void, unknown>> = [];
        for (let i = 0; i < n; i++) {
          const generator = shortBare();
          generator.next();
          next.push(generator);
        }
        previous = next;
      },
      dispose() {},
    };
  }
  const scheduler = createScheduler();
  const body = variant === 'fast' && nextFrame !== undefined ? shortFast : shortStar;
  return {
    frame() {
      scheduler.tick(FRAME_MS);
      for (let i = 0; i < n; i++) scheduler.spawn(body());
    },
    dispose() {},
  };
}

function timersDriver(): Driver {
  const scheduler = createScheduler();
  for (let i = 0; i < n; i++) scheduler.spawn(sleeper(i));
  return { frame: () => scheduler.tick(FRAME_MS), dispose() {} };
}

function heap(): void {
  const gc = (globalThis as unknown as { gc: () => void }).gc;
  function* idle(): Behaviour {
    counter.count++;
    yield* waitMs(1e9);
  }
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const scheduler = createScheduler();
  for (let i = 0; i < n; i++) scheduler.spawn(idle());
  scheduler.tick(FRAME_MS);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  console.log(`heap ${variant} ${((after - before) / n).toFixed(1)}`);
  (globalThis as unknown as { keep: unknown }).keep = scheduler;
}

if (workload === 'heap') {
  heap();
} else {
  const driver = workload === 'frame' ? frameDriver() : workload === 'churn' ? churnDriver() : timersDriver();
  const warm = workload === 'timers' ? 150 : 40;
  const frames = workload === 'timers' ? 240 : 150;
  for (let f = 0; f < warm; f++) void driver.frame();
  const before = counter.count;
  const cpu0 = process.cpuUsage();
  for (let f = 0; f < frames; f++) void driver.frame();
  const cpu = process.cpuUsage(cpu0);
  const resumes = counter.count - before;
  const label = variant === 'fast' && nextFrame === undefined ? 'fast(as star: no nextFrame)' : variant;
  console.log(`${workload} ${label} ${(((cpu.user + cpu.system) * 1000) / resumes).toFixed(1)}`);
}

// Overhead of the inspector's statistics and dev mode, per frame, at 100 000 behaviours that each
// resume every frame (`for (;;) yield* waitFrames(1)`). Not a test: run it by hand, each variant in
// its own Node process so one variant's JIT state cannot colour another's:
//
//   node --expose-gc --import tsx test/debug/overhead-bench.ts [behaviours=100000] [frames=300] [rounds=3]
//
// Prints each variant's median ms per frame (best of the rounds) and the cost of one inspect() call.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createScheduler, waitFrames, type Behaviour, type SchedulerOptions } from '../../src/index.js';
import { createDevTools, createTraceRecorder, inspect } from '../../src/debug/index.js';

const VARIANTS = ['plain', 'cpuClockMs', 'devtools', 'trace'] as const;
type Variant = (typeof VARIANTS)[number];

function* everyFrame(): Behaviour {
  for (;;) yield* waitFrames(1);
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(variant: Variant, behaviours: number, frames: number): { msPerFrame: number; inspectMs: number } {
  const devtools = createDevTools({ onWarning: () => {} });
  const recorder = createTraceRecorder({ limit: 1000 });
  const options: SchedulerOptions =
    variant === 'cpuClockMs' ? { cpuClockMs: () => performance.now() }
    : variant === 'devtools' ? { ...devtools.schedulerOptions }
    : variant === 'trace' ? { onTrace: recorder.onTrace }
    : {};
  const scheduler = createScheduler(options);
  for (let i = 0; i < behaviours; i++) scheduler.spawn(everyFrame(), { name: 'b', entity: i });
  const gc = (globalThis as { gc?: () => void }).gc;
  const samples: number[] = [];
  for (let frame = 0; frame < frames + 30; frame++) {
    if (frame % 50 === 0) gc?.();
    const start = performance.now();
    scheduler.tick(16);
    if (variant === 'devtools') devtools.afterTick(scheduler);
    const elapsed = performance.now() - start;
    if (frame >= 30) samples.push(elapsed); // the first frames warm the JIT up
  }
  const inspectSamples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    inspect(scheduler);
    inspectSamples.push(performance.now() - start);
  }
  return { msPerFrame: median(samples), inspectMs: median(inspectSamples) };
}

const args = process.argv.slice(2);
if (VARIANTS.includes(args[0] as Variant)) {
  // A child process: one variant.
  const result = measure(args[0] as Variant, Number(args[1]), Number(args[2]));
  process.stdout.write(JSON.stringify(result));
} else {
  const behaviours = Number(args[0] ?? 100_000);
  const frames = Number(args[1] ?? 300);
  const self = fileURLToPath(import.meta.url);
  const rounds = Number(args[2] ?? 3);
  const results: Record<string, { msPerFrame: number; inspectMs: number }> = {};
  // Several rounds of every variant, keeping each one's best: on a shared machine, other processes
  // only ever make a run slower, so the minimum is the fairest figure.
  for (let round = 0; round < rounds; round++) {
    for (const variant of VARIANTS) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, variant, String(behaviours), String(frames)], { encoding: 'utf8' });
      const result = JSON.parse(out) as { msPerFrame: number; inspectMs: number };
      const best = results[variant];
      results[variant] = best === undefined ? result : { msPerFrame: Math.min(best.msPerFrame, result.msPerFrame), inspectMs: Math.min(best.inspectMs, result.inspectMs) };
    }
  }
  const plain = results.plain.msPerFrame;
  console.log(`${behaviours} behaviours resuming every frame, median of ${frames} frames, best of ${rounds} rounds (node ${process.version})`);
  for (const variant of VARIANTS) {
    const { msPerFrame } = results[variant];
    const extraNs = ((msPerFrame - plain) * 1e6) / behaviours;
    console.log(`  ${variant.padEnd(11)} ${msPerFrame.toFixed(2).padStart(7)} ms/frame  ${variant === 'plain' ? '' : `(+${extraNs.toFixed(0)} ns per resume)`}`);
  }
  console.log(`  inspect()   ${results.plain.inspectMs.toFixed(1).padStart(7)} ms per call (${behaviours} entries)`);
}

// tickflow's benchmark: `npm run bench` (node --expose-gc --import tsx test/bench/run.ts).
//
//   npm run bench                   full run (several minutes); writes test/bench/results/latest.md
//   npm run bench -- --smoke        a few seconds: every implementation and workload at tiny sizes
//   npm run bench -- --only frame   one workload: frame, timers, idle, churn or memory (comma-separated)
//   npm run bench -- --impl tickflow --rounds 3      floors and the listed implementations (comma-separated names)
//   npm run bench -- --baseline /work/baseline --impl tickflow,tickflow-baseline
//                                    also runs another checkout's src as "tickflow-baseline", interleaved with
//                                    this one round by round, and prints tickflow / tickflow-baseline per workload
//   npm run bench -- --same-isolate  every measurement in this thread's V8 isolate instead of a fresh
//                                    worker each (shows what workloads leave behind for the next one)
//   npm run bench -- --only timers --full-peers  peers at full size where only time limits them
//                                                (Motion Canvas timers: ~2 s a frame at 100k; 2 frames)
//
// Every implementation runs the same workloads in this one process; each behaviour bumps a shared
// counter on every resume, and the totals are checked against each other. Ratios are to the floors
// measured in the same run. See README-perf in the results file for what each workload means.
// First: puts --baseline's directory in the environment before impls/tickflow.ts reads it.
import './lib/baseline-env.js';
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Driver, Implementation, WorkloadName } from './lib/common.js';
import { quantile, median, type AllocationRun } from './lib/measure.js';
import { allImplementations } from './impls/index.js';
import { rawGenerators, stateMachine, typedWheel, typedWheelDelegating } from './impls/floors.js';
import { tickflow, tickflowBaseline } from './impls/tickflow.js';
import { excalibur } from './impls/excalibur.js';
import { effectionPeer } from './impls/effection.js';
import { reduxSaga } from './impls/redux-saga.js';
import { motionCanvas } from './impls/motion-canvas.js';
import { runIsolated } from './lib/isolate.js';

// ---- command line ----

const argv = process.argv.slice(2);
const smoke = argv.includes('--smoke');
const only = optionValue('--only')?.split(',') ?? null;
const implFilter = optionValue('--impl')?.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
optionValue('--baseline'); // read by lib/baseline-env.ts; checked here only for its value
const roundsOption = optionValue('--rounds');
const fullPeers = argv.includes('--full-peers');
const sameIsolate = argv.includes('--same-isolate');
const allSections = ['frame', 'timers', 'idle', 'churn', 'memory'];
if (only !== null) {
  for (const name of only) if (!allSections.includes(name)) fail(`--only: unknown workload "${name}"; use ${allSections.join(', ')}`);
}

function optionValue(name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// ---- implementations ----

const scaleNotes: Record<string, string> = {
  motionCanvas: 'threads() re-queues each waiting thread with Array.unshift and polls sleepers every frame: O(n²) per frame',
  effectionMemory: 'an Effection task with its scope retains about 10 KB of heap',
};

// Sizes each implementation runs in reasonable time (minutes for the whole run), per workload.
// Rows run below the workload's size are marked; their ratios are per resume, which favours them
// (their cost per resume grows with n).
// `memory` limits stay under --full-peers (the heap would not hold them); `time` limits are lifted.
interface Limit {
  n: number;
  why: string;
  kind: 'time' | 'memory';
}
const limits = new Map<Implementation, Partial<Record<WorkloadName, Limit>>>([
  [reduxSaga, { idle: { n: 100_000, why: 'memory: about 4 KB per saga', kind: 'memory' } }],
  [effectionPeer, { idle: { n: 100_000, why: scaleNotes.effectionMemory, kind: 'memory' } }],
  [motionCanvas, { timers: { n: 10_000, why: scaleNotes.motionCanvas, kind: 'time' }, idle: { n: 10_000, why: scaleNotes.motionCanvas, kind: 'time' } }],
]);

// --impl: each listed name picks the implementation of exactly that name, or else every one whose name contains it.
function picked(impl: Implementation): boolean {
  if (implFilter === undefined || impl.kind === 'floor') return true;
  const name = impl.name.toLowerCase();
  return implFilter.some((wanted) => name === wanted || (!allImplementations.some((other) => other.name.toLowerCase() === wanted) && name.includes(wanted)));
}
if (implFilter !== undefined) {
  for (const wanted of implFilter) {
    if (!allImplementations.some((impl) => impl.name.toLowerCase().includes(wanted))) {
      fail(`--impl: no implementation named "${wanted}"${wanted.includes('baseline') ? ' (tickflow-baseline needs --baseline <dir>)' : ''}; have ${allImplementations.map((impl) => impl.name).join(', ')}`);
    }
  }
}
const implementations = allImplementations.filter(picked);

// ---- the cases ----

interface Case {
  workload: WorkloadName;
  n: number;
  title: string;
  /** The floor that ratios are taken against. */
  floor: Implementation;
  warmupFrames: number;
  frames: number;
  rounds: number;
  /** Measured-time budget for one peer run, ms. Infinity: always all frames (counter totals compared). */
  peerBudgetMs: number;
  /** Peers skip this case (a comparison row for the floors and tickflow only). */
  noPeers?: boolean;
}

const rounds = roundsOption !== undefined ? Number(roundsOption) : smoke ? 1 : 5;
const cases: Case[] = smoke
  ? [
      { workload: 'frame', n: 200, title: 'frame', floor: rawGenerators, warmupFrames: 2, frames: 5, rounds, peerBudgetMs: Infinity },
      { workload: 'timers', n: 200, title: 'timers', floor: rawGenerators, warmupFrames: 2, frames: 10, rounds, peerBudgetMs: Infinity },
      { workload: 'idle', n: 1000, title: 'idle', floor: rawGenerators, warmupFrames: 2, frames: 5, rounds, peerBudgetMs: Infinity },
      { workload: 'churn', n: 200, title: 'churn', floor: rawGenerators, warmupFrames: 2, frames: 5, rounds, peerBudgetMs: Infinity },
    ]
  : [
      { workload: 'frame', n: 10_000, title: '(a) frame, 10,000 behaviours', floor: rawGenerators, warmupFrames: 60, frames: 300, rounds, peerBudgetMs: 8000 },
      { workload: 'frame', n: 100_000, title: '(a) frame, 100,000 behaviours', floor: rawGenerators, warmupFrames: 30, frames: 150, rounds, peerBudgetMs: 8000 },
      // 120 warm-up frames (2 s): every behaviour has woken at least once; 240 measured frames (4 s).
      { workload: 'timers', n: 100_000, title: '(b) timers, 100,000 behaviours sleeping 1-2000 ms', floor: rawGenerators, warmupFrames: 120, frames: 240, rounds, peerBudgetMs: Infinity },
      { workload: 'idle', n: 1_000_000, title: "(b') idle, 1,000,000 sleeping behaviours", floor: rawGenerators, warmupFrames: 10, frames: 300, rounds: Math.min(rounds, 3), peerBudgetMs: 8000 },
      { workload: 'idle', n: 1_000, title: "(b') idle, 1,000 sleeping behaviours (for comparison)", floor: rawGenerators, warmupFrames: 10, frames: 300, rounds: Math.min(rounds, 3), peerBudgetMs: 8000, noPeers: true },
      { workload: 'churn', n: 10_000, title: '(c) churn, 10,000 behaviours spawned per frame, each ending the next frame', floor: rawGenerators, warmupFrames: 30, frames: 200, rounds, peerBudgetMs: 8000 },
    ];

// ---- results ----

interface Row {
  impl: Implementation;
  n: number;
  samplesMs: number[];
  roundMediansMs: number[];
  resumes: number;
  frames: number;
  /** Frames per round: counter totals are only comparable between equal values. */
  framesPerRound: number;
  retainedBytes?: number;
  error?: string;
  note?: string;
}

const errors: string[] = [];

function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

async function safely<T>(what: string, action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    errors.push(`${what}: ${message}`);
    progress(`FAILED ${what}: ${message}`);
    return undefined;
  }
}

function sizeFor(impl: Implementation, workload: WorkloadName, n: number): { n: number; note?: string; lifted?: boolean } {
  const limit = limits.get(impl)?.[workload];
  if (smoke || limit === undefined || limit.n >= n) return { n };
  // Idle at a million with a poll-every-sleeper design would take hours even with --full-peers.
  if (fullPeers && limit.kind === 'time' && workload !== 'idle') return { n, note: 'full size (--full-peers): 1 warm-up frame, at least 2 measured', lifted: true };
  return { n: limit.n, note: `${formatCount(limit.n)} instead of ${formatCount(n)}: ${limit.why}` };
}

async function runCase(spec: Case): Promise<Row[]> {
  process.stderr.write(`${spec.title}\n`);
  const rows = new Map<Implementation, Row>();
  const ours = implementations.filter((impl) => impl.kind !== 'peer');
  const peers = spec.noPeers ? [] : implementations.filter((impl) => impl.kind === 'peer');
  // Floors and tickflow: several rounds, the order rotated each round so drift in machine load is shared.
  for (let round = 0; round < spec.rounds; round++) {
    const order = ours.map((_, i) => ours[(i + round) % ours.length]);
    for (const impl of order) await measureOne(spec, impl, rows, round, Infinity);
  }
  for (const impl of peers) await measureOne(spec, impl, rows, 0, spec.peerBudgetMs);
  return implementations.map((impl) => rows.get(impl)).filter((row): row is Row => row !== undefined);
}

async function measureOne(spec: Case, impl: Implementation, rows: Map<Implementation, Row>, round: number, budgetMs: number): Promise<void> {
  if (impl[spec.workload] === undefined) return;
  const { n, note, lifted } = sizeFor(impl, spec.workload, spec.n);
  const what = `${spec.title} / ${impl.name}`;
  let row = rows.get(impl);
  if (row === undefined) {
    row = { impl, n, samplesMs: [], roundMediansMs: [], resumes: 0, frames: 0, framesPerRound: 0, note };
    rows.set(impl, row);
  }
  const target = row;
  const isPeer = impl.kind === 'peer';
  await safely(what, async () => {
    const run = await runIsolated(
      {
        kind: 'frames',
        impl: impl.name,
        workload: spec.workload,
        n,
        // Heap per sleeping behaviour, generator included: retained heap after creating them all.
        retained: spec.workload === 'idle' && round === 0,
        run: {
          warmupFrames: lifted ? 1 : isPeer && budgetMs !== Infinity ? Math.min(spec.warmupFrames, 3) : spec.warmupFrames,
          frames: spec.frames,
          budgetMs: lifted ? 1 : budgetMs,
          minFrames: lifted ? 2 : 3,
        },
      },
      sameIsolate,
    );
    if (run.retainedBytes !== undefined) target.retainedBytes = run.retainedBytes;
    target.samplesMs.push(...run.samplesMs);
    target.roundMediansMs.push(median(run.samplesMs));
    target.resumes += run.resumes;
    target.frames += run.frames;
    target.framesPerRound = run.frames;
    progress(`${impl.name}${spec.rounds > 1 && !isPeer ? ` round ${round + 1}` : ''}: median ${formatMs(median(run.samplesMs))} ms/frame over ${run.frames} frames`);
  });
  if (errors.some((e) => e.startsWith(what))) target.error = 'failed (see errors)';
}

// ---- memory (d) ----

interface MemoryRow {
  impl: Implementation;
  frameLoop?: AllocationRun & { n: number };
  timersLoop?: AllocationRun & { n: number };
}

async function runMemory(): Promise<MemoryRow[]> {
  // 10k behaviours; where garbage collections overlap most frames (heavy allocators), again at 1k.
  const sizes = smoke ? [200] : [10_000, 1_000];
  process.stderr.write(`(d) memory: bytes allocated per resume\n`);
  const rows: MemoryRow[] = [];
  for (const impl of implementations) {
    const row: MemoryRow = { impl };
    rows.push(row);
    // Steady state: the frame loop is there after a few frames. The timers loop needs its timer structure at working
    // size: sleeps run up to 2 s, so 900 frames (15 s) let every sleeper wake several times and a 2-second timer
    // wheel turn seven times; its buckets stop growing. (Growth before that is the structure filling, not a per-resume cost.)
    for (const [key, workload, warmup, frames] of [
      ['frameLoop', 'frame', smoke ? 2 : 60, smoke ? 5 : 200],
      ['timersLoop', 'timers', smoke ? 2 : 900, smoke ? 10 : 600],
    ] as const) {
      if (impl[workload] === undefined) continue;
      for (const n of sizes) {
        const run = await safely(`memory ${workload} / ${impl.name}`, async () => ({
          ...(await runIsolated({ kind: 'allocation', impl: impl.name, workload, n, warmupFrames: warmup, frames }, sameIsolate)),
          n,
        }));
        if (run === undefined) break;
        row[key] = run;
        progress(`${impl.name} ${workload} at ${formatCount(n)}: ${formatBytes(run.bytesPerResume)} B/resume (${run.cleanFrames}/${frames} frames without GC)`);
        if (run.cleanFrames >= frames / 5) break;
      }
    }
  }
  return rows;
}

// ---- formatting ----

function formatCount(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${(n / 1000).toLocaleString('en-US')}k` : n.toLocaleString('en-US');
}

function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  if (ms >= 0.01) return ms.toFixed(3);
  return ms.toFixed(4);
}

function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a';
  if (ratio >= 100) return `${ratio.toFixed(0)}x`;
  if (ratio >= 10) return `${ratio.toFixed(1)}x`;
  if (ratio >= 0.01) return `${ratio.toFixed(2)}x`;
  return `${ratio.toPrecision(1)}x`;
}

function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return 'n/a';
  // A retained-heap difference below zero is measurement noise around nothing (a few KB of typed arrays).
  if (bytes < 0) return '0.0';
  return bytes >= 100 ? bytes.toFixed(0) : bytes >= 1 ? bytes.toFixed(1) : bytes.toFixed(2);
}

interface Summary {
  medianMs: number;
  p95Ms: number;
  meanMs: number;
  /** Per resume, from the median frame (from the mean frame for churn, see byMean). */
  nsPerResume: number;
  resumesPerFrame: number;
}

/**
 * Churn allocates a task per behaviour, so every few frames a garbage collection lands in a frame:
 * its per-frame times are bimodal and the median hides that cost at random. Its ratios use the mean.
 */
function byMean(workload: WorkloadName): boolean {
  return workload === 'churn';
}

function summarise(row: Row, workload: WorkloadName): Summary {
  const sorted = [...row.samplesMs].sort((a, b) => a - b);
  const medianMs = quantile(sorted, 0.5);
  const meanMs = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  const basisMs = byMean(workload) ? meanMs : medianMs;
  const resumesPerFrame = row.frames === 0 ? NaN : row.resumes / row.frames;
  return { medianMs, p95Ms: quantile(sorted, 0.95), meanMs, nsPerResume: resumesPerFrame > 0 ? (basisMs * 1e6) / resumesPerFrame : NaN, resumesPerFrame };
}

/** Ratio to the floor: per resume when both resume, else per frame. */
function ratioTo(row: Summary, floor: Summary | undefined): number {
  if (floor === undefined) return NaN;
  if (Number.isFinite(row.nsPerResume) && Number.isFinite(floor.nsPerResume)) return row.nsPerResume / floor.nsPerResume;
  return row.medianMs / floor.medianMs;
}

function caseTable(spec: Case, rows: Row[]): { lines: string[]; summaries: Map<Implementation, Summary> } {
  const summaries = new Map<Implementation, Summary>();
  for (const row of rows) if (row.frames > 0) summaries.set(row.impl, summarise(row, spec.workload));
  const floor = summaries.get(spec.floor);
  const ours = summaries.get(tickflow);
  const idle = spec.workload === 'idle';
  const lines = [
    `### ${spec.title}`,
    '',
    idle
      ? `| implementation | behaviours | frames | median µs/frame | p95 µs/frame | × ${spec.floor.name} | heap B/behaviour | notes |`
      : `| implementation | behaviours | frames | median ms/frame | p95 ms/frame | mean ms/frame | ns/resume${byMean(spec.workload) ? ' (mean)' : ''} | × ${spec.floor.name} | × tickflow | resumes/frame | notes |`,
    idle ? '|---|---:|---:|---:|---:|---:|---:|---|' : '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ];
  for (const row of rows) {
    const s = summaries.get(row.impl);
    const notes = [row.note, row.error, spreadNote(row)].filter(Boolean).join('; ');
    if (s === undefined) {
      lines.push(`| ${row.impl.name} | ${formatCount(row.n)} | 0 | n/a | n/a | | | | | | ${notes} |`);
      continue;
    }
    if (idle) {
      lines.push(`| ${row.impl.name} | ${formatCount(row.n)} | ${row.frames} | ${formatMs(s.medianMs * 1000)} | ${formatMs(s.p95Ms * 1000)} | ${formatRatio(ratioTo(s, floor))} | ${formatBytes(row.retainedBytes)} | ${notes} |`);
    } else {
      const vsOurs = row.impl === tickflow || ours === undefined ? '' : formatRatio(ratioTo(s, ours));
      lines.push(
        `| ${row.impl.name} | ${formatCount(row.n)} | ${row.frames} | ${formatMs(s.medianMs)} | ${formatMs(s.p95Ms)} | ${formatMs(s.meanMs)} | ${s.nsPerResume.toFixed(0)} | ${formatRatio(ratioTo(s, floor))} | ${vsOurs} | ${formatResumes(s.resumesPerFrame)} | ${notes} |`,
      );
    }
  }
  lines.push('', workCheck(spec, rows), '');
  return { lines, summaries };
}

function spreadNote(row: Row): string {
  if (row.roundMediansMs.length < 2) return '';
  const low = Math.min(...row.roundMediansMs);
  const high = Math.max(...row.roundMediansMs);
  return `${row.roundMediansMs.length} rounds, round medians ${formatMs(low)}-${formatMs(high)} ms`;
}

function formatResumes(perFrame: number): string {
  return Number.isInteger(perFrame) ? perFrame.toLocaleString('en-US') : perFrame.toFixed(1);
}

const workProblems: string[] = [];

/** Compares counter totals: exact equality where the semantics are the same. */
function workCheck(spec: Case, rows: Row[]): string {
  const parts: string[] = [];
  const reference = rows.find((row) => row.impl === spec.floor && row.frames > 0);
  for (const row of rows) {
    if (row.frames === 0) continue;
    const perRound = row.resumes / Math.max(1, row.roundMediansMs.length);
    let text = `${row.impl.name} ${Math.round(perRound).toLocaleString('en-US')}`;
    if (spec.workload !== 'timers') {
      // Frame and churn: exactly n resumes per frame; idle: none.
      const expected = spec.workload === 'idle' ? 0 : row.n * row.frames;
      if (row.resumes !== expected) {
        workProblems.push(`${spec.title}: ${row.impl.name} counted ${row.resumes}, expected ${expected}`);
        text += ' (MISMATCH)';
      }
    } else if (reference !== undefined && row !== reference && row.n === reference.n && row.framesPerRound === reference.framesPerRound) {
      const referencePerRound = reference.resumes / Math.max(1, reference.roundMediansMs.length);
      const delta = perRound / referencePerRound - 1;
      if (row.impl.kind !== 'peer' && delta !== 0) {
        workProblems.push(`${spec.title}: ${row.impl.name} counted ${perRound} per round, the floor ${referencePerRound}`);
        text += ' (MISMATCH)';
      } else if (delta !== 0) {
        text += ` (${delta > 0 ? '+' : ''}${(delta * 100).toFixed(2)} %)`;
      }
    } else if (row.n !== spec.n) {
      text += ` (at ${formatCount(row.n)})`;
    }
    parts.push(text);
  }
  const unit = spec.workload === 'timers' ? 'resumes per round (warm-up excluded)' : 'resumes per round';
  return `Counter totals, ${unit}: ${parts.join(' · ')}.`;
}

function memoryTable(rows: MemoryRow[], idleRows: Row[] | undefined): string[] {
  const retained = new Map<Implementation, Row>();
  for (const row of idleRows ?? []) retained.set(row.impl, row);
  const lines = [
    `### (d) memory`,
    '',
    `| implementation | B allocated per resume, frame loop | B allocated per resume, timers loop | heap B per sleeping behaviour (at n) |`,
    '|---|---:|---:|---:|',
  ];
  for (const row of rows) {
    const idle = retained.get(row.impl);
    const heap = idle?.retainedBytes === undefined ? 'n/a' : `${formatBytes(idle.retainedBytes)} (${formatCount(idle.n)})`;
    lines.push(`| ${row.impl.name} | ${allocation(row.frameLoop)} | ${allocation(row.timersLoop)} | ${heap} |`);
  }
  lines.push(
    '',
    `Allocation: ${smoke ? '200' : '10k'} behaviours (1k where collections overlapped most frames at 10k); heap growth across each frame (process.memoryUsage().heapUsed), summed over frames ` +
      'that no garbage collection overlapped (PerformanceObserver "gc" entries), minus the cost of reading the heap, divided by the ' +
      'resumes in those frames. Heap per sleeping behaviour: retained heap after creating the idle workload, full GC before and after.',
    '',
  );
  return lines;
}

function allocation(run: (AllocationRun & { n: number }) | undefined): string {
  if (run === undefined) return 'n/a';
  const notes = [smoke || run.n === 10_000 ? '' : `at ${formatCount(run.n)}`, run.cleanFrames < run.frames ? `${run.cleanFrames}/${run.frames} frames` : ''];
  const note = notes.filter(Boolean).join(', ');
  return `${formatBytes(run.bytesPerResume)}${note === '' ? '' : ` (${note})`}`;
}

// ---- summary: one line per workload, for the README ----

const shortNames = new Map<Implementation, string>([
  [excalibur, 'Excalibur'],
  [effectionPeer, 'Effection 4'],
  [reduxSaga, 'redux-saga'],
  [motionCanvas, 'Motion Canvas'],
]);

function summaryTable(all: Array<{ spec: Case; summaries: Map<Implementation, Summary>; rows: Row[] }>): string[] {
  const peers = implementations.filter((impl) => impl.kind === 'peer');
  const lines = [
    '### Summary: time per frame (median; churn: mean)',
    '',
    `| workload | floor | tickflow (× floor) |${peers.map((peer) => ` ${shortNames.get(peer) ?? peer.name} (× tickflow) |`).join('')}`,
    `|---|---:|---:|${peers.map(() => '---:|').join('')}`,
  ];
  for (const { spec, summaries, rows } of all) {
    if (spec.noPeers) continue;
    const floor = summaries.get(spec.floor);
    const ours = summaries.get(tickflow);
    const pickMs = (s: Summary | undefined): number => (s === undefined ? NaN : byMean(spec.workload) ? s.meanMs : s.medianMs);
    // Idle frames cost microseconds: show them so.
    const pick = (s: Summary | undefined): string => (spec.workload === 'idle' ? `${formatMs(pickMs(s) * 1000)} µs` : formatMs(pickMs(s)));
    const cells = peers.map((peer) => {
      const s = summaries.get(peer);
      const row = rows.find((r) => r.impl === peer);
      if (s === undefined || row === undefined) return 'n/a';
      const at = row.n === spec.n ? '' : ` at ${formatCount(row.n)}`;
      return `${pick(s)}${at} (${formatRatio(ratioTo(s, ours))})`;
    });
    const floorName = spec.workload === 'timers' || spec.workload === 'idle' ? 'dense scan ' : '';
    lines.push(`| ${spec.title} | ${floorName}${pick(floor)} | ${pick(ours)} (${formatRatio(ours === undefined ? NaN : ratioTo(ours, floor))}) |${cells.map((cell) => ` ${cell} |`).join('')}`);
  }
  lines.push(
    '',
    'Floor: raw generators resumed by a plain loop (timers and idle: the same generators behind a dense per-frame scan of ' +
      'wake times). Ratios are per resume (idle: per frame); a peer run below the workload size is compared per resume, ' +
      'which favours it.',
    '',
  );
  return lines;
}

// ---- targets ----

type CaseRun = { spec: Case; summaries: Map<Implementation, Summary>; rows: Row[] };

/** One line per target of issue 14 (and the earlier ones still kept), each a ratio from this run. */
function targetLines(all: CaseRun[], memory: MemoryRow[] | undefined): string[] {
  const lines = ['### Targets (issues 5 and 14), tickflow measured in this run', '', '| target | measured | met |', '|---|---|---|'];
  const find = (workload: WorkloadName, n: number) => all.find((c) => c.spec.workload === workload && c.spec.n === n);
  const met = (ok: boolean): string => (ok ? 'yes' : 'no');
  const frame100k = find('frame', smoke ? 200 : 100_000);
  if (frame100k !== undefined) {
    const ours = frame100k.summaries.get(tickflow);
    const floor = frame100k.summaries.get(rawGenerators);
    if (ours !== undefined && floor !== undefined) {
      const ratio = ratioTo(ours, floor);
      lines.push(`| (a) ${formatCount(frame100k.spec.n)} frame: ≤ 1.3x raw generators | ${formatRatio(ratio)} (${ours.nsPerResume.toFixed(0)} vs ${floor.nsPerResume.toFixed(0)} ns/resume) | ${met(ratio <= 1.3)} |`);
      for (const row of frame100k.rows) {
        const s = frame100k.summaries.get(row.impl);
        if (row.impl.kind !== 'peer' || s === undefined) continue;
        const speedup = ratioTo(s, ours);
        const at = row.n === frame100k.spec.n ? '' : ` (peer at ${formatCount(row.n)}, per resume)`;
        lines.push(`| (a) ${formatCount(frame100k.spec.n)} frame: ≥ 100x faster than ${row.impl.name} | ${formatRatio(speedup)}${at} | ${met(speedup >= 100)} |`);
      }
    }
  }
  const frame10k = smoke ? undefined : find('frame', 10_000);
  if (frame10k !== undefined) {
    const ours = frame10k.summaries.get(tickflow);
    const mc = frame10k.summaries.get(motionCanvas);
    if (ours !== undefined && mc !== undefined) {
      const speedup = ratioTo(mc, ours);
      lines.push(`| (a) 10k frame: Motion Canvas threads ≥ 100x slower than tickflow | ${formatRatio(speedup)} (${mc.nsPerResume.toFixed(0)} vs ${ours.nsPerResume.toFixed(0)} ns/resume) | ${met(speedup >= 100)} |`);
    }
  }
  const timers = find('timers', smoke ? 200 : 100_000);
  if (timers !== undefined) {
    const ours = timers.summaries.get(tickflow);
    const dense = timers.summaries.get(rawGenerators);
    const wheel = timers.summaries.get(typedWheel);
    const denseTyped = timers.summaries.get(stateMachine);
    if (ours !== undefined && dense !== undefined) {
      const faster = 1 / ratioTo(ours, dense);
      lines.push(`| (b) timers: ≥ 1.5x faster than a dense per-frame scan of wake times | ${formatRatio(faster)} faster (${formatMs(ours.medianMs)} vs ${formatMs(dense.medianMs)} ms/frame) | ${met(faster >= 1.5)} |`);
    }
    if (ours !== undefined && wheel !== undefined) {
      const ratio = ratioTo(ours, wheel);
      const scan = dense === undefined ? '' : `; the wheel is ${formatRatio(1 / ratioTo(wheel, dense))} faster than the scan`;
      lines.push(`| (b) timers: gap to the typed-array timer wheel floor (no target) | ${formatRatio(ratio)} (${ours.nsPerResume.toFixed(0)} vs ${wheel.nsPerResume.toFixed(0)} ns/wake${scan}) | floor |`);
    }
    const wheelDelegating = timers.summaries.get(typedWheelDelegating);
    if (ours !== undefined && wheel !== undefined && wheelDelegating !== undefined) {
      lines.push(
        `| (b) timers: of that gap, the yield* protocol alone (the same wheel, behaviours waiting with yield*) | ${formatRatio(ratioTo(wheelDelegating, wheel))} the wheel; tickflow ${formatRatio(ratioTo(ours, wheelDelegating))} the yield* wheel | floor |`,
      );
    }
    if (ours !== undefined && denseTyped !== undefined) {
      lines.push(`| (b) timers: against a typed-array scan with no generators (no target) | ${formatRatio(ratioTo(ours, denseTyped))} | floor |`);
    }
  }
  const idle = find('idle', smoke ? 1000 : 1_000_000);
  if (idle !== undefined) {
    const ours = idle.summaries.get(tickflow);
    const small = find('idle', 1_000)?.summaries.get(tickflow);
    if (ours !== undefined) {
      const us = ours.medianMs * 1000;
      const compare = small === undefined || smoke ? '' : ` (1k sleepers: ${formatMs(small.medianMs * 1000)} µs)`;
      lines.push(`| (b') ${formatCount(idle.spec.n)} sleepers: ≤ 10 µs per frame | ${formatMs(us)} µs${compare} | ${met(us <= 10)} |`);
    }
  }
  const churn = find('churn', smoke ? 200 : 10_000);
  if (churn !== undefined) {
    const ours = churn.summaries.get(tickflow);
    const floor = churn.summaries.get(rawGenerators);
    if (ours !== undefined && floor !== undefined) {
      const ratio = ratioTo(ours, floor);
      lines.push(`| (c) churn: ≤ 1.5x a bare generator created and finished | ${formatRatio(ratio)} (means: ${ours.nsPerResume.toFixed(0)} vs ${floor.nsPerResume.toFixed(0)} ns/behaviour) | ${met(ratio <= 1.5)} |`);
    }
  }
  const mem = memory?.find((row) => row.impl === tickflow);
  if (mem !== undefined) {
    for (const [label, run] of [['waitFrames', mem.frameLoop], ['waitMs', mem.timersLoop]] as const) {
      if (run === undefined) continue;
      lines.push(`| (d) 0 B allocated per steady-state resume of ${label} | ${formatBytes(run.bytesPerResume)} B | ${met(run.bytesPerResume < 0.5)} |`);
    }
  }
  const idleRow = idle?.rows.find((row) => row.impl === tickflow);
  const rawIdleRow = idle?.rows.find((row) => row.impl === rawGenerators);
  if (idleRow?.retainedBytes !== undefined) {
    const raw = rawIdleRow?.retainedBytes === undefined ? '' : `; ${formatRatio(idleRow.retainedBytes / rawIdleRow.retainedBytes)} a raw generator's ${formatBytes(rawIdleRow.retainedBytes)} B`;
    lines.push(`| (d) ≤ 256 B heap per sleeping behaviour (at ${formatCount(idleRow.n)}) | ${formatBytes(idleRow.retainedBytes)} B (${formatRatio(idleRow.retainedBytes / 256)} the target${raw}) | ${met(idleRow.retainedBytes <= 256)} |`);
  }
  lines.push('');
  return lines;
}

/**
 * With --baseline: tickflow against tickflow-baseline per workload. Rounds interleave the two (order rotated
 * each round), so the per-round ratio of medians shows how much of a difference is noise.
 */
function baselineLines(all: CaseRun[], memory: MemoryRow[] | undefined): string[] {
  if (tickflowBaseline === undefined || !implementations.includes(tickflowBaseline)) return [];
  const before = tickflowBaseline;
  const lines = [
    '### This checkout against --baseline (tickflow / tickflow-baseline; below 1 is faster)',
    '',
    '| workload | tickflow | tickflow-baseline | ratio | ratio per round (min-max) |',
    '|---|---:|---:|---:|---|',
  ];
  for (const { spec, summaries, rows } of all) {
    const after = summaries.get(tickflow);
    const was = summaries.get(before);
    if (after === undefined || was === undefined) continue;
    const a = rows.find((row) => row.impl === tickflow);
    const b = rows.find((row) => row.impl === before);
    let perRound = '';
    if (a !== undefined && b !== undefined && a.roundMediansMs.length === b.roundMediansMs.length && a.roundMediansMs.length > 1) {
      const ratios = a.roundMediansMs.map((ms, i) => ms / b.roundMediansMs[i]);
      perRound = `${formatRatio(Math.min(...ratios))}-${formatRatio(Math.max(...ratios))} over ${ratios.length} rounds`;
    }
    const unit = spec.workload === 'idle' ? 'µs/frame' : byMean(spec.workload) ? 'ns/behaviour (mean)' : 'ns/resume';
    const pick = (s: Summary): string => (spec.workload === 'idle' ? formatMs(s.medianMs * 1000) : s.nsPerResume.toFixed(0));
    lines.push(`| ${spec.title} (${unit}) | ${pick(after)} | ${pick(was)} | ${formatRatio(ratioTo(after, was))} | ${perRound} |`);
    if (spec.workload === 'idle' && a?.retainedBytes !== undefined && b?.retainedBytes !== undefined) {
      lines.push(`| ${spec.title} (heap B/behaviour) | ${formatBytes(a.retainedBytes)} | ${formatBytes(b.retainedBytes)} | ${formatRatio(a.retainedBytes / b.retainedBytes)} | |`);
    }
  }
  const memAfter = memory?.find((row) => row.impl === tickflow);
  const memBefore = memory?.find((row) => row.impl === before);
  if (memAfter !== undefined && memBefore !== undefined) {
    lines.push(`| (d) B allocated per resume, frame loop / timers loop | ${allocation(memAfter.frameLoop)} / ${allocation(memAfter.timersLoop)} | ${allocation(memBefore.frameLoop)} / ${allocation(memBefore.timersLoop)} | | |`);
  }
  lines.push('');
  return lines;
}

// ---- main ----

function environment(): string[] {
  const cpus = os.cpus();
  const model = cpus.length > 0 ? cpus[0].model.trim() : 'unknown CPU';
  return [
    `Date: ${new Date().toISOString()} · Node ${process.version} (V8 ${process.versions.v8}) · ${os.platform()} ${os.arch()} · ` +
      `CPU: ${model}, ${cpus.length} logical cores · ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
  ];
}

async function main(): Promise<void> {
  const started = Date.now();
  const header = [
    `## tickflow benchmark${smoke ? ' (smoke run: tiny sizes, figures meaningless)' : ''}`,
    '',
    ...environment(),
    '',
    `Medians and 95th percentiles are over every measured frame of every round (floors and tickflow: ${rounds} rounds, order ` +
      'rotated each round; peers: one run). ' +
      (sameIsolate
        ? 'Every measurement ran in this one thread (--same-isolate), so each workload inherits the heap and optimized code of the ones before it. '
        : "Each measurement runs in a fresh V8 isolate (a worker thread of this process), so no workload inherits another's heap or optimized code. ") +
      'Ratios are per resume, to the floor measured in this run. The machine is shared, so single figures are noisy: compare ' +
      'ratios, and the spread of round medians in the notes.',
    '',
  ];
  const output: string[] = [...header];
  const runs: CaseRun[] = [];
  for (const spec of cases) {
    if (only !== null && !only.includes(spec.workload)) continue;
    const rows = await runCase(spec);
    const table = caseTable(spec, rows);
    runs.push({ spec, summaries: table.summaries, rows });
    output.push(...table.lines);
    process.stdout.write(table.lines.join('\n') + '\n');
  }
  let memory: MemoryRow[] | undefined;
  if (only === null || only.includes('memory')) {
    memory = await runMemory();
    const idleRun = runs.find((run) => run.spec.workload === 'idle' && run.spec.n === (smoke ? 1000 : 1_000_000));
    const lines = memoryTable(memory, idleRun?.rows);
    output.push(...lines);
    process.stdout.write(lines.join('\n') + '\n');
  }
  const summary = summaryTable(runs);
  const targets = [...targetLines(runs, memory), ...baselineLines(runs, memory)];
  output.push(...summary, ...targets);
  process.stdout.write(summary.join('\n') + '\n');
  const footer = [`Total time: ${((Date.now() - started) / 1000).toFixed(0)} s.`, ''];
  output.push(...footer);
  process.stdout.write([...targets, ...footer].join('\n'));
  if (!smoke && only === null && implFilter === undefined && roundsOption === undefined && !fullPeers && tickflowBaseline === undefined) {
    const file = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.md');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output.join('\n'));
    process.stdout.write(`Wrote ${file}\n`);
  }
  const problems = [...errors, ...workProblems];
  if (problems.length > 0) {
    process.stderr.write(`\nbench: the harness broke:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exitCode = 1;
  }
}

await main();

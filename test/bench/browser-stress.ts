// The browser figure: the stress demo in headless Chromium at 100,000 behaviours (half resumed every
// frame, half asleep in waitMs), and the scheduler's ms per frame the page itself reports
// (window.__stress.schedulerMsPerFrame: scheduler.tick time averaged over the last 60 frames), against the
// same page on raw generators and a hand loop (?engine=raw, demos/stress/sim/raw-stress.ts) in the same
// Chromium: the figure is their ratio.
//
// Run: npx tsx test/bench/browser-stress.ts [--no-build] [--count 100000] [--seconds 10] [--rounds 2]
// Builds the demos (vite build), serves dist/demos on localhost, drives Debian's Chromium through
// playwright-core (nothing downloaded).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunch } from '../../vitest.config.js';
import { serveStatic } from '../e2e/static-server.js';
import type { StressFigures } from '../../demos/stress/sim/stress.js';

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const count = Number(valueOf('--count') ?? 100_000);
const seconds = Number(valueOf('--seconds') ?? 10);
const rounds = Number(valueOf('--rounds') ?? 2);
const repoDir = resolve(import.meta.dirname, '../..');

function valueOf(name: string): string | undefined {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (build) {
  execFileSync(process.execPath, [resolve(repoDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoDir, stdio: 'inherit' });
}
const server = await serveStatic(resolve(repoDir, 'dist/demos'));
// playwright-core launches with a fresh temporary profile (user-data-dir) each time.
const browser = await chromium.launch({ headless: true, ...chromiumLaunch });

type Engine = 'tickflow' | 'raw';
/** One second's reading of the page's window.__stress (its running sample count left out). */
type Reading = Omit<StressFigures, 'samples'>;

const problems: string[] = [];

/** One page of the given engine: a full averaging window after start-up, then one reading a second. */
async function measure(engine: Engine): Promise<Reading[]> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => problems.push(`${engine}: ${error.message}`));
  try {
    await page.goto(`${server.url}stress/?count=${count}${engine === 'raw' ? '&engine=raw' : ''}`);
    await page.waitForFunction(() => (window as unknown as { __stress?: StressFigures }).__stress !== undefined, undefined, { timeout: 60_000 });
    // One full averaging window (60 frames) after start-up, then a reading every second.
    await page.waitForFunction(() => (window as unknown as { __stress: StressFigures }).__stress.samples >= 120, undefined, { timeout: 120_000 });
    const readings: Reading[] = [];
    for (let s = 0; s < seconds; s++) {
      await page.waitForTimeout(1000);
      readings.push(
        await page.evaluate(() => {
          const f = (window as unknown as { __stress: StressFigures }).__stress;
          return { behaviours: f.behaviours, movers: f.movers, sleepers: f.sleepers, schedulerMsPerFrame: f.schedulerMsPerFrame, resumesPerFrame: f.resumesPerFrame, fps: f.fps };
        }),
      );
    }
    return readings;
  } finally {
    await page.close();
  }
}

try {
  // Rounds alternate the engines (tickflow first, then raw first, ...), so a drift in machine load is shared.
  const byEngine: Record<Engine, Reading[]> = { tickflow: [], raw: [] };
  const roundMedians: Record<Engine, number[]> = { tickflow: [], raw: [] };
  for (let round = 0; round < rounds; round++) {
    const order: Engine[] = round % 2 === 0 ? ['tickflow', 'raw'] : ['raw', 'tickflow'];
    for (const engine of order) {
      const readings = await measure(engine);
      byEngine[engine].push(...readings);
      roundMedians[engine].push(median(readings.map((r) => r.schedulerMsPerFrame)));
      process.stderr.write(`  round ${round + 1} ${engine}: median ${roundMedians[engine][round].toFixed(2)} ms/frame\n`);
    }
  }
  const version = browser.version();
  const last = byEngine.tickflow[byEngine.tickflow.length - 1];
  const describe = (engine: Engine, label: string): string => {
    const ms = byEngine[engine].map((r) => r.schedulerMsPerFrame);
    return (
      `  ${label}: median ${median(ms).toFixed(2)} ms per frame, range ${Math.min(...ms).toFixed(2)}-${Math.max(...ms).toFixed(2)}, ` +
      `resumes per frame ${Math.round(median(byEngine[engine].map((r) => r.resumesPerFrame))).toLocaleString('en')}, page fps ${median(byEngine[engine].map((r) => r.fps)).toFixed(0)}\n`
    );
  };
  const ratio = median(byEngine.tickflow.map((r) => r.schedulerMsPerFrame)) / median(byEngine.raw.map((r) => r.schedulerMsPerFrame));
  const perRound = roundMedians.tickflow.map((ms, i) => ms / roundMedians.raw[i]);
  process.stdout.write(
    `Stress demo in headless Chromium ${version}: ${last.behaviours.toLocaleString('en')} behaviours ` +
      `(${last.movers.toLocaleString('en')} every frame, ${last.sleepers.toLocaleString('en')} in waitMs), ` +
      `${rounds} rounds of ${seconds} one-second readings (60-frame averages) per engine\n` +
      describe('tickflow', 'tickflow scheduler.tick') +
      describe('raw', 'raw generators, hand loop (?engine=raw)') +
      `  target: tickflow ≤ 1.5x the raw-generator page: ${ratio.toFixed(2)}x (per round ${perRound.map((r) => r.toFixed(2)).join(', ')}) ${ratio <= 1.5 ? 'met' : 'not met'}\n`,
  );
  if (problems.length > 0) {
    process.stderr.write(`page errors:\n${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}

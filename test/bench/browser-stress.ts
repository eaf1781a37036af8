// The browser figure: the stress demo in headless Chromium at 100,000 behaviours (half resumed every
// frame, half asleep in waitMs), and the scheduler's ms per frame the page itself reports
// (window.__stress.schedulerMsPerFrame: scheduler.tick time averaged over the last 60 frames).
//
// Run: npx tsx test/bench/browser-stress.ts [--no-build] [--count 100000] [--seconds 10]
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
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${server.url}stress/?count=${count}`);
  await page.waitForFunction(() => (window as unknown as { __stress?: StressFigures }).__stress !== undefined, undefined, { timeout: 60_000 });
  // One full averaging window (60 frames) after start-up, then a reading every second.
  await page.waitForFunction(() => (window as unknown as { __stress: StressFigures }).__stress.samples >= 120, undefined, { timeout: 120_000 });
  const readings: StressFigures[] = [];
  for (let s = 0; s < seconds; s++) {
    await page.waitForTimeout(1000);
    readings.push(
      await page.evaluate(() => {
        const f = (window as unknown as { __stress: StressFigures }).__stress;
        return { behaviours: f.behaviours, movers: f.movers, sleepers: f.sleepers, schedulerMsPerFrame: f.schedulerMsPerFrame, resumesPerFrame: f.resumesPerFrame, fps: f.fps, samples: f.samples };
      }),
    );
  }
  const last = readings[readings.length - 1];
  const version = browser.version();
  process.stdout.write(
    `Stress demo in headless Chromium ${version}: ${last.behaviours.toLocaleString('en')} behaviours ` +
      `(${last.movers.toLocaleString('en')} every frame, ${last.sleepers.toLocaleString('en')} in waitMs)\n` +
      `  scheduler ms per frame (60-frame averages, one a second for ${seconds} s): median ${median(readings.map((r) => r.schedulerMsPerFrame)).toFixed(2)}, ` +
      `range ${Math.min(...readings.map((r) => r.schedulerMsPerFrame)).toFixed(2)}-${Math.max(...readings.map((r) => r.schedulerMsPerFrame)).toFixed(2)}\n` +
      `  resumes per frame ${Math.round(median(readings.map((r) => r.resumesPerFrame))).toLocaleString('en')}, page fps ${median(readings.map((r) => r.fps)).toFixed(0)}\n`,
  );
  if (problems.length > 0) {
    process.stderr.write(`page errors:\n${problems.join('\n')}\n`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  await server.close();
}

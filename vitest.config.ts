import { resolve } from 'node:path';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// CI asks for a JSON report (TICKFLOW_TEST_REPORT=path) to print its "N passed, N failed" line.
const reportFile = process.env.TICKFLOW_TEST_REPORT;

/** Debian's Chromium, launched as ../shared/TOOLCHAIN.md describes (no downloads, quiet network). */
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
  ],
};

// Tests and demo sims import 'tickflow' and 'tickflow/<subpath>' as users do; they resolve to src/.
const tickflowAlias = { alias: [{ find: /^tickflow(\/.*)?$/, replacement: resolve(import.meta.dirname, 'src') + '$1' }] };

export default defineConfig({
  test: {
    reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
    projects: [
      {
        // Logic under Node: core, timers, ecs, demo sims, adapters with hand-driven clocks.
        resolve: tickflowAlias,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/e2e/**', 'test/bench/**', 'test/colyseus/**', 'test/package/**'],
          environment: 'node',
          setupFiles: ['test/setup-node.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        // tickflow/colyseus: real Colyseus servers on 127.0.0.1 (free ports), real colyseus.js clients,
        // a real redis-server for the multi-process test. One file at a time: each file runs a server
        // (Colyseus's matchmaker is one per process) and the machine has two cores.
        resolve: tickflowAlias,
        test: {
          name: 'colyseus',
          include: ['test/colyseus/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Real Chromium (vitest browser mode): rendering, requestAnimationFrame, audio.
        resolve: tickflowAlias,
        // Pre-bundle these up front: a fresh clone would otherwise re-optimise mid-run and reload tests.
        optimizeDeps: { include: ['bitecs', 'pixi.js', 'howler'] },
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunch }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        // Node-side playwright-core against the built demo pages (test/e2e/global-setup.ts builds and
        // serves dist/demos and starts one Chromium for every file). The alias lets multiplayer.test.ts start
        // the demo's Colyseus server in-process, and the heist's scripted player plan with the demo's sims.
        resolve: tickflowAlias,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The package as a game project gets it (test/package): npm pack, publint, attw, a consumer on the lowest
        // peers, the examples and the API reference in Chromium. npm installs and builds load the CPU, so this
        // group runs after the others (groupOrder 1) instead of competing with their timing-sensitive tests.
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 600_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

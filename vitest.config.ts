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
          exclude: ['test/browser/**', 'test/e2e/**', 'test/bench/**'],
          environment: 'node',
          setupFiles: ['test/setup-node.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
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
        // serves dist/demos and starts one Chromium for every file). The alias: e2e tests may plan with
        // the demos' sims on the Node side (the heist's scripted player).
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
    ],
  },
});

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

export default defineConfig({
  test: {
    reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
    projects: [
      {
        // Logic under Node: core, timers, ecs, demo sims, adapters with hand-driven clocks.
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
    ],
  },
});

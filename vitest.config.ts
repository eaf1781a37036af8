import { defineConfig } from 'vitest/config';

// CI asks for a JSON report (TICKFLOW_TEST_REPORT=path) to print its "N passed, N failed" line.
const reportFile = process.env.TICKFLOW_TEST_REPORT;

export default defineConfig({
  test: {
    reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**', 'test/bench/**'],
          environment: 'node',
          setupFiles: ['test/setup-node.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
    ],
  },
});

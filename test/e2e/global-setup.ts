// Global setup of the e2e project: build the demos once, serve dist/demos on a free localhost port,
// and start one Chromium that every test file connects to (launching a browser per file would
// cost seconds each on two cores).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumLaunch } from '../../vitest.config.js';
import { serveStatic, type StaticServer } from './static-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the built demos, ending in a slash: `${baseUrl}particles/`. */
    e2eBaseUrl: string;
    /** Where test files connect to the shared Chromium (chromium.connect). */
    e2eWsEndpoint: string;
  }
}

const repoDir = resolve(import.meta.dirname, '../..');

/** Builds, serves and launches; returns the teardown that closes the browser and the server. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // TICKFLOW_E2E_SKIP_BUILD=1 reuses an existing dist/demos while iterating on the tests themselves.
  if (process.env.TICKFLOW_E2E_SKIP_BUILD !== '1') {
    execFileSync(process.execPath, [resolve(repoDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: repoDir,
      stdio: 'inherit',
    });
  }
  const server: StaticServer = await serveStatic(resolve(repoDir, 'dist/demos'));
  let browser: BrowserServer;
  try {
    browser = await chromium.launchServer({ headless: true, ...chromiumLaunch });
  } catch (error) {
    await server.close();
    throw error;
  }
  project.provide('e2eBaseUrl', server.url);
  project.provide('e2eWsEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await server.close();
  };
}

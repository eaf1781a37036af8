// Live editing for real: the Vite dev server with the demos' config, the patrol demo in Chromium, a guard
// behaviour edited on disk. The page must take the new code without reloading: a marker set on window
// before the edit survives, the entities and the top-level behaviours stay, and the guards do what the new code says.
// The demo is copied to a temporary folder first, so no other test (or build) ever sees the edited file.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch } from '../../vitest.config.js';

const repoDir = resolve(import.meta.dirname, '../..');

interface PageState {
  marker: string | undefined;
  entities: number | undefined;
  roots: string[];
  restarts: number;
  guards: string;
  edits: Array<{ restarted: string[]; skipped: string[] }>;
}

describe('live editing in the patrol demo', () => {
  let root: string;
  let server: ViteDevServer | undefined;
  let browser: Browser | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    mkdirSync(resolve(repoDir, '.tmp'), { recursive: true });
    root = resolve(repoDir, '.tmp', `hmr-${process.pid}-${Date.now()}`);
    for (const dir of ['patrol', 'shared']) cpSync(resolve(repoDir, 'demos', dir), resolve(root, dir), { recursive: true });
    server = await createServer({
      configFile: resolve(repoDir, 'vite.config.ts'),
      root,
      cacheDir: resolve(root, '.vite'),
      logLevel: 'error',
      clearScreen: false,
      // Port 0: a free port, whatever other dev servers run on this machine.
      server: { port: 0, host: '127.0.0.1', strictPort: false, watch: { usePolling: true, interval: 100 } },
      // Pre-bundled at start, so the first page load does not re-optimise and reload mid-test.
      optimizeDeps: { include: ['bitecs', 'pixi.js', 'howler'] },
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (address === null || address === undefined || typeof address === 'string') throw new Error('the dev server has no port');
    baseUrl = `http://127.0.0.1:${address.port}/`;
    browser = await chromium.launch(chromiumLaunch);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('restarts the guards from the edited file without reloading the page', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    let loads = 0;
    page.on('load', () => loads++);
    const guardFile = resolve(root, 'patrol/sim/guard.ts');
    const original = readFileSync(guardFile, 'utf8');
    const read = (): Promise<PageState> =>
      page.evaluate(() => {
        const handle = (window as unknown as { __tickflowLive: { live: { restartCount: number; edits: Array<{ restarted: string[]; skipped: string[] }> }; scheduler: { roots(): Array<{ name: string }> }; entityCount(): number | undefined } }).__tickflowLive;
        const stage = document.querySelector('.stage') as HTMLElement;
        return {
          marker: (window as unknown as { __marker?: string }).__marker,
          entities: handle.entityCount(),
          // The view pops a mark over a guard whose mode changes: a short effect of the edit, not a guard.
          roots: handle.scheduler.roots().map((task) => task.name).filter((name) => name !== 'mark pop').sort(),
          restarts: handle.live.restartCount,
          guards: stage.dataset.guards ?? '',
          edits: handle.live.edits.map((edit) => ({ restarted: edit.restarted, skipped: edit.skipped })),
        };
      });
    try {
      await page.goto(`${baseUrl}patrol/`);
      await page.waitForFunction(() => 'guards' in ((document.querySelector('.stage') as HTMLElement | null)?.dataset ?? {}) && '__tickflowLive' in window, undefined, { timeout: 60_000 });
      await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'set before the edit'));
      const before = await read();
      // (A guard that happens to spot the idle player shows another mode; the others patrol.)
      expect(before.guards.split(' ')).toContain('patrol');

      // The edit: a patrolling guard now shows as searching (orange instead of yellow).
      const edited = original.replace('    Guard.mode[eid] = Mode.patrol;\n', '    Guard.mode[eid] = Mode.search;\n');
      expect(edited).not.toBe(original);
      writeFileSync(guardFile, edited);
      await page.waitForFunction(
        (count) => (window as unknown as { __tickflowLive: { live: { restartCount: number } } }).__tickflowLive.live.restartCount >= count,
        before.guards.split(' ').length,
        { timeout: 30_000 },
      );
      // The new code's effect: no guard shows "patrol" any more; patrolling ones show "search".
      await page.waitForFunction(
        () => {
          const modes = ((document.querySelector('.stage') as HTMLElement).dataset.guards ?? '').split(' ');
          return !modes.includes('patrol') && modes.includes('search');
        },
        undefined,
        { timeout: 10_000 },
      );
      const after = await read();
      expect({ marker: after.marker, entities: after.entities, roots: after.roots, loads, errors }).toEqual({
        marker: 'set before the edit',
        entities: before.entities,
        roots: before.roots,
        loads: 1,
        errors: [],
      });
      // One edit, which restarted each guard's brain (the behaviour named "guard") and nothing else.
      expect(after.edits).toHaveLength(1);
      expect(after.edits[0].skipped).toEqual([]);
      expect(after.edits[0].restarted.map((path) => path.replace(/#\d+$/, ''))).toEqual(before.guards.split(' ').map(() => 'guard'));
    } finally {
      writeFileSync(guardFile, original);
      await context.close();
    }
  }, 120_000);
});

// `npm run build` gives one static folder: the demos (vite) with the API reference (typedoc) in api/.
// Built here into a temporary folder and served from a subfolder, so every link must be relative.
// typedoc runs with its validation warnings as errors: an export without doc text fails this test.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch } from '../../vitest.config.js';
import { serveStatic, type StaticServer } from '../e2e/static-server.js';

const root = resolve(import.meta.dirname, '../..');
const sub = 'games/tickflow';
// Made in beforeAll (not at import), so listing the tests leaves nothing behind.
let work = '';
let siteDir = '';

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd: root, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, output: `${stdout}${stderr}` });
    });
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? htmlFiles(path) : entry.name.endsWith('.html') ? [path] : [];
  });
}

let typedoc = { code: -1, output: '' };
let browser: Browser | undefined;
let server: StaticServer | undefined;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tickflow-site-'));
  siteDir = join(work, sub);
  // The same two steps as `npm run build:demos && npm run build:api`, into the temporary folder.
  const demos = await run(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', siteDir, '--emptyOutDir', '--logLevel', 'warn']);
  expect({ code: demos.code, output: demos.code === 0 ? '' : demos.output.slice(-3000) }).toEqual({ code: 0, output: '' });
  typedoc = await run(process.execPath, [resolve(root, 'node_modules/typedoc/bin/typedoc'), '--out', join(siteDir, 'api'), '--logLevel', 'Warn']);
  server = await serveStatic(work);
  browser = await chromium.launch({ headless: true, ...chromiumLaunch });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes the API reference into the demo folder (build:api after build:demos, typedoc out dist/demos/api)', async () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/build:demos && npm run build:api/);
    const config = (await import(resolve(root, 'typedoc.config.mjs'))) as { default: { out: string } };
    expect(config.default.out).toBe('./dist/demos/api');
  });

  it('documents every export: typedoc reports no undocumented member, broken link or unexported type', () => {
    expect({ code: typedoc.code, output: typedoc.output.replace(/\x1b\[[0-9;]*m/g, '').trim() }).toEqual({ code: 0, output: '' });
  });

  it('has a module page per package.json export', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    const modules = readdirSync(join(siteDir, 'api/modules')).length;
    expect(modules).toBe(Object.values(pkg.exports).filter((entry) => typeof entry === 'object').length);
  });

  it('links only to files that exist in the folder (relative links, nothing absolute)', () => {
    const broken: string[] = [];
    for (const file of htmlFiles(siteDir)) {
      const html = readFileSync(file, 'utf8');
      for (const match of html.matchAll(/(?:href|src)="([^"#?]*)[^"]*"/g)) {
        const target = match[1];
        if (target === '' || /^(https?:|data:|mailto:|javascript:)/.test(target)) continue;
        if (target.startsWith('/')) {
          broken.push(`${relative(siteDir, file)}: absolute link ${target}`);
          continue;
        }
        const path = resolve(dirname(file), decodeURIComponent(target));
        const exists = statSync(path, { throwIfNoEntry: false });
        if (exists === undefined || (exists.isDirectory() && statSync(join(path, 'index.html'), { throwIfNoEntry: false }) === undefined)) {
          broken.push(`${relative(siteDir, file)}: ${target}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('opens from a subfolder in Chromium: the landing page links to the reference, and every reference page loads without errors', async () => {
    const base = `${(server as StaticServer).url}${sub}/`;
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      // Chromium asks for /favicon.ico by itself; its 404 is not the site's fault.
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`${page.url()}: console.error ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    try {
      await page.goto(base, { waitUntil: 'load' });
      await page.getByRole('link', { name: 'API reference' }).click();
      await page.waitForURL(`${base}api/`);
      await expect.poll(() => page.title()).toContain('tickflow');
      // Every page of the reference, with its scripts and styles (typedoc's navigation loads by script).
      const pages = htmlFiles(join(siteDir, 'api')).map((file) => relative(siteDir, file).split('\\').join('/'));
      expect(pages.length).toBeGreaterThan(20);
      for (const path of pages) {
        await page.goto(`${base}${path}`, { waitUntil: 'load' });
        expect(await page.locator('h1').count(), path).toBeGreaterThan(0);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);
});

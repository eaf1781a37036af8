// The package as a game project gets it: `npm pack` once (prepack builds dist/), then
// - publint and are-the-types-wrong over the tarball, for every entry in package.json `exports`;
// - a consumer project (test/package/consumer) installs the tarball beside the LOWEST versions the peer
//   ranges allow (pixi.js 8.0.0, bitecs 0.4.0, howler 2.2.0) and TypeScript 5.0, type-checks under nodenext,
//   node10, bundler without the DOM lib, and with skipLibCheck off, then runs its own node:test file (consumer/src/consumer.ts);
// - every examples/<name> project is copied to a temporary folder, installs the tarball and its engine from the
//   npm registry, builds (tsc + vite), and is opened in Chromium from a subfolder: no page errors, its
//   behaviours run (window.__example) and its canvas changes between two screenshots.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunch } from '../../vitest.config.js';
import { serveStatic, type StaticServer } from '../e2e/static-server.js';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, unknown>;
  peerDependencies: Record<string, string>;
};
const examplesDir = resolve(root, 'examples');
const examples = readdirSync(examplesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(examplesDir, entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();

interface Ran {
  code: number;
  output: string;
}

/** Runs a command without a shell; resolves with its exit code and combined output (never rejects). */
function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<Ran> {
  // npm passes its own settings to scripts as npm_* variables; a nested npm must not inherit them.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return new Promise((done) => {
    execFile(command, args, { cwd, env: { ...env, npm_config_update_notifier: 'false' }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** Expects exit code 0; on failure the assertion shows the end of the output. */
function expectSuccess(ran: Ran, what: string): void {
  expect({ what, code: ran.code, tail: ran.code === 0 ? '' : ran.output.slice(-4000) }).toEqual({ what, code: 0, tail: '' });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const install = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'];
// Made in beforeAll (not at import), so listing the tests leaves nothing behind.
let work = '';
let tarball = '';
// Installs start together right after the pack (they mostly wait on the network); each test awaits its own.
const installs = new Map<string, Promise<Ran>>();

const ENGINE_PEERS = ['pixi.js', 'bitecs', 'howler'];

/** "^8.0.0" -> "8.0.0": the lowest version a caret or tilde range allows. */
function lowest(range: string): string {
  const match = /^[\^~]?(\d+\.\d+\.\d+)$/.exec(range);
  if (match === null) throw new Error(`peer range ${range} is not ^x.y.z or ~x.y.z: teach lowest() about it`);
  return match[1];
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tickflow-package-'));
  const packed = await run(npm, ['pack', '--pack-destination', work, '--loglevel=error'], root);
  expectSuccess(packed, 'npm pack');
  tarball = join(work, `tickflow-${pkg.version}.tgz`);
  expect(existsSync(tarball)).toBe(true);

  const consumer = join(work, 'consumer');
  cpSync(resolve(import.meta.dirname, 'consumer'), consumer, { recursive: true, filter: (path) => !path.includes('node_modules') });
  const manifest = JSON.parse(readFileSync(join(consumer, 'package.json'), 'utf8'));
  manifest.dependencies.tickflow = `file:${tarball}`;
  // The engine peers a game already has, at the lowest versions their ranges allow. (The Colyseus and Vite
  // peers serve tickflow/colyseus and tickflow/vite, which this consumer does not import.)
  for (const name of ENGINE_PEERS) manifest.dependencies[name] = lowest(pkg.peerDependencies[name]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify(manifest, null, 2));
  installs.set('consumer', run(npm, install, consumer));

  for (const name of examples) {
    const dir = join(work, 'examples', name);
    mkdirSync(dir, { recursive: true });
    cpSync(join(examplesDir, name), dir, { recursive: true, filter: (path) => !/node_modules|[\\/]dist$/.test(path) });
    const example = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    example.dependencies.tickflow = `file:${tarball}`;
    writeFileSync(join(dir, 'package.json'), JSON.stringify(example, null, 2));
    installs.set(name, run(npm, install, dir));
  }
}, 300_000);

afterAll(async () => {
  await Promise.allSettled(installs.values());
  if (work !== '') rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('the packed tarball', () => {
  it('holds each entry built with its source map, its types, LICENSE, README and CHANGELOG', async () => {
    const listed = await run('tar', ['-tzf', tarball], work);
    expectSuccess(listed, 'tar -t');
    const files = new Set(listed.output.split('\n').filter(Boolean).map((line) => line.replace(/^package\//, '')));
    const missing: string[] = [];
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) if (!files.has(file)) missing.push(file);
    for (const [subpath, entry] of Object.entries(pkg.exports)) {
      if (typeof entry !== 'object' || entry === null) continue;
      // Every export: types first, import, and default (require() of the ESM, and tools that know no conditions).
      const conditions = entry as Record<string, string | undefined>;
      if (Object.keys(conditions)[0] !== 'types') missing.push(`exports["${subpath}"]: "types" must come first`);
      for (const condition of ['types', 'import', 'default']) {
        if (conditions[condition] === undefined) missing.push(`exports["${subpath}"].${condition}`);
      }
      const js = conditions.default ?? conditions.import ?? '';
      for (const file of [conditions.types ?? '', js, `${js}.map`]) if (!files.has(file.replace(/^\.\//, ''))) missing.push(file);
    }
    expect(missing).toEqual([]);
  });

  it('passes publint --strict', async () => {
    const linted = await run(resolve(root, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], work);
    expectSuccess(linted, 'publint');
    expect(linted.output).toContain('All good');
  }, 120_000);

  it('passes are-the-types-wrong for every entry under node10, node16 and bundler resolution', async () => {
    // ESM only: a require() from CommonJS resolving to ESM is expected (Node 20.19+ can require it).
    const checked = await run(resolve(root, 'node_modules/.bin/attw'), [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped'], work);
    expectSuccess(checked, 'attw');
    for (const subpath of Object.keys(pkg.exports)) {
      expect(checked.output).toContain(`"${subpath === '.' ? 'tickflow' : `tickflow/${subpath.slice(2)}`}"`);
    }
    expect(checked.output).not.toMatch(/💀|❌|🐛|🥴|⚠️|❗️/u);
  }, 120_000);
});

describe('a consumer project with the lowest supported peers and TypeScript 5.0', () => {
  it('installs the tarball, type-checks (exactOptionalPropertyTypes, 4 configurations) and passes its tests', async () => {
    const consumer = join(work, 'consumer');
    expectSuccess(await (installs.get('consumer') as Promise<Ran>), 'npm install (consumer)');
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules/pixi.js/package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(lowest(pkg.peerDependencies['pixi.js']));
    expectSuccess(await run(npm, ['run', 'typecheck'], consumer), 'consumer typecheck');
    const tested = await run(npm, ['test'], consumer);
    expectSuccess(tested, 'consumer test');
    expect(tested.output).toMatch(/# fail 0/);
    // The `default` export condition: CommonJS can require() the ESM build where Node allows it (20.19+).
    const required = await run(process.execPath, ['-e', "const t = require('tickflow'); const e = require('tickflow/ecs'); if (typeof t.createScheduler !== 'function' || typeof e.createGameLoop !== 'function') process.exit(1)"], consumer);
    expectSuccess(required, 'require() of tickflow and tickflow/ecs from CommonJS');
  }, 600_000);
});

describe('examples/', () => {
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  // Built examples go to <site>/some/sub/folder/<name>/: relative URLs must work from any subfolder.
  const sub = 'some/sub/folder';
  let site = '';

  beforeAll(async () => {
    site = join(work, 'site');
    mkdirSync(join(site, sub), { recursive: true });
    server = await serveStatic(site);
    browser = await chromium.launch({ headless: true, ...chromiumLaunch });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the four engines, each depending on the tarball `npm pack` writes in the repository root', () => {
    expect(examples).toEqual(['canvas', 'phaser', 'pixi', 'three']);
    for (const name of examples) {
      const example = JSON.parse(readFileSync(join(examplesDir, name, 'package.json'), 'utf8'));
      expect({ name, tickflow: example.dependencies.tickflow }).toEqual({ name, tickflow: `file:../../tickflow-${pkg.version}.tgz` });
    }
  });

  it.each(examples)('%s installs from the tarball, builds, and its behaviours run in Chromium', async (name) => {
    const dir = join(work, 'examples', name);
    expectSuccess(await (installs.get(name) as Promise<Ran>), `npm install (${name})`);
    expectSuccess(await run(npm, ['run', 'build', '--', '--outDir', join(site, sub, name), '--logLevel', 'warn'], dir), `npm run build (${name})`);

    const context = await (browser as Browser).newContext({ viewport: { width: 800, height: 500 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`console.error: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    try {
      await page.goto(`${(server as StaticServer).url}${sub}/${name}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => '__example' in window, undefined, { timeout: 20_000 });
      const start = await page.evaluate(() => (window as unknown as { __example: { guard: { x: number; y: number } } }).__example.guard);
      // The cooldown casts every 1.5 s of game time; two casts and a moved guard mean the loop is ticking.
      await page.waitForFunction(
        (from) => {
          const example = (window as unknown as { __example: { guard: { x: number; y: number }; ability: { casts: number } } }).__example;
          return example.ability.casts >= 2 && (example.guard.x !== from.x || example.guard.y !== from.y);
        },
        start,
        { timeout: 30_000, polling: 100 },
      );
      const canvas = page.locator('canvas').first();
      const before = await canvas.screenshot();
      await page.waitForTimeout(400);
      const after = await canvas.screenshot();
      expect(before.equals(after), 'the canvas changed between two screenshots 400 ms apart').toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 600_000);
});

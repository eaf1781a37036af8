// Takes a small screenshot of every demo for the landing page and the README:
// assets/screenshots/<slug>.png, 640x360 PNG. Builds the demos, serves dist/demos on localhost, and
// drives Debian's Chromium with playwright-core (nothing downloaded).
//
// Run: npx tsx scripts/screenshots.ts [--no-build] [--full <dir>] [slug ...]
//   --no-build   reuse dist/demos
//   --full <dir> also save a full-page screenshot of each demo page into <dir> (for checking layout)
//
// A demo can set itself up for its picture: if the page defines `window.__demo.prepareScreenshot()`
// (sync or async), it is called before the capture (e.g. to skip an intro or place the player).
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { demos } from '../demos/demo-list.js';
import { serveStatic } from '../test/e2e/static-server.js';
import { chromiumLaunch } from '../vitest.config.js';

const WIDTH_PX = 640;
const HEIGHT_PX = 360;
// How long a demo runs before its picture: long enough for particles and patrols to fill the scene.
const SETTLE_MS = 3_000;

const repoDir = resolve(import.meta.dirname, '..');
const outDir = resolve(repoDir, 'assets', 'screenshots');

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const fullIndex = args.indexOf('--full');
const fullDir = fullIndex >= 0 ? resolve(args[fullIndex + 1]) : undefined;
const only = args.filter((arg, index) => !arg.startsWith('--') && index !== fullIndex + 1);
const slugs = demos.map((demo) => demo.slug).filter((slug) => only.length === 0 || only.includes(slug));

if (build) {
  execFileSync(process.execPath, [resolve(repoDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: repoDir, stdio: 'inherit' });
}
mkdirSync(outDir, { recursive: true });
if (fullDir !== undefined) mkdirSync(fullDir, { recursive: true });

const server = await serveStatic(resolve(repoDir, 'dist/demos'));
const browser = await chromium.launch({ headless: true, ...chromiumLaunch });
let failures = 0;
try {
  for (const slug of slugs) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    try {
      await page.goto(new URL(`${slug}/`, server.url).href, { waitUntil: 'load' });
      await page.waitForSelector('canvas', { timeout: 15_000 });
      // Demos that expose window.__demo set it once their scene is built; give them a moment.
      await page.waitForFunction(() => '__demo' in window, undefined, { timeout: 3_000 }).catch(() => undefined);
      await page.evaluate(async () => {
        const demo = (window as { __demo?: { prepareScreenshot?: () => unknown } }).__demo;
        await demo?.prepareScreenshot?.();
      });
      await page.waitForTimeout(SETTLE_MS);
      const file = resolve(outDir, `${slug}.png`);
      writeFileSync(file, await captureCanvas(page));
      if (fullDir !== undefined) await page.screenshot({ path: resolve(fullDir, `${slug}-page.png`), fullPage: true });
      const sizeKb = Math.round(statSync(file).size / 1024);
      console.log(`${slug}: ${file} (${sizeKb} KB)${problems.length > 0 ? ` — page reported: ${problems.join(' | ')}` : ''}`);
      if (problems.length > 0) failures++;
    } catch (error) {
      failures++;
      console.error(`${slug}: failed: ${(error as Error).message}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failures === 0 ? 0 : 1;

/** The page's largest canvas, scaled to WIDTH_PX x HEIGHT_PX in the page itself, as PNG bytes. */
async function captureCanvas(page: Page): Promise<Buffer> {
  const canvas = (await page.evaluateHandle(() => {
    const canvases = [...document.querySelectorAll('canvas')];
    canvases.sort((a, b) => b.width * b.height - a.width * a.height);
    return canvases[0];
  })).asElement();
  if (canvas === null) throw new Error('no canvas');
  const full = (await canvas.screenshot({ type: 'png' })).toString('base64');
  const scaled = await page.evaluate(
    async ({ base64, widthPx, heightPx }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const target = document.createElement('canvas');
      target.width = widthPx;
      target.height = heightPx;
      const context2d = target.getContext('2d') as CanvasRenderingContext2D;
      context2d.imageSmoothingQuality = 'high';
      // Cover: fill the 16:9 frame, cropping the longer side evenly.
      const scale = Math.max(widthPx / image.width, heightPx / image.height);
      const drawWidth = image.width * scale;
      const drawHeight = image.height * scale;
      context2d.drawImage(image, (widthPx - drawWidth) / 2, (heightPx - drawHeight) / 2, drawWidth, drawHeight);
      return target.toDataURL('image/png').slice('data:image/png;base64,'.length);
    },
    { base64: full, widthPx: WIDTH_PX, heightPx: HEIGHT_PX },
  );
  return Buffer.from(scaled, 'base64');
}

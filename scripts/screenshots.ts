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
//
// The demos run SETTLE_MS of their own time before the picture, frame by frame (16 ms each) on
// Playwright's clock, however slowly this machine renders: the same moment on a busy machine as on a
// quiet one. A demo whose picture shows real timings (the stress page's scheduler ms) sets
// `window.__demo.screenshotInRealTime = true` and runs in real time instead.
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { demos } from '../demos/demo-list.js';
import { pauseClock } from '../test/e2e/clock.js';
import { serveStatic } from '../test/e2e/static-server.js';
import { chromiumLaunch } from '../vitest.config.js';

const WIDTH_PX = 640;
const HEIGHT_PX = 360;
// How long a demo runs before its picture: long enough for particles and patrols to fill the scene.
const SETTLE_MS = 3_000;

// PNG chunk checksums (CRC-32, the zlib polynomial).
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const repoDir = resolve(import.meta.dirname, '..');
const outDir = resolve(repoDir, 'assets', 'screenshots');

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const fullIndex = args.indexOf('--full');
const fullDir = fullIndex >= 0 ? resolve(args[fullIndex + 1]) : undefined;
const only = args.filter((arg, index) => !arg.startsWith('--') && (fullIndex < 0 || index !== fullIndex + 1));
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
      await page.clock.install();
      await page.goto(new URL(`${slug}/`, server.url).href, { waitUntil: 'load' });
      await page.waitForSelector('canvas', { timeout: 15_000 });
      // Demos that expose window.__demo set it once their scene is built; give them a moment.
      await page.waitForFunction(() => '__demo' in window, undefined, { timeout: 3_000 }).catch(() => undefined);
      const realTime = await page.evaluate(async () => {
        const demo = (window as { __demo?: { prepareScreenshot?: () => unknown; screenshotInRealTime?: boolean } }).__demo;
        await demo?.prepareScreenshot?.();
        return demo?.screenshotInRealTime === true;
      });
      if (realTime) {
        await page.waitForTimeout(SETTLE_MS);
      } else {
        await pauseClock(page);
        await page.clock.runFor(SETTLE_MS);
      }
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

/**
 * The page's largest canvas, scaled to WIDTH_PX x HEIGHT_PX in the page itself, as a 256-colour PNG
 * (the demos are flat colours on dark backgrounds; a palette keeps each file well under 150 KB).
 */
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
      // A canvas near 16:9 fills the frame (cropping the longer side evenly: 960 x 600 loses 10 % of
      // its height, mostly floor and sky). A canvas further off (the heist: the level plus its HUD bar
      // under it) is shown whole, on the page's background, so its HUD is not cut away.
      const aspect = image.width / image.height;
      const whole = Math.abs(aspect / (widthPx / heightPx) - 1) > 0.12;
      if (whole) {
        context2d.fillStyle = getComputedStyle(document.body).backgroundColor;
        context2d.fillRect(0, 0, widthPx, heightPx);
      }
      const scale = whole ? Math.min(widthPx / image.width, heightPx / image.height) : Math.max(widthPx / image.width, heightPx / image.height);
      const drawWidth = image.width * scale;
      const drawHeight = image.height * scale;
      context2d.drawImage(image, (widthPx - drawWidth) / 2, (heightPx - drawHeight) / 2, drawWidth, drawHeight);
      const rgba = context2d.getImageData(0, 0, widthPx, heightPx).data;
      // Hand the raw pixels back as base64 (a string crosses the page boundary cheaply).
      let binary = '';
      for (let i = 0; i < rgba.length; i += 0x8000) binary += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { base64: full, widthPx: WIDTH_PX, heightPx: HEIGHT_PX },
  );
  return encodePalettePng(new Uint8Array(Buffer.from(scaled, 'base64')), WIDTH_PX, HEIGHT_PX);
}

/**
 * Quantises RGBA pixels to the 256 most common colours (in 15-bit buckets, each the average of its
 * pixels), maps every pixel to the nearest, and writes an indexed PNG.
 *
 * @example
 * writeFileSync('shot.png', encodePalettePng(rgba, 640, 360)); // about 10-100 KB
 */
export function encodePalettePng(rgba: Uint8Array, widthPx: number, heightPx: number): Buffer {
  const pixelCount = widthPx * heightPx;
  const bucketOf = (i: number): number => ((rgba[i] >> 3) << 10) | ((rgba[i + 1] >> 3) << 5) | (rgba[i + 2] >> 3);
  const counts = new Uint32Array(32768);
  const sums = new Float64Array(32768 * 3);
  for (let p = 0; p < pixelCount; p++) {
    const i = p * 4;
    const bucket = bucketOf(i);
    counts[bucket]++;
    sums[bucket * 3] += rgba[i];
    sums[bucket * 3 + 1] += rgba[i + 1];
    sums[bucket * 3 + 2] += rgba[i + 2];
  }
  const used = [...counts.keys()].filter((bucket) => counts[bucket] > 0).sort((a, b) => counts[b] - counts[a]).slice(0, 256);
  const palette = used.map((bucket) => [0, 1, 2].map((c) => Math.round(sums[bucket * 3 + c] / counts[bucket])));
  const nearest = new Int16Array(32768).fill(-1);
  const indices = Buffer.alloc((widthPx + 1) * heightPx);
  for (let y = 0; y < heightPx; y++) {
    // Filter type 0 (none) per row: palette images compress best unfiltered.
    indices[y * (widthPx + 1)] = 0;
    for (let x = 0; x < widthPx; x++) {
      const i = (y * widthPx + x) * 4;
      const bucket = bucketOf(i);
      let best = nearest[bucket];
      if (best < 0) {
        let bestDistance = Infinity;
        const r = (bucket >> 10) * 8 + 4;
        const g = ((bucket >> 5) & 31) * 8 + 4;
        const b = (bucket & 31) * 8 + 4;
        for (let k = 0; k < palette.length; k++) {
          const [pr, pg, pb] = palette[k];
          const distance = (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
          if (distance < bestDistance) [best, bestDistance] = [k, distance];
        }
        nearest[bucket] = best;
      }
      indices[y * (widthPx + 1) + 1 + x] = best;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(widthPx, 0);
  header.writeUInt32BE(heightPx, 4);
  header.set([8, 3, 0, 0, 0], 8); // 8-bit indices, colour type 3 (palette), no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('PLTE', Buffer.from(palette.flat())),
    pngChunk('IDAT', deflateSync(indices, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'ascii');
  data.copy(chunk, 8);
  let crc = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) crc = CRC_TABLE[(crc ^ chunk[i]) & 0xff] ^ (crc >>> 8);
  chunk.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return chunk;
}

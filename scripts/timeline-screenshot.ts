// Takes the README's picture of the inspector's timeline: the patrol demo on the Vite dev server (a free
// 127.0.0.1 port) in Debian's Chromium, the overlay opened on its timeline tab for about nine seconds of play,
// one strip hovered. Writes assets/screenshots/timeline.png.
//
// Run: npx tsx scripts/timeline-screenshot.ts
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { chromiumLaunch } from '../vitest.config.js';

const repoDir = resolve(import.meta.dirname, '..');
const out = resolve(repoDir, 'assets/screenshots/timeline.png');

const server = await createServer({
  configFile: resolve(repoDir, 'vite.config.ts'),
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', strictPort: false },
  optimizeDeps: { include: ['bitecs', 'pixi.js', 'howler'] },
});
await server.listen();
const address = server.httpServer?.address();
if (address === null || address === undefined || typeof address === 'string') throw new Error('the dev server has no port');
const browser = await chromium.launch(chromiumLaunch);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${address.port}/patrol/`);
  await page.waitForFunction(() => 'guards' in ((document.querySelector('.stage') as HTMLElement | null)?.dataset ?? {}), undefined, { timeout: 60_000 });
  await page.locator('canvas').first().focus();
  await page.keyboard.press('Backquote');
  await page.getByRole('button', { name: 'timeline' }).click();
  // Walk the player towards a guard now and then, so strips change state in the picture.
  await page.keyboard.down('KeyD');
  await page.waitForTimeout(1500);
  await page.keyboard.up('KeyD');
  await page.waitForTimeout(7000);
  const canvas = page.locator('[data-tickflow-inspector] .tf-timeline canvas');
  const box = await canvas.boundingBox();
  if (box !== null) await page.mouse.move(box.x + box.width - 40, box.y + 50 + 12 * 1 + 6);
  await page.waitForTimeout(200);
  mkdirSync(resolve(repoDir, 'assets/screenshots'), { recursive: true });
  await page.locator('[data-tickflow-inspector]').screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}

// Every built page opens cleanly: no page errors, no console errors, and a canvas with a picture on it.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countDrawnPixels, disconnectBrowser, openPage } from './browser.js';

const demosDir = resolve(import.meta.dirname, '../../demos');
// Every demos/<name>/index.html is a page of the multi-page build (see vite.config.ts).
const demoSlugs = readdirSync(demosDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(resolve(demosDir, entry.name, 'index.html')))
  .map((entry) => entry.name)
  .sort();

afterAll(disconnectBrowser);

describe('landing page', () => {
  it('loads without errors and shows one card with a screenshot per demo', async () => {
    const opened = await openPage('./');
    try {
      await opened.page.waitForFunction(() => (document.getElementById('cards')?.children.length ?? 0) > 0);
      const cards = await opened.page.$$eval('.card', (links) =>
        links.map((link) => ({ href: link.getAttribute('href'), image: (link.querySelector('img') as HTMLImageElement).naturalWidth })),
      );
      expect(cards.map((card) => card.href).sort()).toEqual(demoSlugs.map((slug) => `./${slug}/`));
      // naturalWidth 0 means the screenshot is missing or broken.
      expect(cards.filter((card) => card.image === 0)).toEqual([]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

describe.each(demoSlugs)('demo page %s', (slug) => {
  it('loads without errors, draws its canvas, and links back to the landing page', async () => {
    const opened = await openPage(`./${slug}/`);
    try {
      // Wait until at least 1% of the canvas differs from its background colour.
      await expect.poll(async () => {
        const { drawn, total } = await countDrawnPixels(opened.page);
        return drawn / total;
      }, { timeout: 20_000, interval: 500 }).toBeGreaterThan(0.01);
      const backLinks = await opened.page.$$eval('a', (links) => links.map((link) => new URL(link.href).pathname));
      const landing = new URL('..', opened.page.url()).pathname;
      expect(backLinks).toContain(landing);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

// Helpers for e2e tests: connect to the shared Chromium, open a built page while recording its
// errors, and check that a canvas shows a picture.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
export { pauseClock } from './clock.js';

let shared: Browser | undefined;

/**
 * The Chromium started by the global setup (one connection per test file).
 *
 * @example
 * const browser = await connectBrowser(); // the same Browser for every call in this file
 */
export async function connectBrowser(): Promise<Browser> {
  shared ??= await chromium.connect(inject('e2eWsEndpoint'));
  return shared;
}

/**
 * Closes this file's connection (the browser itself lives until the run ends).
 *
 * @example
 * afterAll(disconnectBrowser);
 */
export async function disconnectBrowser(): Promise<void> {
  await shared?.close();
  shared = undefined;
}

/** A page with the problems it reported: uncaught errors, console.error lines, failed requests. */
export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Page errors and console errors, as text. Chromium's own /favicon.ico 404 is left out. */
  errors: string[];
  close(): Promise<void>;
}

/** Options for {@link openPage}. */
export interface OpenPageOptions {
  viewport?: { width: number; height: number };
  /** Runs in the page before any of its own scripts (page.addInitScript), e.g. to count rAF calls. */
  initScript?: () => void;
  /**
   * Installs Playwright's clock before the page loads (Date, timers, requestAnimationFrame,
   * performance): time flows until the test pauses it, then moves only by `page.clock.runFor`.
   */
  controlledClock?: boolean;
}

/**
 * Opens `path` (relative to the demos' base URL, e.g. "particles/?count=10") in a fresh context.
 *
 * @example
 * const opened = await openPage('./stress/?count=1000'); expect(opened.errors).toEqual([]); await opened.close();
 */
export async function openPage(path: string, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const browser = await connectBrowser();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 720 } });
  const page = await context.newPage();
  if (options.initScript !== undefined) await page.addInitScript(options.initScript);
  if (options.controlledClock === true) await page.clock.install();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location().url;
    // Chromium requests /favicon.ico by itself; its 404 is not the page's fault.
    if (where.endsWith('/favicon.ico')) return;
    errors.push(`console.error: ${message.text()}${where === '' ? '' : ` (${where})`}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.goto(new URL(path, inject('e2eBaseUrl')).href, { waitUntil: 'load' });
  return { page, context, errors, close: () => context.close() };
}

/**
 * Counts the pixels of the page's largest canvas that differ from the canvas's most common colour
 * (its background). Reads a real screenshot, so it sees what WebGL drew.
 *
 * @example
 * const { drawn, total } = await countDrawnPixels(page); // drawn / total > 0.01: not blank
 */
export async function countDrawnPixels(page: Page): Promise<{ drawn: number; total: number; background: number }> {
  const canvas = await page.evaluateHandle(() => {
    const canvases = [...document.querySelectorAll('canvas')];
    canvases.sort((a, b) => b.width * b.height - a.width * a.height);
    return canvases[0] ?? null;
  });
  const element = canvas.asElement();
  if (element === null) throw new Error('no <canvas> on the page');
  const png = (await element.screenshot({ type: 'png' })).toString('base64');
  // Decode the PNG in the page itself: no image library needed on the Node side.
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const scratch = document.createElement('canvas');
    scratch.width = image.width;
    scratch.height = image.height;
    const context2d = scratch.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    context2d.drawImage(image, 0, 0);
    const pixels = context2d.getImageData(0, 0, image.width, image.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < pixels.length; i += 4) {
      const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let background = 0;
    let most = -1;
    for (const [key, count] of counts) if (count > most) [background, most] = [key, count];
    const total = pixels.length / 4;
    return { drawn: total - most, total, background };
  }, png);
}

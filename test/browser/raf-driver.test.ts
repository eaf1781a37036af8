// The rAF driver against Chromium's own requestAnimationFrame, performance.now and document.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBrowserLoop, type BrowserLoop } from '../../src/browser/index.js';

let driver: BrowserLoop | undefined;
let visibility: 'visible' | 'hidden' | undefined;

afterEach(() => {
  driver?.stop();
  driver = undefined;
  if (visibility !== undefined) {
    // Back to the document's own visibilityState.
    delete (document as unknown as Record<string, unknown>).visibilityState;
    visibility = undefined;
  }
});

function nextFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    let left = count;
    const frame = (): void => {
      if (--left <= 0) resolve();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

function recorder(): { step(dtMs: number): void; dts: number[] } {
  const dts: number[] = [];
  return { dts, step: (dtMs) => dts.push(dtMs) };
}

/** Simulates switching tabs: Chromium headless keeps the page visible, so visibilityState is overridden. */
function setVisibility(state: 'visible' | 'hidden'): void {
  visibility = state;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('startBrowserLoop in Chromium', () => {
  it('steps the loop on animation frames with dt from rAF timestamps, within maxDtMs', async () => {
    const loop = recorder();
    driver = startBrowserLoop(loop, { maxDtMs: 100 });
    await vi.waitFor(() => expect(loop.dts.length).toBeGreaterThanOrEqual(10), { timeout: 10_000, interval: 20 });
    expect(driver.frames).toBe(loop.dts.length);
    expect(loop.dts.every((dtMs) => dtMs >= 0 && dtMs <= 100)).toBe(true);
    expect(loop.dts.slice(1).some((dtMs) => dtMs > 0)).toBe(true);
  });

  it('runs no step after stop()', async () => {
    const loop = recorder();
    driver = startBrowserLoop(loop);
    await vi.waitFor(() => expect(loop.dts.length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 20 });
    driver.stop();
    const stepped = loop.dts.length;
    await nextFrames(10);
    expect(loop.dts.length).toBe(stepped);
    expect(driver.running).toBe(false);
  });

  it('skips frames while the tab is hidden and does not replay the hidden time on return', async () => {
    const loop = recorder();
    driver = startBrowserLoop(loop, { maxDtMs: 10_000 });
    await vi.waitFor(() => expect(loop.dts.length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 20 });
    setVisibility('hidden');
    const beforeHidden = loop.dts.length;
    const hiddenFrom = performance.now();
    await nextFrames(20);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hiddenMs = performance.now() - hiddenFrom;
    expect(loop.dts.length).toBe(beforeHidden);
    setVisibility('visible');
    await vi.waitFor(() => expect(loop.dts.length).toBeGreaterThan(beforeHidden), { timeout: 10_000, interval: 10 });
    const firstBack = loop.dts[beforeHidden];
    // The hidden stretch (hundreds of ms) is not handed to the loop; only the time since coming back.
    expect(hiddenMs).toBeGreaterThan(300);
    expect(firstBack).toBeLessThan(hiddenMs / 2);
  });
});

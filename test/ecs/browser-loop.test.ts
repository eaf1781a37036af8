// The rAF driver of tickflow/browser under Node, with requestAnimationFrame, the time source and the
// document injected. (test/browser/raf-driver.test.ts runs it against Chromium's real ones.)
import { createWorld } from 'bitecs';
import { describe, expect, it } from 'vitest';
import { createScheduler, waitMs, type Behaviour } from '../../src/index.js';
import { startBrowserLoop, type BrowserLoopOptions } from '../../src/browser/index.js';
import { createGameLoop } from '../../src/ecs/index.js';

interface FakeBrowser {
  options: BrowserLoopOptions;
  /** Lets `ms` pass and runs the pending animation frame callbacks with the new timestamp. */
  frame(ms: number): void;
  /** Lets time pass without a frame. */
  wait(ms: number): void;
  setVisibility(state: 'visible' | 'hidden'): void;
  pendingFrames(): number;
  listeners(): number;
}

function fakeBrowser(startMs = 1000): FakeBrowser {
  let nowMs = startMs;
  let nextHandle = 1;
  const callbacks = new Map<number, (timestampMs: number) => void>();
  const listeners = new Set<() => void>();
  const document = {
    visibilityState: 'visible' as string,
    addEventListener: (_type: 'visibilitychange', listener: () => void) => listeners.add(listener),
    removeEventListener: (_type: 'visibilitychange', listener: () => void) => listeners.delete(listener),
  };
  return {
    options: {
      requestAnimationFrame: (callback) => {
        callbacks.set(nextHandle, callback);
        return nextHandle++;
      },
      cancelAnimationFrame: (handle) => callbacks.delete(handle),
      nowMs: () => nowMs,
      document,
    },
    frame(ms) {
      nowMs += ms;
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const callback of due) callback(nowMs);
    },
    wait(ms) {
      nowMs += ms;
    },
    setVisibility(state) {
      document.visibilityState = state;
      for (const listener of [...listeners]) listener();
    },
    pendingFrames: () => callbacks.size,
    listeners: () => listeners.size,
  };
}

function recorder(): { step(dtMs: number): void; dts: number[] } {
  const dts: number[] = [];
  return { dts, step: (dtMs) => dts.push(dtMs) };
}

describe('startBrowserLoop', () => {
  it('steps the loop once per animation frame by the time between rAF timestamps', () => {
    const browser = fakeBrowser();
    const loop = recorder();
    const driver = startBrowserLoop(loop, browser.options);
    browser.frame(16);
    browser.frame(17);
    browser.frame(16);
    expect(loop.dts).toEqual([16, 17, 16]);
    expect(driver.frames).toBe(3);
    expect(driver.running).toBe(true);
  });

  it('clamps a long frame to maxDtMs', () => {
    const browser = fakeBrowser();
    const loop = recorder();
    startBrowserLoop(loop, { ...browser.options, maxDtMs: 50 });
    browser.frame(16);
    browser.frame(3000);
    expect(loop.dts).toEqual([16, 50]);
  });

  it('treats a timestamp from before the start as a 0 ms frame', () => {
    const browser = fakeBrowser();
    const loop = recorder();
    startBrowserLoop(loop, { ...browser.options, nowMs: () => 5000 });
    browser.frame(16); // timestamp 1016, before 5000
    expect(loop.dts).toEqual([0]);
  });

  it('stop() cancels the pending frame and no step runs after it; a new driver can start', () => {
    const browser = fakeBrowser();
    const loop = recorder();
    const driver = startBrowserLoop(loop, browser.options);
    browser.frame(16);
    driver.stop();
    driver.stop();
    expect(driver.running).toBe(false);
    expect(browser.pendingFrames()).toBe(0);
    expect(browser.listeners()).toBe(0);
    browser.frame(16);
    expect(loop.dts).toEqual([16]);
    const again = startBrowserLoop(loop, browser.options);
    browser.frame(16);
    expect(loop.dts).toEqual([16, 16]);
    again.stop();
  });

  it('stops when the loop is stopped from inside a step', () => {
    const browser = fakeBrowser();
    const dts: number[] = [];
    const loop = {
      step(dtMs: number) {
        dts.push(dtMs);
        driver.stop();
      },
    };
    const driver = startBrowserLoop(loop, browser.options);
    browser.frame(16);
    browser.frame(16);
    expect(dts).toEqual([16]);
    expect(browser.pendingFrames()).toBe(0);
  });

  it('does not step while the page is hidden, and measures the first frame back from the moment it became visible', () => {
    const browser = fakeBrowser();
    const loop = recorder();
    const driver = startBrowserLoop(loop, browser.options);
    browser.frame(16);
    browser.setVisibility('hidden');
    browser.frame(1000); // a host that still calls rAF for hidden pages
    browser.wait(60_000); // a minute in another tab
    browser.setVisibility('visible');
    browser.frame(16);
    browser.frame(16);
    expect(loop.dts).toEqual([16, 16, 16]);
    expect(driver.frames).toBe(3);
  });

  it('brings a game loop back from a hidden tab without a burst of fixed steps or timers', () => {
    const browser = fakeBrowser();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world: createWorld(), scheduler, fixedStepMs: 10 });
    let fixedSteps = 0;
    loop.addSystem('fixed', () => {
      fixedSteps++;
    });
    const fired: number[] = [];
    function* every100(): Behaviour {
      for (;;) {
        yield* waitMs(100);
        fired.push(scheduler.nowMs);
      }
    }
    scheduler.spawn(every100(), { name: 'every100' });
    startBrowserLoop(loop, browser.options);
    for (let i = 0; i < 10; i++) browser.frame(10);
    browser.setVisibility('hidden');
    browser.wait(30_000);
    browser.setVisibility('visible');
    browser.frame(10);
    expect(fixedSteps).toBe(11);
    expect(fired).toEqual([100]);
    expect(scheduler.nowMs).toBe(110);
  });

  it('stops and rethrows when a step throws, keeping the error', () => {
    const browser = fakeBrowser();
    const boom = new Error('boom');
    const driver = startBrowserLoop(
      {
        step() {
          throw boom;
        },
      },
      browser.options,
    );
    expect(() => browser.frame(16)).toThrow(boom);
    expect(driver.running).toBe(false);
    expect(driver.error).toBe(boom);
    expect(browser.pendingFrames()).toBe(0);
  });

  it('refuses a second driver for a loop that is already driven', () => {
    const browser = fakeBrowser();
    const loop = recorder();
    startBrowserLoop(loop, browser.options);
    expect(() => startBrowserLoop(loop, browser.options)).toThrow(/already has a running driver/);
  });

  it('explains what to do under Node when there is no requestAnimationFrame', () => {
    expect(() => startBrowserLoop(recorder(), { document: null })).toThrow(/step the loop by hand/);
  });

  it('rejects something that cannot be stepped and a bad maxDtMs', () => {
    const browser = fakeBrowser();
    expect(() => startBrowserLoop({} as never, browser.options)).toThrow(/expects a loop with step\(dtMs\)/);
    expect(() => startBrowserLoop(recorder(), { ...browser.options, maxDtMs: 0 })).toThrow(/maxDtMs must be a finite number/);
  });
});

// What the open inspector costs per frame, measured in Chromium and printed (a figure, not an assertion):
//   npx vitest run --project browser test/browser/debug-overlay-cost.test.ts
// - the list at 200,000 behaviours: one overlay.update() (a walk budget of 4000, a re-render when a walk ends)
// - the timeline at 10,000 behaviours: the tick wrapper's sampling, and one draw of the canvas
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, waitFrames, waitMs, type Behaviour } from '../../src/index.js';
import { mountInspectorOverlay, type InspectorOverlay } from '../../src/debug/index.js';

let overlay: InspectorOverlay | undefined;

afterEach(() => {
  overlay?.unmount();
  overlay = undefined;
});

function* everyFrame(): Behaviour {
  for (;;) yield* waitFrames(1);
}

function* idle(): Behaviour {
  for (;;) yield* waitMs(1000);
}

const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('inspector overlay cost (figures printed)', () => {
  it('list, 200,000 behaviours: ms per frame of the open panel', () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 100_000; i++) scheduler.spawn(idle(), { name: i % 2 === 0 ? 'star' : 'comet', entity: i });
    for (let i = 0; i < 100_000; i++) scheduler.spawn(everyFrame(), { name: 'dust' });
    overlay = mountInspectorOverlay({ scheduler });
    overlay.open();
    overlay.expandGroup('dust · waitFrames', true);
    // Batches of 10 frames (walk steps, and the re-render when a walk ends), timed as one: a batch's mean is
    // the per-frame cost; the median batch leaves out batches the OS preempted (2 cores, many processes).
    const batches: number[] = [];
    for (let batch = 0; batch < 60; batch++) {
      const start = performance.now();
      for (let i = 0; i < 10; i++) overlay.update();
      batches.push((performance.now() - start) / 10);
    }
    const perFrame = median(batches);
    const p90 = batches.slice().sort((a, b) => a - b)[Math.floor(batches.length * 0.9)];
    console.log(`inspector list, 200000 behaviours: ${perFrame.toFixed(3)} ms per frame (median of 60 batches of 10 frames; 90th percentile ${p90.toFixed(3)}), a full count every ${Math.ceil(200_000 / 4000)} frames`);
    expect(Number.isFinite(perFrame)).toBe(true);
  }, 120_000);

  it('timeline, 10,000 behaviours: ms per tick to record, ms per draw', () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 5000; i++) scheduler.spawn(everyFrame(), { name: 'walker', entity: i });
    for (let i = 0; i < 5000; i++) scheduler.spawn(idle(), { name: 'sleeper' });
    const tickMs = (ticks: number): number => {
      const start = performance.now();
      for (let i = 0; i < ticks; i++) scheduler.tick(16);
      return (performance.now() - start) / ticks;
    };
    tickMs(50);
    const plain: number[] = [];
    const recorded: number[] = [];
    overlay = mountInspectorOverlay({ scheduler, view: 'timeline' });
    for (let round = 0; round < 6; round++) {
      plain.push(tickMs(50));
      overlay.open();
      recorded.push(tickMs(50));
      overlay.close();
    }
    overlay.open();
    tickMs(240);
    const draws: number[] = [];
    for (let i = 0; i < 30; i++) {
      scheduler.tick(16);
      const start = performance.now();
      overlay.update();
      draws.push(performance.now() - start);
    }
    const recording = median(recorded) - median(plain);
    console.log(
      `inspector timeline, 10000 behaviours: tick ${median(plain).toFixed(3)} ms plain, ${median(recorded).toFixed(3)} ms recorded ` +
        `(+${recording.toFixed(3)} ms per frame), draw ${median(draws).toFixed(3)} ms (median of 30); closed: tick is the plain method`,
    );
    expect(Number.isFinite(recording)).toBe(true);
  }, 120_000);
});

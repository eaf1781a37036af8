import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createScheduler, createSignal, waitFrames, waitMs, waitSignal, type Behaviour, type Scheduler } from '../../src/index.js';
import { createDevTools, mountInspectorOverlay, type InspectorOverlay } from '../../src/debug/index.js';

let overlay: InspectorOverlay | undefined;
let scene: HTMLElement | undefined;

beforeAll(async () => {
  await page.viewport(1280, 720); // a desktop game window: the panel covers the right half at most
});

afterEach(() => {
  overlay?.unmount();
  overlay = undefined;
  scene?.remove();
  scene = undefined;
});

function* idle(): Behaviour {
  for (;;) yield* waitMs(1000);
}

function* everyFrame(): Behaviour {
  for (;;) yield* waitFrames(1);
}

function panel(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-tickflow-inspector]');
}

function isShown(element: HTMLElement | null): boolean {
  return element !== null && element.style.display !== 'none' && element.getBoundingClientRect().width > 0;
}

/** Behaviour rows in the DOM, top to bottom, as `name#id` (the entity part after ' · ' left out). */
function rowNames(): string[] {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-tickflow-inspector] .tf-task')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  return rows.map((row) => (row.querySelector('.tf-name')?.textContent ?? '').split(' · ')[0]);
}

function groupHeadings(): string[] {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-tickflow-inspector] [data-group]')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
  return rows.map((row) => row.textContent ?? '');
}

function populated(): Scheduler {
  const scheduler = createScheduler();
  function* npc(): Behaviour {
    scheduler.spawn(idle(), { name: 'lookAround' });
    yield* idle();
  }
  scheduler.spawn(npc(), { name: 'patrol', entity: 12 });
  scheduler.spawn(npc(), { name: 'guard', entity: 7 });
  scheduler.spawn(idle(), { name: 'music' });
  scheduler.tick(16);
  return scheduler;
}

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mountInspectorOverlay', () => {
  it('opens on backquote with every behaviour grouped by name and wait, and closes on backquote', async () => {
    const scheduler = populated();
    overlay = mountInspectorOverlay({ scheduler, entityLabel: (eid) => (eid === 12 ? 'goblin' : undefined) });
    expect(isShown(panel())).toBe(false);
    await userEvent.keyboard('`');
    expect(overlay.isOpen).toBe(true);
    expect(isShown(panel())).toBe(true);
    // Largest group first; few behaviours, so every group is open.
    expect(groupHeadings()).toEqual(['▾ lookAround · waitMs (2)', '▾ guard · waitMs (1)', '▾ music · waitMs (1)', '▾ patrol · waitMs (1)']);
    expect(rowNames()).toEqual(['lookAround#2', 'lookAround#4', 'guard#3', 'music#5', 'patrol#1']);
    expect(panel()?.textContent).toContain('patrol#1 · e12 goblin');
    expect(panel()?.textContent).toContain('waitMs 984 ms left');
    await userEvent.keyboard('`');
    expect(overlay.isOpen).toBe(false);
    expect(isShown(panel())).toBe(false);
  });

  it('filters rows by name as you type', async () => {
    overlay = mountInspectorOverlay({ scheduler: populated() });
    overlay.open();
    await userEvent.type(document.querySelector('[data-tickflow-inspector] input') as HTMLInputElement, 'guard');
    expect(rowNames()).toEqual(['guard#3', 'lookAround#4']);
    await userEvent.clear(document.querySelector('[data-tickflow-inspector] input') as HTMLInputElement);
    await userEvent.type(document.querySelector('[data-tickflow-inspector] input') as HTMLInputElement, 'music');
    expect(rowNames()).toEqual(['music#5']);
  });

  it('shows only the clicked entity\'s behaviours when the scene is clicked', async () => {
    scene = document.createElement('div');
    scene.style.cssText = 'position:fixed;left:0;top:0;width:200px;height:100px;background:#234';
    document.body.appendChild(scene);
    const picks: Array<[number, number]> = [];
    overlay = mountInspectorOverlay({
      scheduler: populated(),
      // Left half of the scene is entity 7, right half entity 12.
      pickEntityAt: (x, y) => {
        picks.push([x, y]);
        return y < 100 ? (x < 100 ? 7 : 12) : undefined;
      },
    });
    overlay.open();
    await userEvent.click(scene, { position: { x: 150, y: 50 } });
    expect(picks).toEqual([[150, 50]]);
    expect(overlay.selectedEntity).toBe(12);
    expect(rowNames()).toEqual(['lookAround#2', 'patrol#1']);
    expect(document.querySelector('[data-tickflow-inspector] .tf-selection')?.textContent).toContain('entity 12: 2 behaviours');
    await userEvent.click(document.querySelector('[data-tickflow-inspector] .tf-selection button') as HTMLElement);
    expect(rowNames()).toHaveLength(5);
  });

  it('highlights behaviours named by dev-mode warnings', async () => {
    let cpuMs = 0;
    const devtools = createDevTools({ cpuClockMs: () => cpuMs, onWarning: () => {} });
    const scheduler = createScheduler({ ...devtools.schedulerOptions });
    scheduler.spawn(idle(), { name: 'calm', entity: 1 });
    scheduler.spawn((function* (): Behaviour { cpuMs += 12; yield* idle(); })(), { name: 'hog', entity: 2 });
    overlay = mountInspectorOverlay({ scheduler, devtools });
    await userEvent.keyboard('`');
    const highlighted = [...document.querySelectorAll('[data-tickflow-inspector] .tf-task.tf-warn .tf-name')].map((name) => name.textContent);
    expect(highlighted).toEqual(['hog#2 · e2']);
    expect(groupHeadings()).toEqual(['▾ calm · waitMs (1)', '▾ hog · waitMs (1)']);
    expect(document.querySelector('[data-tickflow-inspector] [data-group="hog · waitMs"]')?.classList.contains('tf-warn')).toBe(true);
    expect(document.querySelector('[data-tickflow-inspector] .tf-warning')?.textContent).toContain('slow resume: behaviour "hog#2" (entity 2) ran 12 ms');
  });

  it('ignores backquote typed into the page\'s own text fields', async () => {
    const field = document.createElement('input');
    document.body.appendChild(field);
    overlay = mountInspectorOverlay({ scheduler: populated() });
    await userEvent.type(field, 'a`b');
    expect(overlay.isOpen).toBe(false);
    expect(field.value).toBe('a`b');
    field.remove();
  });

  it('does no work while closed: nothing added before the first open, no DOM updates and a plain tick after closing', async () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 100; i++) scheduler.spawn(everyFrame(), { name: 'busy', entity: i });
    overlay = mountInspectorOverlay({ scheduler, refreshMs: 10 });
    const childrenBefore = document.body.children.length;
    for (let i = 0; i < 30; i++) scheduler.tick(16);
    expect(panel()).toBeNull();
    expect(document.body.children.length).toBe(childrenBefore);
    expect(Object.hasOwn(scheduler, 'tick')).toBe(false);

    overlay.open();
    // Open, the timeline measures each tick (a wrapper on this scheduler's tick), and the title follows the frames.
    expect(Object.hasOwn(scheduler, 'tick')).toBe(true);
    scheduler.tick(16);
    await expect.poll(() => panel()?.querySelector('.tf-title')?.textContent).toContain('frame 31');
    overlay.close();
    expect(Object.hasOwn(scheduler, 'tick')).toBe(false);
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    for (let i = 0; i < 30; i++) {
      scheduler.tick(16);
      await nextFrame();
    }
    await delay(100); // ten refresh periods
    observer.disconnect();
    expect(mutations).toEqual([]);
  });

  it('groups 200,000 behaviours by name and wait, collapsed, and keeps only the rows in view in the DOM', async () => {
    const scheduler = createScheduler();
    for (let i = 0; i < 150_000; i++) scheduler.spawn(everyFrame(), { name: 'star' });
    for (let i = 0; i < 50_000; i++) scheduler.spawn(idle(), { name: 'comet', entity: i });
    overlay = mountInspectorOverlay({ scheduler, maxRows: 5000 });
    overlay.open();
    // A large game is counted over the next frames (4000 behaviours a frame), so opening costs no hitch.
    expect(panel()?.querySelector('.tf-title')?.textContent).toBe('tickflow · counting 200000 live · frame 0');
    await expect.poll(() => groupHeadings(), { timeout: 20_000 }).toHaveLength(2);
    expect(groupHeadings()).toEqual(['▸ star · waitFrames (150000)', '▸ comet · waitMs (50000)']);
    expect(rowNames()).toEqual([]);
    await userEvent.click(document.querySelector('[data-tickflow-inspector] [data-group="comet · waitMs"]') as HTMLElement);
    expect(groupHeadings()[1]).toBe('▾ comet · waitMs (50000) · first 5000 listed');
    // The first rows are there; of the 5000 listed, only a screenful (plus a margin) is in the DOM.
    expect(rowNames().slice(0, 2)).toEqual(['comet#150001', 'comet#150002']);
    expect(document.querySelectorAll('[data-tickflow-inspector] .tf-row').length).toBeLessThan(100);
    const body = document.querySelector('[data-tickflow-inspector] .tf-body') as HTMLElement;
    body.scrollTop = body.scrollHeight;
    body.dispatchEvent(new Event('scroll'));
    expect(rowNames().at(-1)).toBe('comet#155000');
    expect(document.querySelectorAll('[data-tickflow-inspector] .tf-row').length).toBeLessThan(100);
  }, 60_000);

  it('draws a timeline strip per behaviour, freezes while the game is paused, and names a behaviour on hover', async () => {
    const scheduler = createScheduler();
    const signal = createSignal<void>('doorbell');
    scheduler.spawn(everyFrame(), { name: 'walker', entity: 4 });
    scheduler.spawn(idle(), { name: 'sleeper' });
    scheduler.spawn((function* (): Behaviour { for (;;) yield* waitSignal(signal); })(), { name: 'listener' });
    overlay = mountInspectorOverlay({ scheduler, view: 'timeline', entityLabel: (eid) => (eid === 4 ? 'hero' : undefined) });
    overlay.open();
    for (let i = 0; i < 30; i++) scheduler.tick(16);
    overlay.update();
    const status = (): string => panel()?.querySelector('.tf-timeline-status')?.textContent ?? '';
    expect(status()).toContain('30 frames · 3 behaviours');
    const canvas = panel()?.querySelector('.tf-timeline canvas') as HTMLCanvasElement;
    // Rows start below the 44 px graph and a 6 px gap, 12 px each; the newest frame is the right edge.
    const palette: Record<string, number[]> = { frames: [0x5f, 0xd2, 0x8a], ms: [0x4a, 0xa3, 0xff], signal: [0xc5, 0x8c, 0xff] };
    // The state whose colour the strip shows at its right edge (a colour within rounding of the palette's).
    const stateAt = (row: number): string => {
      const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(canvas.width - 2, 50 + row * 12 + 8, 1, 1).data;
      const near = Object.entries(palette).find(([, rgb]) => rgb.every((value, i) => Math.abs(value - data[i]) <= 3));
      return near === undefined ? `rgb(${data[0]}, ${data[1]}, ${data[2]})` : near[0];
    };
    expect([stateAt(0), stateAt(1), stateAt(2)]).toEqual(['frames', 'ms', 'signal']);

    scheduler.paused = true;
    const frozen = canvas.toDataURL();
    for (let i = 0; i < 20; i++) scheduler.tick(16);
    overlay.update();
    expect(status()).toMatch(/^paused: frozen · 30 frames/);
    expect(canvas.toDataURL()).toBe(frozen);
    scheduler.paused = false;
    scheduler.tick(16);
    overlay.update();
    expect(status()).toContain('31 frames');

    const bounds = canvas.getBoundingClientRect();
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: bounds.right - 1, clientY: bounds.top + 50 + 12 + 6, bubbles: true }));
    const tooltip = panel()?.querySelector('.tf-tooltip') as HTMLElement;
    expect(tooltip.style.display).not.toBe('none');
    expect(tooltip.textContent).toMatch(/^sleeper#2\nframe 51: waiting ms\nnow: waitMs \d+ ms left$/);
    canvas.dispatchEvent(new MouseEvent('mousemove', { clientX: bounds.right - 1, clientY: bounds.top + 50 + 6, bubbles: true }));
    expect(tooltip.textContent).toBe('walker#1 · entity 4 (hero)\nframe 51: waiting frames, ran\nnow: waitFrames 1 left');
  });

  it('measures frame time with the overlay closed against not mounted (figures logged, not asserted)', async () => {
    const behaviours = 10_000;
    const frames = 200;
    const median = (values: number[]): number => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const run = (mount: boolean): number => {
      const scheduler = createScheduler();
      for (let i = 0; i < behaviours; i++) scheduler.spawn(everyFrame(), { name: 'busy', entity: i });
      const mounted = mount ? mountInspectorOverlay({ scheduler }) : undefined;
      if (mounted !== undefined) {
        mounted.open();
        mounted.close();
      }
      for (let i = 0; i < 50; i++) scheduler.tick(16); // warm-up
      // One clock read around many frames: Chromium's performance.now() is coarse (0.1 ms) without isolation.
      const start = performance.now();
      for (let i = 0; i < frames; i++) scheduler.tick(16);
      const msPerFrame = (performance.now() - start) / frames;
      mounted?.unmount();
      return msPerFrame;
    };
    run(false); // warm-up
    const results = { notMountedMs: [] as number[], closedMs: [] as number[] };
    // Alternate which goes first, so garbage left by one run does not always land on the same variant.
    for (let round = 0; round < 6; round++) {
      if (round % 2 === 0) {
        results.notMountedMs.push(run(false));
        results.closedMs.push(run(true));
      } else {
        results.closedMs.push(run(true));
        results.notMountedMs.push(run(false));
      }
    }
    const notMounted = median(results.notMountedMs);
    const closed = median(results.closedMs);
    console.log(`overlay cost, ${behaviours} behaviours every frame (Chromium): not mounted ${notMounted.toFixed(3)} ms/frame, mounted and closed ${closed.toFixed(3)} ms/frame`);
    expect(Number.isFinite(notMounted) && Number.isFinite(closed)).toBe(true);
  }, 60_000);
});

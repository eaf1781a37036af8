// Stress page: up to 200,000 behaviours on one scheduler, half of them resumed every frame and half
// asleep in waitMs, drawn with one pixi ParticleContainer. Shows what the scheduler costs per frame.
import { Text } from 'pixi.js';
import { createScheduler } from 'tickflow';
import { startBrowserLoop } from 'tickflow/browser';
import { createDemoPage } from '../shared/demo-page.js';
import { mountDemoInspector } from '../shared/inspector.js';
import { createRawStressSim } from './sim/raw-stress.js';
import { createStressSim } from './sim/stress.js';
import stressSource from './sim/stress.ts?raw';
import { createStressView } from './view/stress-view.js';
import viewSource from './view/stress-view.ts?raw';

const WIDTH_PX = 896;
const HEIGHT_PX = 504;
const MIN_COUNT = 1_000;
const MAX_COUNT = 200_000;
const PRESETS = [1_000, 10_000, 50_000, 100_000, 200_000];

const page = await createDemoPage({
  title: 'Stress',
  helpHtml:
    'Drag the slider (or press <kbd>1</kbd>-<kbd>5</kbd>) to run 1,000 to 200,000 behaviours: the galaxy\'s stars move every frame, ' +
    'the background stars sleep in <code>waitMs</code> and twinkle when they wake. <kbd>P</kbd> pause.',
  code: [
    { name: 'sim/stress.ts', source: stressSource },
    { name: 'view/stress-view.ts', source: viewSource },
  ],
  widthPx: WIDTH_PX,
  heightPx: HEIGHT_PX,
  background: 0x05060c,
});

const scheduler = createScheduler();
// ?engine=raw: the same dots on raw generators and a hand loop (no scheduler), the browser benchmark's floor.
const simOptions = { widthPx: WIDTH_PX, heightPx: HEIGHT_PX, capacity: MAX_COUNT };
const sim = new URLSearchParams(window.location.search).get('engine') === 'raw' ? createRawStressSim(simOptions) : createStressSim(scheduler, simOptions);
const view = createStressView(page.app.renderer, sim.field);
const label = new Text({ text: '', style: { fill: 0xe8e8ee, fontFamily: 'ui-monospace, monospace', fontSize: 15, stroke: { color: 0x0b0d14, width: 4 } } });
label.position.set(14, 12);
page.app.stage.addChild(view.container, label);

// The slider is logarithmic: each step multiplies the count, so 1,000 and 200,000 are both reachable.
const sliderGroup = page.addGroup('Behaviours');
sliderGroup.insertAdjacentHTML(
  'beforeend',
  `<label><input type="range" min="0" max="1000" step="1" aria-label="behaviours"> <span data-count></span></label>
   <p data-presets></p>`,
);
const slider = sliderGroup.querySelector('input') as HTMLInputElement;
const countLabel = sliderGroup.querySelector('[data-count]') as HTMLElement;
const presets = sliderGroup.querySelector('[data-presets]') as HTMLElement;
const toSlider = (count: number): number => Math.round((1000 * Math.log(count / MIN_COUNT)) / Math.log(MAX_COUNT / MIN_COUNT));
const fromSlider = (value: number): number => {
  const raw = MIN_COUNT * Math.pow(MAX_COUNT / MIN_COUNT, value / 1000);
  // Round to two significant digits: 12,000 rather than 12,345.
  const unit = Math.pow(10, Math.floor(Math.log10(raw)) - 1);
  return Math.min(MAX_COUNT, Math.max(MIN_COUNT, Math.round(raw / unit) * unit));
};
const setCount = (count: number): void => {
  const clamped = Math.min(MAX_COUNT, Math.max(MIN_COUNT, Math.round(count)));
  sim.setCount(clamped);
  slider.value = String(toSlider(clamped));
  countLabel.textContent = clamped.toLocaleString('en');
  resetAverages();
};
slider.addEventListener('input', () => setCount(fromSlider(Number(slider.value))));
for (const preset of PRESETS) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = preset >= 1000 ? `${preset / 1000}k` : String(preset);
  button.addEventListener('click', () => setCount(preset));
  presets.append(button, ' ');
}
const statsGroup = page.addGroup('Per frame');
const statText = document.createElement('div');
statText.className = 'stat';
statsGroup.append(statText);
const pauseGroup = page.addGroup('Time');
pauseGroup.insertAdjacentHTML('beforeend', '<button type="button">Pause</button>');
const pauseButton = pauseGroup.querySelector('button') as HTMLButtonElement;
const togglePause = (): void => {
  scheduler.paused = !scheduler.paused;
  pauseButton.classList.toggle('on', scheduler.paused);
};
pauseButton.addEventListener('click', togglePause);
window.addEventListener('keydown', (event) => {
  if ((event.target as HTMLElement).tagName === 'INPUT') return;
  const preset = PRESETS[Number(event.key) - 1];
  if (preset !== undefined) setCount(preset);
  else if (event.code === 'KeyP') togglePause();
});

// Rolling averages over the last second of frames.
const WINDOW = 60;
const schedulerMs = new Float64Array(WINDOW);
const frameMs = new Float64Array(WINDOW);
const resumes = new Float64Array(WINDOW);
let samples = 0;
let lastSchedulerMs = 0;
function resetAverages(): void {
  samples = 0;
}
const average = (values: Float64Array): number => {
  const n = Math.min(samples, WINDOW);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  return n === 0 ? 0 : sum / n;
};

const figures = {
  get behaviours() {
    return sim.count;
  },
  get movers() {
    return sim.movers;
  },
  get sleepers() {
    return sim.count - sim.movers;
  },
  /** Milliseconds scheduler.tick took, averaged over the last 60 frames. */
  get schedulerMsPerFrame() {
    return average(schedulerMs);
  },
  get lastSchedulerMs() {
    return lastSchedulerMs;
  },
  get resumesPerFrame() {
    return average(resumes);
  },
  get fps() {
    const ms = average(frameMs);
    return ms === 0 ? 0 : 1000 / ms;
  },
  /** Frames measured since the count last changed. */
  get samples() {
    return samples;
  },
  frame: 0,
  setCount,
  /** scripts/screenshots.ts: fewer dots keep the committed PNG small. */
  prepareScreenshot(): void {
    setCount(8_000);
  },
};
// For the browser tests and anyone curious: window.__stress.schedulerMsPerFrame in the console.
Object.assign(window, { __stress: figures, __demo: figures });

let shownAt = 0;
const driver = {
  step(dtMs: number): void {
    const startMs = performance.now();
    const resumed = sim.step(dtMs);
    lastSchedulerMs = performance.now() - startMs;
    const slot = samples % WINDOW;
    schedulerMs[slot] = lastSchedulerMs;
    frameMs[slot] = dtMs;
    resumes[slot] = resumed;
    samples++;
    figures.frame++;
    view.sync(sim.count);
    // Text is re-rasterised when it changes: update it a few times a second, not every frame.
    if (startMs - shownAt > 250) {
      shownAt = startMs;
      const ms = figures.schedulerMsPerFrame;
      label.text = `${sim.count.toLocaleString('en')} behaviours · scheduler ${ms.toFixed(2)} ms/frame · ${Math.round(figures.fps)} fps`;
      statText.textContent =
        `fps               ${figures.fps.toFixed(0)}\n` +
        `scheduler ms      ${ms.toFixed(2)}\n` +
        `live behaviours   ${scheduler.liveCount.toLocaleString('en')}\n` +
        `  movers          ${sim.movers.toLocaleString('en')}\n` +
        `  sleepers        ${(sim.count - sim.movers).toLocaleString('en')}\n` +
        `resumes / frame   ${Math.round(figures.resumesPerFrame).toLocaleString('en')}`;
    }
    page.app.render();
  },
};

// Backquote opens the inspector: every behaviour and what it waits for.
mountDemoInspector(scheduler, page);

const requested = Number(new URLSearchParams(window.location.search).get('count'));
setCount(Number.isFinite(requested) && requested > 0 ? requested : 20_000);
startBrowserLoop(driver);

// Particles page: a fountain, a fire, and a firework wherever you click. Every particle is an entity
// whose life is one behaviour (sim/particles.ts); the view copies their components into pixi.
import { createWorld } from 'bitecs';
import { Text } from 'pixi.js';
import { createScheduler, createSignal, waitMs, type Behaviour } from 'tickflow';
import { createGameLoop } from 'tickflow/ecs';
import { createSfx } from '../shared/audio.js';
import { createDemoPage } from '../shared/demo-page.js';
import { createKeyboard } from '../shared/keyboard.js';
import { startDemo } from '../shared/run.js';
import { burst, createParticleSim, idleFireworks, scene } from './sim/particles.js';
import particlesSource from './sim/particles.ts?raw';
import { createParticleView } from './view/particle-view.js';
import { drawProps } from './view/props.js';
import viewSource from './view/particle-view.ts?raw';

const WIDTH_PX = 896;
const HEIGHT_PX = 504;

const page = await createDemoPage({
  title: 'Particles',
  helpHtml: '<kbd>Click</kbd> firework · <kbd>Space</kbd> slow motion · <kbd>P</kbd> pause · each particle\'s life is one behaviour',
  code: [
    { name: 'sim/particles.ts', source: particlesSource },
    { name: 'view/particle-view.ts', source: viewSource },
  ],
  widthPx: WIDTH_PX,
  heightPx: HEIGHT_PX,
  background: 0x0b0d14,
});

const scheduler = createScheduler();
const loop = createGameLoop({ world: createWorld(), scheduler });
const sim = createParticleSim(loop);
const clicked = createSignal<{ x: number; y: number }>('clicked');
// ?quiet: no fountain, fire or idle fireworks, only what you click (the browser tests count those).
if (!new URLSearchParams(window.location.search).has('quiet')) {
  scheduler.spawn(scene(sim, WIDTH_PX, HEIGHT_PX), { name: 'scene' });
  scheduler.spawn(idleFireworks(sim, WIDTH_PX, HEIGHT_PX, clicked, 2_400), { name: 'idleFireworks' });
}

const view = createParticleView(page.app.renderer, sim);
const label = new Text({ text: '', style: { fill: 0xe8e8ee, fontFamily: 'ui-monospace, monospace', fontSize: 15 } });
label.position.set(14, 12);
const hint = new Text({ text: 'click anywhere', style: { fill: 0x9aa0ae, fontFamily: 'system-ui, sans-serif', fontSize: 14 } });
hint.anchor.set(1, 0);
hint.position.set(WIDTH_PX - 14, 12);
page.app.stage.addChild(drawProps(WIDTH_PX, HEIGHT_PX), view.root, label, hint);

const sfx = createSfx(['explosion', 'select'], 0.5);
const keyboard = createKeyboard();
const canvas = page.app.canvas;
canvas.addEventListener('pointerdown', (event) => {
  const bounds = canvas.getBoundingClientRect();
  const x = ((event.clientX - bounds.left) / bounds.width) * WIDTH_PX;
  const y = ((event.clientY - bounds.top) / bounds.height) * HEIGHT_PX;
  scheduler.spawn(burst(sim, x, y, sim.random()), { name: 'burst' });
  clicked.emit({ x, y });
  sfx.play('explosion', { rate: 0.8 + sim.random() * 0.5, volume: 0.6 });
});

// Controls: slow motion and pause act on the game clock, which every particle's life runs on.
const controls = page.addGroup('Time');
controls.insertAdjacentHTML('beforeend', '<p><button type="button" data-slow>Slow motion</button> <button type="button" data-pause>Pause</button></p>');
const slowButton = controls.querySelector('[data-slow]') as HTMLButtonElement;
const pauseButton = controls.querySelector('[data-pause]') as HTMLButtonElement;
const toggleSlow = (): void => {
  scheduler.timeScale = scheduler.timeScale === 1 ? 0.2 : 1;
  slowButton.classList.toggle('on', scheduler.timeScale !== 1);
};
const togglePause = (): void => {
  scheduler.paused = !scheduler.paused;
  pauseButton.classList.toggle('on', scheduler.paused);
};
slowButton.addEventListener('click', toggleSlow);
pauseButton.addEventListener('click', togglePause);
const stats = page.addGroup('Live');
const statText = document.createElement('div');
statText.className = 'stat';
stats.append(statText);

loop.addSystem('input', () => {
  for (const code of keyboard.takePresses()) {
    if (code === 'Space') toggleSlow();
    else if (code === 'KeyP') togglePause();
  }
});
let shownText = '';
loop.addSystem('render', () => {
  view.sync();
  const particles = sim.liveCount;
  // Paused, nothing else changes: the clock's state is part of what decides a redraw.
  const clock = scheduler.paused ? 'paused' : scheduler.timeScale === 1 ? 'normal' : `slow motion ×${scheduler.timeScale}`;
  const text = `${particles.toLocaleString('en')} particles · ${scheduler.liveCount.toLocaleString('en')} behaviours`;
  if (text + clock !== shownText) {
    label.text = clock === 'normal' ? text : `${text} · ${clock}`;
    statText.textContent = `particles   ${particles}\nbehaviours  ${scheduler.liveCount}\ntime        ${clock}`;
    shownText = text + clock;
  }
  page.publish('clock', clock);
});

// For the browser tests: live figures, read-only.
Object.assign(window, {
  __demo: {
    get particles() {
      return sim.liveCount;
    },
    get behaviours() {
      return scheduler.liveCount;
    },
    get frame() {
      return loop.frame;
    },
    /** scripts/screenshots.ts: two fireworks in full bloom when the picture is taken (3 s later). */
    prepareScreenshot(): void {
      scheduler.spawn(showcase(), { name: 'showcase' });
    },
  },
});

function* showcase(): Behaviour {
  yield* waitMs(2_500);
  scheduler.spawn(burst(sim, WIDTH_PX * 0.5, HEIGHT_PX * 0.28, 0.83));
  yield* waitMs(300);
  scheduler.spawn(burst(sim, WIDTH_PX * 0.36, HEIGHT_PX * 0.2, 0.12));
}

startDemo(loop, page);

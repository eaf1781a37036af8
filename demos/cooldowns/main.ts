// Cooldowns: abilities with cast times, cooldowns and a global cooldown, all plain waits on a
// gameplay clock; the slider scales that clock and the pause button pauses it, while the ui clock
// keeps the ability bar alive.
import { query } from 'bitecs';
import { createScheduler } from 'tickflow';
import { createSfx } from '../shared/audio.js';
import { createDemoPage } from '../shared/demo-page.js';
import { createKeyboard } from '../shared/keyboard.js';
import { startDemo } from '../shared/run.js';
import abilitiesSource from './sim/abilities.ts?raw';
import worldSource from './sim/world.ts?raw';
import { createCooldownSim, interruptCast, pressAbility } from './sim/abilities.js';
import { ARENA, GLOBAL_COOLDOWN_MS, Position } from './sim/world.js';
import { createCooldownsView } from './view/cooldowns-view.js';

const page = await createDemoPage({
  title: 'Cooldowns',
  helpHtml:
    '<kbd>1</kbd> <kbd>2</kbd> <kbd>3</kbd> <kbd>4</kbd> cast · <kbd>Esc</kbd> interrupt a cast · <kbd>P</kbd> pause. ' +
    'Slow time down with the slider: the fight and the cooldowns slow, the ability bar does not.',
  code: [
    { name: 'sim/abilities.ts', source: abilitiesSource },
    { name: 'sim/world.ts', source: worldSource },
  ],
  widthPx: ARENA.widthPx,
  heightPx: ARENA.heightPx,
});

const scheduler = createScheduler();
const sim = createCooldownSim(scheduler);
const view = createCooldownsView(page.app, sim);
// For browser tests: casts and refusals so far, each ability's state (data-* on the stage).
let casts = 0;
let refusals = 0;
const sfx = createSfx(['cast', 'hit', 'explosion', 'denied', 'ready', 'select'], 0.5);
sim.events = {
  castStarted: () => sfx.play('select', { rate: 0.8, volume: 0.6 }),
  released: (index) => {
    casts++;
    sfx.play('cast', { rate: [1.4, 1, 1.2, 0.75][index] });
    view.released(index);
  },
  interrupted: () => sfx.play('denied', { rate: 1.3 }),
  refused: (index) => {
    refusals++;
    sfx.play('denied');
    view.refused(index);
  },
  ready: (index) => {
    if (sim.abilities[index].cooldownMs >= 5000) sfx.play('ready');
    view.ready(index);
  },
  hit: (index, damage, x, y) => {
    sfx.play(index === 3 ? 'explosion' : 'hit', { volume: index === 0 ? 0.5 : 1 });
    view.hit(index, damage, x, y);
  },
  defeated: () => view.defeated(),
};

// Controls: time scale and pause act on the gameplay clock only.
const timeGroup = page.addGroup('Gameplay clock');
timeGroup.insertAdjacentHTML(
  'beforeend',
  '<label>speed <input type="range" id="time-scale" min="0.1" max="2" step="0.05" value="1"> <span id="time-scale-value">×1.00</span></label>' +
    '<p style="margin:10px 0 0"><button type="button" id="pause">Pause</button></p>',
);
const slider = timeGroup.querySelector('#time-scale') as HTMLInputElement;
const sliderValue = timeGroup.querySelector('#time-scale-value') as HTMLElement;
const pauseButton = timeGroup.querySelector('#pause') as HTMLButtonElement;
slider.addEventListener('input', () => {
  sim.gameplay.timeScale = Number(slider.value);
  sliderValue.textContent = `×${Number(slider.value).toFixed(2)}`;
});
const togglePause = (): void => {
  sim.gameplay.paused = !sim.gameplay.paused;
  pauseButton.textContent = sim.gameplay.paused ? 'Resume' : 'Pause';
  pauseButton.classList.toggle('on', sim.gameplay.paused);
};
pauseButton.addEventListener('click', () => {
  togglePause();
  page.app.canvas.focus();
});

const list = page.addGroup('Abilities');
const seconds = (ms: number): string => (ms === 0 ? 'instant' : `${ms / 1000} s`);
list.insertAdjacentHTML(
  'beforeend',
  `<div class="stat">  name        cast     cooldown\n${sim.abilities
    .map((a) => `${a.key} ${a.name.padEnd(11)} ${seconds(a.castMs).padEnd(8)} ${seconds(a.cooldownMs)}`)
    .join('\n')}\n\nall share a ${GLOBAL_COOLDOWN_MS / 1000} s global cooldown</div>`,
);

const keyboard = createKeyboard();
const abilityKeys = ['Digit1', 'Digit2', 'Digit3', 'Digit4'];
sim.loop.addSystem('input', () => {
  for (const code of keyboard.takePresses()) {
    const index = abilityKeys.indexOf(code);
    if (index >= 0) pressAbility(sim, index);
    else if (code === 'Escape') interruptCast(sim);
    else if (code === 'KeyP') togglePause();
  }
});
sim.loop.addSystem('render', view.sync);
sim.loop.addSystem('render', () => {
  page.publish('casts', casts);
  page.publish('refusals', refusals);
  page.publish('cooling', sim.abilities.map((ability) => (ability.cooling ? 1 : 0)).join(''));
  page.publish('hp', sim.dummy.hp);
});

startDemo(sim.loop, page, { entities: () => query(sim.world, [Position]), positions: Position });
page.app.canvas.focus();

// Moonlight Heist: the mini-game. The simulation (sim/) is all behaviours and one vision system; this
// page feeds it keys and the mouse, plays its sounds, draws it, and starts a new game on R.
import { waitMs, type Behaviour } from 'tickflow';
import { startBrowserLoop } from 'tickflow/browser';
import { mountInspectorOverlay, type InspectorOverlay } from 'tickflow/debug';
import { createSfx, type SoundName } from '../shared/audio.js';
import { createDemoPage } from '../shared/demo-page.js';
import { createKeyboard } from '../shared/keyboard.js';
import { liveEditDemo } from '../shared/inspector.js';
import abilitiesSource from './sim/abilities.ts?raw';
import dialogueSource from './sim/dialogue.ts?raw';
import guardsSource from './sim/guards.ts?raw';
import { applyControls } from './sim/controls.js';
import { createHeist, type Heist, type HeistAction, type HeistEvent } from './sim/heist.js';
import heistSource from './sim/heist.ts?raw';
import { museum } from './sim/level.js';
import { createHeistView, type HeistView } from './view/heist-view.js';
import { heistHudLayout } from './view/hud-layout.js';

// The level on top, the HUD bar (gems, abilities, hint) under it: the HUD hides no corridor.
const layout = heistHudLayout(museum, 896, 3);
const WIDTH_PX = layout.widthPx;
const HEIGHT_PX = layout.heightPx;

const page = await createDemoPage({
  title: 'Moonlight Heist',
  helpHtml:
    'Take the three gems and get out without being caught. ' +
    '<kbd>W</kbd><kbd>A</kbd><kbd>S</kbd><kbd>D</kbd> / arrows move · <kbd>1</kbd> dash · <kbd>2</kbd> smoke bomb · ' +
    '<kbd>3</kbd> pebble (aim with the mouse) · <kbd>E</kbd> talk to the Fox · <kbd>R</kbd> restart. ' +
    'Talking: <kbd>Space</kbd>/<kbd>Enter</kbd> next line · answers: <kbd>1</kbd>-<kbd>3</kbd>, or <kbd>↑</kbd><kbd>↓</kbd> then <kbd>Enter</kbd> · <kbd>Esc</kbd> skip.',
  code: [
    { name: 'sim/guards.ts', source: guardsSource },
    { name: 'sim/abilities.ts', source: abilitiesSource },
    { name: 'sim/dialogue.ts', source: dialogueSource },
    { name: 'sim/heist.ts', source: heistSource },
  ],
  widthPx: WIDTH_PX,
  heightPx: HEIGHT_PX,
  background: 0x10131c,
});

const sfx = createSfx(['blip', 'select', 'pickup', 'alert', 'lost', 'hit', 'cast', 'ready', 'denied', 'explosion', 'win', 'lose'], 0.5);
const keyboard = createKeyboard();
const canvas = page.app.canvas;

let game: Heist;
let view: HeistView;
let inspector: InspectorOverlay | undefined;
const pointer = { x: WIDTH_PX / 2, y: HEIGHT_PX / 2 };
let lastBlipMs = 0;

function newGame(skipBriefing: boolean): void {
  if (view !== undefined) {
    page.app.stage.removeChild(view.root);
    view.destroy();
    game.scheduler.cancelAll();
  }
  game = createHeist({ skipBriefing });
  liveEditDemo(game.scheduler);
  view = createHeistView(page.app.renderer, game, layout);
  // Backquote opens the inspector on this game's scheduler; click a guard to see only his behaviours.
  const wasOpen = inspector?.isOpen === true;
  inspector?.unmount();
  inspector = mountInspectorOverlay({
    scheduler: game.scheduler,
    entityLabel: (eid) => {
      const guard = game.guards.find((candidate) => candidate.eid === eid);
      return guard === undefined ? undefined : `guard ${guard.index + 1}`;
    },
    pickEntityAt: (clientX, clientY) => {
      const bounds = canvas.getBoundingClientRect();
      const scale = layout.scale * (bounds.width / WIDTH_PX);
      const x = (clientX - bounds.left) / scale;
      const y = (clientY - bounds.top) / scale;
      return game.guards.find((guard) => Math.hypot(guard.x - x, guard.y - y) < 24)?.eid;
    },
  });
  if (wasOpen) inspector.open();
  page.app.stage.addChild(view.root);
  game.loop.addSystem('input', readInput);
  game.loop.addSystem('render', render);
}

function readInput(): void {
  if (applyControls(game, keyboard, { x: pointer.x / layout.scale, y: pointer.y / layout.scale }) === 'restart') newGame(true);
}

const SOUNDS: Partial<Record<HeistEvent['kind'], SoundName>> = {
  select: 'select',
  pickup: 'pickup',
  alert: 'alert',
  giveUp: 'lost',
  stunned: 'hit',
  cast: 'cast',
  ready: 'ready',
  denied: 'denied',
  noise: 'hit',
  won: 'win',
  caught: 'lose',
};

function render(): void {
  for (const event of game.events) {
    if (event.kind === 'blip') {
      // A blip per letter is a buzz at 35 letters a second: one every other letter or so.
      if (performance.now() - lastBlipMs > 55) {
        sfx.play('blip', { rate: 0.9 + Math.random() * 0.25, volume: 0.5 });
        lastBlipMs = performance.now();
      }
      continue;
    }
    if (event.kind === 'denied' || event.kind === 'ready') view.flash(event.ability, event.kind);
    if (event.kind === 'cast' && event.ability === 'smoke') sfx.play('explosion', { volume: 0.6 });
    const sound = SOUNDS[event.kind];
    if (sound !== undefined) sfx.play(sound);
  }
  game.events.length = 0;
  view.sync(game.scheduler.realNowMs);
}

canvas.addEventListener('pointermove', (event) => {
  const bounds = canvas.getBoundingClientRect();
  pointer.x = ((event.clientX - bounds.left) / bounds.width) * WIDTH_PX;
  pointer.y = ((event.clientY - bounds.top) / bounds.height) * HEIGHT_PX;
});
canvas.addEventListener('pointerdown', (event) => {
  canvas.focus();
  const bounds = canvas.getBoundingClientRect();
  const x = ((event.clientX - bounds.left) / bounds.width) * WIDTH_PX;
  const y = ((event.clientY - bounds.top) / bounds.height) * HEIGHT_PX;
  if (game.phase === 'won' || game.phase === 'lost') return newGame(true);
  if (game.phase !== 'talking') return;
  const choice = view.choiceAt(x, y);
  game.press(choice >= 0 ? (`choose${choice}` as HeistAction) : 'advance');
});

const status = document.createElement('div');
status.className = 'stat';
page.addGroup('Heist').append(status);
page.addGroup('How it works').insertAdjacentHTML(
  'beforeend',
  '<p style="margin:0;font-size:14px;color:var(--muted)">Each guard is an entity whose mind is one behaviour: ' +
    '<code>race</code>s between his rounds, a sighting and a noise. Cooldowns are <code>waitMs</code> on a gameplay clock ' +
    'that the conversation pauses. Gems and smoke clouds are entities with their own behaviours; every spark is a particle behaviour.</p>',
);
let statusText = '';
const driver = {
  step(dtMs: number): void {
    game.step(dtMs);
    page.app.render();
    const text =
      `phase       ${game.phase}\n` +
      `gems        ${game.gemsTotal - game.gemsLeft} / ${game.gemsTotal}\n` +
      game.guards.map((guard) => `guard ${guard.index + 1}     ${guard.mode}`).join('\n') +
      `\nbehaviours  ${game.scheduler.liveCount}`;
    if (text !== statusText) {
      status.textContent = text;
      statusText = text;
    }
  },
};

newGame(new URLSearchParams(window.location.search).has('skip'));

// For the browser tests and the screenshot script.
Object.assign(window, {
  __demo: {
    get game() {
      return game;
    },
    get phase() {
      return game.phase;
    },
    /** scripts/screenshots.ts: skip the briefing and stage a tense moment near the middle guard. */
    prepareScreenshot(): void {
      game.press('skip');
      game.scheduler.spawn(stage(game), { name: 'screenshot staging' });
    },
  },
});

function* stage(staged: Heist): Behaviour {
  // The player lures the guards to the far side with a pebble, then vanishes in a smoke bomb.
  staged.player.x = 480;
  staged.player.y = 445;
  staged.player.facing = -Math.PI / 2;
  staged.input.aimX = 560;
  staged.input.aimY = 250;
  staged.press('pebble');
  yield* waitMs(2_300);
  staged.press('smoke');
}

startBrowserLoop(driver);
canvas.focus();

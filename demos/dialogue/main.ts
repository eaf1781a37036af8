// Typewriter dialogue: each line types itself with a blip per letter; Space, Enter or a click
// finishes it, the next press moves on; a choice at the end picks the branch.
import { createScheduler, waitMs, waitPromise, type Behaviour } from 'tickflow';
import { playSound } from 'tickflow/howler';
import { createSfx } from '../shared/audio.js';
import { createDemoPage } from '../shared/demo-page.js';
import { createKeyboard } from '../shared/keyboard.js';
import { startDemo } from '../shared/run.js';
import mainSource from './main.ts?raw';
import dialogueSource from './sim/dialogue.ts?raw';
import scriptSource from './sim/script.ts?raw';
import { createDialogueSim, moveChoice, pickChoice, press } from './sim/dialogue.js';
import { SPEAKERS } from './sim/script.js';
import { STAGE, WALL_COLOUR, createDialogueView } from './view/dialogue-view.js';

const page = await createDemoPage({
  title: 'Typewriter dialogue',
  helpHtml:
    '<kbd>Space</kbd>, <kbd>Enter</kbd> or click: finish the line, then next line · ' +
    '<kbd>↑</kbd> <kbd>↓</kbd> choose, or <kbd>1</kbd>-<kbd>3</kbd> or click an answer. Sound starts with your first key or click.',
  code: [
    { name: 'sim/dialogue.ts', source: dialogueSource },
    { name: 'sim/script.ts', source: scriptSource },
    { name: 'main.ts', source: mainSource },
  ],
  widthPx: STAGE.widthPx,
  heightPx: STAGE.heightPx,
  background: WALL_COLOUR,
});

const scheduler = createScheduler();
const sim = createDialogueSim(scheduler);
const view = createDialogueView(page.app, sim);
const sfx = createSfx(['blip', 'blip-low', 'select', 'win', 'lose'], 0.6);

/** Ends a branch: resumes once the jingle has played to its end (or after a pause when sound is off). */
function* jingle(name: 'win' | 'lose'): Behaviour {
  const howl = sfx.howl(name);
  // The first key press started loading the sounds: a jingle still on its way is waited for, then played.
  if (howl?.state() === 'loading') yield* waitPromise(new Promise((resolve) => howl.once('load', resolve).once('loaderror', resolve)));
  if (howl === undefined || howl.state() !== 'loaded') {
    yield* waitMs(400);
    return;
  }
  yield* playSound(howl);
}

let lastBlipMs = -Infinity;
sim.events = {
  letter(char, voice) {
    const speaker = voice === 'moss' ? SPEAKERS.moss : SPEAKERS.bramble;
    view.talked(speaker);
    // A blip per letter, not per space or dot; at most one per 45 ms so fast talkers do not buzz.
    if (!/[\p{L}\p{N}]/u.test(char) || scheduler.nowMs - lastBlipMs < 45) return;
    lastBlipMs = scheduler.nowMs;
    sfx.play(voice === 'moss' ? 'blip' : 'blip-low', { rate: 0.94 + Math.random() * 0.14 });
  },
  choiceMoved: () => sfx.play('select', { volume: 0.6 }),
  jingle,
};

const keyboard = createKeyboard();
sim.loop.addSystem('input', () => {
  for (const code of keyboard.takePresses()) {
    if (code === 'Space' || code === 'Enter' || code === 'NumpadEnter') press(sim);
    else if (code === 'ArrowUp' || code === 'KeyW') moveChoice(sim, -1);
    else if (code === 'ArrowDown' || code === 'KeyS') moveChoice(sim, 1);
    else if (code.startsWith('Digit')) pickChoice(sim, Number(code.slice(5)) - 1);
  }
});
sim.loop.addSystem('render', view.sync);
// For browser tests: what the box shows (data-text, data-shown, data-complete on the stage).
sim.loop.addSystem('render', () => {
  page.publish('text', sim.box.line?.text.slice(0, sim.box.shown) ?? '');
  page.publish('shown', sim.box.shown);
  page.publish('complete', sim.box.complete);
  page.publish('choice', sim.choice === null ? 'none' : sim.choice.selected);
});

startDemo(sim.loop, page);
page.app.canvas.focus();

// Patrol: guards walk their routes; one that sees you chases, searches, gives up and walks back.
import { query } from 'bitecs';
import { createScheduler } from 'tickflow';
import { createSfx } from '../shared/audio.js';
import { createDemoPage } from '../shared/demo-page.js';
import { createKeyboard } from '../shared/keyboard.js';
import { startDemo } from '../shared/run.js';
import guardSource from './sim/guard.ts?raw';
import patrolSource from './sim/patrol.ts?raw';
import worldSource from './sim/world.ts?raw';
import { ARENA } from './sim/map.js';
import { createPatrolSim } from './sim/patrol.js';
import { Guard, Mode, type ModeName, Position } from './sim/world.js';
import { FLOOR_COLOUR, createPatrolView } from './view/patrol-view.js';

const page = await createDemoPage({
  title: 'Patrol',
  helpHtml:
    '<kbd>W</kbd><kbd>A</kbd><kbd>S</kbd><kbd>D</kbd> or arrow keys to move. Collect the gems; stay out of the vision cones. ' +
    'A guard who sees you gives chase, and gives up 3 s after losing sight of you.',
  code: [
    { name: 'sim/guard.ts', source: guardSource },
    { name: 'sim/patrol.ts', source: patrolSource },
    { name: 'sim/world.ts', source: worldSource },
  ],
  widthPx: ARENA.widthPx,
  heightPx: ARENA.heightPx,
  background: FLOOR_COLOUR,
});

const scheduler = createScheduler();
const sim = createPatrolSim(scheduler);
const view = createPatrolView(page.app, sim, scheduler);
const sfx = createSfx(['alert', 'lost', 'hit', 'pickup'], 0.5);
sim.events = {
  spotted: () => sfx.play('alert'),
  gaveUp: () => sfx.play('lost'),
  caught: () => sfx.play('hit'),
  pickup: (gem) => {
    sfx.play('pickup');
    view.gemPicked(gem);
  },
};

const keyboard = createKeyboard();
const held = (...codes: string[]): number => (codes.some((code) => keyboard.isDown(code)) ? 1 : 0);
sim.loop.addSystem('input', () => {
  keyboard.takePresses();
  sim.input.moveX = held('KeyD', 'ArrowRight') - held('KeyA', 'ArrowLeft');
  sim.input.moveY = held('KeyS', 'ArrowDown') - held('KeyW', 'ArrowUp');
});

// The side panel: score and what each guard is doing.
const stats = document.createElement('div');
stats.className = 'stat';
page.addGroup('Score').append(stats);
const guardsBox = document.createElement('div');
guardsBox.className = 'stat';
page.addGroup('Guards').append(guardsBox);
const legend = page.addGroup('Colours');
legend.insertAdjacentHTML(
  'beforeend',
  '<div class="stat"><span style="color:#ffd866">●</span> patrolling\n<span style="color:#ff6188">●</span> chasing\n' +
    '<span style="color:#fc9867">●</span> searching\n<span style="color:#8b93a8">●</span> giving up, walking back</div>',
);
const modeNames = Object.fromEntries(Object.entries(Mode).map(([name, value]) => [value, name])) as Record<number, ModeName>;
const words: Record<ModeName, string> = {
  patrol: 'patrolling',
  alert: 'spotted you!',
  chase: 'chasing',
  search: 'searching',
  gaveUp: 'gave up',
  returning: 'walking back',
  caught: 'caught you',
};
let shown = '';
sim.loop.addSystem('render', () => {
  view.sync();
  const text = `gems   ${sim.score.gems}\ncaught ${sim.score.caught}|` + sim.guards.map((eid, i) => `guard ${i + 1}  ${words[modeNames[Guard.mode[eid]]]}`).join('\n');
  if (text === shown) return;
  shown = text;
  const [score, guards] = text.split('|');
  stats.textContent = score;
  guardsBox.textContent = guards;
  // For browser tests (data-* on the stage).
  page.publish('gems', sim.score.gems);
  page.publish('caught', sim.score.caught);
  page.publish('guards', sim.guards.map((eid) => modeNames[Guard.mode[eid]]).join(' '));
});

startDemo(sim.loop, page, { entities: () => query(sim.world, [Position]), positions: Position });
page.app.canvas.focus();

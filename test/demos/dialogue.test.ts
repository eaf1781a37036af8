import { createScheduler, waitMs, type Behaviour } from 'tickflow';
import { describe, expect, it } from 'vitest';
import { choose, conversation, createDialogueSim, moveChoice, pickChoice, press, sayLine } from '../../demos/dialogue/sim/dialogue.js';
import { SPEAKERS, type Choice, type Line } from '../../demos/dialogue/sim/script.js';

const FRAME_MS = 16;

function setup() {
  const scheduler = createScheduler();
  const sim = createDialogueSim(scheduler, { autoStart: false });
  const log: string[] = [];
  sim.events = {
    letter: (char, voice) => log.push(`${voice} ${char}`),
    choiceMoved: () => log.push('choice'),
    *jingle(name) {
      log.push(`jingle ${name}`);
      yield* waitMs(500);
    },
  };
  return { scheduler, sim, log };
}

const shown = (sim: ReturnType<typeof setup>['sim']): string => (sim.box.line?.text ?? '').slice(0, sim.box.shown);

describe('sayLine', () => {
  it('reveals N letters after N x letterMs', () => {
    const { scheduler, sim } = setup();
    const line: Line = { speaker: SPEAKERS.moss, text: 'Hello there traveller' }; // 32 ms per letter
    scheduler.spawn(sayLine(sim, line));
    const seen: string[] = [];
    for (const letters of [1, 5, 12, 20, 21]) {
      sim.loop.runFor(letters * 32 - 1 - sim.scheduler.nowMs, 1); // 1 ms frames: no overshoot
      seen.push(shown(sim));
      sim.loop.step(1);
      seen.push(shown(sim));
    }
    // 1 ms before letter N is due: N - 1 letters; at N x 32 ms: N letters.
    expect(seen).toEqual(['', 'H', 'Hell', 'Hello', 'Hello there', 'Hello there ', 'Hello there travell', 'Hello there travelle', 'Hello there travelle', 'Hello there traveller']);
    expect(sim.box.complete).toBe(true);
  });

  it('shows one letter per letterMs of a slower speaker, and one letter event each', () => {
    const { scheduler, sim, log } = setup();
    scheduler.spawn(sayLine(sim, { speaker: SPEAKERS.bramble, text: 'Hmph now' })); // 58 ms per letter
    sim.loop.runFor(4 * 58, 2);
    expect(shown(sim)).toBe('Hmph');
    expect(log).toEqual(['bramble H', 'bramble m', 'bramble p', 'bramble h']);
  });

  it('takes a breath after a full stop', () => {
    const { scheduler, sim } = setup();
    scheduler.spawn(sayLine(sim, { speaker: SPEAKERS.moss, text: 'Oh. Hi' }));
    sim.loop.runFor(3 * 32, 1);
    expect(shown(sim)).toBe('Oh.');
    sim.loop.runFor(32 + 7 * 32 - 1, 1); // the space comes after the pause
    expect(shown(sim)).toBe('Oh.');
    sim.loop.runFor(1, 1);
    expect(shown(sim)).toBe('Oh. ');
  });

  it('completes the line at once on a press, and advances on the next press', () => {
    const { scheduler, sim } = setup();
    const order: string[] = [];
    function* twoLines(): Behaviour {
      yield* sayLine(sim, { speaker: SPEAKERS.moss, text: 'First line here' });
      order.push('first done');
      yield* sayLine(sim, { speaker: SPEAKERS.moss, text: 'Second' });
      order.push('second done');
    }
    scheduler.spawn(twoLines());
    sim.loop.runFor(100, FRAME_MS);
    expect(shown(sim)).toBe('Fir');
    press(sim);
    expect(shown(sim)).toBe('First line here');
    expect(sim.box.complete).toBe(true);
    sim.loop.runFor(1000, FRAME_MS);
    expect(order).toEqual([]);
    press(sim);
    expect(order).toEqual(['first done']);
    expect(sim.box.line?.text).toBe('Second');
    expect(shown(sim)).toBe('');
  });
});

describe('choose', () => {
  it('moves the highlight with up and down (wrapping) and returns the one confirmed', () => {
    const { scheduler, sim } = setup();
    const task = scheduler.spawn(choose(sim, ['a', 'b', 'c']));
    moveChoice(sim, 1);
    moveChoice(sim, 1);
    moveChoice(sim, 1);
    expect(sim.choice?.selected).toBe(0);
    moveChoice(sim, -1);
    expect(sim.choice?.selected).toBe(2);
    press(sim);
    expect(task.status).toBe('done');
    expect(task.result).toBe(2);
    expect(sim.choice).toBeNull();
  });

  it('takes a clicked option directly', () => {
    const { scheduler, sim } = setup();
    const task = scheduler.spawn(choose(sim, ['a', 'b', 'c']));
    pickChoice(sim, 1);
    expect(task.result).toBe(1);
  });
});

describe('conversation', () => {
  it('follows the branch that was chosen and resumes after its jingle', () => {
    const { scheduler, sim, log } = setup();
    const opening: Line[] = [{ speaker: SPEAKERS.moss, text: 'Hi' }];
    const choices: Choice[] = [
      { option: 'Yes', reply: [{ speaker: SPEAKERS.moss, text: 'Good' }], jingle: 'win' },
      { option: 'No', reply: [{ speaker: SPEAKERS.bramble, text: 'Bad' }], jingle: 'lose' },
    ];
    const task = scheduler.spawn(conversation(sim, opening, choices));
    sim.loop.runFor(200, FRAME_MS);
    press(sim); // advance past "Hi"
    expect(sim.choice?.options).toEqual(['Yes', 'No']);
    moveChoice(sim, 1);
    press(sim);
    sim.loop.runFor(400, FRAME_MS);
    expect(shown(sim)).toBe('Bad');
    press(sim);
    expect(log.slice(-1)).toEqual(['jingle lose']);
    sim.loop.runFor(480, FRAME_MS);
    expect(task.status).toBe('running');
    sim.loop.runFor(32, FRAME_MS);
    expect(task.status).toBe('done');
    expect(task.result).toBe(1);
  });
});

describe('createDialogueSim', () => {
  it('starts the shop conversation half a second after it is made', () => {
    const scheduler = createScheduler();
    const sim = createDialogueSim(scheduler);
    sim.loop.runFor(496, FRAME_MS);
    expect(sim.box.line).toBeNull();
    sim.loop.runFor(64, FRAME_MS);
    expect(sim.box.line?.speaker).toBe(SPEAKERS.moss);
    expect(sim.box.shown).toBe(1);
  });
});

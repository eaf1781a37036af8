// A typewriter dialogue as behaviours: type a line letter by letter, let a press finish it at once,
// wait for the next press, offer a choice, follow the branch. No DOM: tests press by hand.
import { createWorld } from 'bitecs';
import { createSignal, race, waitMs, waitSignal, type Awaitable, type Behaviour, type Scheduler, type Signal } from 'tickflow';
import { createGameLoop, type GameLoop } from 'tickflow/ecs';
import { CHOICES, OPENING, type Choice, type Line, type Voice } from './script.js';

/** Extra pause after these letters, in letters' worth of time: a sentence breathes. */
const PAUSES: Record<string, number> = { '.': 7, '!': 7, '?': 7, ',': 3, ';': 3 };

/** What the view wants to hear about. */
export interface DialogueEvents {
  /** A letter appeared (the view plays a blip for it). */
  letter(char: string, voice: Voice): void;
  /** The highlighted option changed, or one was picked. */
  choiceMoved(): void;
  /** A branch ended: resumes once the jingle has played. */
  jingle(name: 'win' | 'lose'): Awaitable<void>;
}

/** The sim: what the dialogue box shows, and the player's inputs as signals. */
export interface DialogueSim {
  readonly loop: GameLoop;
  readonly scheduler: Scheduler;
  /** The line on screen: the first `shown` letters of `line.text` are visible. */
  readonly box: { line: Line | null; shown: number; complete: boolean };
  /** The open choice, if any: the options and the highlighted one. */
  choice: { options: string[]; selected: number } | null;
  /** Between conversations: the text of the restart hint, or null. */
  hint: string | null;
  events: DialogueEvents;
  /** Space, Enter or a click. */
  readonly pressed: Signal<void>;
  /** Up or down in a choice: -1 or +1. */
  readonly moved: Signal<number>;
  /** A click (or number key) on an option: its index. */
  readonly picked: Signal<number>;
}

/** Types `line` into the box at its speaker's speed; a press shows it all at once. Then waits for a press. */
export function* sayLine(sim: DialogueSim, line: Line): Behaviour {
  sim.box.line = line;
  sim.box.shown = 0;
  sim.box.complete = false;
  // Whichever comes first: the last letter, or the player's press.
  yield* race([typeLetters(sim, line), waitSignal(sim.pressed)]);
  sim.box.shown = line.text.length;
  sim.box.complete = true;
  // The press that completed the line does not also advance it: this waits for the next one.
  yield* waitSignal(sim.pressed);
}

/** One letter every `letterMs`, with a breath after punctuation. */
function* typeLetters(sim: DialogueSim, line: Line): Behaviour {
  const { letterMs, voice } = line.speaker;
  const text = line.text;
  for (let i = 0; i < text.length; i++) {
    yield* waitMs(letterMs);
    sim.box.shown = i + 1;
    sim.events.letter(text[i], voice);
    const pause = PAUSES[text[i]];
    // No pause at the very end, or inside "..." until its last dot.
    if (pause !== undefined && i + 1 < text.length && text[i + 1] === ' ') yield* waitMs(letterMs * pause);
  }
}

/** Offers `options`; up/down move the highlight, a press takes it, a click takes the clicked one. */
export function* choose(sim: DialogueSim, options: string[]): Behaviour<number> {
  sim.choice = { options, selected: 0 };
  try {
    for (;;) {
      const input = yield* race([waitSignal(sim.pressed), waitSignal(sim.moved), waitSignal(sim.picked)]);
      sim.events.choiceMoved();
      if (input.index === 0) return sim.choice.selected;
      if (input.index === 2) return input.value;
      sim.choice.selected = (sim.choice.selected + input.value + options.length) % options.length;
    }
  } finally {
    sim.choice = null;
  }
}

/** One whole conversation: the opening, the choice, the branch, the jingle. */
export function* conversation(sim: DialogueSim, opening: Line[], choices: Choice[]): Behaviour<number> {
  for (const line of opening) yield* sayLine(sim, line);
  const picked = yield* choose(sim, choices.map((choice) => choice.option));
  for (const line of choices[picked].reply) yield* sayLine(sim, line);
  yield* sim.events.jingle(choices[picked].jingle);
  return picked;
}

/** The shop, for ever: talk, then offer to talk again. */
function* shop(sim: DialogueSim): Behaviour {
  yield* waitMs(500);
  for (;;) {
    yield* conversation(sim, OPENING, CHOICES);
    sim.box.line = null;
    sim.hint = 'Press Space to talk again';
    yield* waitSignal(sim.pressed);
    sim.hint = null;
  }
}

/** The default jingle: none. */
function* silence(): Behaviour {}

/** Inputs from the page (or a test). */
export function press(sim: DialogueSim): void {
  sim.pressed.emit();
}
export function moveChoice(sim: DialogueSim, delta: number): void {
  sim.moved.emit(delta);
}
export function pickChoice(sim: DialogueSim, index: number): void {
  if (sim.choice !== null && index >= 0 && index < sim.choice.options.length) sim.picked.emit(index);
}

/**
 * Makes the sim; with `autoStart` (the page) the shop's conversation begins half a second later.
 *
 * @example
 * const sim = createDialogueSim(createScheduler(), { autoStart: false });
 * scheduler.spawn(sayLine(sim, line)); // 32 ms per letter: 10 letters at 320 ms
 */
export function createDialogueSim(scheduler: Scheduler, options: { autoStart?: boolean } = {}): DialogueSim {
  const loop = createGameLoop({ world: createWorld(), scheduler });
  const sim: DialogueSim = {
    loop,
    scheduler,
    box: { line: null, shown: 0, complete: false },
    choice: null,
    hint: null,
    events: { letter() {}, choiceMoved() {}, jingle: silence },
    pressed: createSignal('pressed'),
    moved: createSignal<number>('moved'),
    picked: createSignal<number>('picked'),
  };
  if (options.autoStart !== false) scheduler.spawn(shop(sim), { name: 'shop' });
  return sim;
}

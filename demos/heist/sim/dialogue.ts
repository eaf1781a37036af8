// The Fox's briefing: a typewriter, a line at a time. A press completes the line at once; the next
// press moves on. Choices branch the conversation. Talking pauses the gameplay clock.
import { race, waitMs, waitSignal, type Behaviour } from 'tickflow';
import type { Heist } from './heist.js';

/** The line on screen. */
export interface DialogueState {
  readonly speaker: string;
  readonly text: string;
  /** Letters revealed so far. */
  shownChars: number;
  /** Options to pick from (keys 1-3), or null for a plain line. */
  readonly choices: readonly string[] | null;
  /** The highlighted option (arrow keys move it, Space or Enter picks it); 0 for a plain line. */
  selected: number;
}

/**
 * What the keys do at this moment of a conversation, for the dialogue box: the line types itself,
 * waits for the next press, or asks a question.
 *
 * @example
 * dialogueHint(game.dialogue); // 'Space / Enter / click: next line · Esc: skip the talk'
 */
export function dialogueHint(line: DialogueState): string {
  if (line.choices !== null) return `1-${line.choices.length} or ↑↓ then Space / Enter, or click: answer · Esc: skip the talk`;
  if (line.shownChars < line.text.length) return 'Space / Enter / click: whole line · Esc: skip the talk';
  return 'Space / Enter / click: next line · Esc: skip the talk';
}

/** Typing speed: one letter per LETTER_MS of game time. */
export const LETTER_MS = 28;
const FOX = 'The Fox';

/**
 * Shows a conversation: the gameplay clock stops (guards, cooldowns, particles freeze) until the
 * script ends or the player skips it (Esc).
 *
 * @example
 * yield* conversation(game, briefing(game)); // phase 'talking' until the last line is dismissed
 */
export function* conversation(game: Heist, script: Behaviour): Behaviour {
  game.phase = 'talking';
  game.gameplay.paused = true;
  try {
    yield* race([script, waitSignal(game.skip)]);
  } finally {
    game.dialogue = null;
    game.gameplay.paused = false;
    game.phase = 'playing';
  }
}

/**
 * Types `text` a letter every LETTER_MS (a blip each), or all at once on a press; then waits for the
 * press that moves on.
 *
 * @example
 * yield* say(game, 'The Fox', 'Psst.'); // 5 letters: complete at 140 ms unless pressed sooner
 */
export function* say(game: Heist, speaker: string, text: string): Behaviour {
  const line: DialogueState = { speaker, text, shownChars: 0, choices: null, selected: 0 };
  game.dialogue = line;
  yield* race([typeOut(game, line), waitSignal(game.advance)]);
  line.shownChars = text.length;
  yield* waitSignal(game.advance);
}

/**
 * Reveals the line a letter at a time.
 *
 * @example
 * yield* typeOut(game, line); // 'Hi there' : 8 letters, returns at 224 ms
 */
export function* typeOut(game: Heist, line: DialogueState): Behaviour {
  while (line.shownChars < line.text.length) {
    yield* waitMs(LETTER_MS);
    line.shownChars++;
    if (line.text[line.shownChars - 1] !== ' ') game.events.push({ kind: 'blip' });
  }
}

/**
 * Asks a question with options; returns the index the player picks: key 1-3, a click, or Space /
 * Enter on the option the arrow keys highlighted.
 *
 * @example
 * const pick = yield* choose(game, 'The Fox', 'Questions?', ['No', 'Yes']); // 1 after pressing 2
 */
export function* choose(game: Heist, speaker: string, question: string, options: readonly string[]): Behaviour<number> {
  const line: DialogueState = { speaker, text: question, shownChars: question.length, choices: options, selected: 0 };
  game.dialogue = line;
  const outcome = yield* race([waitSignal(game.choice), waitSignal(game.advance)]);
  const pick = outcome.index === 0 ? outcome.value : line.selected;
  game.events.push({ kind: 'select' });
  return pick;
}

/**
 * The briefing at the start: what to do, and answers for as long as the player has questions.
 *
 * @example
 * yield* conversation(game, briefing(game));
 */
export function* briefing(game: Heist): Behaviour {
  yield* say(game, FOX, 'Psst. Over here, kid. The night shift at the museum just started.');
  yield* say(game, FOX, `${game.gemsTotal} gems on display tonight. Take them all, then slip out the door, top right.`);
  for (;;) {
    const pick = yield* choose(game, FOX, 'Any questions?', ["No. Let's go.", 'How do the guards work?', 'What have I got?']);
    if (pick === 0) break;
    if (pick === 1) {
      yield* say(game, FOX, 'They see in a cone, in front of them. Walls and display cases block the view.');
      yield* say(game, FOX, 'If one spots you, break his line of sight. He gives up after a few seconds.');
    } else {
      yield* say(game, FOX, 'Press 1 to dash. 2 drops a smoke bomb: it stuns guards close by, and nobody sees through smoke.');
      yield* say(game, FOX, '3 throws a pebble where your mouse points. Guards go and check the noise.');
    }
  }
  yield* say(game, FOX, "Good luck. And don't get caught.");
}

/**
 * What the Fox says when the player comes back to him during the heist.
 *
 * @example
 * yield* conversation(game, smallTalk(game));
 */
export function* smallTalk(game: Heist): Behaviour {
  if (game.gemsLeft === 0) {
    yield* say(game, FOX, 'You have them all? Then what are you waiting for? The door, top right!');
  } else if (game.gemsLeft === game.gemsTotal) {
    yield* say(game, FOX, 'Still here? The gems will not steal themselves.');
  } else {
    yield* say(game, FOX, `${game.gemsTotal - game.gemsLeft} down, ${game.gemsLeft} to go. Nice work, kid.`);
  }
}

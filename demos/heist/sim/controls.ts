// The heist's controls: which key does what, at each moment of the game. The page feeds it the real
// keyboard; tests feed it key states frame by frame, the same way. No DOM.
import type { Heist, HeistAction } from './heist.js';
import type { Point } from './level.js';

/** The keyboard as the game reads it, by KeyboardEvent.code ("KeyW", "ArrowLeft", "Digit1", "Space"). */
export interface KeyState {
  isDown(code: string): boolean;
  /** The keys pressed since the last call, in order. */
  takePresses(): string[];
}

// While playing: abilities, talk, and the keys that move a conversation on.
const PLAY_KEYS: Record<string, HeistAction> = {
  Digit1: 'dash',
  Digit2: 'smoke',
  Digit3: 'pebble',
  Numpad1: 'dash',
  Numpad2: 'smoke',
  Numpad3: 'pebble',
  KeyE: 'talk',
  Space: 'advance',
  Enter: 'advance',
  NumpadEnter: 'advance',
  Escape: 'skip',
};

// In a conversation the keys answer: 1-3 pick an answer instead of casting, arrows move the highlight.
const TALK_KEYS: Record<string, HeistAction> = {
  ...PLAY_KEYS,
  Digit1: 'choose0',
  Digit2: 'choose1',
  Digit3: 'choose2',
  Numpad1: 'choose0',
  Numpad2: 'choose1',
  Numpad3: 'choose2',
  ArrowUp: 'choiceUp',
  KeyW: 'choiceUp',
  ArrowDown: 'choiceDown',
  KeyS: 'choiceDown',
};

/**
 * The input phase of one frame: held keys become the move direction, `aim` (level px, where the mouse
 * points) the pebble's target, and fresh presses become actions. Returns 'restart' when R asks for a
 * new game (the page makes it; a conversation ignores R).
 *
 * @example
 * game.loop.addSystem('input', () => { if (applyControls(game, keyboard, aim) === 'restart') newGame(); });
 */
export function applyControls(game: Heist, keys: KeyState, aim: Point): 'restart' | undefined {
  const held = (...codes: string[]): number => (codes.some((code) => keys.isDown(code)) ? 1 : 0);
  game.input.moveX = held('KeyD', 'ArrowRight') - held('KeyA', 'ArrowLeft');
  game.input.moveY = held('KeyS', 'ArrowDown') - held('KeyW', 'ArrowUp');
  game.input.aimX = aim.x;
  game.input.aimY = aim.y;
  for (const code of keys.takePresses()) {
    if (code === 'KeyR' && game.phase !== 'talking') return 'restart';
    const action = (game.phase === 'talking' ? TALK_KEYS : PLAY_KEYS)[code];
    if (action !== undefined) game.press(action);
  }
  return undefined;
}

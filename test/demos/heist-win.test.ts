// The heist can be won by playing: a scripted player (test/demos/heist-autopilot.ts) reads the game and
// answers with keys, frame by frame, through the page's own controls (applyControls). Nothing writes
// to a position; the player moves only by the keys it holds.
import { describe, expect, it } from 'vitest';
import { applyControls, type KeyState } from '../../demos/heist/sim/controls.js';
import { createHeist, PLAYER_SPEED_PX_PER_MS, type Heist } from '../../demos/heist/sim/heist.js';
import { findPath, type Point } from '../../demos/heist/sim/level.js';
import { createAutopilot, planHeist, type KeysThisFrame } from './heist-autopilot.js';

const FRAME_MS = 16;
const SEED = 7;

/** A keyboard the test drives: the keys held this frame and the ones tapped since the last frame. */
function scriptedKeyboard(): KeyState & { set(keys: KeysThisFrame): void } {
  let held = new Set<string>();
  let presses: string[] = [];
  return {
    isDown: (code) => held.has(code),
    takePresses() {
      const taken = presses;
      presses = [];
      return taken;
    },
    set(keys) {
      held = new Set(keys.held);
      presses.push(...keys.presses);
    },
  };
}

/** The game as the page runs it: the controls read the keyboard in the loop's input phase. */
function playedGame(): { game: Heist; keyboard: ReturnType<typeof scriptedKeyboard> } {
  const game = createHeist({ seed: SEED });
  const keyboard = scriptedKeyboard();
  game.loop.addSystem('input', () => applyControls(game, keyboard, { x: game.player.x, y: game.player.y }));
  return { game, keyboard };
}

/** Taps a key for one frame. */
function tap(game: Heist, keyboard: ReturnType<typeof scriptedKeyboard>, code: string): void {
  keyboard.set({ held: [], presses: [code] });
  game.step(FRAME_MS);
}

/** Plays the briefing by keyboard: Space through the lines, "What have I got?" by arrows and Enter, then 1. */
function playBriefing(game: Heist, keyboard: ReturnType<typeof scriptedKeyboard>): string[] {
  const heard: string[] = [];
  const note = (): void => {
    if (game.dialogue !== null && heard[heard.length - 1] !== game.dialogue.text) heard.push(game.dialogue.text);
  };
  const answer = (...codes: string[]): void => {
    for (const code of codes) tap(game, keyboard, code);
  };
  for (let i = 0; i < 40 && game.phase === 'talking'; i++) {
    note();
    const line = game.dialogue;
    if (line !== null && line.choices !== null) {
      // First time: down twice and Enter ("What have I got?"); after the answer: 1 ("No. Let's go.").
      if (heard.filter((text) => text === 'Any questions?').length === 1 && !heard.some((text) => text.startsWith('Press 1'))) answer('ArrowDown', 'ArrowDown', 'Enter');
      else answer('Digit1');
    } else {
      tap(game, keyboard, 'Space');
    }
  }
  return heard;
}

describe('the heist, played', () => {
  it('is won through the keyboard alone: briefing answered by keys, three gems, out of the door, never spotted', () => {
    const plan = planHeist({ seed: SEED });
    const { game, keyboard } = playedGame();
    const heard = playBriefing(game, keyboard);
    expect(heard).toContain('Any questions?');
    expect(heard.some((text) => text.startsWith('Press 1 to dash'))).toBe(true);
    expect(game.phase).toBe('playing');

    const pilot = createAutopilot(plan);
    const events: string[] = [];
    let fastestPx = 0;
    for (let frame = 0; frame < 60 * 60 && game.phase === 'playing'; frame++) {
      keyboard.set(pilot.decide(game));
      const before = { x: game.player.x, y: game.player.y };
      game.step(FRAME_MS);
      fastestPx = Math.max(fastestPx, Math.hypot(game.player.x - before.x, game.player.y - before.y));
      for (const event of game.events) if (event.kind !== 'blip' && event.kind !== 'select') events.push(event.kind);
      game.events.length = 0;
    }
    expect([game.phase, game.gemsLeft]).toEqual(['won', 0]);
    expect(events).toEqual(['pickup', 'pickup', 'pickup', 'won']);
    // Walking pace only: the player moved by keys, never jumped.
    expect(fastestPx).toBeLessThanOrEqual(PLAYER_SPEED_PX_PER_MS * FRAME_MS + 1e-9);
    // It takes a while: the route waits for the guards' gaps.
    expect(game.endedAtMs).toBeGreaterThan(15_000);
  }, 60_000); // planning watches the guards for half a minute of game time: about a second

  it('is a challenge: walking the shortest way to each gem, without waiting for the guards, gets caught', () => {
    const { game, keyboard } = playedGame();
    tap(game, keyboard, 'Escape');
    expect(game.phase).toBe('playing');
    const targets: Point[] = [...game.level.gems, { x: game.level.exit.x + game.level.exit.w / 2, y: game.level.exit.y + game.level.exit.h / 2 }];
    let path: Point[] = [];
    for (let frame = 0; frame < 60 * 60 && game.phase === 'playing'; frame++) {
      while (path.length > 0 && Math.hypot(path[0].x - game.player.x, path[0].y - game.player.y) < 3) path.shift();
      if (path.length === 0 && targets.length > 0) path = findPath(game.level, game.player, targets.shift() as Point, 12);
      const held: string[] = [];
      if (path.length > 0) {
        const dx = path[0].x - game.player.x;
        const dy = path[0].y - game.player.y;
        if (Math.abs(dx) > 1.5) held.push(dx > 0 ? 'ArrowRight' : 'ArrowLeft');
        if (Math.abs(dy) > 1.5) held.push(dy > 0 ? 'ArrowDown' : 'ArrowUp');
      }
      keyboard.set({ held, presses: [] });
      game.step(FRAME_MS);
    }
    expect(game.phase).toBe('lost');
    expect(game.gemsLeft).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { createHeist, type Heist, type HeistEvent } from '../../demos/heist/sim/heist.js';
import { findPath, hitsWall, museum, walkableLine, type Level } from '../../demos/heist/sim/level.js';
import { GIVE_UP_MS, VIEW_RANGE_PX } from '../../demos/heist/sim/guards.js';
import { applyControls } from '../../demos/heist/sim/controls.js';
import { dialogueHint, LETTER_MS } from '../../demos/heist/sim/dialogue.js';

const FRAME_MS = 16;

function run(game: Heist, ms: number): void {
  for (let elapsedMs = 0; elapsedMs < ms; elapsedMs += FRAME_MS) game.step(FRAME_MS);
}

function runUntil(game: Heist, done: () => boolean, limitMs = 20_000): number {
  for (let elapsedMs = 0; elapsedMs <= limitMs; elapsedMs += FRAME_MS) {
    if (done()) return elapsedMs;
    game.step(FRAME_MS);
  }
  throw new Error(`not done within ${limitMs} ms`);
}

function kinds(events: HeistEvent[]): string[] {
  return events.map((event) => event.kind);
}

/** An empty hall with one guard pacing between two points, facing right at the start. */
const hall: Level = {
  widthPx: 800,
  heightPx: 400,
  walls: [
    { x: 0, y: 0, w: 800, h: 16 },
    { x: 0, y: 384, w: 800, h: 16 },
    { x: 0, y: 0, w: 16, h: 400 },
    { x: 784, y: 0, w: 16, h: 400 },
    { x: 380, y: 250, w: 40, h: 120 },
  ],
  playerStart: { x: 60, y: 340 },
  npc: { x: 100, y: 340 },
  exit: { x: 720, y: 30, w: 50, h: 50 },
  gems: [{ x: 200, y: 340 }],
  guardRoutes: [
    [
      { x: 200, y: 100 },
      { x: 600, y: 100 },
    ],
  ],
};

describe('createHeist', () => {
  it('starts with the briefing: gameplay paused, guards standing still', () => {
    const game = createHeist();
    const guard = game.guards[0];
    const start = [guard.x, guard.y];
    run(game, 1_000);
    expect([game.phase, game.gameplay.paused, game.dialogue?.speaker]).toEqual(['talking', true, 'The Fox']);
    expect([guard.x, guard.y]).toEqual(start);
    expect(game.guards).toHaveLength(museum.guardRoutes.length);
    expect(game.gems()).toHaveLength(museum.gems.length);
  });
});

describe('briefing', () => {
  it('types one letter per LETTER_MS with a blip each, and a press completes the line at once', () => {
    const game = createHeist();
    run(game, LETTER_MS * 5);
    const line = game.dialogue!;
    expect(line.text.startsWith('Psst.')).toBe(true);
    // 5 letters of "Psst." after 5 x 28 ms (frames of 16 ms: the 5th letter lands in the 9th frame).
    expect(line.shownChars).toBe(5);
    expect(kinds(game.events).filter((kind) => kind === 'blip')).toHaveLength(5);
    game.press('advance');
    expect(game.dialogue!.shownChars).toBe(line.text.length);
    game.press('advance');
    expect(game.dialogue!.text).toMatch(/^1 gems|^3 gems/);
  });

  it('branches on the choice and starts the game after "No. Let\'s go."', () => {
    const game = createHeist();
    game.press('advance');
    game.press('advance');
    game.press('advance');
    game.press('advance');
    expect(game.dialogue!.choices).toHaveLength(3);
    game.press('choose2'); // "What have I got?"
    expect(game.dialogue!.text).toMatch(/^Press 1 to dash/);
    for (let i = 0; i < 4; i++) game.press('advance');
    expect(game.dialogue!.choices).not.toBeNull();
    game.press('choose0');
    game.press('advance');
    game.press('advance');
    expect([game.phase, game.gameplay.paused, game.dialogue]).toEqual(['playing', false, null]);
  });

  it('at "Any questions?" takes an answer by the arrow keys and Enter, and says so', () => {
    const game = createHeist();
    const hints: string[] = [dialogueHint(game.dialogue!)];
    game.press('advance');
    hints.push(dialogueHint(game.dialogue!));
    for (let i = 0; i < 3; i++) game.press('advance');
    const question = game.dialogue!;
    expect(question.text).toBe('Any questions?');
    hints.push(dialogueHint(question));
    game.press('choiceDown');
    game.press('choiceDown');
    game.press('choiceDown'); // wraps round to the first answer
    game.press('choiceUp'); // and back up to the last: "What have I got?"
    expect(question.selected).toBe(2);
    game.press('advance'); // Space / Enter pick the highlighted answer
    expect(game.dialogue!.text).toMatch(/^Press 1 to dash/);
    expect(hints).toEqual([
      'Space / Enter / click: whole line · Esc: skip the talk',
      'Space / Enter / click: next line · Esc: skip the talk',
      '1-3 or ↑↓ then Space / Enter, or click: answer · Esc: skip the talk',
    ]);
  });

  it('at a question, E does not pick an answer and 1-3 do not cast', () => {
    const game = createHeist();
    for (let i = 0; i < 4; i++) game.press('advance');
    game.press('talk');
    expect(game.dialogue!.text).toBe('Any questions?');
    game.press('dash');
    expect([game.abilities[0].state, game.dialogue!.text]).toEqual(['ready', 'Any questions?']);
    game.press('choose0');
    game.press('advance');
    game.press('advance');
    expect(game.phase).toBe('playing');
  });

  it('ends at once on skip', () => {
    const game = createHeist();
    game.press('skip');
    expect(game.phase).toBe('playing');
  });
});

describe('guards', () => {
  it('patrol their route while the player is out of sight', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    runUntil(game, () => guard.x > 590);
    expect(guard.mode).toBe('patrol');
    expect(guard.y).toBeCloseTo(100);
  });

  it('spot the player in their cone, chase, catch him: the game is lost', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    game.player.x = guard.x + VIEW_RANGE_PX - 20;
    game.player.y = guard.y;
    game.step(FRAME_MS);
    game.step(FRAME_MS);
    expect(guard.mode).toBe('alert');
    runUntil(game, () => game.phase === 'lost');
    expect([guard.mode, game.caughtBy]).toEqual(['caught', 0]);
    expect(kinds(game.events)).toContain('caught');
  });

  it('give up GIVE_UP_MS after losing sight of the player, search, then walk back to their route', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    game.player.x = 330;
    game.player.y = 100;
    runUntil(game, () => guard.mode === 'chase');
    // The player slips behind the pillar: the guard runs to where he saw him last, and sees nobody.
    game.player.x = 450;
    game.player.y = 360;
    const lostAtMs = runUntil(game, () => guard.mode === 'search');
    expect(lostAtMs).toBeGreaterThanOrEqual(GIVE_UP_MS - FRAME_MS);
    expect(lostAtMs).toBeLessThan(GIVE_UP_MS + 200);
    expect(kinds(game.events)).toContain('giveUp');
    runUntil(game, () => guard.mode === 'patrol');
    runUntil(game, () => Math.abs(guard.y - 100) < 1 && (Math.abs(guard.x - 200) < 1 || Math.abs(guard.x - 600) < 1));
    expect(game.phase).toBe('playing');
  });

  it('find their way around a pillar to a pebble that lands behind it', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    game.player.x = 250;
    game.player.y = 340;
    game.input.aimX = 440;
    game.input.aimY = 300;
    game.press('pebble');
    runUntil(game, () => guard.mode === 'investigate');
    expect(walkableLine(hall, guard, { x: 440, y: 300 }, 13)).toBe(false);
    runUntil(game, () => Math.hypot(guard.x - 440, guard.y - 300) < 2);
    // Arrived: still checking the noise (or already looking around the spot).
    expect(['investigate', 'search']).toContain(guard.mode);
  });

  it('go and look at a pebble that lands within earshot', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    game.input.aimX = 300;
    game.input.aimY = 300;
    game.press('pebble');
    runUntil(game, () => guard.mode === 'investigate');
    expect(kinds(game.events)).toContain('noise');
    runUntil(game, () => Math.hypot(guard.x - 300, guard.y - 300) < 2);
    runUntil(game, () => guard.mode === 'return' || guard.mode === 'patrol');
  });
});

describe('findPath', () => {
  it('goes around a wall in straight walkable legs, and ends at the target', () => {
    const path = findPath(hall, { x: 300, y: 330 }, { x: 500, y: 330 }, 13);
    expect(path.length).toBeGreaterThan(1);
    expect(path[path.length - 1]).toEqual({ x: 500, y: 330 });
    let at = { x: 300, y: 330 };
    for (const point of path) {
      expect(walkableLine(hall, at, point, 13)).toBe(true);
      at = point;
    }
  });

  it('finds a way from the hideout to every gem and to the exit of the museum', () => {
    const targets = [...museum.gems, { x: museum.exit.x + museum.exit.w / 2, y: museum.exit.y + museum.exit.h / 2 }];
    for (const target of targets) expect(findPath(museum, museum.playerStart, target, 12).length).toBeGreaterThan(0);
  });

  it('is a single leg when the way is clear, and empty when the target cannot be reached', () => {
    expect(findPath(hall, { x: 100, y: 100 }, { x: 300, y: 150 }, 13)).toEqual([{ x: 300, y: 150 }]);
    const boxed: Level = { ...hall, walls: [...hall.walls, { x: 600, y: 16, w: 16, h: 368 }] };
    expect(hitsWall(boxed, 700, 200, 13)).toBe(false);
    expect(findPath(boxed, { x: 100, y: 200 }, { x: 700, y: 200 }, 13)).toEqual([]);
  });
});

describe('abilities', () => {
  it('smoke stuns a guard close by; a second cast during the cooldown does nothing, and works after', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    const smoke = game.abilities.find((ability) => ability.name === 'smoke')!;
    game.player.x = guard.x;
    game.player.y = guard.y + 90;
    game.press('smoke');
    expect([smoke.state, guard.mode, game.smokes.length]).toEqual(['cooldown', 'stunned', 1]);
    run(game, 1_000);
    game.press('smoke');
    expect(game.smokes.length).toBe(1);
    expect(kinds(game.events).filter((kind) => kind === 'cast')).toEqual(['cast']);
    expect(kinds(game.events)).toContain('denied');
    runUntil(game, () => smoke.state === 'ready');
    expect(game.gameplay.nowMs).toBeGreaterThanOrEqual(smoke.cooldownMs);
    game.press('smoke');
    expect(kinds(game.events).filter((kind) => kind === 'cast')).toEqual(['cast', 'cast']);
  });

  it('hides the player from a guard looking at him through the smoke', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const guard = game.guards[0];
    game.player.x = guard.x + 140;
    game.player.y = guard.y;
    game.press('smoke');
    game.step(FRAME_MS);
    game.step(FRAME_MS);
    expect([game.player.hidden, guard.seesPlayer]).toEqual([true, false]);
  });

  it('dash moves the player about 136 px in a blink', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    game.player.x = 100;
    game.player.y = 200;
    game.input.moveX = 1;
    game.press('dash');
    run(game, 176);
    game.input.moveX = 0;
    expect(game.player.x).toBeGreaterThan(100 + 120);
    expect(game.player.x).toBeLessThan(100 + 175);
  });

  it('freeze their cooldowns while the game is paused for a conversation', () => {
    const game = createHeist({ level: hall, skipBriefing: true });
    const dash = game.abilities.find((ability) => ability.name === 'dash')!;
    game.press('dash');
    run(game, 500);
    game.player.x = hall.npc.x;
    game.player.y = hall.npc.y;
    game.press('talk');
    expect(game.phase).toBe('talking');
    run(game, 5_000);
    expect(dash.state).toBe('cooldown');
    game.press('advance');
    game.press('advance');
    expect(game.phase).toBe('playing');
    runUntil(game, () => dash.state === 'ready');
  });
});

describe('heist ending', () => {
  it('is won by taking every gem and reaching the exit', () => {
    const game = createHeist({ skipBriefing: true });
    for (const gem of museum.gems) {
      game.player.x = gem.x;
      game.player.y = gem.y;
      game.step(FRAME_MS);
    }
    expect([game.gemsLeft, game.gems().length]).toEqual([0, 0]);
    expect(kinds(game.events).filter((kind) => kind === 'pickup')).toHaveLength(3);
    game.player.x = museum.exit.x + museum.exit.w / 2;
    game.player.y = museum.exit.y + museum.exit.h / 2;
    game.step(FRAME_MS);
    expect(game.phase).toBe('won');
    expect(kinds(game.events)).toContain('won');
    run(game, 1_000);
    expect(game.particles.liveCount).toBeGreaterThan(0);
  });

  it('is not won at the exit while a gem is left', () => {
    const game = createHeist({ skipBriefing: true });
    game.player.x = museum.exit.x + museum.exit.w / 2;
    game.player.y = museum.exit.y + museum.exit.h / 2;
    run(game, 500);
    expect(game.phase).toBe('playing');
  });
});

describe('applyControls', () => {
  const keysOf = (held: string[], presses: string[]) => ({ isDown: (code: string) => held.includes(code), takePresses: () => presses.splice(0) });

  it('turns 1-3 into answers in a conversation and into abilities while playing; R restarts only while playing', () => {
    const game = createHeist();
    const aim = { x: 500, y: 300 };
    for (let i = 0; i < 4; i++) game.press('advance');
    expect(game.dialogue!.text).toBe('Any questions?');
    expect(applyControls(game, keysOf([], ['KeyR', 'Digit3']), aim)).toBeUndefined();
    expect([game.phase, game.dialogue!.text.startsWith('Press 1 to dash'), game.abilities[2].state]).toEqual(['talking', true, 'ready']);
    applyControls(game, keysOf([], ['Escape']), aim);
    expect(game.phase).toBe('playing');
    applyControls(game, keysOf(['KeyD', 'ArrowUp'], ['Digit3']), aim);
    expect([game.input.moveX, game.input.moveY, game.input.aimX, game.abilities[2].state]).toEqual([1, -1, 500, 'cooldown']);
    expect(applyControls(game, keysOf([], ['KeyR']), aim)).toBe('restart');
  });
});

// The arena's guard behaviours on a hand-driven scheduler (no server): patrol, chase, catch,
// cooldown, a shout, and the same game from the same inputs.
import { createScheduler, createSignal, type Signal } from 'tickflow';
import { describe, expect, it } from 'vitest';
import { ArenaState, Guard, Player, STEP_MS, patrolRoute, respawn, type Point } from '../../demos/multiplayer/sim/arena.js';
import { guardMind } from '../../demos/multiplayer/sim/guards.js';
import { parseMove, parseShout } from '../../demos/multiplayer/sim/players.js';

function arena(guardCount: number): { state: ArenaState; heard: Signal<Point>[]; tick: (steps: number) => void; modes: string[][] } {
  const state = new ArenaState();
  const scheduler = createScheduler();
  const heard: Signal<Point>[] = [];
  const modes: string[][] = [];
  for (let i = 0; i < guardCount; i++) {
    const guard = new Guard();
    const route = patrolRoute(i);
    guard.x = route[0].x;
    guard.y = route[0].y;
    guard.target = '';
    state.guards.set(`g${i}`, guard);
    heard.push(createSignal<Point>(`heard g${i}`));
    modes.push([]);
    scheduler.spawn(guardMind(guard, state, route, heard[i]), { name: `guard g${i}` });
  }
  const record = () =>
    [...state.guards.values()].forEach((guard, i) => {
      if (modes[i].at(-1) !== guard.mode) modes[i].push(guard.mode);
    });
  record();
  return {
    state,
    heard,
    modes,
    tick(steps) {
      for (let i = 0; i < steps; i++) {
        scheduler.tick(STEP_MS);
        record();
      }
    },
  };
}

function addPlayer(state: ArenaState, sessionId: string, at: Point): Player {
  const player = new Player();
  player.colour = 0;
  player.caught = 0;
  player.x = at.x;
  player.y = at.y;
  state.players.set(sessionId, player);
  return player;
}

describe('guardMind', () => {
  it('patrols its posts at 70 px/s: a 0.4 s pause at (120,100), then (680,100) 8 s later', () => {
    const game = arena(1);
    const guard = game.state.guards.get('g0')!;
    // 8 steps of pause; the 9th step (the one the pause ends in) is the first of 160 steps of 3.5 px.
    game.tick(166);
    expect(guard.x).toBeLessThan(680);
    game.tick(1);
    expect([guard.x, guard.y]).toEqual([680, 100]);
    expect(game.modes[0]).toEqual(['patrol']);
  });

  it('chases a player it sees, catches them, rests on its cooldown, then patrols again', () => {
    const game = arena(1);
    const player = addPlayer(game.state, 'p1', { x: 220, y: 100 }); // 100 px from the guard: in sight
    game.tick(1);
    expect(game.state.guards.get('g0')!.target).toBe('p1');
    game.tick(40); // 115 px/s closes 80 px in under a second
    expect(player.caught).toBe(1);
    const corner = new Player();
    corner.colour = 0;
    respawn(corner);
    expect([player.x, player.y]).toEqual([corner.x, corner.y]);
    game.tick(30); // the 1.5 s cooldown
    // (40,40) is 100 px from the post at (120,100): seen again at once after the cooldown.
    expect(game.modes[0]).toEqual(['patrol', 'chase', 'cooldown', 'patrol', 'chase']);
  });

  it('gives up on a player who leaves the room mid-chase', () => {
    const game = arena(1);
    addPlayer(game.state, 'p1', { x: 260, y: 100 });
    game.tick(3);
    expect(game.state.guards.get('g0')!.mode).toBe('chase');
    game.state.players.delete('p1');
    game.tick(1);
    expect(game.state.guards.get('g0')!.mode).toBe('patrol');
    expect(game.state.guards.get('g0')!.target).toBe('');
  });

  it('walks to a shout when patrolling, looks around, then patrols again', () => {
    const game = arena(1);
    game.heard[0].emit({ x: 120, y: 300 });
    expect(game.state.guards.get('g0')!.mode).toBe('investigate');
    game.tick(60); // 200 px at 115 px/s, then 0.8 s looking around
    expect(game.modes[0]).toEqual(['patrol', 'investigate', 'patrol']);
  });

  it('plays the same game from the same inputs', () => {
    const run = () => {
      const game = arena(4);
      addPlayer(game.state, 'p1', { x: 40, y: 40 });
      addPlayer(game.state, 'p2', { x: 760, y: 440 });
      game.tick(200);
      game.heard[2].emit({ x: 400, y: 240 });
      game.tick(200);
      return JSON.stringify(game.state.toJSON());
    };
    expect(run()).toBe(run());
  });
});

describe('parseMove and parseShout', () => {
  it('accept well-formed input and normalise diagonals', () => {
    expect(parseMove({ dx: 1, dy: 1 }).dx).toBeCloseTo(Math.SQRT1_2);
    expect(parseMove({ dx: 0, dy: -1 })).toEqual({ dx: 0, dy: -1 });
    expect(parseShout(undefined)).toBe(true);
  });

  it('throw a reason for anything else', () => {
    for (const raw of [null, 'up', [1, 0], { dx: 1 }, { dx: Infinity, dy: 0 }, { dx: 2, dy: 0 }, { dx: '1', dy: 0 }]) {
      expect(() => parseMove(raw)).toThrow(/move expects/);
    }
    expect(() => parseShout({ x: 1 })).toThrow('shout takes no payload');
  });
});

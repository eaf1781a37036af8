// The synced state of the multiplayer arena (@colyseus/schema 3) and its geometry. No DOM, no
// Colyseus server: the room (../server) and the tests import it; the browser page only reads the
// decoded state.
import { schema, type SchemaType } from '@colyseus/schema';

export const ARENA_WIDTH_PX = 800;
export const ARENA_HEIGHT_PX = 480;
/** Simulation step of the room: 20 steps per second. */
export const STEP_MS = 50;

/** A player: moved by the server from the direction its client sends. */
export const Player = schema(
  {
    x: 'number',
    y: 'number',
    /** 0..5, picks the colour on screen. */
    colour: 'uint8',
    /** Times a guard caught this player. */
    caught: 'uint16',
  },
  'Player',
);
export type Player = SchemaType<typeof Player>;

/** A guard: a server behaviour moves it; `mode` says which part of its mind runs. */
export const Guard = schema(
  {
    x: 'number',
    y: 'number',
    /** 'patrol' | 'chase' | 'investigate' | 'cooldown'. */
    mode: 'string',
    /** The sessionId of the player it chases ('' when none). */
    target: 'string',
  },
  'Guard',
);
export type Guard = SchemaType<typeof Guard>;

/** The room's state: guards by id, players by sessionId. */
export const ArenaState = schema(
  {
    guards: { map: Guard },
    players: { map: Player },
  },
  'ArenaState',
);
export type ArenaState = SchemaType<typeof ArenaState>;

/** Where guard `index` patrols: a loop of posts around the arena. */
export function patrolRoute(index: number): { x: number; y: number }[] {
  const routes = [
    [{ x: 120, y: 100 }, { x: 680, y: 100 }, { x: 680, y: 200 }, { x: 120, y: 200 }],
    [{ x: 680, y: 380 }, { x: 120, y: 380 }, { x: 120, y: 280 }, { x: 680, y: 280 }],
    [{ x: 400, y: 60 }, { x: 400, y: 420 }],
    [{ x: 60, y: 240 }, { x: 740, y: 240 }],
  ];
  return routes[index % routes.length];
}

/** A position in the arena, px. */
export interface Point {
  x: number;
  y: number;
}

/** Distance between two points, px. */
export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** Puts a player back at the start (after a guard caught them): a corner picked by its colour. */
export function respawn(player: Player): void {
  player.x = player.colour % 2 === 0 ? 40 : ARENA_WIDTH_PX - 40;
  player.y = player.colour % 4 < 2 ? 40 : ARENA_HEIGHT_PX - 40;
}

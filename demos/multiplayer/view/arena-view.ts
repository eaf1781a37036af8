// Draws the arena from the synced state: floor, patrol posts, guards (coloured by what their mind
// is doing) and players, each at its interpolated position.
import { Container, Graphics, Text, type Application } from 'pixi.js';
import { ARENA_HEIGHT_PX, ARENA_WIDTH_PX, patrolRoute } from '../sim/arena.js';
import { SnapshotBuffer } from './interpolation.js';

export const FLOOR_COLOUR = 0x23283a;
const MODE_COLOURS: Record<string, number> = { patrol: 0x7bd88f, chase: 0xff6b6b, investigate: 0xffd166, cooldown: 0x8d96b0 };
const PLAYER_COLOURS = [0x82aaff, 0xc792ea, 0xf78c6c, 0x89ddff, 0xffcb6b, 0xf07178];

/** What the view needs from the decoded room state (colyseus.js gives MapSchema-like maps). */
export interface SyncedState {
  guards: { forEach(callback: (guard: { x: number; y: number; mode: string }, id: string) => void): void };
  players: { forEach(callback: (player: { x: number; y: number; colour: number; caught: number }, id: string) => void): void };
}

/** The arena's pixi scene. */
export interface ArenaView {
  /** Call when a state patch arrived: records a snapshot for interpolation. */
  patched(state: SyncedState, nowMs: number): void;
  /** Moves every sprite to its interpolated position for `nowMs`; returns the guards' drawn positions. */
  draw(state: SyncedState, nowMs: number, ownSessionId: string | undefined): Map<string, { x: number; y: number }>;
  /** A line of text over the arena (connection status); empty hides it. */
  setBanner(text: string): void;
}

/**
 * Builds the scene on the app's stage.
 *
 * @example
 * const view = createArenaView(page.app);
 * room.onStateChange((state) => view.patched(state, performance.now()));
 */
export function createArenaView(app: Application): ArenaView {
  const floor = new Graphics().rect(0, 0, ARENA_WIDTH_PX, ARENA_HEIGHT_PX).fill(FLOOR_COLOUR);
  for (let x = 40; x < ARENA_WIDTH_PX; x += 40) floor.moveTo(x, 0).lineTo(x, ARENA_HEIGHT_PX);
  for (let y = 40; y < ARENA_HEIGHT_PX; y += 40) floor.moveTo(0, y).lineTo(ARENA_WIDTH_PX, y);
  floor.stroke({ color: 0x2d3348, width: 1 });
  for (let i = 0; i < 4; i++) for (const post of patrolRoute(i)) floor.circle(post.x, post.y, 4).fill(0x3a4260);
  const banner = new Text({ text: '', style: { fontFamily: 'system-ui, sans-serif', fontSize: 18, fill: 0xe8e8ee, align: 'center', wordWrap: true, wordWrapWidth: ARENA_WIDTH_PX - 80 } });
  banner.anchor.set(0.5);
  banner.position.set(ARENA_WIDTH_PX / 2, ARENA_HEIGHT_PX / 2);
  const layer = new Container();
  app.stage.addChild(floor, layer, banner);

  const sprites = new Map<string, Graphics>();
  const snapshots = new SnapshotBuffer();

  function sprite(key: string, make: () => Graphics): Graphics {
    let made = sprites.get(key);
    if (made === undefined) {
      made = make();
      sprites.set(key, made);
      layer.addChild(made);
    }
    return made;
  }

  return {
    patched(state, nowMs) {
      const positions = new Map<string, { x: number; y: number }>();
      state.guards.forEach((guard, id) => positions.set(`guard:${id}`, { x: guard.x, y: guard.y }));
      state.players.forEach((player, id) => positions.set(`player:${id}`, { x: player.x, y: player.y }));
      snapshots.push(nowMs, positions);
    },
    draw(state, nowMs, ownSessionId) {
      const renderAtMs = nowMs - 100;
      const seen = new Set<string>();
      const drawn = new Map<string, { x: number; y: number }>();
      state.guards.forEach((guard, id) => {
        const key = `guard:${id}`;
        seen.add(key);
        const body = sprite(key, () => new Graphics());
        body.clear().circle(0, 0, 11).fill(MODE_COLOURS[guard.mode] ?? 0xffffff).circle(0, 0, 11).stroke({ color: 0x10131a, width: 2 });
        if (guard.mode === 'chase') body.circle(0, 0, 150).stroke({ color: 0xff6b6b, width: 1, alpha: 0.35 });
        const at = snapshots.sample(key, renderAtMs) ?? guard;
        body.position.set(at.x, at.y);
        drawn.set(id, { x: at.x, y: at.y });
      });
      state.players.forEach((player, id) => {
        const key = `player:${id}`;
        seen.add(key);
        const body = sprite(key, () => new Graphics());
        body.clear().roundRect(-9, -9, 18, 18, 4).fill(PLAYER_COLOURS[player.colour % PLAYER_COLOURS.length]);
        if (id === ownSessionId) body.circle(0, 0, 15).stroke({ color: 0xffffff, width: 2 });
        const at = snapshots.sample(key, renderAtMs) ?? player;
        body.position.set(at.x, at.y);
      });
      for (const [key, body] of sprites) {
        if (seen.has(key)) continue;
        body.destroy();
        sprites.delete(key);
      }
      return drawn;
    },
    setBanner(text) {
      banner.text = text;
      banner.visible = text !== '';
    },
  };
}

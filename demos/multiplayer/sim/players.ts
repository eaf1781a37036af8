// Players on the server: a client sends the direction it wants to go ("move") and may shout
// ("shout"); the server moves the player and decides where the shout is heard. Client input is
// validated here: anything else is rejected before it can change the game.
import { waitFrames, type Behaviour, type Signal } from 'tickflow';
import type { MessageChannel, ReceivedMessage } from 'tickflow/colyseus';
import { ARENA_HEIGHT_PX, ARENA_WIDTH_PX, STEP_MS, distance, type ArenaState, type Guard, type Player, type Point } from './arena.js';

const PLAYER_PX_PER_S = 160;
const MARGIN_PX = 12;

/** Where the client wants its player to go: each axis in -1..1 (0 stands still). */
export interface Steering {
  dx: number;
  dy: number;
}

/**
 * Validates a "move" message: `{ dx, dy }` with finite numbers in -1..1. Throws (the message is
 * rejected) for anything else.
 */
export function parseMove(raw: unknown): Steering {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('move expects { dx, dy }');
  const { dx, dy } = raw as Record<string, unknown>;
  if (typeof dx !== 'number' || typeof dy !== 'number' || !Number.isFinite(dx) || !Number.isFinite(dy)) {
    throw new Error('move expects finite numbers dx and dy');
  }
  if (Math.abs(dx) > 1 || Math.abs(dy) > 1) throw new Error('move expects dx and dy in -1..1');
  const length = Math.hypot(dx, dy);
  // Diagonals are not faster than straight lines.
  return length > 1 ? { dx: dx / length, dy: dy / length } : { dx, dy };
}

/** Validates a "shout" message: no payload (the server knows where the player is). */
export function parseShout(raw: unknown): true {
  if (raw !== undefined && raw !== null) throw new Error('shout takes no payload');
  return true;
}

/** Takes the client's "move" messages for this player and keeps the latest direction. */
export function* steer(steering: Steering, moves: MessageChannel<Steering>, sessionId: string): Behaviour {
  for (;;) {
    const move = yield* moves.receive(sessionId);
    steering.dx = move.dx;
    steering.dy = move.dy;
  }
}

/** Moves the player one step per room step in the direction it steers, inside the arena. */
export function* walk(player: Player, steering: Steering): Behaviour {
  const stepPx = (PLAYER_PX_PER_S * STEP_MS) / 1000;
  for (;;) {
    if (steering.dx !== 0 || steering.dy !== 0) {
      player.x = Math.min(ARENA_WIDTH_PX - MARGIN_PX, Math.max(MARGIN_PX, player.x + steering.dx * stepPx));
      player.y = Math.min(ARENA_HEIGHT_PX - MARGIN_PX, Math.max(MARGIN_PX, player.y + steering.dy * stepPx));
    }
    yield* waitFrames(1);
  }
}

/**
 * Room-level: each shout is heard by the nearest guard that is patrolling, which goes to look.
 * `heard` maps guard ids to the signals their minds wait on.
 */
export function* hearing(shouts: MessageChannel<true>, arena: ArenaState, heard: ReadonlyMap<string, Signal<Point>>): Behaviour {
  for (;;) {
    const shout: ReceivedMessage<true> = yield* shouts.receiveAny();
    const player = arena.players.get(shout.sessionId);
    if (player === undefined) continue;
    let nearest: string | undefined;
    let nearestPx = Infinity;
    arena.guards.forEach((guard: Guard, id: string) => {
      const px = distance(guard, player);
      if (guard.mode === 'patrol' && px < nearestPx) {
        nearest = id;
        nearestPx = px;
      }
    });
    if (nearest !== undefined) heard.get(nearest)?.emit({ x: player.x, y: player.y });
  }
}

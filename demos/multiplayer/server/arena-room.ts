// The arena room: guards are server behaviours on schema entities; players join, steer and shout.
import { Room, type Client } from '@colyseus/core';
import { createSignal, type Signal } from 'tickflow';
import { attachRoomBehaviours, type MessageChannel, type RoomBehaviours } from 'tickflow/colyseus';
import { ArenaState, Guard, Player, STEP_MS, patrolRoute, respawn, type Point } from '../sim/arena.js';
import { guardMind } from '../sim/guards.js';
import { hearing, parseMove, parseShout, steer, walk, type Steering } from '../sim/players.js';

/** Options a client may pass when it creates the room (validated: anything else falls back to defaults). */
export interface ArenaOptions {
  /** Guards in the room, 1..32. Default 4. */
  guards?: number;
}

/** The arena: up to 8 players and 4 guards (or `options.guards`). */
export class ArenaRoom extends Room<ArenaState> {
  /** Set by the load script (scripts/multiplayer-load.ts) to time every step of every arena room. */
  static onStepMeasured: ((elapsedMs: number) => void) | undefined = undefined;
  override maxClients = 8;
  behaviours!: RoomBehaviours;
  #moves!: MessageChannel<Steering>;
  #colours = 0;

  override onCreate(options: ArenaOptions = {}): void {
    this.state = new ArenaState();
    this.behaviours = attachRoomBehaviours(this, { stepMs: STEP_MS, onStepMeasured: ArenaRoom.onStepMeasured });
    const requested = Number(options.guards);
    const guardCount = Number.isInteger(requested) && requested >= 1 && requested <= 32 ? requested : 4;
    const heard = new Map<string, Signal<Point>>();
    for (let i = 0; i < guardCount; i++) {
      const id = `g${i}`;
      const route = patrolRoute(i);
      const guard = new Guard();
      guard.x = route[0].x;
      guard.y = route[0].y;
      guard.mode = 'patrol';
      guard.target = '';
      this.state.guards.set(id, guard);
      const signal = createSignal<Point>(`heard ${id}`);
      heard.set(id, signal);
      this.behaviours.spawnOn(guard, guardMind(guard, this.state, route, signal), { name: `guard ${id}` });
    }
    // Movement is "latest input wins"; shouts are few and each one counts.
    this.#moves = this.behaviours.onMessage('move', { validate: parseMove, capacity: 1, overflow: 'drop-oldest', maxPerSecond: 30, maxBytes: 64 });
    const shouts = this.behaviours.onMessage('shout', { validate: parseShout, by: 'room', capacity: 8, maxPerSecond: 2, maxBytes: 16 });
    this.behaviours.spawn(hearing(shouts, this.state, heard), { name: 'hearing' });
  }

  override onJoin(client: Client): void {
    const player = new Player();
    player.colour = this.#colours++ % 6;
    player.caught = 0;
    respawn(player);
    this.state.players.set(client.sessionId, player);
    const steering: Steering = { dx: 0, dy: 0 };
    this.behaviours.spawnOn(player, steer(steering, this.#moves, client.sessionId), { name: `steer ${client.sessionId}` });
    this.behaviours.spawnOn(player, walk(player, steering), { name: `walk ${client.sessionId}` });
  }

  override onLeave(client: Client): void {
    // Its behaviours (steer, walk) are cancelled at the next step; guards chasing it give up.
    this.state.players.delete(client.sessionId);
  }
}

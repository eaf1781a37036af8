// A room made for the tests: one entity with a long wait (and a finally), a room-level channel of
// pings that wakes a behaviour, a step counter, and (on request) a behaviour that fails.
import { Room, type Client } from '@colyseus/core';
import { ArraySchema, schema, type SchemaType } from '@colyseus/schema';
import { waitFrames, waitMs, type Behaviour } from 'tickflow';
import { attachRoomBehaviours, type MessageChannel, type RoomBehaviours } from 'tickflow/colyseus';

export const Item = schema({ done: 'boolean' }, 'Item');
export type Item = SchemaType<typeof Item>;

export const ProbeState = schema({ items: { map: Item }, log: ['string'], pings: 'uint16', steps: 'uint32' }, 'ProbeState');
export type ProbeState = SchemaType<typeof ProbeState>;

/** Options a test passes to `joinOrCreate('probe', options)`. */
export interface ProbeOptions {
  /** Step the room by hand (room.behaviours.step()). */
  manual?: boolean;
  /** Start a behaviour that throws on the third step. */
  fail?: boolean;
  stepMs?: number;
}

/** "ping": a whole number 1..100. */
export function parsePing(raw: unknown): number {
  if (!(typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= 100)) throw new Error('ping expects a whole number 1..100');
  return raw;
}

function* sleeper(id: string, log: string[], state: ProbeState): Behaviour {
  try {
    log.push(`${id} sleeps`);
    yield* waitMs(60_000);
    log.push(`${id} woke`);
  } finally {
    log.push(`${id} finally`);
    // The state still exists while the room lives: the client sees this line.
    state.log.push(`${id} finally`);
  }
}

function* ponger(pings: MessageChannel<number>, state: ProbeState, log: string[]): Behaviour {
  for (;;) {
    const { message, sessionId } = yield* pings.receiveAny();
    state.pings += message;
    log.push(`ping ${message} from ${sessionId.length > 0 ? 'client' : '?'}`);
  }
}

function* counter(state: ProbeState): Behaviour {
  for (;;) {
    yield* waitFrames(1);
    state.steps++;
  }
}

function* failing(): Behaviour {
  yield* waitFrames(3);
  throw new Error('this behaviour fails on purpose');
}

/** The test room. `room.log` records what behaviours did, also after dispose. */
export class ProbeRoom extends Room<ProbeState> {
  behaviours!: RoomBehaviours;
  pings!: MessageChannel<number>;
  readonly log: string[] = [];
  readonly errors: unknown[] = [];

  override onCreate(options: ProbeOptions = {}): void {
    this.state = new ProbeState();
    this.state.log = new ArraySchema<string>();
    this.state.pings = 0;
    this.state.steps = 0;
    this.behaviours = attachRoomBehaviours(this, {
      stepMs: options.stepMs ?? 20,
      manual: options.manual === true,
      onError: (error) => this.errors.push(error),
    });
    for (const id of ['a', 'b']) {
      const item = new Item();
      item.done = false;
      this.state.items.set(id, item);
      this.behaviours.spawnOn(item, sleeper(id, this.log, this.state), { name: `sleeper ${id}` });
    }
    this.pings = this.behaviours.onMessage('ping', { validate: parsePing, by: 'room', maxPerSecond: 10, capacity: 4, maxBytes: 32 });
    this.behaviours.spawn(ponger(this.pings, this.state, this.log), { name: 'ponger' });
    this.behaviours.spawn(counter(this.state), { name: 'counter' });
    if (options.fail === true) this.behaviours.spawn(failing(), { name: 'failing' });
    // A trusted test control, not a behaviour channel: remove an item from the state.
    this.onMessage('remove', (_client: Client, id: unknown) => {
      if (typeof id === 'string') this.state.items.delete(id);
    });
  }
}

// attachRoomBehaviours on a real Colyseus Room object stepped by hand (manual: true), without a
// server: the order of a step's phases, slots, dispose, and the errors that say how to fix misuse.
import { Room } from '@colyseus/core';
import { Encoder, schema, type SchemaType } from '@colyseus/schema';
import { TickflowError, waitFrames, waitMs, type Behaviour } from 'tickflow';
import { attachRoomBehaviours, type RoomBehaviours } from 'tickflow/colyseus';
import { describe, expect, it } from 'vitest';

const Thing = schema({ hp: 'uint8' }, 'Thing');
type Thing = SchemaType<typeof Thing>;
const World = schema({ things: { map: Thing } }, 'World');
type World = SchemaType<typeof World>;

class PlainRoom extends Room<World> {}

/** A room whose state is tracked by a schema encoder, as Colyseus does once the room is created. */
function makeRoom(): { room: PlainRoom; state: World; behaviours: RoomBehaviours; add: (id: string) => Thing } {
  const room = new PlainRoom();
  const state = new World();
  room.state = state;
  new Encoder(state);
  const behaviours = attachRoomBehaviours(room, { manual: true, stepMs: 50 });
  const add = (id: string) => {
    const thing = new Thing();
    thing.hp = 3;
    state.things.set(id, thing);
    return thing;
  };
  return { room, state, behaviours, add };
}

function* sleeper(name: string, order: string[]): Behaviour {
  try {
    yield* waitMs(10_000);
  } finally {
    order.push(`${name} finally`);
  }
}

function* ticker(order: string[]): Behaviour {
  for (;;) {
    yield* waitFrames(1);
    order.push('tick');
  }
}

describe('RoomBehaviours.step', () => {
  it("cancels a removed entity's behaviours first in the next step, before any behaviour resumes", () => {
    const { state, behaviours, add } = makeRoom();
    const order: string[] = [];
    add('a');
    behaviours.spawnOn(state.things.get('a')!, sleeper('a', order), { name: 'sleeper' });
    behaviours.spawn(ticker(order), { name: 'ticker' });
    behaviours.step();
    state.things.delete('a');
    expect(order).toEqual(['tick']);
    behaviours.step();
    expect(order).toEqual(['tick', 'a finally', 'tick']);
  });

  it('keeps the behaviours of an entity moved to another key within a step', () => {
    const { state, behaviours, add } = makeRoom();
    const order: string[] = [];
    const thing = add('a');
    behaviours.spawnOn(thing, sleeper('a', order));
    state.things.delete('a');
    state.things.set('b', thing);
    behaviours.step();
    expect(order).toEqual([]);
    expect(behaviours.behavioursOf(thing)).toHaveLength(1);
  });

  it('advances time by exactly stepMs per step: waitMs(1000) resumes on the 20th step at 50 ms', () => {
    const { behaviours } = makeRoom();
    const order: number[] = [];
    behaviours.spawn(
      (function* (): Behaviour {
        yield* waitMs(1000);
        order.push(behaviours.frame);
      })(),
    );
    for (let i = 0; i < 25; i++) behaviours.step();
    expect(order).toEqual([20]);
  });

  it('replaces the behaviour in a slot, running the old one\'s finally first', () => {
    const { behaviours, add } = makeRoom();
    const order: string[] = [];
    const thing = add('a');
    behaviours.spawnOn(thing, sleeper('patrol', order), { name: 'patrol', slot: 'brain' });
    behaviours.spawnOn(thing, sleeper('chase', order), { name: 'chase', slot: 'brain' });
    expect(order).toEqual(['patrol finally']);
    expect(behaviours.behavioursOf(thing).map((task) => task.name)).toEqual(['chase']);
    expect(behaviours.cancelOn(thing, 'chase')).toBe(1);
    expect(order).toEqual(['patrol finally', 'chase finally']);
  });

  it('cancels everything on dispose, newest first, and steps no more', () => {
    const { behaviours, add } = makeRoom();
    const order: string[] = [];
    behaviours.spawnOn(add('a'), sleeper('a', order));
    behaviours.spawnOn(add('b'), sleeper('b', order));
    behaviours.spawn(ticker(order));
    behaviours.dispose();
    expect(order).toEqual(['b finally', 'a finally']);
    expect(behaviours.scheduler.liveCount).toBe(0);
    behaviours.step();
    expect(behaviours.frame).toBe(0);
    expect(behaviours.disposed).toBe(true);
  });

  it('reports a failing behaviour through onError and keeps the others running', () => {
    const room = new PlainRoom();
    room.state = new World();
    new Encoder(room.state);
    const errors: string[] = [];
    const behaviours = attachRoomBehaviours(room, { manual: true, onError: (error, task) => errors.push(`${task.name}: ${(error as Error).message}`) });
    const order: string[] = [];
    behaviours.spawn(ticker(order), { name: 'ticker' });
    behaviours.spawn(
      (function* (): Behaviour {
        yield* waitFrames(1);
        throw new Error('boom');
      })(),
      { name: 'faulty' },
    );
    behaviours.step();
    behaviours.step();
    expect(errors).toEqual(['faulty: boom']);
    expect(order).toEqual(['tick', 'tick']);
    expect(behaviours.stats.failed).toBe(1);
  });
});

describe('errors that say how to fix misuse', () => {
  it('refuses an entity that is not in the state', () => {
    const { behaviours } = makeRoom();
    expect(() => behaviours.spawnOn(new Thing(), sleeper('x', []))).toThrow(TickflowError);
    expect(() => behaviours.spawnOn(new Thing(), sleeper('x', []), { name: 'lost' })).toThrow(/behaviour "lost": the entity is not in this room's state\. Add it first/);
  });

  it('refuses to attach twice, or before the state is set', () => {
    const { room } = makeRoom();
    expect(() => attachRoomBehaviours(room)).toThrow(/already has behaviours; call it once, in onCreate/);
    expect(() => attachRoomBehaviours(new PlainRoom())).toThrow(/has no schema state yet\. Set this\.state = new MyState\(\) first/);
    expect(() => attachRoomBehaviours({} as PlainRoom)).toThrow(/expects a Colyseus Room/);
  });

  it('checks message channel options and their use', () => {
    const { behaviours } = makeRoom();
    expect(() => behaviours.onMessage('move', {} as never)).toThrow(/needs \{ validate\(raw\) \}/);
    expect(() => behaviours.onMessage('tickflow:x', { validate: Number })).toThrow(/not starting with "tickflow:"/);
    expect(() => behaviours.onMessage('move', { validate: Number, capacity: 0 })).toThrow(/capacity must be an integer > 0, got 0/);
    const moves = behaviours.onMessage('move', { validate: Number });
    expect(() => behaviours.onMessage('move', { validate: Number })).toThrow(/already has a channel for "move"/);
    expect(() => moves.receiveAny()).toThrow(/buffers per client; use receive\(sessionId\)/);
    expect(() => moves.receive('nobody')).toThrow(/no client with that sessionId is in room/);
  });

  it('refuses step() from inside a behaviour, and spawning after dispose', () => {
    const { behaviours } = makeRoom();
    const caught: unknown[] = [];
    behaviours.spawn(
      (function* (): Behaviour {
        yield* waitFrames(1);
        try {
          behaviours.step();
        } catch (error) {
          caught.push(error);
        }
      })(),
    );
    behaviours.step();
    expect(String(caught[0])).toMatch(/step\(\) was called while a step was running/);
    behaviours.dispose();
    expect(() => behaviours.spawn(ticker([]))).toThrow(/is disposed; its behaviours were cancelled/);
  });
});

// tickflow/colyseus against a real Colyseus 0.16 server on 127.0.0.1 and real colyseus.js clients.
import { matchMaker } from '@colyseus/core';
import { Client, type Room as ClientRoom } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArenaRoom } from '../../demos/multiplayer/server/arena-room.js';
import { startArenaServer, type ArenaServer } from '../../demos/multiplayer/server/arena-server.js';
import { ProbeRoom, type ProbeOptions } from './probe-room.js';

let arena: ArenaServer;
let client: Client;
const joined: ClientRoom[] = [];

beforeAll(async () => {
  arena = await startArenaServer({ rooms: { probe: ProbeRoom } });
  client = new Client(arena.url.replace('ws://', 'http://'));
});

afterAll(async () => {
  await Promise.all(joined.map((room) => (room.connection.isOpen ? room.leave() : undefined)));
  await arena.stop();
});

const poll = { timeout: 5_000, interval: 20 };

async function join<T = any>(name: string, options: object = {}): Promise<ClientRoom<T>> {
  const room = await client.create<T>(name, options);
  joined.push(room);
  // Collect rejections from the first message on, so none is missed.
  (room as ClientRoom & { rejections: unknown[] }).rejections = [];
  room.onMessage('tickflow:rejected', (message) => (room as ClientRoom & { rejections: unknown[] }).rejections.push(message));
  await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
  return room;
}

function serverRoom<R>(room: ClientRoom): R {
  return matchMaker.getLocalRoomById(room.roomId) as R;
}

function rejections(room: ClientRoom): { type: string; reason: string }[] {
  return (room as ClientRoom & { rejections: { type: string; reason: string }[] }).rejections;
}

describe('attachRoomBehaviours on a real server', () => {
  it('lets a joining client see a guard behaviour move the guard in its state', async () => {
    const room = await join('arena');
    const guard = room.state.guards.get('g0');
    const start = { x: guard.x, y: guard.y };
    await expect.poll(() => Math.hypot(guard.x - start.x, guard.y - start.y), poll).toBeGreaterThan(5);
    expect(room.state.players.get(room.sessionId)).toBeDefined();
    await room.leave();
  });

  it('wakes a behaviour with a client message at the start of the next step', async () => {
    const room = await join('probe', { manual: true } satisfies ProbeOptions);
    const server = serverRoom<ProbeRoom>(room);
    room.send('ping', 5);
    await expect.poll(() => server.pings.pending(), poll).toBe(1);
    // Arrived, buffered, not delivered yet: behaviours only see messages at step boundaries.
    expect(server.log.filter((line) => line.startsWith('ping'))).toEqual([]);
    server.behaviours.step();
    expect(server.log.filter((line) => line.startsWith('ping'))).toEqual(['ping 5 from client']);
    await expect.poll(() => room.state.pings, poll).toBe(5);
    await room.leave();
  });

  it('runs the finally of an entity removed from the state while it waits, at the next step', async () => {
    const room = await join('probe', { manual: true } satisfies ProbeOptions);
    const server = serverRoom<ProbeRoom>(room);
    const a = server.state.items.get('a');
    expect(server.behaviours.behavioursOf(a!).map((task) => task.name)).toEqual(['sleeper a']);
    room.send('remove', 'a');
    await expect.poll(() => server.state.items.has('a'), poll).toBe(false);
    expect(server.log).toEqual(['a sleeps', 'b sleeps']);
    server.behaviours.step();
    expect(server.log).toEqual(['a sleeps', 'b sleeps', 'a finally']);
    expect(server.behaviours.behavioursOf(a!)).toEqual([]);
    await expect.poll(() => [...room.state.log], poll).toEqual(['a finally']);
    await room.leave();
  });

  it('cancels every behaviour when the room is disposed, leaving no live task', async () => {
    const room = await join('probe', { stepMs: 10 } satisfies ProbeOptions);
    const server = serverRoom<ProbeRoom>(room);
    await expect.poll(() => room.state.steps, poll).toBeGreaterThan(2);
    expect(server.behaviours.scheduler.liveCount).toBe(4); // two sleepers, ponger, counter
    await room.leave(); // the last client: the room disposes itself
    await expect.poll(() => server.behaviours.disposed, poll).toBe(true);
    expect(server.behaviours.scheduler.liveCount).toBe(0);
    expect(server.log.filter((line) => line.endsWith('finally')).sort()).toEqual(['a finally', 'b finally']);
    const steps = server.behaviours.stats.steps;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(server.behaviours.stats.steps).toBe(steps);
  });

  it('keeps the room running when a chased client disconnects mid-chase', async () => {
    const first = await join('arena');
    const server = serverRoom<ArenaRoom>(first);
    const second = await client.joinById(first.roomId);
    joined.push(second);
    // Players start in corners, guards patrol near them: wait until a guard chases one of the two.
    const targets = () => [...first.state.guards.values()].map((guard: any) => guard.target as string).filter((target) => target !== '');
    await expect.poll(() => targets().length, poll).toBeGreaterThan(0);
    const chased = targets()[0] === first.sessionId ? first : second;
    const watcher = chased === first ? second : first;
    await chased.leave(false); // not consented: the socket just closes
    await expect.poll(() => watcher.state.players.has(chased.sessionId), poll).toBe(false);
    await expect.poll(() => [...watcher.state.guards.values()].some((guard: any) => guard.target === chased.sessionId), poll).toBe(false);
    // The guards go on: positions keep changing, nothing failed.
    const positions = () => [...watcher.state.guards.values()].map((guard: any) => `${guard.x},${guard.y}`).join(' ');
    const before = positions();
    await expect.poll(positions, poll).not.toBe(before);
    expect(server.behaviours.stats.failed).toBe(0);
    await watcher.leave();
  });
});

describe('client messages that are malformed or hostile', () => {
  it('rejects wrong types, unknown types and oversized payloads with a reason, and changes nothing', async () => {
    const room = await join('arena');
    const server = serverRoom<ArenaRoom>(room);
    const me = server.state.players.get(room.sessionId)!;
    const start = { x: me.x, y: me.y };
    const accepted = server.behaviours.stats.accepted;
    const sent: [string, unknown][] = [
      ['move', 'north'],
      ['move', { dx: 'x', dy: 0 }],
      ['move', { dx: 5, dy: 0 }],
      ['move', [1, 0]],
      ['move', { dx: 1, dy: 0, pad: 'x'.repeat(3000) }],
      ['shout', { x: 1, y: 1 }],
      ['teleport', { x: 0, y: 0 }],
    ];
    for (const [type, payload] of sent) {
      room.send(type, payload);
      // One rejection notice per client and step: wait for each before the next.
      await expect.poll(() => rejections(room).length, poll).toBeGreaterThan(0);
      const [notice] = rejections(room).splice(0);
      expect(notice.type).toBe(type);
      // The server sends one notice per client and step: let the step pass before the next message.
      const frame = server.behaviours.frame;
      await expect.poll(() => server.behaviours.frame, poll).toBeGreaterThan(frame);
    }
    expect(server.behaviours.stats.rejected).toBeGreaterThanOrEqual(sent.length);
    expect(server.behaviours.stats.accepted).toBe(accepted);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect({ x: me.x, y: me.y }).toEqual(start);
    expect(room.connection.isOpen).toBe(true);
    await room.leave();
  });

  it('names the reason: the validator message, the size limit, the rate limit, unknown type', async () => {
    const room = await join('probe', { manual: true } satisfies ProbeOptions);
    const server = serverRoom<ProbeRoom>(room);
    const reasons: string[] = [];
    server.behaviours.step();
    const sendAndStep = async (type: string, payload: unknown) => {
      const before = server.behaviours.stats.rejected + server.behaviours.stats.accepted;
      room.send(type, payload);
      await expect.poll(() => server.behaviours.stats.rejected + server.behaviours.stats.accepted, poll).toBe(before + 1);
      server.behaviours.step();
    };
    room.onMessage('tickflow:rejected', (notice: { reason: string }) => reasons.push(notice.reason));
    await sendAndStep('ping', 0);
    await sendAndStep('ping', 'x'.repeat(100));
    await sendAndStep('pong', 1);
    await expect.poll(() => reasons.length, poll).toBe(3);
    expect(reasons).toEqual(['ping expects a whole number 1..100', 'payload larger than 32 bytes', 'unknown message type']);
    expect(server.state.pings).toBe(0);
    await room.leave();
  });

  it('rejects a flood beyond the rate limit and the buffer, keeping what fits', async () => {
    const room = await join('probe', { manual: true } satisfies ProbeOptions);
    const server = serverRoom<ProbeRoom>(room);
    for (let i = 0; i < 200; i++) room.send('ping', 1);
    await expect.poll(() => server.behaviours.stats.accepted + server.behaviours.stats.rejected, poll).toBe(200);
    // 10 per second allowed, buffer of 4: the first 4 wait, everything else is rejected.
    expect(server.behaviours.stats.accepted).toBe(4);
    expect(server.pings.pending()).toBe(4);
    server.behaviours.step();
    server.behaviours.step();
    expect(server.state.pings).toBe(4);
    expect(room.connection.isOpen).toBe(true);
    await room.leave();
  });

  it('closes the connection of a client whose frame exceeds the transport limit, and only that one', async () => {
    const room = await join('arena');
    const other = await client.joinById(room.roomId);
    joined.push(other);
    const left = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    room.send('move', { pad: 'x'.repeat(10_000) });
    expect(await left).toBe(1009);
    const server = serverRoom<ArenaRoom>(other);
    await expect.poll(() => server.state.players.size, poll).toBe(1);
    expect(server.behaviours.stats.failed).toBe(0);
    await other.leave();
  });
});

describe('rooms are isolated', () => {
  it("keeps one room's failing behaviour from affecting another room or its own other behaviours", async () => {
    const faulty = await join('probe', { fail: true, stepMs: 10 } satisfies ProbeOptions);
    const healthy = await join('probe', { stepMs: 10 } satisfies ProbeOptions);
    const faultyServer = serverRoom<ProbeRoom>(faulty);
    await expect.poll(() => faultyServer.errors.length, poll).toBe(1);
    expect(String(faultyServer.errors[0])).toContain('fails on purpose');
    const faultySteps = faulty.state.steps;
    const healthySteps = healthy.state.steps;
    await expect.poll(() => faulty.state.steps, poll).toBeGreaterThan(faultySteps + 3);
    await expect.poll(() => healthy.state.steps, poll).toBeGreaterThan(healthySteps + 3);
    expect(serverRoom<ProbeRoom>(healthy).errors).toEqual([]);
    expect(faultyServer.behaviours.stats.failed).toBe(1);
    await faulty.leave();
    await healthy.leave();
  });
});

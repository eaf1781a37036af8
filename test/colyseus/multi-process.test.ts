// Two arena server processes and one redis-server: rooms are found through either process.
import { Client, type Room as ClientRoom } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, startServerProcess, type Child } from '../../scripts/multiplayer-cluster.js';

let redis: Child | undefined;
const servers: Child[] = [];
const joined: ClientRoom[] = [];

beforeAll(async () => {
  redis = await startRedis();
  const url = `redis://127.0.0.1:${redis.port}`;
  // Started together: each takes a second or two to load under tsx.
  servers.push(...(await Promise.all([startServerProcess(url), startServerProcess(url)])));
}, 120_000);

afterAll(async () => {
  await Promise.all(joined.map((room) => (room.connection.isOpen ? room.leave().catch(() => undefined) : undefined)));
  for (const server of servers) await server.stop();
  await redis?.stop();
}, 30_000);

const poll = { timeout: 10_000, interval: 50 };
const clientOf = (server: Child) => new Client(`http://127.0.0.1:${server.port}`);

describe('arena servers sharing Redis presence and the Redis driver', () => {
  it('lets clients that come through either process reach the same room', async () => {
    const [first, second] = servers;
    const created = await clientOf(first).create<any>('arena');
    joined.push(created);
    // `join` only joins existing rooms: it must find the one the other process knows about.
    const viaSecond = await clientOf(second).join<any>('arena');
    joined.push(viaSecond);
    expect(viaSecond.roomId).toBe(created.roomId);
    await expect.poll(() => created.state.players?.size, poll).toBe(2);
    await expect.poll(() => viaSecond.state.players?.size, poll).toBe(2);
    // Both see the same guards, moved by the one process that holds the room.
    await expect.poll(() => JSON.stringify(viaSecond.state.guards.get('g0')), poll).toBe(JSON.stringify(created.state.guards.get('g0')));
  });

  it('finds a room by id through the process that does not hold it', async () => {
    const [first, second] = servers;
    const a = await clientOf(second).create<any>('arena', { guards: 2 });
    joined.push(a);
    const b = await clientOf(first).joinById<any>(a.roomId);
    joined.push(b);
    await expect.poll(() => b.state.guards?.size, poll).toBe(2);
    await expect.poll(() => a.state.players?.size, poll).toBe(2);
  });

  it('spreads new rooms over both processes', async () => {
    for (let i = 0; i < 4; i++) joined.push(await clientOf(servers[i % 2]).create<any>('arena', { guards: 1 }));
    // The matchmaker creates each room in the process with the fewest rooms (its own count is exact,
    // the other's up to a second old), so the rooms of this file cannot all sit in one process.
    const socketUrl = (room: ClientRoom) => (room.connection.transport as unknown as { ws: { url: string } }).ws.url;
    const ports = new Set(joined.map((room) => Number(new URL(socketUrl(room)).port)));
    expect([...ports].sort()).toEqual(servers.map((server) => server.port).sort());
  });
});

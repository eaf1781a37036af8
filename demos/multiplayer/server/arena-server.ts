// Starts a Colyseus server with the arena room: alone (local presence), or as one of several
// processes sharing Redis presence and the Redis driver, so matchmaking finds rooms in any process.
import { createServer as createNetServer } from 'node:net';
import { Server, matchMaker, type Room } from '@colyseus/core';
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { ArenaRoom } from './arena-room.js';

/** Options of {@link startArenaServer}. */
export interface ArenaServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** `redis://127.0.0.1:6379`: share rooms with other processes through Redis. Default: this process alone. */
  redisUrl?: string;
  /** Extra room types (tests define their own rooms next to the arena). */
  rooms?: Record<string, new () => Room>;
}

/** A running server. */
export interface ArenaServer {
  readonly port: number;
  /** ws://host:port, for colyseus.js `new Client(url)`. */
  readonly url: string;
  readonly server: Server;
  /** The process id Colyseus gave this process (rooms report it in their listing). */
  readonly processId: string;
  stop(): Promise<void>;
}

/** A port nobody listens on now (probed on `host`). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server. One per process: Colyseus's matchmaker is a process-wide singleton.
 *
 * @example
 * const arena = await startArenaServer({ port: 2567 });
 * // new Client(arena.url).joinOrCreate('arena')
 * await arena.stop();
 */
export async function startArenaServer(options: ArenaServerOptions = {}): Promise<ArenaServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port === undefined || options.port === 0 ? await freePort(host) : options.port;
  const redis = options.redisUrl;
  const server = new Server({
    transport: new WebSocketTransport({ maxPayload: 4 * 1024 }),
    presence: redis === undefined ? undefined : new RedisPresence(redis),
    driver: redis === undefined ? undefined : new RedisDriver(redis),
    // With several processes a seat reservation names the process that holds the room; the client
    // connects there directly.
    publicAddress: `${host}:${port}`,
    gracefullyShutdown: false,
    greet: false,
  });
  server.define('arena', ArenaRoom);
  for (const [name, room] of Object.entries(options.rooms ?? {})) server.define(name, room);
  await server.listen(port, host);
  return {
    port,
    url: `ws://${host}:${port}`,
    server,
    processId: matchMaker.processId,
    stop: () => server.gracefullyShutdown(false),
  };
}

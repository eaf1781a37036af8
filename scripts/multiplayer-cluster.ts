// Several arena server processes sharing one Redis (presence + matchmaking driver), all on 127.0.0.1.
//
// Run: npx tsx scripts/multiplayer-cluster.ts [--processes 2] [--port 2567]
//   starts redis-server on a free port (Debian's redis-server, no data on disk), then the arena server
//   in N processes on ports PORT, PORT+1, ...; prints their addresses; Ctrl-C stops all of them.
// The multi-process test and the load script use the same functions.
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../demos/multiplayer/server/arena-server.js';

const repoDir = resolve(import.meta.dirname, '..');

/** A child process we started, stopped by its own pid. */
export interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  /** Output so far (stdout and stderr), for error messages. */
  readonly output: () => string;
  stop(): Promise<void>;
}

function track(child: ChildProcess): { output: () => string; exited: Promise<void> } {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { output: () => text, exited };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(what: string, ready: () => boolean | Promise<boolean>, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready()) return;
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs} ms:\n${output()}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

/**
 * Starts redis-server on a free 127.0.0.1 port: no snapshots, no append-only file, in the foreground
 * as our child (stopped by its pid).
 *
 * @example
 * const redis = await startRedis(); // redis://127.0.0.1:${redis.port}
 * await redis.stop();
 */
export async function startRedis(binary = process.env.REDIS_SERVER ?? 'redis-server'): Promise<Child> {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, exited } = track(child);
  child.once('error', () => undefined);
  await waitFor(`redis-server on port ${port}`, () => accepts(port), child, output, 10_000);
  return { process: child, port, output, stop: () => stopChild(child, exited) };
}

/**
 * Starts the arena server as a child process (tsx), sharing rooms through Redis.
 *
 * @example
 * const server = await startServerProcess(`redis://127.0.0.1:${redis.port}`); // ws://127.0.0.1:${server.port}
 */
export async function startServerProcess(redisUrl: string, port?: number): Promise<Child> {
  const chosen = port ?? (await freePort());
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', resolve(repoDir, 'demos/multiplayer/server/main.ts'), '--port', String(chosen), '--redis', redisUrl],
    { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const { output, exited } = track(child);
  await waitFor(`arena server on port ${chosen}`, () => output().includes('listening on'), child, output, 60_000);
  return { process: child, port: chosen, output, stop: () => stopChild(child, exited) };
}

async function main(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? Number(process.argv[index + 1]) : fallback;
  };
  const count = arg('processes', 2);
  const firstPort = arg('port', 2567);
  const redis = await startRedis();
  console.log(`redis-server on 127.0.0.1:${redis.port} (pid ${redis.process.pid})`);
  const servers: Child[] = [];
  const stopAll = async () => {
    for (const server of servers) await server.stop();
    await redis.stop();
  };
  process.on('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.on('SIGTERM', () => void stopAll().then(() => process.exit(0)));
  try {
    for (let i = 0; i < count; i++) {
      const server = await startServerProcess(`redis://127.0.0.1:${redis.port}`, firstPort + i);
      servers.push(server);
      console.log(`arena server ${i + 1}: ws://127.0.0.1:${server.port} (pid ${server.process.pid})`);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  console.log('Ctrl-C stops them all. Clients may use any of the addresses: matchmaking finds rooms in every process.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

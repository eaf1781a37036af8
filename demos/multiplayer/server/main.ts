// The arena server from the command line:
//   npx tsx demos/multiplayer/server/main.ts [--port 2567] [--host 127.0.0.1] [--redis redis://127.0.0.1:6379]
// Prints "arena server listening on ws://HOST:PORT (process ID)" once it accepts clients. Stops on
// SIGINT / SIGTERM (rooms are disposed, their behaviours cancelled).
import { startArenaServer } from './arena-server.js';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const arena = await startArenaServer({
  port: Number(option('port') ?? process.env.PORT ?? 2567),
  host: option('host') ?? '127.0.0.1',
  redisUrl: option('redis') ?? process.env.REDIS_URL,
});
console.log(`arena server listening on ${arena.url} (process ${arena.processId})`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await arena.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

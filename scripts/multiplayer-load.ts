// Load on the multiplayer arena: N rooms x M bot clients x K guards, against one server process on
// 127.0.0.1. Bounded: it runs each configuration for a fixed time, then stops everything it started.
//
// Run: npx tsx scripts/multiplayer-load.ts [--seconds 10] [--config 10x4x4] [--config 40x4x8 ...]
//   a config is ROOMSxBOTSxGUARDS; default: 10x4x4, 40x4x8, 80x2x16
//
// Prints per configuration: rooms per process, live behaviours per room, the room step's time
// (scheduler.tick plus message delivery, ms: median and p95), steps per second per room (20 when the
// server keeps up), the server process's CPU (% of one core), client messages per second into the
// server, state patches per second received by the bots, and heap per room.
// The server runs in its own process (with --expose-gc), so its CPU and memory are its own; the bots
// run in this process.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { Client, type Room as ClientRoom } from 'colyseus.js';
import { freePort } from '../demos/multiplayer/server/arena-server.js';

interface Config {
  rooms: number;
  bots: number;
  guards: number;
}

/** What the server child reports for a measurement window. */
interface ServerReport {
  rooms: number;
  liveBehavioursPerRoom: number;
  stepMsMedian: number;
  stepMsP95: number;
  steps: number;
  /** Steps per second per room: 20 when the process keeps up with its 50 ms step. */
  stepHz: number;
  cpuPercent: number;
  acceptedPerSecond: number;
  rejected: number;
  heapPerRoomKb: number;
  rssMb: number;
}

const MOVE_EVERY_MS = 250;
const SHOUT_EVERY_MS = 5_000;
const WARMUP_MS = 2_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

// ---- the server child: an arena server that measures itself on request ----

async function serverChild(): Promise<void> {
  const { matchMaker } = await import('@colyseus/core');
  const { ArenaRoom } = await import('../demos/multiplayer/server/arena-room.js');
  const { startArenaServer } = await import('../demos/multiplayer/server/arena-server.js');
  let samples: number[] = [];
  ArenaRoom.onStepMeasured = (elapsedMs) => samples.push(elapsedMs);
  const port = Number(process.argv[process.argv.indexOf('--port') + 1]);
  const gc = (globalThis as { gc?: () => void }).gc;
  const arena = await startArenaServer({ port });
  // Measured with the server up and no room yet: what comes after is rooms and their clients.
  gc?.();
  const baselineHeap = process.memoryUsage().heapUsed;
  let windowStart = { cpu: process.cpuUsage(), atMs: performance.now(), accepted: 0, rejected: 0 };
  const localRooms = async () => {
    const listed = await matchMaker.query({ name: 'arena' });
    return listed.map((entry) => matchMaker.getLocalRoomById(entry.roomId) as InstanceType<typeof ArenaRoom>).filter((room) => room !== undefined);
  };
  const totals = async () => {
    let accepted = 0;
    let rejected = 0;
    for (const room of await localRooms()) {
      accepted += room.behaviours.stats.accepted;
      rejected += room.behaviours.stats.rejected;
    }
    return { accepted, rejected };
  };
  process.on('message', async (message: { cmd: string }) => {
    if (message.cmd === 'start') {
      samples = [];
      windowStart = { cpu: process.cpuUsage(), atMs: performance.now(), ...(await totals()) };
      process.send?.({ cmd: 'started' });
    } else if (message.cmd === 'report') {
      const elapsedMs = performance.now() - windowStart.atMs;
      const cpu = process.cpuUsage(windowStart.cpu);
      const rooms = await localRooms();
      const { accepted, rejected } = await totals();
      const sorted = samples.slice().sort((a, b) => a - b);
      let live = 0;
      for (const room of rooms) live += room.behaviours.scheduler.liveCount;
      gc?.();
      const heap = process.memoryUsage();
      const report: ServerReport = {
        rooms: rooms.length,
        liveBehavioursPerRoom: rooms.length === 0 ? 0 : live / rooms.length,
        stepMsMedian: percentile(sorted, 0.5),
        stepMsP95: percentile(sorted, 0.95),
        steps: sorted.length,
        stepHz: rooms.length === 0 ? 0 : (sorted.length * 1000) / elapsedMs / rooms.length,
        cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
        acceptedPerSecond: ((accepted - windowStart.accepted) * 1000) / elapsedMs,
        rejected: rejected - windowStart.rejected,
        heapPerRoomKb: rooms.length === 0 ? 0 : (heap.heapUsed - baselineHeap) / 1024 / rooms.length,
        rssMb: heap.rss / 1024 / 1024,
      };
      process.send?.({ cmd: 'report', report });
    } else if (message.cmd === 'stop') {
      await arena.stop();
      process.exit(0);
    }
  });
  process.send?.({ cmd: 'ready' });
}

// ---- the parent: bots and the table ----

function parseConfig(text: string): Config {
  const match = /^(\d+)x(\d+)x(\d+)$/.exec(text);
  if (match === null) throw new Error(`--config expects ROOMSxBOTSxGUARDS such as 10x4x4, got "${text}"`);
  const [rooms, bots, guards] = match.slice(1).map(Number);
  if (rooms < 1 || rooms > 500 || bots < 1 || bots > 8 || guards < 1 || guards > 32) {
    throw new Error(`--config ${text}: rooms 1..500, bots 1..8 (the room holds 8), guards 1..32`);
  }
  return { rooms, bots, guards };
}

async function runConfig(config: Config, seconds: number): Promise<{ server: ServerReport; patchesPerSecond: number; botErrors: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, '--server-child', '--port', String(port)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waitFor = (cmd: string) =>
    new Promise<any>((resolve, reject) => {
      const onMessage = (message: { cmd: string }) => {
        if (message.cmd !== cmd) return;
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`server child exited with code ${code}`)));
    });
  const bots: ClientRoom[] = [];
  const timers: NodeJS.Timeout[] = [];
  let patches = 0;
  let botErrors = 0;
  try {
    await waitFor('ready');
    const client = new Client(`http://127.0.0.1:${port}`);
    for (let r = 0; r < config.rooms; r++) {
      const first = await client.create('arena', { guards: config.guards });
      bots.push(first);
      for (let b = 1; b < config.bots; b++) bots.push(await client.joinById(first.roomId));
    }
    bots.forEach((bot, index) => {
      bot.onStateChange(() => patches++);
      bot.onError(() => botErrors++);
      // Bots wander: a new direction every 250 ms, a shout every 5 s, spread over time.
      let step = index;
      timers.push(
        setInterval(() => {
          step++;
          const angle = (step * 2.399) % (2 * Math.PI);
          bot.send('move', { dx: Math.round(Math.cos(angle) * 100) / 100, dy: Math.round(Math.sin(angle) * 100) / 100 });
          if ((step * MOVE_EVERY_MS) % SHOUT_EVERY_MS === 0) bot.send('shout');
        }, MOVE_EVERY_MS),
      );
    });
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    child.send({ cmd: 'start' });
    await waitFor('started');
    const patchesBefore = patches;
    const startedMs = performance.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const patchesPerSecond = ((patches - patchesBefore) * 1000) / (performance.now() - startedMs);
    child.send({ cmd: 'report' });
    const { report } = await waitFor('report');
    return { server: report as ServerReport, patchesPerSecond, botErrors };
  } finally {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(bots.map((bot) => bot.leave().catch(() => undefined)));
    if (child.exitCode === null) {
      child.send({ cmd: 'stop' });
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await new Promise((resolve) => child.once('exit', resolve));
      clearTimeout(killer);
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const seconds = args.includes('--seconds') ? Number(args[args.indexOf('--seconds') + 1]) : 10;
  if (!(seconds >= 1 && seconds <= 120)) throw new Error('--seconds must be 1..120');
  const configs = args.flatMap((arg, i) => (arg === '--config' ? [parseConfig(args[i + 1])] : []));
  if (configs.length === 0) configs.push(parseConfig('10x4x4'), parseConfig('40x4x8'), parseConfig('80x2x16'));
  console.log(`multiplayer load: ${seconds} s per configuration after ${WARMUP_MS / 1000} s warm-up; one server process; bots in this process`);
  console.log('rooms x bots x guards | rooms/process | behaviours/room | step ms median | step ms p95 | steps/s/room | server CPU % | msgs in/s | patches out/s | heap/room KB | server RSS MB');
  for (const config of configs) {
    const { server, patchesPerSecond, botErrors } = await runConfig(config, seconds);
    const row = [
      `${config.rooms} x ${config.bots} x ${config.guards}`.padEnd(21),
      String(server.rooms).padStart(13),
      server.liveBehavioursPerRoom.toFixed(1).padStart(15),
      server.stepMsMedian.toFixed(3).padStart(14),
      server.stepMsP95.toFixed(3).padStart(11),
      server.stepHz.toFixed(1).padStart(12),
      server.cpuPercent.toFixed(1).padStart(12),
      server.acceptedPerSecond.toFixed(0).padStart(9),
      patchesPerSecond.toFixed(0).padStart(13),
      server.heapPerRoomKb.toFixed(0).padStart(12),
      server.rssMb.toFixed(0).padStart(13),
    ];
    console.log(row.join(' | ') + (botErrors > 0 || server.rejected > 0 ? `   (bot errors ${botErrors}, rejected ${server.rejected})` : ''));
  }
}

if (process.argv.includes('--server-child')) await serverChild();
else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

// Multiplayer guards: the guards are behaviours on a Colyseus server; this page only draws the
// synced state (interpolated) and sends the player's input. Open it in two tabs: both see the same
// guards. `npm start` runs the server beside Vite (ws://127.0.0.1:2567); `?server=ws://host:port`
// picks another server, `?room=ID` a given room.
import { Client, type Room } from 'colyseus.js';
import { createScheduler, waitMs, type Behaviour } from 'tickflow';
import { startBrowserLoop } from 'tickflow/browser';
import { createDemoPage } from '../shared/demo-page.js';
import { createKeyboard, type Keyboard } from '../shared/keyboard.js';
import arenaRoomSource from './server/arena-room.ts?raw';
import { ARENA_HEIGHT_PX, ARENA_WIDTH_PX } from './sim/arena.js';
import guardsSource from './sim/guards.ts?raw';
import playersSource from './sim/players.ts?raw';
import { FLOOR_COLOUR, createArenaView, type SyncedState } from './view/arena-view.js';

const page = await createDemoPage({
  title: 'Multiplayer guards',
  helpHtml:
    '<kbd>W</kbd><kbd>A</kbd><kbd>S</kbd><kbd>D</kbd> / arrows move · <kbd>Space</kbd> shout (the nearest patrolling guard comes to look). ' +
    'The guards are server behaviours in a Colyseus room: open this page in a second tab and both see the same guards.',
  code: [
    { name: 'sim/guards.ts', source: guardsSource },
    { name: 'sim/players.ts', source: playersSource },
    { name: 'server/arena-room.ts', source: arenaRoomSource },
  ],
  widthPx: ARENA_WIDTH_PX,
  heightPx: ARENA_HEIGHT_PX,
  background: FLOOR_COLOUR,
});

const params = new URLSearchParams(location.search);
const requested = params.get('server');
// `npm start` (vite.config.ts) tags its pages with the port of the server it started. A built page has
// no server of its own: it connects only when told where (?server=...).
const devPort = document.querySelector('meta[name="tickflow-multiplayer-port"]')?.getAttribute('content');
const serverUrl =
  requested !== null && /^wss?:\/\/[^/]+\/?$/.test(requested) ? requested : devPort != null && /^\d+$/.test(devPort) ? `ws://${location.hostname}:${devPort}` : null;
const view = createArenaView(page.app);
const scheduler = createScheduler();
const keyboard = createKeyboard();

const status = document.createElement('div');
status.className = 'stat';
page.addGroup('Room').append(status);
const guardsBox = document.createElement('div');
guardsBox.className = 'stat';
page.addGroup('Guards (server behaviours)').append(guardsBox);

let room: Room<SyncedState> | undefined;
let connection = 'connecting';

/** Sends the held direction to the server whenever it changes (at most 20 times a second). */
function* sendSteering(target: Room, keys: Keyboard): Behaviour {
  const held = (...codes: string[]): number => (codes.some((code) => keys.isDown(code)) ? 1 : 0);
  let last = '0,0';
  for (;;) {
    const dx = held('KeyD', 'ArrowRight') - held('KeyA', 'ArrowLeft');
    const dy = held('KeyS', 'ArrowDown') - held('KeyW', 'ArrowUp');
    const now = `${dx},${dy}`;
    if (now !== last) {
      target.send('move', { dx, dy });
      last = now;
    }
    yield* waitMs(50);
  }
}

async function connect(url: string): Promise<void> {
  const client = new Client(url);
  const roomId = params.get('room');
  try {
    room = roomId !== null ? await client.joinById<SyncedState>(roomId) : await client.joinOrCreate<SyncedState>('arena');
  } catch (error) {
    connection = 'error';
    view.setBanner(`Could not reach the multiplayer server at ${url}.\nStart it with npm start (it runs beside Vite).`);
    console.warn('multiplayer: could not join', error);
    return;
  }
  connection = 'online';
  view.setBanner('');
  room.onStateChange((state) => view.patched(state, performance.now()));
  room.onMessage('tickflow:rejected', (notice: { type: string; reason: string }) => console.warn(`server rejected "${notice.type}": ${notice.reason}`));
  room.onLeave(() => {
    connection = 'closed';
    view.setBanner('Disconnected from the server. Reload to join again.');
  });
  scheduler.spawn(sendSteering(room, keyboard), { name: 'sendSteering' });
  const link = new URL(location.href);
  link.searchParams.set('room', room.roomId);
  const join = document.createElement('a');
  join.href = link.href;
  join.target = '_blank';
  join.textContent = 'Open this room in another tab';
  status.after(join);
}

if (serverUrl === null) {
  connection = 'offline';
  view.setBanner('This built page has no server. Run npm start and open it from Vite,\nor add ?server=ws://127.0.0.1:2567 for a server you started.');
} else {
  view.setBanner(`Connecting to ${serverUrl} ...`);
  void connect(serverUrl);
}

startBrowserLoop({
  step(dtMs: number): void {
    scheduler.tick(dtMs);
    if (room !== undefined && keyboard.takePresses().includes('Space')) room.send('shout');
    const state = room?.state;
    const nowMs = performance.now();
    if (state?.guards !== undefined && state.players !== undefined) {
      const drawn = view.draw(state, nowMs, room?.sessionId);
      const modes: string[] = [];
      state.guards.forEach((guard, id) => modes.push(`${id}  ${guard.mode}`));
      guardsBox.textContent = modes.join('\n');
      let players = 0;
      let caught = 0;
      state.players.forEach((player, id) => {
        players++;
        if (id === room?.sessionId) caught = player.caught;
      });
      status.textContent = `room     ${room?.roomId}\nplayers  ${players}\ncaught   ${caught}`;
      page.publish('guards', drawn.size);
      page.publish('drawnGuards', [...drawn.values()].map((at) => `${Math.round(at.x)},${Math.round(at.y)}`).join(' '));
    }
    page.publish('connection', connection);
    page.app.render();
  },
});

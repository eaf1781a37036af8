// The multiplayer page in Chromium against a real arena server on a free 127.0.0.1 port: it
// connects, draws the guards the server's behaviours move, and two tabs share one room.
import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArenaRoom } from '../../demos/multiplayer/server/arena-room.js';
import { startArenaServer, type ArenaServer } from '../../demos/multiplayer/server/arena-server.js';
import { countDrawnPixels, disconnectBrowser, openPage, type OpenedPage } from './browser.js';

let arena: ArenaServer;

beforeAll(async () => {
  arena = await startArenaServer();
});

afterAll(async () => {
  await disconnectBrowser();
  await arena.stop();
});

const stageData = (opened: OpenedPage, name: string) => opened.page.$eval('.stage', (stage, key) => (stage as HTMLElement).dataset[key] ?? '', name);

describe('multiplayer page', () => {
  it('connects to the server, draws the guards moving, and shares the room between two tabs', async () => {
    const url = `./multiplayer/?server=${encodeURIComponent(arena.url)}`;
    const first = await openPage(url);
    const second = await openPage(url);
    try {
      for (const opened of [first, second]) {
        await expect.poll(() => stageData(opened, 'connection'), { timeout: 15_000 }).toBe('online');
        await expect.poll(() => stageData(opened, 'guards'), { timeout: 10_000 }).toBe('4');
      }
      // The guards the page draws move (server behaviours, interpolated on the page).
      const drawnBefore = await stageData(first, 'drawnGuards');
      await expect.poll(() => stageData(first, 'drawnGuards'), { timeout: 10_000 }).not.toBe(drawnBefore);
      const { drawn, total } = await countDrawnPixels(first.page);
      expect(drawn / total).toBeGreaterThan(0.01);
      // Both tabs joined the one room: the server holds two players there.
      const roomIds = await Promise.all([first, second].map((opened) => opened.page.locator('.controls .stat').first().textContent()));
      const idOf = (text: string | null) => /room\s+(\S+)/.exec(text ?? '')?.[1];
      expect(idOf(roomIds[0])).toBeDefined();
      expect(idOf(roomIds[0])).toBe(idOf(roomIds[1]));
      const room = matchMaker.getLocalRoomById(idOf(roomIds[0]) as string) as ArenaRoom;
      expect(room.state.players.size).toBe(2);
      expect(room.behaviours.stats.failed).toBe(0);
      expect([...first.errors, ...second.errors]).toEqual([]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('explains that a built page needs a server when none is given, without errors', async () => {
    const opened = await openPage('./multiplayer/');
    try {
      await expect.poll(() => stageData(opened, 'connection'), { timeout: 15_000 }).toBe('offline');
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

// The mini-game in Chromium: the briefing types, Esc skips it, the keyboard moves the player and
// casts; a second smoke bomb during the cooldown does nothing. Reads window.__demo.game (read only).
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { disconnectBrowser, openPage } from './browser.js';

afterAll(disconnectBrowser);

interface GameView {
  phase: string;
  shownChars: number;
  x: number;
  y: number;
  smokes: number;
  smokeState: string;
}

async function readGame(page: Page): Promise<GameView> {
  return page.evaluate(() => {
    interface GameShape {
      phase: string;
      dialogue: { shownChars: number } | null;
      player: { x: number; y: number };
      smokes: unknown[];
      abilities: Array<{ name: string; state: string }>;
    }
    const game = (window as unknown as { __demo: { game: GameShape } }).__demo.game;
    return {
      phase: game.phase,
      shownChars: game.dialogue?.shownChars ?? -1,
      x: game.player.x,
      y: game.player.y,
      smokes: game.smokes.length,
      smokeState: game.abilities.find((ability) => ability.name === 'smoke')?.state ?? 'missing',
    };
  });
}

describe('heist page', () => {
  it('types the briefing, skips it on Esc, and plays from the keyboard', async () => {
    const opened = await openPage('./heist/');
    const { page } = opened;
    try {
      await page.waitForFunction(() => '__demo' in window);
      await expect.poll(async () => (await readGame(page)).shownChars, { timeout: 10_000, interval: 50 }).toBeGreaterThan(3);
      expect((await readGame(page)).phase).toBe('talking');
      await page.locator('canvas').first().focus();
      await page.keyboard.press('Escape');
      await expect.poll(async () => (await readGame(page)).phase, { timeout: 5_000, interval: 20 }).toBe('playing');

      const start = await readGame(page);
      await page.keyboard.down('KeyD');
      await expect.poll(async () => (await readGame(page)).x, { timeout: 5_000, interval: 20 }).toBeGreaterThan(start.x + 20);
      await page.keyboard.up('KeyD');

      await page.keyboard.press('Digit2');
      await expect.poll(async () => (await readGame(page)).smokeState, { timeout: 5_000, interval: 20 }).toBe('cooldown');
      expect((await readGame(page)).smokes).toBe(1);
      await page.keyboard.press('Digit2');
      await page.waitForTimeout(300);
      expect((await readGame(page)).smokes).toBe(1);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

// The mini-game in Chromium: the briefing types, Esc skips it, the keyboard moves the player and
// casts; a second smoke bomb during the cooldown does nothing; and a scripted player wins the game
// through page.keyboard alone. Reads window.__demo.game (read only).
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createAutopilot, planHeist, type PilotView } from '../demos/heist-autopilot.js';
import { disconnectBrowser, openPage, pauseClock } from './browser.js';

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

interface Dialogue {
  text: string;
  shownChars: number;
  choices: string[] | null;
}

const readDialogue = (page: Page): Promise<Dialogue | null> =>
  page.evaluate(() => {
    const game = (window as unknown as { __demo: { game: { dialogue: Dialogue | null } } }).__demo.game;
    return game.dialogue === null ? null : { text: game.dialogue.text, shownChars: game.dialogue.shownChars, choices: game.dialogue.choices };
  });

const readPilotView = (page: Page): Promise<PilotView & { gemsLeft: number }> =>
  page.evaluate(() => {
    const game = (window as unknown as { __demo: { game: PilotView & { gemsLeft: number } } }).__demo.game;
    return { phase: game.phase, gameplay: { nowMs: game.gameplay.nowMs }, player: { x: game.player.x, y: game.player.y }, gemsLeft: game.gemsLeft };
  });

describe('heist page, played to the end', () => {
  it('answers the briefing by keyboard and wins through page.keyboard alone', async () => {
    // Planned before the page opens: the same plan the Node test follows (a copy of the game, watched).
    const plan = planHeist();
    // The page's clock is the test's: each key decision is followed by exactly one animation frame
    // of 48 ms (the page plays as on a 20 fps machine), however long this machine takes to draw it:
    // software WebGL under load can take far longer than the frame itself.
    const opened = await openPage('./heist/', { controlledClock: true });
    const { page } = opened;
    const frame = (): Promise<void> => page.clock.fastForward(48);
    try {
      await page.waitForFunction(() => '__demo' in window);
      // From here on the page's time moves only when the test says.
      await pauseClock(page);
      // The briefing, as a first-time player reads it: Space shows each line whole, then moves on.
      for (let presses = 0; presses < 20; presses++) {
        const line = await readDialogue(page);
        if (line === null) throw new Error('the briefing ended before its question');
        if (line.choices !== null) break;
        await page.keyboard.press('Space');
        await frame();
      }
      expect((await readDialogue(page))?.text).toBe('Any questions?');
      // Down twice to "What have I got?", then Enter: the Fox explains the abilities.
      for (const key of ['ArrowDown', 'ArrowDown', 'Enter']) {
        await page.keyboard.press(key);
        await frame();
      }
      expect((await readDialogue(page))?.text ?? '').toMatch(/^Press 1 to dash/);
      for (let presses = 0; presses < 8 && (await readDialogue(page))?.choices === null; presses++) {
        await page.keyboard.press('Space');
        await frame();
      }
      expect((await readDialogue(page))?.text).toBe('Any questions?');
      // 1 answers "No. Let's go." (a 1 here is an answer, not a dash).
      await page.keyboard.press('Digit1');
      await frame();
      expect((await readDialogue(page))?.text ?? '').toMatch(/^Good luck/);
      await page.keyboard.press('Space');
      await frame();
      await page.keyboard.press('Space');
      await frame();
      expect((await readGame(page)).phase).toBe('playing');

      // The scripted player: read the screen, hold the arrows it asks for, one frame, again.
      const pilot = createAutopilot(plan);
      const held = new Set<string>();
      let view = await readPilotView(page);
      for (let decisions = 0; view.phase === 'playing' && decisions < 1_500; decisions++) {
        const wanted = new Set(pilot.decide(view).held);
        for (const code of held) if (!wanted.has(code)) await page.keyboard.up(code);
        for (const code of wanted) if (!held.has(code)) await page.keyboard.down(code);
        held.clear();
        for (const code of wanted) held.add(code);
        await frame();
        view = await readPilotView(page);
      }
      for (const code of held) await page.keyboard.up(code);
      expect([view.phase, view.gemsLeft]).toEqual(['won', 0]);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 900_000); // about 500 rendered frames: well under a minute on a quiet machine, minutes on a busy one
});

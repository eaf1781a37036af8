// The heist's HUD hides nothing of the playfield: no HUD rectangle covers a spot where the player or a
// guard can stand, and the dialogue box keeps clear of the people talking.
import { describe, expect, it } from 'vitest';
import { GUARD_RADIUS_PX } from '../../demos/heist/sim/guards.js';
import { hitsWall, museum, type Point, type Rect } from '../../demos/heist/sim/level.js';
import { heistHudLayout, HUD_BAR_PX, overlaps } from '../../demos/heist/view/hud-layout.js';

const PLAYER_RADIUS_PX = 11;
const layout = heistHudLayout(museum, 896, 3);

/** Every 4 px spot of the museum where a body of `radiusPx` fits, as the canvas rect it is drawn in. */
function walkableSpots(radiusPx: number): Rect[] {
  const spots: Rect[] = [];
  for (let y = 0; y < museum.heightPx; y += 4) {
    for (let x = 0; x < museum.widthPx; x += 4) {
      if (hitsWall(museum, x, y, radiusPx)) continue;
      spots.push({ x: (x - radiusPx) * layout.scale, y: (y - radiusPx) * layout.scale, w: 2 * radiusPx * layout.scale, h: 2 * radiusPx * layout.scale });
    }
  }
  return spots;
}

function personRect(at: Point): Rect {
  const radiusPx = 20 * layout.scale;
  return { x: at.x * layout.scale - radiusPx, y: at.y * layout.scale - radiusPx, w: 2 * radiusPx, h: 2 * radiusPx };
}

describe('heistHudLayout', () => {
  it('keeps the gem count, the ability slots and the hint off every walkable spot', () => {
    const hudRects = [layout.bar, layout.gems, layout.hint, ...layout.slots];
    const spots = [...walkableSpots(PLAYER_RADIUS_PX), ...walkableSpots(GUARD_RADIUS_PX)];
    expect(spots.length).toBeGreaterThan(10_000);
    const hidden = spots.filter((spot) => hudRects.some((rect) => overlaps(rect, spot)));
    expect(hidden).toEqual([]);
    // The bottom corridor (where guards 3 and 4 walk under the old ability bar) is inside the level.
    expect(overlaps(layout.level, personRect({ x: 392, y: 495 }))).toBe(true);
  });

  it('puts the HUD pieces inside the bar, side by side', () => {
    expect([layout.bar.y, layout.bar.h, layout.heightPx]).toEqual([layout.level.h, HUD_BAR_PX, layout.level.h + HUD_BAR_PX]);
    const pieces = [layout.gems, ...layout.slots, layout.hint];
    for (const piece of pieces) {
      expect(piece.x).toBeGreaterThanOrEqual(0);
      expect(piece.y).toBeGreaterThanOrEqual(layout.bar.y);
      expect(piece.x + piece.w).toBeLessThanOrEqual(layout.widthPx);
      expect(piece.y + piece.h).toBeLessThanOrEqual(layout.bar.y + layout.bar.h);
    }
    for (let i = 0; i < pieces.length; i++) for (let j = i + 1; j < pieces.length; j++) expect(overlaps(pieces[i], pieces[j])).toBe(false);
  });

  it('keeps the briefing box (with its three answers) off the player at the start and the Fox', () => {
    for (const boxHeightPx of [86, 86 + 3 * 26 + 4]) {
      const box = layout.dialogueBox(boxHeightPx, [museum.playerStart, museum.npc]);
      expect(overlaps(box, personRect(museum.playerStart))).toBe(false);
      expect(overlaps(box, personRect(museum.npc))).toBe(false);
      expect(box.y + box.h).toBeLessThanOrEqual(layout.heightPx);
    }
  });

  it('keeps the small-talk box off the player wherever he stands to talk to the Fox', () => {
    for (let angle = 0; angle < Math.PI * 2; angle += Math.PI / 8) {
      const player = { x: museum.npc.x + Math.cos(angle) * 60, y: museum.npc.y + Math.sin(angle) * 60 };
      if (hitsWall(museum, player.x, player.y, PLAYER_RADIUS_PX)) continue;
      const box = layout.dialogueBox(86, [player, museum.npc]);
      expect(overlaps(box, personRect(player))).toBe(false);
      expect(overlaps(box, personRect(museum.npc))).toBe(false);
    }
  });
});

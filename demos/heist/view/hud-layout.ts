// Where the heist's HUD goes on the canvas, as plain rectangles (no pixi): the level fills the top,
// and a bar under it holds the gem count, the ability slots and the hint, so the HUD never hides a
// corridor. The dialogue box goes over the level, on the side away from the people talking.
import type { Level, Point, Rect } from '../sim/level.js';

/** The canvas split into the level and the HUD, in canvas pixels. */
export interface HudLayout {
  /** The whole canvas. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Level px to canvas px. */
  readonly scale: number;
  /** Where the level is drawn (at scale). */
  readonly level: Rect;
  /** The HUD bar under the level. */
  readonly bar: Rect;
  /** The gem count, left in the bar. */
  readonly gems: Rect;
  /** One slot per ability, centred in the bar. */
  readonly slots: readonly Rect[];
  /** The hint ("Stay out of the cones"), right in the bar. */
  readonly hint: Rect;
  /**
   * The dialogue box of height `boxHeightPx`: at the bottom (over the bar) unless that would cover
   * one of `keepVisible` (level px: the player, the Fox), else at the top.
   */
  dialogueBox(boxHeightPx: number, keepVisible: readonly Point[]): Rect;
}

/** Height of the HUD bar under the level. */
export const HUD_BAR_PX = 76;
const SLOT_PX = 58;
const SLOT_GAP_PX = 12;
const MARGIN_PX = 14;
const BOX_INSET_PX = 30;
// A person is drawn about this far around their centre (level px): the box keeps clear of it.
const PERSON_RADIUS_PX = 26;

/**
 * Lays out the HUD for `level` drawn `widthPx` wide with `abilityCount` slots.
 *
 * @example
 * const layout = heistHudLayout(museum, 896, 3); // canvas 896 x 580: level 896 x 504, bar 76 px
 * layout.dialogueBox(168, [game.player, museum.npc]); // { x: 30, y: 12, ... } when both stand low
 */
export function heistHudLayout(level: Level, widthPx: number, abilityCount: number): HudLayout {
  const scale = widthPx / level.widthPx;
  const levelHeightPx = Math.round(level.heightPx * scale);
  const heightPx = levelHeightPx + HUD_BAR_PX;
  const bar: Rect = { x: 0, y: levelHeightPx, w: widthPx, h: HUD_BAR_PX };
  const slotsWidthPx = abilityCount * SLOT_PX + (abilityCount - 1) * SLOT_GAP_PX;
  const slotsLeftPx = (widthPx - slotsWidthPx) / 2;
  const slotTopPx = bar.y + (HUD_BAR_PX - SLOT_PX) / 2;
  const slots = Array.from({ length: abilityCount }, (_, index) => ({ x: slotsLeftPx + index * (SLOT_PX + SLOT_GAP_PX), y: slotTopPx, w: SLOT_PX, h: SLOT_PX }));
  const sideWidthPx = slotsLeftPx - 2 * MARGIN_PX;
  return {
    widthPx,
    heightPx,
    scale,
    level: { x: 0, y: 0, w: widthPx, h: levelHeightPx },
    bar,
    gems: { x: MARGIN_PX, y: bar.y + MARGIN_PX, w: sideWidthPx, h: HUD_BAR_PX - 2 * MARGIN_PX },
    slots,
    hint: { x: widthPx - MARGIN_PX - sideWidthPx, y: bar.y + MARGIN_PX, w: sideWidthPx, h: HUD_BAR_PX - 2 * MARGIN_PX },
    dialogueBox(boxHeightPx, keepVisible) {
      const bottom: Rect = { x: BOX_INSET_PX, y: heightPx - boxHeightPx - 12, w: widthPx - 2 * BOX_INSET_PX, h: boxHeightPx };
      const covers = (box: Rect): boolean =>
        keepVisible.some((point) => point.y * scale + PERSON_RADIUS_PX * scale > box.y && point.y * scale - PERSON_RADIUS_PX * scale < box.y + box.h);
      if (!covers(bottom)) return bottom;
      return { ...bottom, y: 12 };
    },
  };
}

/**
 * True if two rectangles share some area.
 *
 * @example
 * overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 5, h: 5 }); // false: they only touch
 */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

// Draws the dialogue sim: a little clock shop, the two speakers, and the dialogue box with its
// typewriter text and choices. The shop's clocks tick with drift-free tween + waitMs behaviours.
import { CanvasTextMetrics, Container, Graphics, Text, TextStyle, type Application, type FederatedPointerEvent } from 'pixi.js';
import { waitMs, type Behaviour, type Scheduler } from 'tickflow';
import { easeInOutSine, easeOutBack, easeOutQuad, tween } from 'tickflow/tween';
import { pickChoice, press, type DialogueSim } from '../sim/dialogue.js';
import { SPEAKERS, type Speaker } from '../sim/script.js';

export const STAGE = { widthPx: 960, heightPx: 600 } as const;
/** The shop's wall: pass it as the page's background. */
export const WALL_COLOUR = 0x2b2336;
const FONT = 'system-ui, -apple-system, Segoe UI, sans-serif';
const BOX = { x: 40, y: 392, w: 880, h: 180 } as const;
const TEXT_X = BOX.x + 32;
const TEXT_Y = BOX.y + 34;
/** The player, for the name plate while choosing an answer. */
const YOU: Speaker = { name: 'You', voice: 'moss', letterMs: 0, colour: 0xffd866 };

/** The view: `sync()` once per frame in the render phase; `talked()` on every letter. */
export interface DialogueView {
  sync(): void;
  talked(speaker: Speaker): void;
}

/**
 * Builds the scene on `app.stage`, and turns clicks into presses and picks.
 *
 * @example
 * const view = createDialogueView(page.app, sim);
 * sim.loop.addSystem('render', view.sync);
 */
export function createDialogueView(app: Application, sim: DialogueSim): DialogueView {
  const scheduler = sim.scheduler;
  const stage = app.stage;
  stage.addChild(drawShop(scheduler));

  const bramble = drawBramble();
  bramble.position.set(250, 318);
  const moss = drawMoss();
  moss.position.set(700, 306);
  stage.addChild(bramble, moss);
  const portraits = new Map<Speaker, Container>([
    [SPEAKERS.bramble, bramble],
    [SPEAKERS.moss, moss],
  ]);
  for (const portrait of portraits.values()) scheduler.spawn(breathe(portrait.getChildAt(0) as Container), { name: 'breathe' });

  const box = new Graphics();
  const plate = new Graphics();
  const name = new Text({ text: '', style: { fontFamily: FONT, fontSize: 18, fontWeight: '700', fill: 0x14161c } });
  const textStyle = new TextStyle({ fontFamily: FONT, fontSize: 25, fill: 0xf1f1f5, lineHeight: 36, wordWrap: true, wordWrapWidth: BOX.w - 64 });
  const text = new Text({ text: '', style: textStyle });
  text.position.set(TEXT_X, TEXT_Y);
  const more = new Text({ text: '▼', style: { fontFamily: FONT, fontSize: 18, fill: 0xf1f1f5 } });
  more.position.set(BOX.x + BOX.w - 40, BOX.y + BOX.h - 38);
  scheduler.spawn(blink(more), { name: 'blink' });
  const hint = new Text({ text: '', style: { fontFamily: FONT, fontSize: 22, fill: 0x9aa0ae } });
  hint.anchor.set(0.5);
  hint.position.set(BOX.x + BOX.w / 2, BOX.y + BOX.h / 2);
  const marker = new Text({ text: '▶', style: { fontFamily: FONT, fontSize: 20, fill: YOU.colour } });
  const options = [0, 1, 2].map((index) => {
    const option = new Text({ text: '', style: { fontFamily: FONT, fontSize: 23, fill: 0xf1f1f5 } });
    option.position.set(TEXT_X + 34, TEXT_Y + index * 42);
    option.eventMode = 'static';
    option.cursor = 'pointer';
    option.on('pointertap', (event: FederatedPointerEvent) => {
      event.stopPropagation();
      pickChoice(sim, index);
    });
    return option;
  });
  stage.addChild(box, plate, name, text, more, hint, marker, ...options);

  // A click anywhere else is a press, like Space.
  stage.eventMode = 'static';
  stage.hitArea = app.screen;
  stage.on('pointertap', () => press(sim));

  let shownLine: unknown = null;
  let shownCount = -1;
  let speaker: Speaker | null = null;
  let wrap: { lines: string[]; starts: number[] } = { lines: [], starts: [] };
  const bouncing = new Set<Container>();
  const focus = new Map<Container, { light: number }>([...portraits.values()].map((portrait) => [portrait, { light: 1 }]));

  return {
    sync(): void {
      const line = sim.box.line;
      const choice = sim.choice;
      const active = choice !== null ? YOU : (line?.speaker ?? null);
      if (active !== speaker) {
        speaker = active;
        for (const [who, portrait] of portraits) {
          scheduler.spawn(tween(focus.get(portrait)!, { light: who === active || active === null ? 1 : 0 }, 250, easeOutQuad), { name: 'focus' });
        }
        box.clear().roundRect(BOX.x, BOX.y, BOX.w, BOX.h, 16).fill(0x14161c).stroke({ color: active?.colour ?? 0x3a3f4d, width: 3 });
        plate.clear();
        name.text = active?.name ?? '';
        if (active !== null) {
          plate.roundRect(BOX.x + 24, BOX.y - 18, name.width + 28, 34, 10).fill(active.colour);
          name.position.set(BOX.x + 38, BOX.y - 12);
        }
      }
      // The one listening is drawn darker (a tint, so nothing behind shows through).
      for (const [portrait, value] of focus) {
        const level = Math.round(110 + 145 * value.light);
        portrait.tint = (level << 16) | (level << 8) | level;
      }
      if (line !== shownLine) {
        shownLine = line;
        shownCount = -1;
        // Wrap the whole line once, so words never jump to the next line while they are typed.
        wrap = line === null ? { lines: [], starts: [] } : wrapLines(line.text, textStyle);
      }
      if (sim.box.shown !== shownCount) {
        shownCount = sim.box.shown;
        text.text = reveal(wrap, shownCount);
      }
      text.visible = choice === null;
      more.visible = choice === null && line !== null && sim.box.complete;
      hint.text = sim.hint ?? '';
      marker.visible = choice !== null;
      options.forEach((option, index) => {
        const label = choice?.options[index];
        option.visible = label !== undefined;
        if (label === undefined) return;
        const selected = choice?.selected === index;
        option.text = label;
        option.style.fill = selected ? YOU.colour : 0xb8bcc8;
        if (selected) marker.position.set(TEXT_X + 4, option.y + 3);
      });
    },

    talked(who: Speaker): void {
      const portrait = portraits.get(who);
      if (portrait === undefined || bouncing.has(portrait)) return;
      bouncing.add(portrait);
      scheduler.spawn(hop(portrait, bouncing), { name: 'talk hop' });
    },
  };
}

/** Line breaks of the full text, and where each line starts in it. */
function wrapLines(full: string, style: TextStyle): { lines: string[]; starts: number[] } {
  const lines = CanvasTextMetrics.measureText(full, style).lines;
  const starts: number[] = [];
  let cursor = 0;
  for (const line of lines) {
    const start = full.indexOf(line, cursor);
    starts.push(start < 0 ? cursor : start);
    cursor = (start < 0 ? cursor : start) + line.length;
  }
  return { lines, starts };
}

/** The first `count` letters of the text, broken where the full text breaks. */
function reveal(wrap: { lines: string[]; starts: number[] }, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < wrap.lines.length; i++) {
    if (wrap.starts[i] >= count) break;
    parts.push(wrap.lines[i].slice(0, count - wrap.starts[i]));
  }
  return parts.join('\n');
}

// ---- animation behaviours ----

function* hop(portrait: Container, bouncing: Set<Container>): Behaviour {
  try {
    const body = portrait.getChildAt(0) as Container;
    yield* tween(body, { y: -7 }, 70, easeOutQuad);
    yield* tween(body, { y: 0 }, 110, easeOutBack);
  } finally {
    bouncing.delete(portrait);
  }
}

function* breathe(body: Container): Behaviour {
  for (;;) {
    yield* tween(body.scale, { y: 1.025 }, 1300, easeInOutSine);
    yield* tween(body.scale, { y: 1 }, 1300, easeInOutSine);
  }
}

function* blink(marker: Container): Behaviour {
  for (;;) {
    yield* tween(marker, { y: BOX.y + BOX.h - 34 }, 380, easeInOutSine);
    yield* tween(marker, { y: BOX.y + BOX.h - 40 }, 380, easeInOutSine);
  }
}

/** A wall clock: the second hand ticks once a second, exactly, for ever. */
function* tick(hand: Container): Behaviour {
  for (;;) {
    yield* tween(hand, { rotation: hand.rotation + Math.PI / 30 }, 140, easeOutBack);
    yield* waitMs(860);
  }
}

// ---- drawing ----

function drawShop(scheduler: Scheduler): Container {
  const shop = new Container();
  // The wall colour is the renderer's background (WALL_COLOUR): a full-screen fill is costly in software WebGL.
  const g = new Graphics();
  // Wallpaper pinstripes, and the floor around the dialogue box (never under it: software WebGL pays per pixel).
  for (let x = 24; x < STAGE.widthPx; x += 48) g.rect(x, 0, 2, 330).fill({ color: 0xffffff, alpha: 0.05 });
  g.rect(0, 330, STAGE.widthPx, BOX.y - 330 + 8).fill(0x3a2a22);
  g.rect(0, BOX.y + 8, BOX.x, STAGE.heightPx - BOX.y - 8).fill(0x3a2a22);
  g.rect(BOX.x + BOX.w, BOX.y + 8, STAGE.widthPx - BOX.x - BOX.w, STAGE.heightPx - BOX.y - 8).fill(0x3a2a22);
  g.rect(BOX.x, BOX.y + BOX.h - 8, BOX.w, STAGE.heightPx - BOX.y - BOX.h + 8).fill(0x3a2a22);
  for (let x = -40; x < STAGE.widthPx; x += 120) g.moveTo(x, 330).lineTo(x + 60, STAGE.heightPx).stroke({ color: 0x000000, alpha: 0.15, width: 2 });
  // Shelves.
  for (const y of [120, 220]) {
    g.rect(60, y, 840, 10).fill(0x6b4a35);
    g.rect(60, y + 10, 840, 4).fill({ color: 0x000000, alpha: 0.25 });
  }
  // The counter Moss stands behind.
  g.roundRect(560, 330, 300, 70, 8).fill(0x5a3d2b);
  g.rect(560, 330, 300, 8).fill(0x7a5540);
  shop.addChild(g);

  const colours = [0xffd866, 0xfc9867, 0x78dce8, 0xab9df2, 0xa9dc76, 0xff6188];
  let seed = 0;
  for (const shelfY of [120, 220]) {
    for (let x = 110; x < 880; x += 105) {
      const radius = 20 + ((seed * 7) % 3) * 5;
      const clock = new Container();
      clock.position.set(x + ((seed * 13) % 20), shelfY - radius - 2);
      const face = new Graphics().circle(0, 0, radius).fill(0xf4ecd8).stroke({ color: colours[seed % colours.length], width: 4 });
      for (let i = 0; i < 12; i++) {
        const angle = (i / 12) * Math.PI * 2;
        face.circle(Math.cos(angle) * (radius - 6), Math.sin(angle) * (radius - 6), 1.2).fill(0x5a4a3a);
      }
      const minute = new Graphics().moveTo(0, 0).lineTo(0, -radius * 0.55).stroke({ color: 0x2b2336, width: 3, cap: 'round' });
      minute.rotation = seed * 1.3;
      const second = new Graphics().moveTo(0, 4).lineTo(0, -radius + 5).stroke({ color: 0xff6188, width: 1.5, cap: 'round' });
      second.rotation = (seed * 11 * Math.PI) / 30;
      clock.addChild(face, minute, second, new Graphics().circle(0, 0, 2.5).fill(0x2b2336));
      shop.addChild(clock);
      scheduler.spawn(tick(second), { name: 'clock tick' });
      seed++;
    }
  }
  return shop;
}

function drawMoss(): Container {
  const root = new Container();
  const body = new Container();
  const g = new Graphics();
  g.ellipse(0, 20, 44, 9).fill({ color: 0x000000, alpha: 0.3 });
  g.roundRect(-34, -40, 68, 60, 14).fill(0x8fa3b8).stroke({ color: 0x5d6d80, width: 3 });
  g.roundRect(-46, -118, 92, 72, 18).fill(0xb8c7d6).stroke({ color: 0x5d6d80, width: 3 });
  g.roundRect(-36, -106, 72, 46, 12).fill(0x1e2a36);
  g.circle(-15, -84, 8).fill(0x78dce8);
  g.circle(15, -84, 8).fill(0x78dce8);
  g.roundRect(-10, -70, 20, 4, 2).fill(0x78dce8);
  g.moveTo(0, -118).lineTo(0, -140).stroke({ color: 0x5d6d80, width: 3 });
  g.circle(0, -144, 6).fill(0xffd866);
  g.rect(-58, -30, 24, 10).fill(0x8fa3b8);
  g.rect(34, -30, 24, 10).fill(0x8fa3b8);
  body.addChild(g);
  root.addChild(body);
  return root;
}

function drawBramble(): Container {
  const root = new Container();
  const body = new Container();
  const g = new Graphics();
  g.ellipse(0, 12, 92, 14).fill({ color: 0x000000, alpha: 0.3 });
  // Head and neck, peeking out to the right.
  g.roundRect(44, -62, 34, 50, 16).fill(0x9bbf6a);
  g.circle(86, -70, 30).fill(0xa9cf78);
  g.roundRect(74, -78, 22, 4, 2).fill(0x3d4a2a);
  g.roundRect(96, -78, 14, 4, 2).fill(0x3d4a2a);
  g.moveTo(84, -56).quadraticCurveTo(98, -50, 108, -58).stroke({ color: 0x3d4a2a, width: 3, cap: 'round' });
  // Eyebrows, bushy and grumpy.
  g.moveTo(70, -88).lineTo(92, -84).stroke({ color: 0xf1f1f5, width: 4, cap: 'round' });
  // Feet.
  for (const x of [-56, -18, 26]) g.roundRect(x, -6, 28, 20, 8).fill(0x9bbf6a);
  // Shell.
  g.moveTo(-84, 0).bezierCurveTo(-84, -110, 70, -110, 70, 0).closePath().fill(0x6a8f3a).stroke({ color: 0x4a6a26, width: 4 });
  for (const [x, y, r] of [[-40, -40, 18], [0, -58, 20], [34, -32, 16], [-6, -18, 14]]) g.circle(x, y, r).fill({ color: 0x4a6a26, alpha: 0.7 });
  body.addChild(g);
  root.addChild(body);
  return root;
}

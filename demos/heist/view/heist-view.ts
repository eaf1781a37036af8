// Draws a Heist with pixi: the museum, the guards' vision cones (clipped by walls), the characters,
// the particles (the particles demo's view), and the HUD: gems, ability cooldowns, dialogue, endings.
import { Container, Graphics, Text, type Renderer, type TextStyleOptions } from 'pixi.js';
import { createParticleView, type ParticleView } from '../../particles/view/particle-view.js';
import type { AbilityName } from '../sim/abilities.js';
import { VIEW_HALF_ANGLE, VIEW_RANGE_PX, type GuardState } from '../sim/guards.js';
import { dialogueHint } from '../sim/dialogue.js';
import { canTalk, Gem, type Heist } from '../sim/heist.js';
import { rayLength } from '../sim/level.js';
import type { HudLayout } from './hud-layout.js';

/** The game's picture. Call `sync(realMs)` once per frame before rendering. */
export interface HeistView {
  readonly root: Container;
  sync(realMs: number): void;
  /** Flashes an ability's slot: red when refused, white when ready again. */
  flash(ability: AbilityName, kind: 'denied' | 'ready'): void;
  /** The dialogue choice under a point of the canvas, or -1. */
  choiceAt(x: number, y: number): number;
  destroy(): void;
}

const COLOURS = {
  floor: 0x1b1f2b,
  wall: 0x3b4257,
  wallTop: 0x59648a,
  rug: 0x35243a,
  player: 0xa57bff,
  playerDark: 0x5b3bb0,
  guard: 0x4f79d8,
  guardDark: 0x22345e,
  fox: 0xff8c42,
  text: 0xe8e8ee,
  muted: 0x9aa0ae,
  accent: 0x7bd88f,
  panel: 0x10131c,
};

const CONE_COLOURS: Record<GuardState['mode'], number> = {
  patrol: 0xffe07a,
  return: 0xffe07a,
  investigate: 0xfc9867,
  search: 0xfc9867,
  alert: 0xff6188,
  chase: 0xff6188,
  caught: 0xff6188,
  stunned: 0x000000,
};

const font = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const style = (size: number, fill: number, extra: Partial<TextStyleOptions> = {}): TextStyleOptions => ({
  fontFamily: font,
  fontSize: size,
  fill,
  ...extra,
});

/**
 * Makes the view for `game` on a canvas laid out by `layout` (the level on top, the HUD bar under it).
 *
 * @example
 * const layout = heistHudLayout(museum, 896, 3);
 * const view = createHeistView(app.renderer, game, layout); // app sized layout.widthPx x layout.heightPx
 * app.stage.addChild(view.root);
 * game.loop.addSystem('render', () => view.sync(game.scheduler.realNowMs));
 */
export function createHeistView(renderer: Renderer, game: Heist, layout: HudLayout): HeistView {
  const { level } = game;
  const { scale, widthPx, heightPx } = layout;
  const levelHeightPx = layout.level.h;
  const root = new Container();
  const worldLayer = new Container();
  worldLayer.scale.set(scale);
  root.addChild(worldLayer);

  // --- the museum (static) ---
  const floor = new Graphics();
  floor.rect(0, 0, level.widthPx, level.heightPx).fill(COLOURS.floor);
  for (let x = 0; x < level.widthPx; x += 32) floor.rect(x, 0, 1, level.heightPx).fill({ color: 0x262b3a, alpha: 0.7 });
  for (let y = 0; y < level.heightPx; y += 32) floor.rect(0, y, level.widthPx, 1).fill({ color: 0x262b3a, alpha: 0.7 });
  floor.roundRect(level.playerStart.x - 44, level.npc.y - 44, 150, 120, 10).fill({ color: COLOURS.rug, alpha: 0.9 });
  const exit = new Graphics();
  const walls = new Graphics();
  for (const wall of level.walls) {
    walls.rect(wall.x + 3, wall.y + 5, wall.w, wall.h).fill({ color: 0x07080c, alpha: 0.45 });
  }
  for (const wall of level.walls) {
    walls.rect(wall.x, wall.y, wall.w, wall.h).fill(COLOURS.wall);
    walls.rect(wall.x, wall.y, wall.w, Math.min(4, wall.h)).fill(COLOURS.wallTop);
  }
  const cones = new Graphics();
  const smokeGlow = new Graphics();
  const gems = new Graphics();
  const props = new Graphics();
  const actors = new Graphics();
  const particles: ParticleView = createParticleView(renderer, game.particles);
  const exitLabel = new Text({ text: 'EXIT', style: style(13, COLOURS.text, { fontWeight: '700', letterSpacing: 2 }) });
  exitLabel.anchor.set(0.5);
  exitLabel.position.set(level.exit.x + level.exit.w / 2, level.exit.y + level.exit.h + 12);
  const talkPrompt = new Text({ text: 'E  talk', style: style(13, COLOURS.text, { fontWeight: '600' }) });
  talkPrompt.anchor.set(0.5, 1);
  talkPrompt.position.set(level.npc.x, level.npc.y - 24);
  const marks = level.guardRoutes.map(() => {
    const mark = new Text({ text: '', style: style(22, 0xff6188, { fontWeight: '900', stroke: { color: 0x10131c, width: 4 } }) });
    mark.anchor.set(0.5, 1);
    return mark;
  });
  worldLayer.addChild(floor, exit, smokeGlow, cones, walls, gems, props, particles.root, actors, exitLabel, talkPrompt, ...marks);

  // --- HUD (canvas pixels): a bar under the level, so it never hides a corridor ---
  const hud = new Container();
  root.addChild(hud);
  const { bar } = layout;
  const barBack = new Graphics().rect(bar.x, bar.y, bar.w, bar.h).fill(COLOURS.panel).rect(bar.x, bar.y, bar.w, 2).fill(COLOURS.wall);
  const gemsText = new Text({ text: '', style: style(16, COLOURS.text, { fontWeight: '700', lineHeight: 22 }) });
  gemsText.position.set(layout.gems.x, layout.gems.y);
  const hintText = new Text({ text: '', style: style(13, COLOURS.muted, { wordWrap: true, wordWrapWidth: layout.hint.w, align: 'right', lineHeight: 18 }) });
  hintText.anchor.set(1, 0);
  hintText.position.set(layout.hint.x + layout.hint.w, layout.hint.y);
  hud.addChild(barBack, gemsText, hintText);

  const slotSize = layout.slots[0]?.w ?? 58;
  const slots = game.abilities.map((ability, index) => {
    const slot = new Container();
    slot.position.set(layout.slots[index].x, layout.slots[index].y);
    const back = new Graphics();
    const sweep = new Graphics();
    const key = new Text({ text: ability.key, style: style(12, COLOURS.muted, { fontWeight: '700' }) });
    key.position.set(6, 3);
    const label = new Text({ text: ability.label, style: style(12, COLOURS.text, { fontWeight: '600' }) });
    label.anchor.set(0.5, 1);
    label.position.set(slotSize / 2, slotSize - 5);
    const seconds = new Text({ text: '', style: style(17, COLOURS.text, { fontWeight: '800', stroke: { color: 0x10131c, width: 4 } }) });
    seconds.anchor.set(0.5);
    seconds.position.set(slotSize / 2, slotSize / 2 - 5);
    const icon = new Graphics();
    drawAbilityIcon(icon, ability.name, slotSize / 2, slotSize / 2 - 6);
    slot.addChild(back, icon, sweep, key, label, seconds);
    hud.addChild(slot);
    return { ability, back, sweep, seconds, flashUntilMs: 0, flashColour: 0xffffff };
  });

  const dialogue = new Container();
  const dialogueBack = new Graphics();
  const speaker = new Text({ text: '', style: style(14, COLOURS.fox, { fontWeight: '800', letterSpacing: 1 }) });
  const lineText = new Text({ text: '', style: style(17, COLOURS.text, { wordWrap: true, wordWrapWidth: widthPx - 120, lineHeight: 24 }) });
  const moreMark = new Text({ text: '▼', style: style(14, COLOURS.accent) });
  const skipText = new Text({ text: '', style: style(12, COLOURS.muted) });
  const choiceTexts = [0, 1, 2].map(() => new Text({ text: '', style: style(16, COLOURS.accent, { fontWeight: '600' }) }));
  dialogue.addChild(dialogueBack, speaker, lineText, moreMark, skipText, ...choiceTexts);
  hud.addChild(dialogue);
  const boxX = 30;
  const boxW = widthPx - 60;
  let boxY = 0;

  const ending = new Container();
  const endingBack = new Graphics().rect(0, 0, widthPx, heightPx).fill({ color: 0x05060a, alpha: 0.62 });
  const middleY = levelHeightPx / 2;
  const endingTitle = new Text({ text: '', style: style(54, COLOURS.text, { fontWeight: '900', letterSpacing: 2, stroke: { color: 0x05060a, width: 6 } }) });
  endingTitle.anchor.set(0.5);
  endingTitle.position.set(widthPx / 2, middleY - 40);
  const endingLine = new Text({ text: '', style: style(18, COLOURS.text) });
  endingLine.anchor.set(0.5);
  endingLine.position.set(widthPx / 2, middleY + 14);
  const endingHint = new Text({ text: 'Press R or click to play again', style: style(15, COLOURS.muted) });
  endingHint.anchor.set(0.5);
  endingHint.position.set(widthPx / 2, middleY + 52);
  ending.addChild(endingBack, endingTitle, endingLine, endingHint);
  ending.visible = false;
  hud.addChild(ending);

  const shown = { gems: '', hint: '', line: '', speaker: '', choices: '', keys: '', ending: '', exitOpen: -1 };
  const setText = (text: Text, key: keyof typeof shown, value: string): void => {
    if (shown[key] === value) return;
    (shown as Record<string, string | number>)[key] = value;
    text.text = value;
  };

  function drawExit(open: boolean): void {
    exit.clear();
    const { x, y, w, h } = level.exit;
    exit.roundRect(x - 4, y - 4, w + 8, h + 8, 8).fill({ color: open ? 0x7bd88f : 0xff6188, alpha: open ? 0.28 : 0.12 });
    exit.roundRect(x, y, w, h, 6).fill(open ? 0x2f5a3b : 0x3a2a33);
    exit.roundRect(x + 6, y + 6, w - 12, h - 12, 4).stroke({ color: open ? 0x7bd88f : 0x8a5a6a, width: 2 });
  }

  function drawGems(realMs: number): void {
    gems.clear();
    const list = game.gems();
    for (let i = 0; i < list.length; i++) {
      const eid = list[i];
      const bob = Math.sin(realMs / 300 + eid) * 3;
      const x = Gem.x[eid];
      const y = Gem.y[eid] + bob;
      const colour = Gem.colour[eid];
      gems.circle(x, Gem.y[eid] + 14, 9).fill({ color: 0x000000, alpha: 0.25 });
      gems.circle(x, y, 20).fill({ color: colour, alpha: 0.12 + 0.05 * Math.sin(realMs / 200 + eid) });
      gems.poly([x, y - 13, x + 10, y - 2, x, y + 12, x - 10, y - 2]).fill(colour);
      gems.poly([x, y - 13, x + 10, y - 2, x, y - 2]).fill({ color: 0xffffff, alpha: 0.45 });
      gems.poly([x - 10, y - 2, x, y + 12, x, y - 2]).fill({ color: 0x000000, alpha: 0.2 });
    }
  }

  function drawCones(): void {
    cones.clear();
    const rays = 28;
    for (const guard of game.guards) {
      if (guard.mode === 'stunned') continue;
      const points: number[] = [guard.x, guard.y];
      for (let i = 0; i <= rays; i++) {
        const angle = guard.facing - VIEW_HALF_ANGLE + (2 * VIEW_HALF_ANGLE * i) / rays;
        const lengthPx = rayLength(level, guard, angle, VIEW_RANGE_PX);
        points.push(guard.x + Math.cos(angle) * lengthPx, guard.y + Math.sin(angle) * lengthPx);
      }
      const alarmed = guard.mode === 'chase' || guard.mode === 'alert' || guard.mode === 'caught';
      cones.poly(points).fill({ color: CONE_COLOURS[guard.mode], alpha: alarmed ? 0.3 : 0.2 });
    }
  }

  function drawActors(realMs: number): void {
    actors.clear();
    props.clear();
    smokeGlow.clear();
    for (const smoke of game.smokes) smokeGlow.circle(smoke.x, smoke.y, smoke.radiusPx).fill({ color: 0x9aa0b4, alpha: 0.22 * smoke.alpha });
    // The Fox: the player's contact, on the rug.
    const fox = level.npc;
    actors.ellipse(fox.x, fox.y + 12, 13, 5).fill({ color: 0x000000, alpha: 0.3 });
    actors.poly([fox.x - 11, fox.y - 6, fox.x - 6, fox.y - 20, fox.x - 1, fox.y - 9]).fill(COLOURS.fox);
    actors.poly([fox.x + 11, fox.y - 6, fox.x + 6, fox.y - 20, fox.x + 1, fox.y - 9]).fill(COLOURS.fox);
    actors.circle(fox.x, fox.y, 13).fill(COLOURS.fox);
    actors.ellipse(fox.x, fox.y + 5, 7, 5).fill(0xfff1e0);
    actors.circle(fox.x - 4.5, fox.y - 2, 1.8).fill(0x10131c);
    actors.circle(fox.x + 4.5, fox.y - 2, 1.8).fill(0x10131c);
    // The pebble in flight, with its shadow on the floor.
    if (game.pebble !== null) {
      props.ellipse(game.pebble.x, game.pebble.y + 3, 5, 2).fill({ color: 0x000000, alpha: 0.35 });
      props.circle(game.pebble.x, game.pebble.y - game.pebble.heightPx, 4).fill(0xd8ccb0);
    }
    for (const guard of game.guards) drawGuard(guard, realMs);
    drawPlayer(realMs);
  }

  function drawGuard(guard: GuardState, realMs: number): void {
    const { x, y, facing } = guard;
    actors.ellipse(x, y + 12, 13, 5).fill({ color: 0x000000, alpha: 0.3 });
    // Top-down: shoulders across his facing, the head, the cap pulled back with its peak in front.
    const fx = Math.cos(facing);
    const fy = Math.sin(facing);
    actors.circle(x - fy * 7, y + fx * 7, 6).fill(COLOURS.guard).stroke({ color: COLOURS.guardDark, width: 1.5 });
    actors.circle(x + fy * 7, y - fx * 7, 6).fill(COLOURS.guard).stroke({ color: COLOURS.guardDark, width: 1.5 });
    actors.circle(x, y, 9).fill(COLOURS.guard);
    actors.circle(x + fx * 1.5, y + fy * 1.5, 6.5).fill(0xf0c8a0);
    actors.circle(x - fx * 1.5, y - fy * 1.5, 5.5).fill(COLOURS.guardDark);
    actors.circle(x + fx * 5, y + fy * 5, 3).fill(COLOURS.guardDark);
    // The torch he carries: the cone starts here.
    actors.circle(x + fx * 12 - fy * 5, y + fy * 12 + fx * 5, 2.6).fill(0xfff3b0);
    const mark = marks[guard.index];
    mark.position.set(x, y - 16);
    if (guard.mode === 'stunned') {
      for (let i = 0; i < 3; i++) {
        const angle = realMs / 180 + (i * Math.PI * 2) / 3;
        actors.circle(x + Math.cos(angle) * 13, y - 18 + Math.sin(angle) * 4, 3).fill(0xffe27a);
      }
      mark.text = '';
    } else {
      const text = guard.mode === 'alert' || guard.mode === 'chase' || guard.mode === 'caught' ? '!' : guard.mode === 'investigate' || guard.mode === 'search' ? '?' : '';
      if (mark.text !== text) {
        mark.text = text;
        mark.style.fill = text === '!' ? 0xff6188 : 0xfc9867;
      }
      mark.scale.set(text === '!' && guard.mode === 'alert' ? 1 + 0.25 * Math.abs(Math.sin(realMs / 60)) : 1);
    }
  }

  function drawPlayer(realMs: number): void {
    const { player } = game;
    const { x, y, facing } = player;
    const alpha = player.hidden ? 0.45 : 1;
    if (game.phase === 'won') return;
    actors.ellipse(x, y + 11, 12, 5).fill({ color: 0x000000, alpha: 0.3 * alpha });
    if (player.dashing) actors.circle(x, y, 18).fill({ color: COLOURS.player, alpha: 0.25 });
    actors.circle(x, y, player.radiusPx).fill({ color: COLOURS.player, alpha }).stroke({ color: COLOURS.playerDark, width: 2, alpha });
    // The hood's opening faces forward, with two bright eyes in it.
    const fx = Math.cos(facing);
    const fy = Math.sin(facing);
    actors.circle(x + fx * 4, y + fy * 4, 6).fill({ color: 0x241a3d, alpha });
    const blink = Math.sin(realMs / 900) > 0.97 ? 0.3 : 1;
    actors.circle(x + fx * 6 - fy * 2.5, y + fy * 6 + fx * 2.5, 1.6 * blink).fill({ color: 0xfff3b0, alpha });
    actors.circle(x + fx * 6 + fy * 2.5, y + fy * 6 - fx * 2.5, 1.6 * blink).fill({ color: 0xfff3b0, alpha });
  }

  function drawSlots(realMs: number): void {
    const nowMs = game.gameplay.nowMs;
    for (const slot of slots) {
      const { ability, back, sweep, seconds } = slot;
      const ready = ability.state === 'ready';
      back.clear();
      back.roundRect(0, 0, slotSize, slotSize, 10).fill({ color: COLOURS.panel, alpha: 0.88 });
      const flashing = realMs < slot.flashUntilMs;
      back.roundRect(0, 0, slotSize, slotSize, 10).stroke({ color: flashing ? slot.flashColour : ready ? COLOURS.accent : 0x3a3f4d, width: flashing ? 3 : 2 });
      sweep.clear();
      if (ability.state === 'cooldown') {
        // A radial sweep: the dark part is the cooldown left, shrinking clockwise.
        const leftMs = Math.max(0, ability.cooldownEndsMs - nowMs);
        const fraction = leftMs / ability.cooldownMs;
        const c = slotSize / 2;
        sweep.circle(c, c, c - 5).fill({ color: 0x000000, alpha: 0.25 });
        if (fraction > 0.001) sweep.moveTo(c, c).arc(c, c, c - 5, -Math.PI / 2, -Math.PI / 2 + fraction * Math.PI * 2).lineTo(c, c).fill({ color: 0x05060a, alpha: 0.7 });
        seconds.text = (leftMs / 1000).toFixed(leftMs < 1000 ? 1 : 0);
      } else {
        seconds.text = '';
      }
    }
  }

  function drawDialogue(realMs: number): void {
    const line = game.dialogue;
    dialogue.visible = line !== null;
    if (line === null) return;
    const choices = line.choices ?? [];
    setText(speaker, 'speaker', line.speaker.toUpperCase());
    setText(lineText, 'line', line.text.slice(0, line.shownChars));
    setText(skipText, 'keys', dialogueHint(line));
    const choiceKey = `${choices.join('|')}|${line.selected}`;
    if (shown.choices !== choiceKey) {
      shown.choices = choiceKey;
      // The highlighted answer (arrow keys) is the one Space and Enter pick.
      choiceTexts.forEach((text, i) => {
        text.text = i < choices.length ? `${i === line.selected ? '›' : ' '} ${i + 1}   ${choices[i]}` : '';
        text.style.fill = i === line.selected ? COLOURS.accent : COLOURS.muted;
      });
    }
    const boxH = 86 + (choices.length > 0 ? choices.length * 26 + 4 : 0);
    boxY = layout.dialogueBox(boxH, [game.player, level.npc]).y;
    dialogueBack.clear();
    dialogueBack.roundRect(boxX, boxY, boxW, boxH, 12).fill({ color: COLOURS.panel, alpha: 0.94 }).stroke({ color: COLOURS.fox, width: 2, alpha: 0.8 });
    speaker.position.set(boxX + 18, boxY + 12);
    lineText.position.set(boxX + 18, boxY + 34);
    choiceTexts.forEach((text, i) => text.position.set(boxX + 18, boxY + 70 + i * 26));
    skipText.anchor.set(1, 0);
    skipText.position.set(boxX + boxW - 16, boxY + 12);
    const complete = line.shownChars >= line.text.length && choices.length === 0;
    moreMark.visible = complete && Math.sin(realMs / 160) > -0.3;
    moreMark.position.set(boxX + boxW - 30, boxY + boxH - 26);
  }

  function drawEnding(): void {
    const over = game.phase === 'won' || game.phase === 'lost';
    ending.visible = over;
    if (!over) return;
    const seconds = Math.round(game.endedAtMs / 1000);
    const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    const key = `${game.phase}|${time}`;
    if (shown.ending === key) return;
    shown.ending = key;
    if (game.phase === 'won') {
      endingTitle.text = 'YOU ESCAPED!';
      endingTitle.style.fill = COLOURS.accent;
      endingLine.text = `All ${game.gemsTotal} gems, in ${time}. The Fox owes you one.`;
      endingBack.alpha = 0.45;
    } else {
      endingTitle.text = 'CAUGHT!';
      endingTitle.style.fill = 0xff6188;
      endingLine.text = `Guard ${game.caughtBy + 1} got you with ${game.gemsTotal - game.gemsLeft} of ${game.gemsTotal} gems, after ${time}.`;
      endingBack.alpha = 1;
    }
  }

  return {
    root,
    sync(realMs: number): void {
      const open = game.gemsLeft === 0 ? 1 : 0;
      if (shown.exitOpen !== open) {
        shown.exitOpen = open;
        drawExit(open === 1);
        exitLabel.style.fill = open === 1 ? COLOURS.accent : COLOURS.muted;
      }
      drawGems(realMs);
      drawCones();
      drawActors(realMs);
      particles.sync();
      talkPrompt.visible = canTalk(game);
      setText(gemsText, 'gems', `Gems ${game.gemsTotal - game.gemsLeft} / ${game.gemsTotal}${game.gemsLeft === 0 && game.phase === 'playing' ? '\nNow get out: top right!' : ''}`);
      const anyChase = game.guards.some((guard) => guard.mode === 'chase' || guard.mode === 'alert');
      const hint =
        game.phase === 'talking'
          ? 'Talking: the museum waits'
          : game.phase !== 'playing'
            ? ''
            : anyChase
              ? 'Spotted! Break line of sight'
              : canTalk(game)
                ? 'E: talk to the Fox'
                : 'Stay out of the cones';
      setText(hintText, 'hint', hint);
      hintText.style.fill = anyChase ? 0xff6188 : COLOURS.muted;
      drawSlots(realMs);
      drawDialogue(realMs);
      drawEnding();
    },
    flash(name, kind) {
      const slot = slots.find((candidate) => candidate.ability.name === name);
      if (slot === undefined) return;
      slot.flashUntilMs = game.scheduler.realNowMs + (kind === 'denied' ? 220 : 300);
      slot.flashColour = kind === 'denied' ? 0xff6188 : 0xffffff;
    },
    choiceAt(x: number, y: number): number {
      const choices = game.dialogue?.choices;
      if (choices === null || choices === undefined) return -1;
      for (let i = 0; i < choices.length; i++) {
        const top = boxY + 70 + i * 26;
        if (x >= boxX && x <= boxX + boxW && y >= top - 3 && y < top + 23) return i;
      }
      return -1;
    },
    destroy(): void {
      root.destroy({ children: true });
    },
  };
}

function drawAbilityIcon(icon: Graphics, name: AbilityName, x: number, y: number): void {
  if (name === 'dash') {
    icon.poly([x - 12, y - 7, x + 2, y - 7, x + 2, y - 12, x + 13, y, x + 2, y + 12, x + 2, y + 7, x - 12, y + 7]).fill(0xd9b8ff);
  } else if (name === 'smoke') {
    icon.circle(x - 6, y + 2, 8).fill(0xb8bccb);
    icon.circle(x + 5, y - 2, 9).fill(0xcfd3df);
    icon.circle(x + 2, y + 6, 7).fill(0x9aa0b4);
  } else {
    icon.circle(x, y, 7).fill(0xd8ccb0);
    icon.circle(x - 2, y - 2, 2.5).fill({ color: 0xffffff, alpha: 0.5 });
    icon.moveTo(x - 14, y + 10).quadraticCurveTo(x - 8, y - 14, x + 13, y - 6).stroke({ color: 0xd8ccb0, width: 1.5, alpha: 0.6 });
  }
}

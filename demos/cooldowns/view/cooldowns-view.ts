// Draws the cooldowns sim: caster, dummy, projectiles, the ability bar with radial cooldown sweeps,
// and two clock dials. Effects in the fight run on the gameplay clock (they freeze on pause); the
// ability bar's feedback runs on the ui clock (it keeps animating).
import { query } from 'bitecs';
import { Container, Graphics, Text, type Application, type TextStyleOptions } from 'pixi.js';
import { all, waitMs, type Behaviour, type Clock } from 'tickflow';
import { createSpriteSync } from 'tickflow/pixi';
import { easeInOutSine, easeOutBack, easeOutCubic, easeOutQuad, tween } from 'tickflow/tween';
import { ARENA, CASTER_AT, DUMMY_MAX_HP, DUMMY_Y, GLOBAL_COOLDOWN_MS, Position, Projectile, type CooldownSim } from '../sim/world.js';

const FONT = 'system-ui, -apple-system, Segoe UI, sans-serif';
const SLOT_RADIUS = 34;
const SLOT_Y = 520;
const SLOT_SPACING = 96;

/** The view: `sync()` each frame in the render phase; the event hooks start effects. */
export interface CooldownsView {
  sync(): void;
  released(ability: number): void;
  refused(ability: number): void;
  ready(ability: number): void;
  hit(ability: number, damage: number, x: number, y: number): void;
  defeated(): void;
}

function label(text: string, style: TextStyleOptions): Text {
  const made = new Text({ text, style: { fontFamily: FONT, fill: 0xe8e8ee, ...style } });
  made.anchor.set(0.5);
  return made;
}

/**
 * Builds the scene on `app.stage`.
 *
 * @example
 * const view = createCooldownsView(page.app, sim);
 * sim.loop.addSystem('render', view.sync);
 */
export function createCooldownsView(app: Application, sim: CooldownSim): CooldownsView {
  const { scheduler, gameplay, ui, abilities } = sim;
  const stage = app.stage;
  stage.addChild(drawBackdrop());

  // The fight.
  const fight = new Container();
  stage.addChild(fight);
  const casterGlow = new Graphics();
  for (let radius = 58; radius >= 22; radius -= 12) casterGlow.circle(0, 0, radius).fill({ color: 0xffffff, alpha: 0.07 });
  casterGlow.blendMode = 'add';
  casterGlow.position.set(CASTER_AT.x, CASTER_AT.y - 10);
  casterGlow.visible = false;
  fight.addChild(casterGlow, drawCaster());

  const dummy = drawDummy();
  fight.addChild(dummy);
  const dummyBody = dummy.getChildAt(0) as Container;
  const hpBar = new Graphics();
  const hpText = label('', { fontSize: 12, fontWeight: '600' });
  fight.addChild(hpBar, hpText);

  const castBar = new Graphics();
  const castText = label('', { fontSize: 13, fontWeight: '600' });
  fight.addChild(castBar, castText);

  const projectiles = new Container();
  fight.addChild(projectiles);
  const sprites = createSpriteSync({
    parent: projectiles,
    position: Position,
    create: (eid) => {
      const ability = abilities[Projectile.ability[eid]];
      const shot = new Container();
      shot.addChild(new Graphics().circle(0, 0, ability.sizePx * 1.8).fill({ color: ability.colour, alpha: 0.25 }));
      shot.addChild(new Graphics().circle(0, 0, ability.sizePx).fill(ability.colour).stroke({ color: 0xffffff, width: 2, alpha: 0.8 }));
      return shot;
    },
  });
  const effects = new Container();
  fight.addChild(effects);

  // The ability bar.
  const bar = new Container();
  stage.addChild(bar);
  const slots = abilities.map((ability, index) => {
    const slot = new Container();
    slot.position.set(ARENA.widthPx / 2 + (index - 1.5) * SLOT_SPACING, SLOT_Y);
    const face = new Container();
    face.addChild(new Graphics().circle(0, 0, SLOT_RADIUS).fill(0x2b2f3a).stroke({ color: ability.colour, width: 3 }));
    face.addChild(drawIcon(index, ability.colour));
    const sweep = new Graphics();
    const flash = new Graphics().circle(0, 0, SLOT_RADIUS).fill(0xffffff);
    flash.alpha = 0;
    const seconds = label('', { fontSize: 18, fontWeight: '700', stroke: { color: 0x14161c, width: 4 } });
    const key = label(ability.key, { fontSize: 12, fontWeight: '700', fill: 0x14161c });
    const keyCap = new Graphics().roundRect(-10, -10, 20, 20, 5).fill(ability.colour);
    const keyBox = new Container();
    keyBox.position.set(SLOT_RADIUS - 6, -SLOT_RADIUS + 6);
    keyBox.addChild(keyCap, key);
    const name = label(ability.name, { fontSize: 13, fill: 0x9aa0ae });
    name.position.set(0, SLOT_RADIUS + 16);
    face.addChild(sweep, flash, seconds, keyBox);
    slot.addChild(face, name);
    bar.addChild(slot);
    return { slot, face, sweep, flash, seconds };
  });

  // Two dials: the gameplay clock's hand slows with the slider and stops on pause; the ui clock's never does.
  const dials = [makeDial('gameplay', gameplay, 0xfc9867), makeDial('ui', ui, 0x7bd88f)];
  dials[0].root.position.set(ARENA.widthPx - 150, 58);
  dials[1].root.position.set(ARENA.widthPx - 60, 58);
  stage.addChild(dials[0].root, dials[1].root);

  const paused = label('PAUSED', { fontSize: 42, fontWeight: '800', letterSpacing: 6, fill: 0xffffff });
  paused.position.set(ARENA.widthPx / 2, 96);
  paused.visible = false;
  stage.addChild(paused);
  scheduler.spawn(pulse(paused), { name: 'paused pulse', clock: ui });

  let dummyDown = false;

  return {
    sync(): void {
      sprites.update(query(sim.world, [Projectile]));
      const nowMs = gameplay.nowMs;

      // Dummy: position, frost, health.
      dummy.x = sim.dummy.x;
      const frozen = nowMs < sim.dummy.frozenUntilMs;
      dummyBody.tint = frozen ? 0x9be8ff : 0xffffff;
      if (sim.dummy.defeated !== dummyDown) {
        dummyDown = sim.dummy.defeated;
        scheduler.spawn(tween(dummyBody, { rotation: dummyDown ? 1.35 : 0 }, dummyDown ? 380 : 500, dummyDown ? easeOutQuad : easeOutBack), { clock: gameplay, name: 'dummy fall' });
      }
      const hpFraction = sim.dummy.hp / DUMMY_MAX_HP;
      hpBar.clear();
      hpBar.roundRect(sim.dummy.x - 50, DUMMY_Y - 128, 100, 10, 5).fill(0x2b2f3a);
      if (hpFraction > 0) hpBar.roundRect(sim.dummy.x - 50, DUMMY_Y - 128, 100 * hpFraction, 10, 5).fill(hpFraction > 0.3 ? 0x7bd88f : 0xff6188);
      hpText.text = `${sim.dummy.hp} / ${DUMMY_MAX_HP}`;
      hpText.position.set(sim.dummy.x, DUMMY_Y - 142);

      // Cast bar under the caster.
      castBar.clear();
      const cast = sim.cast;
      casterGlow.visible = cast !== null;
      castText.visible = cast !== null;
      if (cast !== null) {
        const ability = abilities[cast.ability];
        const progress = Math.min(1, (nowMs - cast.startMs) / ability.castMs);
        castBar.roundRect(CASTER_AT.x - 70, CASTER_AT.y + 62, 140, 12, 6).fill(0x2b2f3a);
        castBar.roundRect(CASTER_AT.x - 70, CASTER_AT.y + 62, 140 * progress, 12, 6).fill(ability.colour);
        castText.text = `${ability.name}  ${((ability.castMs - (nowMs - cast.startMs)) / 1000).toFixed(1)} s`;
        castText.position.set(CASTER_AT.x, CASTER_AT.y + 88);
        casterGlow.tint = ability.colour;
        casterGlow.scale.set(1 + 0.08 * Math.sin(nowMs / 90));
      }

      // Radial sweeps: the ability's own cooldown (dark), else the global cooldown (lighter).
      const gcdLeftMs = sim.globalCooldown.active ? sim.globalCooldown.startMs + GLOBAL_COOLDOWN_MS - nowMs : 0;
      abilities.forEach((ability, index) => {
        const { sweep, seconds } = slots[index];
        sweep.clear();
        let leftMs = 0;
        let totalMs = 1;
        let alpha = 0;
        if (ability.cooling) {
          leftMs = ability.cooldownStartMs + ability.cooldownMs - nowMs;
          totalMs = ability.cooldownMs;
          alpha = 0.7;
        } else if (gcdLeftMs > 0) {
          leftMs = gcdLeftMs;
          totalMs = GLOBAL_COOLDOWN_MS;
          alpha = 0.45;
        }
        const fraction = Math.max(0, Math.min(1, leftMs / totalMs));
        if (fraction > 0) {
          const start = -Math.PI / 2;
          sweep.moveTo(0, 0).arc(0, 0, SLOT_RADIUS - 1.5, start, start + fraction * Math.PI * 2).lineTo(0, 0).fill({ color: 0x0c0d11, alpha });
          sweep.moveTo(0, 0).lineTo(0, -SLOT_RADIUS + 1.5).stroke({ color: 0xffffff, width: 1.5, alpha: 0.35 });
        }
        seconds.text = ability.cooling ? (leftMs >= 3000 ? String(Math.ceil(leftMs / 1000)) : (leftMs / 1000).toFixed(1)) : '';
      });

      paused.visible = gameplay.paused;
      for (const dial of dials) dial.sync();
    },

    released(index: number): void {
      const { face } = slots[index];
      scheduler.spawn(bump(face), { clock: ui, name: 'slot bump' });
      if (abilities[index].freezeMs > 0) scheduler.spawn(ring(effects, CASTER_AT.x, CASTER_AT.y - 10, abilities[index].colour, 120, 500), { clock: gameplay, name: 'nova ring' });
    },

    refused(index: number): void {
      const { face, flash } = slots[index];
      flash.tint = 0xff6188;
      scheduler.spawn(shake(face, flash), { clock: ui, name: 'slot shake' });
    },

    ready(index: number): void {
      const { face, flash } = slots[index];
      flash.tint = 0xffffff;
      scheduler.spawn(readyFlash(face, flash), { clock: ui, name: 'slot ready' });
    },

    hit(index: number, damage: number, x: number, y: number): void {
      const ability = abilities[index];
      scheduler.spawn(ring(effects, x, y, ability.colour, 30 + ability.sizePx * 2, 380), { clock: gameplay, name: 'hit ring' });
      scheduler.spawn(floatNumber(effects, x, y - 20, damage, ability.colour), { clock: gameplay, name: 'damage number' });
      scheduler.spawn(recoil(dummyBody), { clock: gameplay, name: 'recoil' });
    },

    defeated(): void {
      scheduler.spawn(floatNumber(effects, sim.dummy.x, DUMMY_Y - 160, 'K.O.', 0xff6188), { clock: gameplay, name: 'ko' });
    },
  };
}

// ---- effects as behaviours ----

/** A ring that grows and fades where something hit. */
function* ring(layer: Container, x: number, y: number, colour: number, radiusPx: number, durationMs: number): Behaviour {
  const g = new Graphics().circle(0, 0, radiusPx).stroke({ color: colour, width: 4 });
  g.position.set(x, y);
  g.scale.set(0.2);
  layer.addChild(g);
  try {
    yield* all([tween(g.scale, { x: 1, y: 1 }, durationMs, easeOutCubic), tween(g, { alpha: 0 }, durationMs, easeOutQuad)]);
  } finally {
    g.destroy();
  }
}

/** A damage number that rises and fades. */
function* floatNumber(layer: Container, x: number, y: number, value: number | string, colour: number): Behaviour {
  const text = label(String(value), { fontSize: typeof value === 'number' && value >= 30 ? 30 : 22, fontWeight: '800', fill: colour, stroke: { color: 0x14161c, width: 5 } });
  text.position.set(x + (Math.random() - 0.5) * 30, y);
  text.scale.set(0.5);
  layer.addChild(text);
  try {
    yield* tween(text.scale, { x: 1, y: 1 }, 180, easeOutBack);
    yield* all([tween(text, { y: y - 50 }, 700, easeOutQuad), tween(text, { alpha: 0 }, 700, easeInOutSine)]);
  } finally {
    text.destroy();
  }
}

/** The dummy rocks back when hit. */
function* recoil(body: Container): Behaviour {
  if (body.rotation > 0.5) return; // knocked down: lies still
  yield* tween(body, { rotation: 0.18 }, 70, easeOutQuad);
  yield* tween(body, { rotation: 0 }, 260, easeOutBack);
}

/** The slot dips when its ability goes off. */
function* bump(face: Container): Behaviour {
  yield* tween(face.scale, { x: 0.86, y: 0.86 }, 70, easeOutQuad);
  yield* tween(face.scale, { x: 1, y: 1 }, 240, easeOutBack);
}

/** Refused: a quick red shake. Runs on the ui clock, so it shows even while gameplay is paused. */
function* shake(face: Container, flash: Container): Behaviour {
  flash.alpha = 0.45;
  const flashOut = tween(flash, { alpha: 0 }, 300, easeOutQuad);
  function* wobble(): Behaviour {
    for (const dx of [-6, 5, -4, 3, 0]) yield* tween(face, { x: dx }, 45, easeOutQuad);
  }
  yield* all([flashOut, wobble()]);
}

/** Ready again: a white flash and a pop. */
function* readyFlash(face: Container, flash: Container): Behaviour {
  flash.alpha = 0.7;
  face.scale.set(1.15);
  yield* all([tween(flash, { alpha: 0 }, 350, easeOutQuad), tween(face.scale, { x: 1, y: 1 }, 350, easeOutBack)]);
}

/** The PAUSED banner breathes (on the ui clock). */
function* pulse(text: Container): Behaviour {
  for (;;) {
    yield* tween(text, { alpha: 0.35 }, 700, easeInOutSine);
    yield* tween(text, { alpha: 1 }, 700, easeInOutSine);
    yield* waitMs(100);
  }
}

// ---- drawing ----

function makeDial(name: string, clock: Clock, colour: number): { root: Container; sync(): void } {
  const root = new Container();
  root.addChild(new Graphics().circle(0, 0, 28).fill(0x1e2129).stroke({ color: colour, width: 2.5 }));
  const ticks = new Graphics();
  for (let i = 0; i < 12; i++) {
    const angle = (i / 12) * Math.PI * 2;
    ticks.moveTo(Math.cos(angle) * 22, Math.sin(angle) * 22).lineTo(Math.cos(angle) * 25, Math.sin(angle) * 25);
  }
  root.addChild(ticks.stroke({ color: 0x5a6072, width: 1.5 }));
  const hand = new Graphics().moveTo(0, 4).lineTo(0, -22).stroke({ color: colour, width: 3, cap: 'round' }).circle(0, 0, 3.5).fill(colour);
  root.addChild(hand);
  const caption = label(name, { fontSize: 12, fill: 0x9aa0ae });
  caption.position.set(0, 42);
  const rate = label('', { fontSize: 11, fill: colour, fontWeight: '700' });
  rate.position.set(0, 57);
  root.addChild(caption, rate);
  return {
    root,
    sync(): void {
      // One turn every 2 s of the clock's time.
      hand.rotation = ((clock.nowMs % 2000) / 2000) * Math.PI * 2;
      rate.text = clock.paused ? 'paused' : `×${clock.timeScale.toFixed(2)}`;
    },
  };
}

/** The sky is the renderer's background (the page's default); only the floor and the tray are drawn. */
function drawBackdrop(): Graphics {
  const g = new Graphics();
  // A floor for the fight, and a tray for the ability bar.
  g.rect(0, DUMMY_Y + 34, ARENA.widthPx, 110).fill(0x20242f);
  g.moveTo(0, DUMMY_Y + 34).lineTo(ARENA.widthPx, DUMMY_Y + 34).stroke({ color: 0x2e3342, width: 2 });
  g.roundRect(ARENA.widthPx / 2 - 210, SLOT_Y - 52, 420, 124, 18).fill(0x14161c);
  for (let i = 0; i < 40; i++) {
    // Fixed pseudo-random stars, so the backdrop is the same on every load.
    const x = (i * 197) % ARENA.widthPx;
    const y = (i * 83) % (DUMMY_Y - 40);
    g.circle(x, y, i % 3 === 0 ? 1.5 : 1).fill({ color: 0xffffff, alpha: 0.25 });
  }
  return g;
}

function drawCaster(): Container {
  const caster = new Container();
  caster.position.set(CASTER_AT.x, CASTER_AT.y);
  const g = new Graphics();
  g.ellipse(0, 34, 30, 7).fill({ color: 0x000000, alpha: 0.35 });
  g.poly([-24, 34, 24, 34, 10, -14, -10, -14]).fill(0x6c5fc7);
  g.circle(0, -22, 13).fill(0xf2d3b3);
  g.poly([-20, -28, 20, -28, 2, -72]).fill(0x5548b0);
  g.rect(-20, -31, 40, 5).fill(0x4a3e9c);
  g.circle(6, -23, 2).fill(0x14161c);
  // The staff, held out towards the dummy.
  g.moveTo(26, 30).lineTo(34, -30).stroke({ color: 0x9c7a54, width: 4, cap: 'round' });
  g.circle(34, -34, 6).fill(0x78dce8);
  caster.addChild(g);
  return caster;
}

function drawDummy(): Container {
  const dummy = new Container();
  dummy.position.set(720, DUMMY_Y);
  const shadow = new Graphics().ellipse(0, 34, 34, 7).fill({ color: 0x000000, alpha: 0.35 });
  // The body pivots at its foot so hits rock it and a knock-down tips it over.
  const body = new Container();
  body.position.set(0, 34);
  const g = new Graphics();
  g.rect(-5, -40, 10, 40).fill(0x9c7a54);
  g.rect(-32, -70, 64, 8).fill(0x9c7a54);
  g.circle(0, -86, 34).fill(0xe8e8ee);
  g.circle(0, -86, 25).fill(0xff6188);
  g.circle(0, -86, 16).fill(0xe8e8ee);
  g.circle(0, -86, 8).fill(0xff6188);
  body.addChild(g);
  dummy.addChild(body, shadow);
  dummy.swapChildren(body, shadow);
  return dummy;
}

function drawIcon(index: number, colour: number): Graphics {
  const g = new Graphics();
  if (index === 0) {
    // Spark: a lightning bolt.
    g.poly([4, -20, -10, 2, -1, 2, -5, 20, 10, -4, 1, -4]).fill(colour);
  } else if (index === 1) {
    // Fireball: a flame.
    g.moveTo(0, -20).bezierCurveTo(14, -6, 14, 10, 0, 16).bezierCurveTo(-14, 10, -14, -6, 0, -20).fill(colour);
    g.circle(0, 6, 6).fill(0xffd866);
  } else if (index === 2) {
    // Frost Nova: a snowflake.
    for (let i = 0; i < 3; i++) {
      const angle = (i / 3) * Math.PI;
      g.moveTo(Math.cos(angle) * -18, Math.sin(angle) * -18).lineTo(Math.cos(angle) * 18, Math.sin(angle) * 18);
    }
    g.stroke({ color: colour, width: 4, cap: 'round' });
    g.circle(0, 0, 5).fill(colour);
  } else {
    // Meteor: a rock with a tail.
    g.moveTo(-18, -18).lineTo(2, -2).stroke({ color: colour, width: 6, cap: 'round', alpha: 0.5 });
    g.circle(6, 6, 11).fill(colour);
  }
  return g;
}

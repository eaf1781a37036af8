// The cooldowns demo's world: a caster, a training dummy, projectiles (bitECS entities), two clocks,
// and the systems that move things. No DOM: tests step it with sim.loop.step(16).
import { addComponent, addEntity, createWorld, query, removeEntity, type World } from 'bitecs';
import type { Clock, Scheduler, Task } from 'tickflow';
import { createGameLoop, type GameLoop, type LoopTime } from 'tickflow/ecs';

const MAX_ENTITIES = 256;

export const ARENA = { widthPx: 960, heightPx: 600 } as const;
export const CASTER_AT = { x: 190, y: 300 } as const;
export const DUMMY_Y = 300;
export const DUMMY_MAX_HP = 240;
export const GLOBAL_COOLDOWN_MS = 1000;

/** One ability on the bar. Times are gameplay-clock milliseconds. */
export interface Ability {
  readonly key: string;
  readonly name: string;
  readonly castMs: number;
  readonly cooldownMs: number;
  readonly damage: number;
  readonly colour: number;
  /** Projectile speed, px per ms, and radius. */
  readonly speed: number;
  readonly sizePx: number;
  /** Frost Nova: how long it freezes the dummy. */
  readonly freezeMs: number;
  /** Cooling down now, and since when (gameplay ms): the view draws the sweep from these. */
  cooling: boolean;
  cooldownStartMs: number;
}

export function createAbilities(): Ability[] {
  const ability = (key: string, name: string, castMs: number, cooldownMs: number, damage: number, colour: number, speed: number, sizePx: number, freezeMs = 0): Ability => ({
    key, name, castMs, cooldownMs, damage, colour, speed, sizePx, freezeMs, cooling: false, cooldownStartMs: 0,
  });
  return [
    ability('1', 'Spark', 0, 1500, 8, 0xffd866, 0.9, 6),
    ability('2', 'Fireball', 1200, 5000, 32, 0xfc9867, 0.55, 13),
    ability('3', 'Frost Nova', 0, 8000, 6, 0x78dce8, 0.7, 9, 3000),
    ability('4', 'Meteor', 2000, 15000, 70, 0xab9df2, 0.45, 22),
  ];
}

/** Why a press did nothing. */
export type Refusal = 'cooldown' | 'global cooldown' | 'casting' | 'paused';

/** What the view wants to hear about (sounds and effects). */
export interface CooldownEvents {
  castStarted(ability: number): void;
  released(ability: number): void;
  interrupted(ability: number): void;
  refused(ability: number, why: Refusal): void;
  ready(ability: number): void;
  hit(ability: number, damage: number, x: number, y: number): void;
  defeated(): void;
}

/** Component stores. */
export const Position = { x: new Float32Array(MAX_ENTITIES), y: new Float32Array(MAX_ENTITIES) };
/** A projectile flying at the dummy: which ability, how fast, and whether it arrived. */
export const Projectile = { ability: new Uint8Array(MAX_ENTITIES), speed: new Float32Array(MAX_ENTITIES), arrived: new Uint8Array(MAX_ENTITIES) };

/** The sim, shared by the behaviours, the systems and the view. */
export interface CooldownSim {
  readonly world: World;
  readonly loop: GameLoop;
  readonly scheduler: Scheduler;
  /** Everything in the fight runs on this clock: the slider scales it, the pause button pauses it. */
  readonly gameplay: Clock;
  /** The ability bar's animations run on this one: it keeps going while gameplay is paused. */
  readonly ui: Clock;
  readonly caster: number;
  readonly abilities: Ability[];
  /** The cast in progress, if any. */
  cast: { ability: number; startMs: number; task: Task<unknown> } | null;
  /** Global cooldown: running, and since when (gameplay ms). */
  globalCooldown: { active: boolean; startMs: number };
  readonly dummy: { x: number; hp: number; frozenUntilMs: number; swayMs: number; defeated: boolean };
  events: CooldownEvents;
}

const quiet: CooldownEvents = { castStarted() {}, released() {}, interrupted() {}, refused() {}, ready() {}, hit() {}, defeated() {} };

/** Makes the world, both clocks, the loop and its systems. Behaviours start in abilities.ts. */
export function createCooldownWorld(scheduler: Scheduler): CooldownSim {
  const gameplay = scheduler.createClock('gameplay');
  const ui = scheduler.createClock('ui');
  const world = createWorld();
  const loop = createGameLoop({ world, scheduler, clock: gameplay });
  const caster = addEntity(world);
  addComponent(world, caster, Position);
  Position.x[caster] = CASTER_AT.x;
  Position.y[caster] = CASTER_AT.y;
  const sim: CooldownSim = {
    world,
    loop,
    scheduler,
    gameplay,
    ui,
    caster,
    abilities: createAbilities(),
    cast: null,
    globalCooldown: { active: false, startMs: 0 },
    dummy: { x: 720, hp: DUMMY_MAX_HP, frozenUntilMs: 0, swayMs: 0, defeated: false },
    events: quiet,
  };
  loop.addSystem('update', (_world, time) => swayDummy(sim, time));
  loop.addSystem('update', (_world, time) => flyProjectiles(sim, time));
  return sim;
}

/** Adds a projectile of `ability` at the caster's hands. */
export function addProjectile(sim: CooldownSim, ability: number): number {
  const eid = addEntity(sim.world);
  addComponent(sim.world, eid, Position);
  addComponent(sim.world, eid, Projectile);
  Position.x[eid] = CASTER_AT.x + 30;
  Position.y[eid] = CASTER_AT.y - 20;
  Projectile.ability[eid] = ability;
  Projectile.speed[eid] = sim.abilities[ability].speed;
  Projectile.arrived[eid] = 0;
  return eid;
}

export function removeProjectile(sim: CooldownSim, eid: number): void {
  removeEntity(sim.world, eid);
}

/** The dummy drifts from side to side on the gameplay clock, unless frozen. */
function swayDummy(sim: CooldownSim, time: LoopTime): void {
  const dummy = sim.dummy;
  if (sim.gameplay.nowMs < dummy.frozenUntilMs) return;
  dummy.swayMs += time.clockDtMs;
  dummy.x = 720 + Math.sin(dummy.swayMs * 0.0011) * 150;
}

/** Projectiles home in on the dummy; `arrived` tells their behaviour to hit. */
function flyProjectiles(sim: CooldownSim, time: LoopTime): void {
  for (const eid of query(sim.world, [Projectile])) {
    if (Projectile.arrived[eid] === 1) continue;
    const dx = sim.dummy.x - Position.x[eid];
    const dy = DUMMY_Y - 10 - Position.y[eid];
    const distance = Math.hypot(dx, dy);
    const stepPx = Projectile.speed[eid] * time.clockDtMs;
    if (distance <= stepPx + 18) {
      Projectile.arrived[eid] = 1;
      continue;
    }
    Position.x[eid] += (dx / distance) * stepPx;
    // A little arc: rise first, then fall onto the target.
    Position.y[eid] += (dy / distance) * stepPx - (distance > 200 ? 0.06 * time.clockDtMs : 0);
  }
}

// The player's three abilities. Each one is a behaviour that waits for its key, casts, then waits out
// its cooldown: a press during the cooldown finds nobody listening, so it does nothing.
import { addComponent, addEntity, removeEntity } from 'bitecs';
import { waitMs, waitSignal, type Behaviour, type Signal } from 'tickflow';
import { spawnOn } from 'tickflow/ecs';
import { emit, Layer } from '../../particles/sim/particles.js';
import { nextFrame } from './frames.js';
import { GUARD_RADIUS_PX } from './guards.js';
import { Smoke, type Heist, type SmokeState } from './heist.js';
import { distance, slide } from './level.js';

/** The player's abilities, by the action that casts them. */
export type AbilityName = 'dash' | 'smoke' | 'pebble';

/** One ability: its cooldown, where it is in its cycle, and the signal its key emits. */
export interface AbilityState {
  readonly name: AbilityName;
  /** The key shown on its button. */
  readonly key: string;
  readonly label: string;
  readonly cooldownMs: number;
  state: 'ready' | 'casting' | 'cooldown';
  /** Gameplay ms when the cooldown ends (valid while state is 'cooldown'). */
  cooldownEndsMs: number;
  /** Emitted by the page's key press; only heard while the ability is ready. */
  readonly pressed: Signal<void>;
}

/** How long a dash lasts. */
export const DASH_MS = 170;
/** Dash speed: about 136 px over DASH_MS. */
export const DASH_SPEED_PX_PER_MS = 0.8;
/** Radius of a grown smoke cloud. */
export const SMOKE_RADIUS_PX = 80;
/** Guards closer than this to the bomb are stunned. */
export const SMOKE_STUN_RANGE_PX = 115;
/** How long a stun lasts. */
export const SMOKE_STUN_MS = 2_800;
/** How long a cloud stays thick before it thins away. */
export const SMOKE_LINGER_MS = 3_600;
/** Time from throw to landing. */
export const PEBBLE_FLIGHT_MS = 450;
/** The farthest a pebble flies. */
export const PEBBLE_RANGE_PX = 300;
/** Guards within this distance of a landing pebble hear it. */
export const NOISE_RANGE_PX = 330;

/**
 * Ready, cast, cool down, forever. The cooldown is a plain `waitMs` on the gameplay clock, so it
 * freezes while the game is paused for a conversation.
 *
 * @example
 * scheduler.spawn(abilityLoop(game, smokeAbility, smokeBomb), { clock: game.gameplay });
 * smokeAbility.pressed.emit(); // 0 ms: cast; presses until 9000 ms do nothing
 */
export function* abilityLoop(game: Heist, ability: AbilityState, cast: (game: Heist) => Behaviour): Behaviour {
  for (;;) {
    ability.state = 'ready';
    yield* waitSignal(ability.pressed);
    ability.state = 'casting';
    game.events.push({ kind: 'cast', ability: ability.name });
    yield* cast(game);
    ability.state = 'cooldown';
    ability.cooldownEndsMs = game.gameplay.nowMs + ability.cooldownMs;
    yield* waitMs(ability.cooldownMs);
    game.events.push({ kind: 'ready', ability: ability.name });
  }
}

/**
 * Dash: a quick burst the way the player moves (or faces), leaving a trail of sparks.
 *
 * @example
 * yield* dash(game); // 170 ms, about 136 px unless a wall is in the way
 */
export function* dash(game: Heist): Behaviour {
  const { player, input } = game;
  const moving = Math.hypot(input.moveX, input.moveY) > 0;
  const angle = moving ? Math.atan2(input.moveY, input.moveX) : player.facing;
  player.facing = angle;
  player.dashing = true;
  try {
    for (let elapsedMs = 0; elapsedMs < DASH_MS; ) {
      const dtMs = yield* nextFrame();
      elapsedMs += dtMs;
      const stepPx = DASH_SPEED_PX_PER_MS * dtMs;
      slide(game.level, player, Math.cos(angle) * stepPx, Math.sin(angle) * stepPx, player.radiusPx);
      for (let i = 0; i < 3; i++) {
        emit(game.particles, {
          x: player.x + (game.particles.random() - 0.5) * 10,
          y: player.y + (game.particles.random() - 0.5) * 10,
          vx: -Math.cos(angle) * 0.05,
          vy: -Math.sin(angle) * 0.05,
          lifeMs: 300,
          sizeFromPx: 12,
          sizeToPx: 2,
          colourFrom: 0xd9b8ff,
          colourTo: 0x5a3dff,
          alphaFrom: 0.7,
        });
      }
    }
  } finally {
    player.dashing = false;
  }
}

/**
 * Smoke bomb: a cloud where the player stands (nobody sees into or through it) and a stun for every
 * guard close enough. The cloud lives on as its own entity.
 *
 * @example
 * yield* smokeBomb(game); // returns at once; the cloud lasts about 4.5 s
 */
export function* smokeBomb(game: Heist): Behaviour {
  const { player, world } = game;
  const eid = addEntity(world);
  addComponent(world, eid, Smoke);
  const smoke: SmokeState = { eid, x: player.x, y: player.y, radiusPx: 0, alpha: 1 };
  game.smokes.push(smoke);
  spawnOn(world, eid, smokeCloud(game, smoke), { name: 'smoke' });
  for (const guard of game.guards) {
    if (distance(guard, player) < SMOKE_STUN_RANGE_PX + GUARD_RADIUS_PX && guard.mode !== 'stunned') guard.stun.emit(SMOKE_STUN_MS);
  }
}

/**
 * One smoke cloud's life: billows out, lingers, thins away, and removes its entity.
 *
 * @example
 * spawnOn(world, eid, smokeCloud(game, smoke)); // 0-300 ms grows, gone at about 4.5 s
 */
export function* smokeCloud(game: Heist, smoke: SmokeState): Behaviour {
  const random = () => game.particles.random();
  const totalMs = 300 + SMOKE_LINGER_MS + 600;
  try {
    for (let elapsedMs = 0; elapsedMs < totalMs; ) {
      const dtMs = yield* nextFrame();
      elapsedMs += dtMs;
      smoke.radiusPx = SMOKE_RADIUS_PX * Math.min(1, elapsedMs / 300);
      smoke.alpha = Math.max(0, Math.min(1, (totalMs - elapsedMs) / 600));
      if (random() < 0.5 * smoke.alpha) {
        const angle = random() * Math.PI * 2;
        const r = random() * smoke.radiusPx;
        emit(game.particles, {
          x: smoke.x + Math.cos(angle) * r,
          y: smoke.y + Math.sin(angle) * r,
          vx: (random() - 0.5) * 0.03,
          vy: -0.01 - random() * 0.02,
          lifeMs: 900 + random() * 600,
          sizeFromPx: 30,
          sizeToPx: 60,
          colourFrom: 0xb8bccb,
          colourTo: 0x6d7284,
          alphaFrom: 0.35,
          layer: Layer.smoke,
        });
      }
    }
  } finally {
    game.smokes.splice(game.smokes.indexOf(smoke), 1);
  }
  removeEntity(game.world, smoke.eid);
}

/**
 * Pebble: thrown where the mouse points (at most PEBBLE_RANGE_PX away); the cooldown starts at once
 * while the pebble flies. When it lands, guards on their rounds within earshot go and look.
 *
 * @example
 * yield* pebbleThrow(game); // returns now; lands 450 ms later
 */
export function* pebbleThrow(game: Heist): Behaviour {
  const { player, input } = game;
  const dx = input.aimX - player.x;
  const dy = input.aimY - player.y;
  const lengthPx = Math.hypot(dx, dy);
  const reachPx = Math.min(PEBBLE_RANGE_PX, lengthPx);
  const angle = lengthPx > 0 ? Math.atan2(dy, dx) : player.facing;
  const to = {
    x: Math.max(20, Math.min(game.level.widthPx - 20, player.x + Math.cos(angle) * reachPx)),
    y: Math.max(20, Math.min(game.level.heightPx - 20, player.y + Math.sin(angle) * reachPx)),
  };
  game.scheduler.spawn(pebbleFlight(game, { x: player.x, y: player.y }, to), { name: 'pebble', clock: game.gameplay });
}

/**
 * The pebble in the air: an arc from `from` to `to`, then dust and a noise on landing.
 *
 * @example
 * scheduler.spawn(pebbleFlight(game, player, { x: 500, y: 300 })); // lands at 450 ms
 */
export function* pebbleFlight(game: Heist, from: { x: number; y: number }, to: { x: number; y: number }): Behaviour {
  const pebble = { x: from.x, y: from.y, heightPx: 0 };
  game.pebble = pebble;
  try {
    for (let elapsedMs = 0; elapsedMs < PEBBLE_FLIGHT_MS; ) {
      elapsedMs += yield* nextFrame();
      const t = Math.min(1, elapsedMs / PEBBLE_FLIGHT_MS);
      pebble.x = from.x + (to.x - from.x) * t;
      pebble.y = from.y + (to.y - from.y) * t;
      pebble.heightPx = Math.sin(t * Math.PI) * 60;
    }
  } finally {
    if (game.pebble === pebble) game.pebble = null;
  }
  game.events.push({ kind: 'noise', x: to.x, y: to.y });
  for (let i = 0; i < 14; i++) {
    const angle = (i / 14) * Math.PI * 2;
    emit(game.particles, {
      x: to.x,
      y: to.y,
      vx: Math.cos(angle) * 0.08,
      vy: Math.sin(angle) * 0.08,
      drag: 0.004,
      lifeMs: 500,
      sizeFromPx: 9,
      sizeToPx: 3,
      colourFrom: 0xe8dcc0,
      colourTo: 0x8a7a5a,
      alphaFrom: 0.8,
    });
  }
  for (const guard of game.guards) if (distance(guard, to) < NOISE_RANGE_PX) guard.heard.emit(to);
}

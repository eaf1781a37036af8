// Abilities as behaviours: a cast is a wait, a cooldown is a wait, the global cooldown is a wait.
// They all run on the gameplay clock, so the time-scale slider and the pause button just work.
import { currentTask, waitMs, waitUntil, type Behaviour, type Scheduler } from 'tickflow';
import { spawnOn } from 'tickflow/ecs';
import {
  DUMMY_MAX_HP, GLOBAL_COOLDOWN_MS, Position, Projectile, addProjectile, createCooldownWorld, removeProjectile,
  type CooldownSim, type Refusal,
} from './world.js';

/**
 * A key was pressed: cast the ability if nothing stops it. Returns why not, or null when the cast began.
 * A press during a cooldown, the global cooldown, another cast or a pause does nothing.
 */
export function pressAbility(sim: CooldownSim, index: number): Refusal | null {
  const ability = sim.abilities[index];
  const refusal: Refusal | null = sim.gameplay.paused
    ? 'paused'
    : sim.cast !== null
      ? 'casting'
      : ability.cooling
        ? 'cooldown'
        : sim.globalCooldown.active
          ? 'global cooldown'
          : null;
  if (refusal !== null) {
    sim.events.refused(index, refusal);
    return refusal;
  }
  spawnOn(sim.world, sim.caster, castAbility(sim, index), { name: ability.name, slot: 'cast' });
  return null;
}

/** Stops the cast in progress (Escape). Its finally clears the cast bar; no cooldown starts. */
export function interruptCast(sim: CooldownSim): void {
  sim.cast?.task.cancel();
}

/** Cast time, then release: projectile out, cooldown starts. */
function* castAbility(sim: CooldownSim, index: number): Behaviour {
  const ability = sim.abilities[index];
  spawnOn(sim.world, sim.caster, globalCooldown(sim), { name: 'global cooldown', slot: 'gcd' });
  if (ability.castMs > 0) {
    const task = yield* currentTask();
    sim.cast = { ability: index, startMs: sim.gameplay.nowMs, task };
    sim.events.castStarted(index);
    let finished = false;
    try {
      yield* waitMs(ability.castMs);
      finished = true;
    } finally {
      sim.cast = null;
      if (!finished) sim.events.interrupted(index);
    }
  }
  spawnOn(sim.world, sim.caster, cooldown(sim, index), { name: `${ability.name} cooldown`, slot: `cooldown ${index}` });
  sim.events.released(index);
  const projectile = addProjectile(sim, index);
  spawnOn(sim.world, projectile, fly(sim, projectile), { name: ability.name });
}

function* cooldown(sim: CooldownSim, index: number): Behaviour {
  const ability = sim.abilities[index];
  ability.cooling = true;
  ability.cooldownStartMs = sim.gameplay.nowMs;
  try {
    yield* waitMs(ability.cooldownMs);
  } finally {
    ability.cooling = false;
  }
  sim.events.ready(index);
}

function* globalCooldown(sim: CooldownSim): Behaviour {
  sim.globalCooldown.active = true;
  sim.globalCooldown.startMs = sim.gameplay.nowMs;
  try {
    yield* waitMs(GLOBAL_COOLDOWN_MS);
  } finally {
    sim.globalCooldown.active = false;
  }
}

/** A projectile's life: fly until it reaches the dummy, then hit and vanish. */
function* fly(sim: CooldownSim, eid: number): Behaviour {
  yield* waitUntil(() => Projectile.arrived[eid] === 1);
  const index = Projectile.ability[eid];
  const ability = sim.abilities[index];
  const dummy = sim.dummy;
  if (!dummy.defeated) {
    dummy.hp = Math.max(0, dummy.hp - ability.damage);
    if (ability.freezeMs > 0) dummy.frozenUntilMs = sim.gameplay.nowMs + ability.freezeMs;
    sim.events.hit(index, ability.damage, Position.x[eid], Position.y[eid]);
  }
  removeProjectile(sim, eid);
}

/** The dummy: when knocked down, it stays down 1.5 s and gets up with full health. */
function* dummyLife(sim: CooldownSim): Behaviour {
  for (;;) {
    yield* waitUntil(() => sim.dummy.hp <= 0);
    sim.dummy.defeated = true;
    sim.events.defeated();
    yield* waitMs(1500);
    sim.dummy.hp = DUMMY_MAX_HP;
    sim.dummy.defeated = false;
  }
}

/**
 * Makes the sim and starts the dummy. Step it with `sim.loop.step(dtMs)`.
 *
 * @example
 * const sim = createCooldownSim(createScheduler());
 * pressAbility(sim, 1);   // Fireball: casting for 1200 ms of gameplay time
 * sim.gameplay.timeScale = 0.5;
 * sim.loop.runFor(2400);  // ...which is 2400 ms of real time at half speed
 */
export function createCooldownSim(scheduler: Scheduler): CooldownSim {
  const sim = createCooldownWorld(scheduler);
  scheduler.spawn(dummyLife(sim), { name: 'dummy', clock: sim.gameplay });
  return sim;
}

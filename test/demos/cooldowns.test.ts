import { createScheduler } from 'tickflow';
import { describe, expect, it } from 'vitest';
import { createCooldownSim, interruptCast, pressAbility } from '../../demos/cooldowns/sim/abilities.js';
import { DUMMY_MAX_HP, GLOBAL_COOLDOWN_MS } from '../../demos/cooldowns/sim/world.js';

const FRAME_MS = 16;
const SPARK = 0; // instant, 1500 ms cooldown
const FIREBALL = 1; // 1200 ms cast, 5000 ms cooldown
const NOVA = 2; // instant, 8000 ms cooldown

function setup() {
  const sim = createCooldownSim(createScheduler());
  const log: string[] = [];
  sim.events = {
    castStarted: (i) => log.push(`cast ${i}`),
    released: (i) => log.push(`release ${i}`),
    interrupted: (i) => log.push(`interrupted ${i}`),
    refused: (i, why) => log.push(`refused ${i}: ${why}`),
    ready: (i) => log.push(`ready ${i}`),
    hit: (i, damage) => log.push(`hit ${i} for ${damage}`),
    defeated: () => log.push('defeated'),
  };
  return { sim, log };
}

describe('pressAbility', () => {
  it('does nothing when pressed again during the cooldown, and casts again once it is over', () => {
    const { sim, log } = setup();
    expect(pressAbility(sim, SPARK)).toBeNull();
    sim.loop.runFor(GLOBAL_COOLDOWN_MS + FRAME_MS, FRAME_MS); // past the global cooldown, inside the 1500 ms cooldown
    expect(pressAbility(sim, SPARK)).toBe('cooldown');
    sim.loop.runFor(1500 - GLOBAL_COOLDOWN_MS, FRAME_MS);
    expect(pressAbility(sim, SPARK)).toBeNull();
    expect(log.filter((line) => !line.startsWith('hit'))).toEqual(['release 0', 'refused 0: cooldown', 'ready 0', 'release 0']);
  });

  it('gates every ability behind the global cooldown', () => {
    const { sim, log } = setup();
    pressAbility(sim, SPARK);
    sim.loop.runFor(GLOBAL_COOLDOWN_MS - 2 * FRAME_MS, FRAME_MS);
    expect(pressAbility(sim, NOVA)).toBe('global cooldown');
    sim.loop.runFor(2 * FRAME_MS, FRAME_MS);
    expect(pressAbility(sim, NOVA)).toBeNull();
    expect(log.filter((line) => !line.startsWith('hit'))).toEqual(['release 0', 'refused 2: global cooldown', 'release 2']);
  });

  it('releases a cast-time ability after its cast time, refusing other presses meanwhile', () => {
    const { sim, log } = setup();
    pressAbility(sim, FIREBALL);
    expect(sim.cast?.ability).toBe(FIREBALL);
    sim.loop.runFor(1104, FRAME_MS);
    expect(pressAbility(sim, SPARK)).toBe('casting');
    expect(log).toEqual(['cast 1', 'refused 0: casting']);
    sim.loop.runFor(112, FRAME_MS); // 1216 ms: the 1200 ms cast is done
    expect(log).toEqual(['cast 1', 'refused 0: casting', 'release 1']);
    expect(sim.cast).toBeNull();
    expect(sim.abilities[FIREBALL].cooling).toBe(true);
  });

  it('hits the dummy when the projectile arrives', () => {
    const { sim, log } = setup();
    pressAbility(sim, SPARK);
    sim.loop.runFor(1000, FRAME_MS);
    expect(log).toContain('hit 0 for 8');
    expect(sim.dummy.hp).toBe(DUMMY_MAX_HP - 8);
  });

  it('follows the gameplay clock: half speed takes twice as long, pause stops it', () => {
    const { sim, log } = setup();
    sim.gameplay.timeScale = 0.5;
    pressAbility(sim, SPARK);
    sim.loop.runFor(2 * 1500 - 2 * FRAME_MS, FRAME_MS);
    expect(sim.abilities[SPARK].cooling).toBe(true);
    sim.gameplay.paused = true;
    sim.loop.runFor(5000, FRAME_MS);
    expect(sim.abilities[SPARK].cooling).toBe(true);
    sim.gameplay.paused = false;
    sim.loop.runFor(2 * FRAME_MS, FRAME_MS);
    expect(sim.abilities[SPARK].cooling).toBe(false);
    expect(log.filter((line) => line.startsWith('ready'))).toEqual(['ready 0']);
  });

  it('refuses every ability until the gameplay clock runs again', () => {
    const { sim, log } = setup();
    sim.gameplay.paused = true;
    expect(pressAbility(sim, SPARK)).toBe('paused');
    sim.gameplay.paused = false;
    expect(pressAbility(sim, SPARK)).toBeNull();
    expect(log).toEqual(['refused 0: paused', 'release 0']);
  });
});

describe('interruptCast', () => {
  it('stops the cast: nothing is released and no cooldown starts', () => {
    const { sim, log } = setup();
    pressAbility(sim, FIREBALL);
    sim.loop.runFor(600, FRAME_MS);
    interruptCast(sim);
    expect(sim.cast).toBeNull();
    sim.loop.runFor(2000, FRAME_MS);
    expect(log).toEqual(['cast 1', 'interrupted 1']);
    expect(sim.abilities[FIREBALL].cooling).toBe(false);
    expect(pressAbility(sim, FIREBALL)).toBeNull();
  });
});

describe('createCooldownSim', () => {
  it('knocks the dummy down at zero health and stands it up again 1.5 s later', () => {
    const { sim, log } = setup();
    sim.dummy.hp = 5;
    pressAbility(sim, SPARK);
    sim.loop.runFor(1000, FRAME_MS);
    expect(log).toContain('defeated');
    expect(sim.dummy.defeated).toBe(true);
    sim.loop.runFor(1600, FRAME_MS);
    expect(sim.dummy).toMatchObject({ defeated: false, hp: DUMMY_MAX_HP });
  });
});

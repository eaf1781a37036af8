// Moonlight Heist: the mini-game's simulation. Sneak past three guards, take three gems, get out.
// Everything that happens over time is a behaviour: the briefing's typewriter, each guard's mind,
// the abilities' cooldowns, the smoke, the gems, every particle. Systems (vision, here) compute
// facts each frame; behaviours wait for them. No DOM: the page draws this state, tests step it.
import { addComponent, addEntity, createWorld, query, removeEntity, type World } from 'bitecs';
import { createScheduler, createSignal, race, waitMs, waitSignal, waitUntil, type Behaviour, type Clock, type Scheduler, type Signal } from 'tickflow';
import { createGameLoop, runOnQuery, spawnOn, type GameLoop } from 'tickflow/ecs';
import { burst, createParticleSim, type ParticleSim } from '../../particles/sim/particles.js';
import { abilityLoop, dash, pebbleThrow, smokeBomb, type AbilityName, type AbilityState } from './abilities.js';
import { briefing, conversation, smallTalk, type DialogueState } from './dialogue.js';
import { guardMind, visionSystem, type GuardState } from './guards.js';
import { distance, insideRect, museum, slide, type Level, type Point } from './level.js';
import { nextFrame } from './frames.js';

/** What the player does with the keyboard and mouse, written by the page each frame. */
export interface HeistInput {
  /** -1, 0 or 1 on each axis. */
  moveX: number;
  moveY: number;
  /** Where the mouse points, in level px (the pebble flies there). */
  aimX: number;
  aimY: number;
}

/** One-off actions: keys and clicks. */
export type HeistAction =
  | 'dash'
  | 'smoke'
  | 'pebble'
  | 'talk'
  | 'advance'
  | 'skip'
  | 'choose0'
  | 'choose1'
  | 'choose2'
  /** Move the highlighted answer of a question up or down. */
  | 'choiceUp'
  | 'choiceDown';

/** Things the page turns into sounds and flashes; drained each frame. */
export type HeistEvent =
  | { kind: 'blip' }
  | { kind: 'select' }
  | { kind: 'pickup'; x: number; y: number }
  | { kind: 'alert'; guard: number }
  | { kind: 'giveUp'; guard: number }
  | { kind: 'stunned'; guard: number }
  | { kind: 'cast'; ability: AbilityName }
  | { kind: 'denied'; ability: AbilityName }
  | { kind: 'ready'; ability: AbilityName }
  | { kind: 'noise'; x: number; y: number }
  | { kind: 'won' }
  | { kind: 'caught' };

/** Where the game is. */
export type HeistPhase = 'talking' | 'playing' | 'won' | 'lost';

/** The player: position, facing, and the states abilities give. */
export interface PlayerState extends Point {
  /** Radians, 0 = right. */
  facing: number;
  readonly radiusPx: number;
  dashing: boolean;
  /** Inside a smoke cloud: no guard can see the player. */
  hidden: boolean;
}

/** A smoke cloud, driven by its own behaviour (smokeCloud). */
export interface SmokeState extends Point {
  readonly eid: number;
  radiusPx: number;
  /** 0..1, for the view. */
  alpha: number;
}

/** The pebble while it flies. */
export interface PebbleState extends Point {
  /** Height above the floor, px, for the view's arc. */
  heightPx: number;
}

/** Gem positions, indexed by entity id (bitECS SoA store). */
export const Gem = { x: [] as number[], y: [] as number[], colour: [] as number[] };
/** Tag of smoke-cloud entities. */
export const Smoke = {};

/** The whole game state. */
export interface Heist {
  readonly level: Level;
  readonly world: World;
  readonly scheduler: Scheduler;
  readonly loop: GameLoop;
  /** Guards, gems, smoke, abilities and particles run on it; talking pauses it. */
  readonly gameplay: Clock;
  readonly input: HeistInput;
  readonly player: PlayerState;
  readonly guards: GuardState[];
  readonly smokes: SmokeState[];
  pebble: PebbleState | null;
  readonly abilities: AbilityState[];
  readonly particles: ParticleSim;
  phase: HeistPhase;
  dialogue: DialogueState | null;
  gemsTotal: number;
  gemsLeft: number;
  /** Gameplay ms when the game ended (won or lost). */
  endedAtMs: number;
  /** The guard who caught the player, or -1. */
  caughtBy: number;
  /** Drained by the page each frame. */
  events: HeistEvent[];
  // Signals the behaviours wait on; press() emits them.
  readonly advance: Signal<void>;
  readonly choice: Signal<number>;
  readonly talk: Signal<void>;
  readonly skip: Signal<void>;
  readonly caught: Signal<number>;
  /** Feeds a key or click into the game (ignored when it means nothing now). */
  press(action: HeistAction): void;
  /** Runs one frame of the game loop. */
  step(dtMs: number): void;
  /** The gems still on display (entity ids). */
  gems(): ArrayLike<number>;
}

/** Options for {@link createHeist}. */
export interface HeistOptions {
  level?: Level;
  seed?: number;
  /** Start playing at once, without the briefing (tests, screenshots). */
  skipBriefing?: boolean;
}

/** Walking speed of the player. */
export const PLAYER_SPEED_PX_PER_MS = 0.17;
const TALK_RANGE_PX = 64;
const PICKUP_RANGE_PX = 22;

/**
 * Makes a new game: world, scheduler, loop, and every behaviour of the level, waiting for the first
 * frame. The briefing starts at once unless `skipBriefing`.
 *
 * @example
 * const game = createHeist();
 * game.step(16);          // frame 1: the Fox types his first letter (28 ms per letter)
 * game.press('skip');     // the briefing ends; guards start their rounds
 */
export function createHeist(options: HeistOptions = {}): Heist {
  const level = options.level ?? museum;
  const scheduler = createScheduler();
  const world = createWorld();
  const gameplay = scheduler.createClock('gameplay');
  const loop = createGameLoop({ world, scheduler, clock: gameplay });
  const particles = createParticleSim(loop, { capacity: 6_000, seed: options.seed ?? 7 });
  const abilities: AbilityState[] = [
    { name: 'dash', key: '1', label: 'Dash', cooldownMs: 2_500, state: 'ready', cooldownEndsMs: 0, pressed: createSignal('dash') },
    { name: 'smoke', key: '2', label: 'Smoke', cooldownMs: 9_000, state: 'ready', cooldownEndsMs: 0, pressed: createSignal('smoke') },
    { name: 'pebble', key: '3', label: 'Pebble', cooldownMs: 4_000, state: 'ready', cooldownEndsMs: 0, pressed: createSignal('pebble') },
  ];
  const game: Heist = {
    level,
    world,
    scheduler,
    loop,
    gameplay,
    input: { moveX: 0, moveY: 0, aimX: level.playerStart.x + 100, aimY: level.playerStart.y },
    player: { x: level.playerStart.x, y: level.playerStart.y, facing: 0, radiusPx: 11, dashing: false, hidden: false },
    guards: [],
    smokes: [],
    pebble: null,
    abilities,
    particles,
    phase: 'talking',
    dialogue: null,
    gemsTotal: level.gems.length,
    gemsLeft: level.gems.length,
    endedAtMs: 0,
    caughtBy: -1,
    events: [],
    advance: createSignal('advance'),
    choice: createSignal<number>('choice'),
    talk: createSignal('talk'),
    skip: createSignal('skip'),
    caught: createSignal<number>('caught'),
    press(action) {
      press(game, action);
    },
    step(dtMs) {
      loop.step(dtMs);
    },
    gems: () => query(world, [Gem]),
  };

  // Gems: each one waits, as its own behaviour, for the player to come close.
  runOnQuery(world, [Gem], (eid) => gemLife(game, eid), { name: 'gem' });
  const gemColours = [0xff4f7b, 0x5ef0a0, 0x5cc8ff];
  level.gems.forEach((at, index) => {
    const eid = addEntity(world);
    Gem.x[eid] = at.x;
    Gem.y[eid] = at.y;
    Gem.colour[eid] = gemColours[index % gemColours.length];
    addComponent(world, eid, Gem);
  });

  // Guards: an entity each, whose mind lives in the entity's "brain" slot.
  level.guardRoutes.forEach((route, index) => {
    const eid = addEntity(world);
    const guard: GuardState = {
      eid,
      index,
      x: route[0].x,
      y: route[0].y,
      facing: 0,
      route,
      waypoint: 1 % route.length,
      mode: 'patrol',
      seesPlayer: false,
      lastSeen: { x: route[0].x, y: route[0].y },
      offRoute: false,
      stun: createSignal<number>(`stun guard ${index}`),
      heard: createSignal<Point>(`heard guard ${index}`),
    };
    game.guards.push(guard);
    spawnOn(world, eid, guardMind(game, guard), { name: 'guard', slot: 'brain' });
  });
  loop.addSystem('update', () => visionSystem(game));

  scheduler.spawn(playerControl(game), { name: 'player', clock: gameplay });
  scheduler.spawn(abilityLoop(game, abilities[0], dash), { name: 'ability dash', clock: gameplay });
  scheduler.spawn(abilityLoop(game, abilities[1], smokeBomb), { name: 'ability smoke', clock: gameplay });
  scheduler.spawn(abilityLoop(game, abilities[2], pebbleThrow), { name: 'ability pebble', clock: gameplay });
  scheduler.spawn(npcChats(game), { name: 'npc' });
  scheduler.spawn(heistGame(game, options.skipBriefing === true), { name: 'heist' });
  return game;
}

function press(game: Heist, action: HeistAction): void {
  if (game.phase === 'talking') {
    if (action === 'skip') game.skip.emit();
    else if (action.startsWith('choose')) {
      const index = Number(action.slice('choose'.length));
      if (game.dialogue?.choices !== null && game.dialogue !== null && index < game.dialogue.choices.length) game.choice.emit(index);
    } else if (action === 'choiceUp' || action === 'choiceDown') {
      const line = game.dialogue;
      if (line !== null && line.choices !== null) {
        const count = line.choices.length;
        line.selected = (line.selected + (action === 'choiceUp' ? count - 1 : 1)) % count;
      }
    } else if (action === 'advance' || (action === 'talk' && game.dialogue?.choices === null)) {
      // On a question, 'advance' (Space, Enter) picks the highlighted answer: choose() listens for it.
      if (game.dialogue !== null) game.advance.emit();
    }
    return;
  }
  if (game.phase !== 'playing') return;
  if (action === 'talk') game.talk.emit();
  const ability = game.abilities.find((candidate) => candidate.name === action);
  if (ability === undefined) return;
  // The ability's behaviour only listens while it is ready: a press during cast or cooldown wakes no one.
  if (ability.state !== 'ready') game.events.push({ kind: 'denied', ability: ability.name });
  ability.pressed.emit();
}

/**
 * The game from start to end: the briefing, then whichever comes first, a guard catching the player
 * or the player leaving with every gem.
 *
 * @example
 * scheduler.spawn(heistGame(game, false)); // briefing now; phase 'won' or 'lost' minutes later
 */
export function* heistGame(game: Heist, skipBriefing: boolean): Behaviour {
  if (!skipBriefing) yield* conversation(game, briefing(game));
  game.phase = 'playing';
  const ending = yield* race([
    waitSignal(game.caught),
    waitUntil(() => game.gemsLeft === 0 && insideRect(game.level.exit, game.player)),
  ]);
  game.endedAtMs = game.gameplay.nowMs;
  if (ending.index === 0) {
    game.phase = 'lost';
    game.caughtBy = ending.value;
    game.events.push({ kind: 'caught' });
    return;
  }
  game.phase = 'won';
  game.events.push({ kind: 'won' });
  // Fireworks over the museum until the page starts a new game.
  for (let i = 0; ; i++) {
    const x = game.level.widthPx * (0.2 + game.particles.random() * 0.6);
    const y = game.level.heightPx * (0.2 + game.particles.random() * 0.4);
    game.scheduler.spawn(burst(game.particles, x, y, game.particles.random()), { name: 'firework', clock: game.gameplay });
    yield* waitMs(i < 3 ? 250 : 700);
  }
}

/**
 * Moves the player from the input each frame while the game is on, sliding along walls.
 *
 * @example
 * game.input.moveX = 1; game.step(16); // 16 ms later the player is 2.7 px to the right
 */
export function* playerControl(game: Heist): Behaviour {
  const { player, input, level } = game;
  for (;;) {
    const dtMs = yield* nextFrame();
    player.hidden = game.smokes.some((smoke) => distance(smoke, player) < smoke.radiusPx * 0.8);
    if (game.phase !== 'playing' || player.dashing) continue;
    const length = Math.hypot(input.moveX, input.moveY);
    if (length === 0) continue;
    const stepPx = (PLAYER_SPEED_PX_PER_MS * dtMs) / length;
    slide(level, player, input.moveX * stepPx, input.moveY * stepPx, player.radiusPx);
    player.facing = Math.atan2(input.moveY, input.moveX);
  }
}

/**
 * One gem on display: waits for the player to come within reach, then sparkles and is gone.
 *
 * @example
 * runOnQuery(world, [Gem], (eid) => gemLife(game, eid)); // each gem waits on its own
 */
export function* gemLife(game: Heist, eid: number): Behaviour {
  const at = { x: Gem.x[eid], y: Gem.y[eid] };
  yield* waitUntil(() => game.phase === 'playing' && distance(at, game.player) < PICKUP_RANGE_PX + game.player.radiusPx);
  game.gemsLeft--;
  game.events.push({ kind: 'pickup', x: at.x, y: at.y });
  game.scheduler.spawn(burst(game.particles, at.x, at.y, hueOf(Gem.colour[eid])), { name: 'sparkle', clock: game.gameplay });
  // Removing the entity also ends this behaviour, the entity's own; it has nothing left to do.
  removeEntity(game.world, eid);
}

/**
 * The Fox, the player's contact, answers when the player presses E close to him.
 *
 * @example
 * game.press('talk'); // near the Fox: a short conversation; gameplay pauses until it ends
 */
export function* npcChats(game: Heist): Behaviour {
  for (;;) {
    yield* waitSignal(game.talk);
    if (game.phase === 'playing' && distance(game.player, game.level.npc) < TALK_RANGE_PX) yield* conversation(game, smallTalk(game));
  }
}

/**
 * True when the player stands close enough to the Fox to talk.
 *
 * @example
 * if (canTalk(game)) prompt.visible = true; // within 64 px of the Fox, game on
 */
export function canTalk(game: Heist): boolean {
  return game.phase === 'playing' && distance(game.player, game.level.npc) < TALK_RANGE_PX;
}

function hueOf(rgb: number): number {
  const r = ((rgb >> 16) & 0xff) / 255;
  const g = ((rgb >> 8) & 0xff) / 255;
  const b = (rgb & 0xff) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return 0;
  const d = max - min;
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h / 6;
}

// The state types of the other sim modules, so the page imports the game from one place.
export type { AbilityState, AbilityName, DialogueState, GuardState };

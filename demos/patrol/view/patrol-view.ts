// Draws the patrol sim with pixi: floor, walls, gems, vision cones, the player and the guards. Reads
// the sim's components in the render phase; never changes the sim.
import { Container, Graphics, Text, type Application } from 'pixi.js';
import { query } from 'bitecs';
import { all, waitMs, waitUntil, type Behaviour, type Scheduler } from 'tickflow';
import { createSpriteSync } from 'tickflow/pixi';
import { easeInOutSine, easeOutBack, easeOutQuad, tween } from 'tickflow/tween';
import { ARENA, GEMS, WALLS, raycast } from '../sim/map.js';
import { Facing, GUARD_RADIUS_PX, Guard, Mode, PLAYER_RADIUS_PX, Position, VISION_HALF_ANGLE, VISION_RANGE_PX, type PatrolSim } from '../sim/world.js';

const COLOURS = {
  floor: 0x1b1f2a,
  grid: 0x232836,
  wall: 0x3b4358,
  wallTop: 0x515b76,
  player: 0x7bd88f,
  gem: 0x78dce8,
  patrol: 0xffd866,
  chase: 0xff6188,
  search: 0xfc9867,
  calm: 0x8b93a8,
} as const;

/** The colour of a guard (and its cone) in each mode. */
function modeColour(mode: number): number {
  if (mode === Mode.alert || mode === Mode.chase || mode === Mode.caught) return COLOURS.chase;
  if (mode === Mode.search) return COLOURS.search;
  if (mode === Mode.gaveUp || mode === Mode.returning) return COLOURS.calm;
  return COLOURS.patrol;
}

const RAYS = 36;

/** The view: call `sync()` once per frame in the render phase. */
/** The floor colour: pass it as the page's background. */
export const FLOOR_COLOUR = COLOURS.floor;

export interface PatrolView {
  sync(): void;
  /** A little burst where a gem was picked up. */
  gemPicked(gem: number): void;
}

/**
 * Builds the scene on `app.stage`. Gems bob and pop with tickflow/tween tweens on the sim's scheduler.
 *
 * @example
 * const view = createPatrolView(page.app, sim, scheduler);
 * sim.loop.addSystem('render', view.sync);
 */
export function createPatrolView(app: Application, sim: PatrolSim, scheduler: Scheduler): PatrolView {
  const stage = app.stage;
  stage.addChild(drawFloor());
  const cones = new Graphics();
  stage.addChild(cones);
  stage.addChild(drawWalls());

  const gemLayer = new Container();
  stage.addChild(gemLayer);
  const gems = GEMS.map((point, index) => {
    const gem = new Graphics().poly([0, -9, 8, 0, 0, 9, -8, 0]).fill(COLOURS.gem).stroke({ color: 0xffffff, width: 1.5, alpha: 0.6 });
    gem.position.set(point.x, point.y);
    gemLayer.addChild(gem);
    scheduler.spawn(bob(gem, point.y, index * 170), { name: 'gem bob' });
    return gem;
  });

  const actors = new Container();
  stage.addChild(actors);
  const marks = new Map<number, { text: Text; mode: number }>();
  const sprites = createSpriteSync({
    parent: actors,
    position: Position,
    rotation: Facing.angle,
    create: (eid) => (eid === sim.player ? drawPlayer() : drawGuard()),
    update: (sprite, eid) => {
      if (eid === sim.player) {
        sprite.rotation = 0;
        return;
      }
      (sprite.getChildAt(0) as Graphics).tint = modeColour(Guard.mode[eid]);
    },
  });

  const markLayer = new Container();
  stage.addChild(markLayer);

  return {
    sync(): void {
      sprites.update(query(sim.world, [Position]));
      cones.clear();
      for (const eid of sim.guards) {
        drawCone(cones, eid);
        updateMark(eid);
      }
    },
    gemPicked(index: number): void {
      scheduler.spawn(pop(gems[index], () => sim.gems[index]), { name: 'gem pop' });
    },
  };

  function drawCone(g: Graphics, eid: number): void {
    const x = Position.x[eid];
    const y = Position.y[eid];
    const facing = Facing.angle[eid];
    const points = [x, y];
    for (let i = 0; i <= RAYS; i++) {
      const angle = facing - VISION_HALF_ANGLE + (2 * VISION_HALF_ANGLE * i) / RAYS;
      const lengthPx = raycast(WALLS, x, y, angle, VISION_RANGE_PX);
      points.push(x + Math.cos(angle) * lengthPx, y + Math.sin(angle) * lengthPx);
    }
    const colour = modeColour(Guard.mode[eid]);
    g.poly(points).fill({ color: colour, alpha: Guard.mode[eid] === Mode.chase ? 0.22 : 0.13 });
  }

  function updateMark(eid: number): void {
    const mode = Guard.mode[eid];
    const symbol = mode === Mode.alert || mode === Mode.chase ? '!' : mode === Mode.search || mode === Mode.gaveUp ? '?' : '';
    let mark = marks.get(eid);
    if (mark === undefined) {
      const text = new Text({
        text: '',
        style: { fontFamily: 'system-ui, sans-serif', fontSize: 22, fontWeight: '800', fill: 0xffffff, stroke: { color: COLOURS.floor, width: 5 } },
      });
      text.anchor.set(0.5, 1);
      markLayer.addChild(text);
      mark = { text, mode: -1 };
      marks.set(eid, mark);
    }
    mark.text.position.set(Position.x[eid], Position.y[eid] - GUARD_RADIUS_PX - 4);
    if (mark.mode === mode) return;
    mark.mode = mode;
    mark.text.text = symbol;
    mark.text.style.fill = modeColour(mode);
    if (symbol !== '') {
      mark.text.scale.set(0.2);
      scheduler.spawn(tween(mark.text.scale, { x: 1, y: 1 }, 260, easeOutBack), { name: 'mark pop' });
    }
  }
}

/** A gem floating up and down for ever. */
function* bob(gem: Container, baseY: number, delayMs: number): Behaviour {
  yield* waitMs(delayMs);
  for (;;) {
    yield* tween(gem, { y: baseY - 4 }, 700, easeInOutSine);
    yield* tween(gem, { y: baseY + 2 }, 700, easeInOutSine);
  }
}

/** Picked up: grow and fade out; fade back in when the sim puts the gem back. */
function* pop(gem: Container, isBack: () => boolean): Behaviour {
  yield* all([tween(gem.scale, { x: 2.4, y: 2.4 }, 240, easeOutQuad), tween(gem, { alpha: 0 }, 240)]);
  gem.scale.set(1);
  yield* waitUntil(isBack);
  yield* tween(gem, { alpha: 1 }, 400, easeOutQuad);
}

/** The grid on the floor. The floor colour itself is the renderer's background: a full-screen fill costs a lot in software WebGL. */
function drawFloor(): Graphics {
  const g = new Graphics();
  for (let x = 40; x < ARENA.widthPx; x += 40) g.moveTo(x, 0).lineTo(x, ARENA.heightPx);
  for (let y = 40; y < ARENA.heightPx; y += 40) g.moveTo(0, y).lineTo(ARENA.widthPx, y);
  return g.stroke({ color: COLOURS.grid, width: 1 });
}

function drawWalls(): Graphics {
  const g = new Graphics();
  for (const wall of WALLS) {
    g.roundRect(wall.x, wall.y + 4, wall.w, wall.h, 5).fill({ color: 0x000000, alpha: 0.35 });
    g.roundRect(wall.x, wall.y, wall.w, wall.h, 5).fill(COLOURS.wall);
    g.roundRect(wall.x + 3, wall.y + 3, wall.w - 6, Math.min(8, wall.h - 6), 3).fill(COLOURS.wallTop);
  }
  return g;
}

function drawPlayer(): Container {
  const player = new Container();
  player.addChild(new Graphics().circle(0, 0, PLAYER_RADIUS_PX + 6).fill({ color: COLOURS.player, alpha: 0.15 }));
  player.addChild(new Graphics().circle(0, 0, PLAYER_RADIUS_PX).fill(COLOURS.player).stroke({ color: 0xffffff, width: 2 }));
  return player;
}

function drawGuard(): Container {
  const guard = new Container();
  // Drawn white and tinted by mode (the sprite sync's update hook).
  guard.addChild(new Graphics().circle(0, 0, GUARD_RADIUS_PX).fill(0xffffff));
  // The visor shows where it looks.
  guard.addChild(new Graphics().roundRect(3, -6, 8, 12, 3).fill(0x1b1f2a));
  return guard;
}

// A bitECS world, its game loop driven by requestAnimationFrame, and pixi.js rendered from the render
// phase with its own Ticker off: one loop per page, as the README describes.
import { addComponent, addEntity, createWorld, query, removeEntity } from 'bitecs';
import { Application, Graphics } from 'pixi.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScheduler, waitMs, type Behaviour } from '../../src/index.js';
import { startBrowserLoop, type BrowserLoop } from '../../src/browser/index.js';
import { createGameLoop, spawnOn } from '../../src/ecs/index.js';

const Position = { x: [] as number[], y: [] as number[] };
const Velocity = { x: [] as number[] };

let driver: BrowserLoop | undefined;
let app: Application | undefined;

afterEach(() => {
  driver?.stop();
  driver = undefined;
  app?.destroy(true);
  app = undefined;
});

describe('a bitECS game loop with pixi.js in Chromium', () => {
  it('renders from the render phase while pixi.js runs no ticker of its own, and cancels behaviours of removed entities', async () => {
    app = new Application();
    await app.init({ width: 160, height: 120, autoStart: false, sharedTicker: false, preference: 'webgl', background: '#000000' });
    document.body.appendChild(app.canvas);
    const pixi = app;

    const world = createWorld();
    const scheduler = createScheduler();
    const loop = createGameLoop({ world, scheduler });
    const sprites = new Map<number, Graphics>();
    let renders = 0;

    loop.addSystem('fixed', (w, time) => {
      for (const eid of query(w, [Position, Velocity])) Position.x[eid] += (Velocity.x[eid] * time.dtMs) / 1000;
    });
    loop.addSystem('render', (w) => {
      for (const eid of query(w, [Position])) sprites.get(eid)?.position.set(Position.x[eid], Position.y[eid]);
      pixi.renderer.render(pixi.stage);
      renders++;
    });

    const log: string[] = [];
    function* blink(eid: number, sprite: Graphics): Behaviour {
      try {
        for (;;) {
          yield* waitMs(50);
          sprite.visible = !sprite.visible;
        }
      } finally {
        log.push(`blink ${eid} ends at x>0: ${Position.x[eid] > 0}`);
        sprite.destroy();
        sprites.delete(eid);
      }
    }

    const eid = addEntity(world);
    addComponent(world, eid, Position);
    addComponent(world, eid, Velocity);
    Position.x[eid] = 0;
    Position.y[eid] = 60;
    Velocity.x[eid] = 120;
    const sprite = new Graphics().rect(0, 0, 10, 10).fill(0xffffff);
    pixi.stage.addChild(sprite);
    sprites.set(eid, sprite);
    const task = spawnOn(world, eid, blink(eid, sprite), { name: 'blink' });

    driver = startBrowserLoop(loop);
    await vi.waitFor(() => expect(loop.frame).toBeGreaterThanOrEqual(10), { timeout: 10_000, interval: 20 });

    expect(pixi.ticker.started).toBe(false);
    expect(renders).toBe(loop.frame);
    expect(loop.fixedSteps).toBeGreaterThan(0);
    expect(sprite.position.x).toBe(Position.x[eid]);
    expect(Position.x[eid]).toBeGreaterThan(0);

    removeEntity(world, eid);
    expect(task.status).toBe('cancelled');
    expect(log).toEqual([`blink ${eid} ends at x>0: true`]);
    expect(sprites.size).toBe(0);
    const rendered = renders;
    await vi.waitFor(() => expect(renders).toBeGreaterThan(rendered + 2), { timeout: 10_000, interval: 20 });
  });
});

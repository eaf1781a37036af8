import { Application, Container, Graphics } from 'pixi.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, type Behaviour } from '../../src/index.js';
import { createSpriteSync } from '../../src/pixi/index.js';
import { linear, tween } from '../../src/tween/index.js';

// Real pixi in real Chromium (WebGL through SwiftShader): what the adapters move is what gets drawn.
let app: Application | undefined;

afterEach(() => {
  app?.destroy(true);
  app = undefined;
});

async function makeApp(): Promise<Application> {
  const made = new Application();
  await made.init({ width: 200, height: 100, background: 0x000000, autoStart: false, preference: 'webgl', antialias: false, resolution: 1 });
  document.body.append(made.canvas);
  app = made;
  return made;
}

/** Red channel of the pixel at (x, y) after rendering the stage. */
function redAt(made: Application, x: number, y: number): number {
  made.render();
  const { pixels, width } = made.renderer.extract.pixels({ target: made.stage, frame: made.screen });
  return pixels[(y * width + x) * 4];
}

describe('tween', () => {
  it('moves a display object on screen as the scheduler ticks', async () => {
    const made = await makeApp();
    const box = new Graphics().rect(0, 0, 10, 100).fill(0xff0000);
    made.stage.addChild(box);
    const scheduler = createScheduler();
    function* slide(): Behaviour {
      yield* tween(box, { x: 180 }, 100, linear);
    }
    scheduler.spawn(slide());
    expect(redAt(made, 5, 50)).toBe(255);
    scheduler.tick(50); // x = 90
    expect(redAt(made, 5, 50)).toBe(0);
    expect(redAt(made, 95, 50)).toBe(255);
    scheduler.tick(50); // x = 180, exactly
    expect(box.x).toBe(180);
    expect(redAt(made, 185, 50)).toBe(255);
    expect(redAt(made, 95, 50)).toBe(0);
  });
});

describe('createSpriteSync', () => {
  it('draws one sprite per entity at its position and removes it when the entity is gone', async () => {
    const made = await makeApp();
    const Position = { x: new Float32Array(8), y: new Float32Array(8) };
    const sync = createSpriteSync({
      parent: made.stage,
      position: Position,
      create: () => new Graphics().rect(-5, -5, 10, 10).fill(0xff0000),
    });
    Position.x[2] = 30; Position.y[2] = 50;
    Position.x[5] = 150; Position.y[5] = 50;
    sync.update([2, 5]);
    expect([redAt(made, 30, 50), redAt(made, 150, 50), redAt(made, 90, 50)]).toEqual([255, 255, 0]);
    Position.x[5] = 100;
    sync.update([5]);
    expect([redAt(made, 30, 50), redAt(made, 150, 50), redAt(made, 100, 50)]).toEqual([0, 0, 255]);
    expect(made.stage.children.filter((child) => child instanceof Container)).toHaveLength(1);
  });
});

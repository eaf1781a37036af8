// Draws the stress field with one pixi ParticleContainer: a Particle per slot, positions and
// colours copied from the sim's typed arrays each frame (the only per-dot work outside behaviours).
import { Graphics, Particle, ParticleContainer, type Renderer, type Texture } from 'pixi.js';
import type { StressField } from '../sim/stress.js';

/** The field's picture: add `container` to the stage and call `sync(count)` once per frame. */
export interface StressView {
  readonly container: ParticleContainer;
  sync(count: number): void;
}

/**
 * Makes the view. Particles are created on demand and kept when the count drops, so moving the slider
 * back and forth allocates nothing new.
 *
 * @example
 * const view = createStressView(app.renderer, sim.field);
 * app.stage.addChild(view.container);
 * app.ticker.add(() => view.sync(sim.count)); // every frame
 */
export function createStressView(renderer: Renderer, field: StressField): StressView {
  const texture = dotTexture(renderer);
  const container = new ParticleContainer({
    texture,
    dynamicProperties: { position: true, color: true, rotation: false, vertex: false, uvs: false },
  });
  const pool: Particle[] = [];
  let shown = 0;
  return {
    container,
    sync(count: number): void {
      while (pool.length < count) pool.push(new Particle({ texture, anchorX: 0.5, anchorY: 0.5 }));
      if (count !== shown) {
        // Fewer dots are drawn bigger, so 1,000 are easy to see and 200,000 do not become a carpet.
        const scale = Math.max(0.35, Math.min(1.2, Math.sqrt(4_000 / Math.max(count, 1))));
        for (let i = 0; i < count; i++) {
          pool[i].scaleX = scale;
          pool[i].scaleY = scale;
        }
        // particleChildren is the list the renderer reads; update() tells it the list changed and
        // re-uploads the static properties (scale) too.
        container.particleChildren = pool.slice(0, count);
        container.update();
        shown = count;
      }
      const { x, y, colour } = field;
      for (let i = 0; i < count; i++) {
        const particle = pool[i];
        particle.x = x[i];
        particle.y = y[i];
        const rgb = colour[i];
        // Particle.color is ABGR: write it directly instead of going through the tint setter per dot.
        particle.color = ((rgb & 0xff) << 16) + (rgb & 0xff00) + (rgb >>> 16) + 0xe6000000;
      }
    },
  };
}

function dotTexture(renderer: Renderer): Texture {
  const dot = new Graphics().circle(4, 4, 4).fill(0xffffff);
  const texture = renderer.generateTexture({ target: dot, resolution: 2 });
  dot.destroy();
  return texture;
}

// Draws the particles of a ParticleSim: two pixi ParticleContainers (smoke with normal blending
// underneath, glowing sparks with additive blending on top), refilled from the ECS stores each frame.
import { Container, Graphics, Particle, ParticleContainer, type Renderer, type Texture } from 'pixi.js';
import { Layer, type ParticleSim } from '../sim/particles.js';

/** The particles' picture: add `root` to the stage and call `sync()` once per frame, before rendering. */
export interface ParticleView {
  readonly root: Container;
  sync(): void;
}

// The glow texture's diameter: a particle's sizePx is drawn at sizePx / TEXTURE_PX scale.
const TEXTURE_PX = 64;

/**
 * Makes the view of `sim`'s particles.
 *
 * @example
 * const view = createParticleView(app.renderer, sim);
 * app.stage.addChild(view.root);
 * loop.addSystem('render', () => { view.sync(); app.render(); }); // every frame
 */
export function createParticleView(renderer: Renderer, sim: ParticleSim): ParticleView {
  const texture = glowTexture(renderer);
  const dynamicProperties = { position: true, vertex: true, color: true, rotation: false, uvs: false };
  const smoke = new ParticleContainer({ texture, dynamicProperties });
  const glow = new ParticleContainer({ texture, dynamicProperties, blendMode: 'add' });
  const root = new Container();
  root.addChild(smoke, glow);
  const layers = [
    { container: glow, pool: [] as Particle[], shown: 0 },
    { container: smoke, pool: [] as Particle[], shown: 0 },
  ];
  return {
    root,
    sync(): void {
      const { Position, Look, Particle: Spec } = sim.components;
      const eids = sim.particles();
      const used = [0, 0];
      for (let i = 0; i < eids.length; i++) {
        const eid = eids[i];
        const layerIndex = Spec.layer[eid] === Layer.smoke ? 1 : 0;
        const layer = layers[layerIndex];
        const index = used[layerIndex]++;
        let particle = layer.pool[index];
        if (particle === undefined) {
          particle = new Particle({ texture, anchorX: 0.5, anchorY: 0.5 });
          layer.pool.push(particle);
        }
        particle.x = Position.x[eid];
        particle.y = Position.y[eid];
        const scale = Look.sizePx[eid] / TEXTURE_PX;
        particle.scaleX = scale;
        particle.scaleY = scale;
        const rgb = Look.colour[eid];
        const alpha = Math.max(0, Math.min(1, Look.alpha[eid]));
        // Particle.color is ABGR; writing it directly skips the tint setter's colour parsing.
        particle.color = ((rgb & 0xff) << 16) + (rgb & 0xff00) + (rgb >>> 16) + ((alpha * 255) | 0) * 0x1000000;
      }
      for (let l = 0; l < layers.length; l++) {
        const layer = layers[l];
        if (used[l] === layer.shown) continue;
        // particleChildren is the list the renderer draws; update() tells it that the list changed.
        layer.container.particleChildren = layer.pool.slice(0, used[l]);
        layer.container.update();
        layer.shown = used[l];
      }
    },
  };
}

/** A soft round glow: concentric circles whose alpha adds up towards the centre. */
function glowTexture(renderer: Renderer): Texture {
  const radius = TEXTURE_PX / 2;
  const graphics = new Graphics();
  const rings = 40;
  for (let ring = 0; ring < rings; ring++) {
    const r = radius * (1 - ring / rings);
    graphics.circle(radius, radius, r).fill({ color: 0xffffff, alpha: 0.045 + 0.03 * (ring / rings) });
  }
  const texture = renderer.generateTexture({ target: graphics, resolution: 1, antialias: true });
  graphics.destroy();
  return texture;
}

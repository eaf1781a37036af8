// The still parts of the particles scene: night sky, ground, the fountain's basin, the fire's logs.
import { Graphics } from 'pixi.js';
import { sceneLayout } from '../sim/particles.js';

/**
 * Draws the backdrop and the props at the places the sim's scene emits from.
 *
 * @example
 * app.stage.addChildAt(drawProps(896, 504), 0); // behind the particles
 */
export function drawProps(widthPx: number, heightPx: number): Graphics {
  const { fountainAt, fireAt } = sceneLayout(widthPx, heightPx);
  const g = new Graphics();
  // Stars: a fixed pattern (a cheap hash), so every page load looks the same.
  for (let i = 0; i < 70; i++) {
    const x = (i * 7919) % widthPx;
    const y = ((i * 104729) % Math.floor(heightPx * 0.6)) + 6;
    g.circle(x, y, i % 5 === 0 ? 1.4 : 0.8).fill({ color: 0xcfd6ff, alpha: 0.25 + (i % 3) * 0.15 });
  }
  const groundY = heightPx * 0.82;
  g.rect(0, groundY, widthPx, heightPx - groundY).fill(0x141823);
  g.rect(0, groundY, widthPx, 2).fill({ color: 0x2a3142, alpha: 1 });

  // The fountain: a stone basin whose rim is the drops' floor, and a column in the middle.
  const basinWidth = 210;
  g.ellipse(fountainAt.x, fountainAt.basinY, basinWidth / 2, 16).fill(0x1d2a44);
  g.ellipse(fountainAt.x, fountainAt.basinY - 2, basinWidth / 2 - 10, 11).fill({ color: 0x2f6cff, alpha: 0.35 });
  g.roundRect(fountainAt.x - basinWidth / 2, fountainAt.basinY, basinWidth, 26, 6).fill(0x2b3347);
  g.rect(fountainAt.x - basinWidth / 2, fountainAt.basinY, basinWidth, 3).fill(0x3d475f);
  g.roundRect(fountainAt.x - 9, fountainAt.y, 18, fountainAt.basinY - fountainAt.y, 4).fill(0x3a435a);
  g.ellipse(fountainAt.x, fountainAt.y, 16, 5).fill(0x4a5570);

  // The campfire: a ring of stones and crossed logs.
  for (let i = 0; i < 9; i++) {
    const angle = Math.PI * (i / 8);
    g.ellipse(fireAt.x - Math.cos(angle) * 46, fireAt.y + 10 + Math.sin(angle) * 4, 11, 7).fill(i % 2 === 0 ? 0x3b3f4b : 0x464b59);
  }
  g.roundRect(fireAt.x - 40, fireAt.y - 2, 80, 12, 5).fill(0x5a3a22);
  g.roundRect(fireAt.x - 30, fireAt.y + 2, 60, 10, 5).fill(0x6b4528);
  return g;
}

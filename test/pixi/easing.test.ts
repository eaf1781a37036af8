import { describe, expect, it } from 'vitest';
import * as pixi from '../../src/pixi/index.js';

const easings = {
  linear: pixi.linear,
  easeInQuad: pixi.easeInQuad,
  easeOutQuad: pixi.easeOutQuad,
  easeInOutQuad: pixi.easeInOutQuad,
  easeInCubic: pixi.easeInCubic,
  easeOutCubic: pixi.easeOutCubic,
  easeInOutCubic: pixi.easeInOutCubic,
  easeInOutSine: pixi.easeInOutSine,
  easeOutBack: pixi.easeOutBack,
  easeOutElastic: pixi.easeOutElastic,
  easeOutBounce: pixi.easeOutBounce,
};

for (const [name, easing] of Object.entries(easings)) {
  describe(name, () => {
    it('starts at exactly 0 and ends at exactly 1', () => {
      expect(Math.abs(easing(0))).toBe(0);
      expect(easing(1)).toBe(1);
    });

    it('is finite all the way', () => {
      for (let i = 0; i <= 100; i++) expect(Number.isFinite(easing(i / 100))).toBe(true);
    });
  });
}

describe('easeOutQuad', () => {
  it('is three quarters of the way at half time', () => {
    expect(pixi.easeOutQuad(0.5)).toBe(0.75);
  });
});

describe('easeInOutQuad', () => {
  it('is symmetric about the middle', () => {
    expect(pixi.easeInOutQuad(0.5)).toBe(0.5);
    expect(pixi.easeInOutQuad(0.25) + pixi.easeInOutQuad(0.75)).toBeCloseTo(1);
  });
});

describe('easeOutBack', () => {
  it('overshoots past 1 before settling', () => {
    expect(Math.max(...Array.from({ length: 99 }, (_, i) => pixi.easeOutBack((i + 1) / 100)))).toBeGreaterThan(1.05);
  });
});

import { describe, expect, it } from 'vitest';
import * as easing from '../../src/tween/index.js';

const easings = {
  linear: easing.linear,
  easeInQuad: easing.easeInQuad,
  easeOutQuad: easing.easeOutQuad,
  easeInOutQuad: easing.easeInOutQuad,
  easeInCubic: easing.easeInCubic,
  easeOutCubic: easing.easeOutCubic,
  easeInOutCubic: easing.easeInOutCubic,
  easeInOutSine: easing.easeInOutSine,
  easeOutBack: easing.easeOutBack,
  easeOutElastic: easing.easeOutElastic,
  easeOutBounce: easing.easeOutBounce,
};

// What sets each easing apart, checked next to the properties all of them share.
const shapes: Partial<Record<keyof typeof easings, [string, (easing: (t: number) => number) => void]>> = {
  linear: ['is the identity', (easing) => expect(easing(0.3)).toBe(0.3)],
  easeOutQuad: ['is three quarters of the way at half time', (easing) => expect(easing(0.5)).toBe(0.75)],
  easeInQuad: ['is a quarter of the way at half time', (easing) => expect(easing(0.5)).toBe(0.25)],
  easeInOutQuad: [
    'is symmetric about the middle',
    (easing) => {
      expect(easing(0.5)).toBe(0.5);
      expect(easing(0.25) + easing(0.75)).toBeCloseTo(1);
    },
  ],
  easeOutBack: [
    'overshoots past 1 before settling',
    (easing) => expect(Math.max(...Array.from({ length: 99 }, (_, i) => easing((i + 1) / 100)))).toBeGreaterThan(1.05),
  ],
};

for (const [name, easing] of Object.entries(easings) as Array<[keyof typeof easings, (t: number) => number]>) {
  describe(name, () => {
    it('starts at exactly 0 and ends at exactly 1', () => {
      expect(Math.abs(easing(0))).toBe(0);
      expect(easing(1)).toBe(1);
    });

    it('is finite all the way', () => {
      for (let i = 0; i <= 100; i++) expect(Number.isFinite(easing(i / 100))).toBe(true);
    });

    const shape = shapes[name];
    if (shape !== undefined) it(shape[0], () => shape[1](easing));
  });
}

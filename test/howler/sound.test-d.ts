import type { Howl } from 'howler';
import { describe, expectTypeOf, it } from 'vitest';
import type { Behaviour } from '../../src/index.js';
import { loadSound, playSound, waitSoundAt, type SoundLike } from '../../src/howler/index.js';

describe('playSound', () => {
  it('takes a howler Howl and is a Behaviour<void>', () => {
    expectTypeOf<Howl>().toExtend<SoundLike>();
    expectTypeOf(playSound({} as Howl, 'hit')).toEqualTypeOf<Behaviour<void>>();
  });
});

describe('loadSound', () => {
  it('gives the Howl through yield*', () => {
    expectTypeOf(loadSound({ src: ['a.wav'] })).toEqualTypeOf<Behaviour<Howl>>();
  });
});

describe('waitSoundAt', () => {
  it('gives the lateness in ms', () => {
    expectTypeOf(waitSoundAt({} as Howl, 1, 500)).toEqualTypeOf<Behaviour<number>>();
  });
});

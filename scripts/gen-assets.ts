// Synthesises the demos' sound effects into assets/sounds/*.wav: short mono 16-bit WAVs written byte by
// byte, nothing downloaded. Deterministic (seeded noise), so re-running gives identical files.
// Run: npx tsx scripts/gen-assets.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mulberry32 as createRandom } from '../demos/shared/seeded-random.js';

const SAMPLE_RATE = 22050;
const outDir = resolve(import.meta.dirname, '..', 'assets', 'sounds');

type Wave = (phase: number) => number;
const sine: Wave = (phase) => Math.sin(2 * Math.PI * phase);
const square: Wave = (phase) => (phase % 1 < 0.5 ? 1 : -1);
const triangle: Wave = (phase) => 1 - 4 * Math.abs((phase % 1) - 0.5);

interface Tone {
  wave: Wave;
  /** Frequency in Hz at progress p in [0, 1] of the note. */
  hz: (p: number) => number;
  durationMs: number;
  startMs?: number;
  volume?: number;
  attackMs?: number;
}

/** Mixes tones into a buffer of samples in [-1, 1], each with a short attack and an exponential-ish decay. */
function render(totalMs: number, tones: Tone[], noise?: { durationMs: number; volume: number; seed: number; lowpass: number }): Float32Array {
  const length = Math.round((totalMs / 1000) * SAMPLE_RATE);
  const samples = new Float32Array(length);
  for (const tone of tones) {
    const start = Math.round(((tone.startMs ?? 0) / 1000) * SAMPLE_RATE);
    const count = Math.round((tone.durationMs / 1000) * SAMPLE_RATE);
    const attack = Math.max(1, Math.round(((tone.attackMs ?? 4) / 1000) * SAMPLE_RATE));
    let phase = 0;
    for (let i = 0; i < count && start + i < length; i++) {
      const p = i / count;
      phase += tone.hz(p) / SAMPLE_RATE;
      // Linear attack avoids a click at the start; (1 - p)^2 decay avoids one at the end.
      const envelope = Math.min(1, i / attack) * (1 - p) * (1 - p);
      samples[start + i] += tone.wave(phase) * envelope * (tone.volume ?? 0.5);
    }
  }
  if (noise !== undefined) {
    const random = createRandom(noise.seed);
    const count = Math.min(length, Math.round((noise.durationMs / 1000) * SAMPLE_RATE));
    let filtered = 0;
    for (let i = 0; i < count; i++) {
      const p = i / count;
      // One-pole low-pass: a thud rather than a hiss.
      filtered += noise.lowpass * (random() * 2 - 1 - filtered);
      samples[i] += filtered * noise.volume * (1 - p) * (1 - p) * (1 - p);
    }
  }
  return samples;
}

/** RIFF/WAVE, PCM, mono, 16-bit little-endian. */
function encodeWav(samples: Float32Array): Uint8Array {
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const clamped = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, Math.round(clamped * 32767), true);
  }
  return bytes;
}

const constant = (hz: number) => () => hz;
const glide = (fromHz: number, toHz: number) => (p: number) => fromHz + (toHz - fromHz) * p;

const sounds: Record<string, Float32Array> = {
  // Dialogue: one per letter, so very short and soft; two voices.
  'blip': render(45, [{ wave: square, hz: constant(740), durationMs: 45, volume: 0.18 }]),
  'blip-low': render(50, [{ wave: square, hz: constant(392), durationMs: 50, volume: 0.2 }]),
  // Dialogue: choosing an answer.
  'select': render(140, [
    { wave: triangle, hz: constant(660), durationMs: 70, volume: 0.4 },
    { wave: triangle, hz: constant(990), durationMs: 80, startMs: 60, volume: 0.4 },
  ]),
  // A thud with a falling pitch.
  'hit': render(180, [{ wave: sine, hz: glide(220, 60), durationMs: 180, volume: 0.7 }], { durationMs: 90, volume: 0.8, seed: 7, lowpass: 0.25 }),
  // Coin-like: two rising notes.
  'pickup': render(200, [
    { wave: square, hz: constant(988), durationMs: 70, volume: 0.22 },
    { wave: square, hz: constant(1319), durationMs: 130, startMs: 70, volume: 0.22 },
  ]),
  // A spell going off: a rising sweep.
  'cast': render(260, [
    { wave: triangle, hz: glide(300, 900), durationMs: 260, volume: 0.45 },
    { wave: sine, hz: glide(600, 1800), durationMs: 260, volume: 0.2 },
  ]),
  // An ability is ready again.
  'ready': render(160, [{ wave: sine, hz: constant(1568), durationMs: 160, volume: 0.35, attackMs: 2 }]),
  // Refused: on cooldown.
  'denied': render(150, [{ wave: square, hz: glide(140, 110), durationMs: 150, volume: 0.2 }]),
  // A guard spots the player.
  'alert': render(220, [
    { wave: square, hz: constant(880), durationMs: 90, volume: 0.22 },
    { wave: square, hz: constant(1175), durationMs: 120, startMs: 100, volume: 0.22 },
  ]),
  // A guard gives up.
  'lost': render(260, [{ wave: triangle, hz: glide(520, 260), durationMs: 260, volume: 0.4 }]),
  // A burst: noise and a low boom.
  'explosion': render(420, [{ wave: sine, hz: glide(120, 40), durationMs: 420, volume: 0.6 }], { durationMs: 380, volume: 1, seed: 11, lowpass: 0.12 }),
  // End screens.
  'win': render(520, [
    { wave: triangle, hz: constant(523), durationMs: 130, volume: 0.4 },
    { wave: triangle, hz: constant(659), durationMs: 130, startMs: 120, volume: 0.4 },
    { wave: triangle, hz: constant(784), durationMs: 130, startMs: 240, volume: 0.4 },
    { wave: triangle, hz: constant(1047), durationMs: 160, startMs: 360, volume: 0.45 },
  ]),
  'lose': render(560, [
    { wave: triangle, hz: constant(392), durationMs: 170, volume: 0.4 },
    { wave: triangle, hz: constant(330), durationMs: 170, startMs: 170, volume: 0.4 },
    { wave: triangle, hz: glide(262, 200), durationMs: 220, startMs: 340, volume: 0.4 },
  ]),
};

mkdirSync(outDir, { recursive: true });
for (const [name, samples] of Object.entries(sounds)) {
  const file = resolve(outDir, `${name}.wav`);
  writeFileSync(file, encodeWav(samples));
  console.log(`${name}.wav  ${samples.length} samples`);
}

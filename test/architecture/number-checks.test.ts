// Issue 12: "one owner for the maxDtMs clamp and one shared finite-number check". src/core/numbers.ts holds both;
// this test reads every other file in src/ and fails on a hand-written finite check (`x < Infinity`,
// Number.isFinite) or on code that replaces a frame time by maxDtMs itself, so a new option or adapter reuses
// isFiniteFrom / isFinitePositive / isFiniteNumber, maxDtMsOption, clampFrameMs and clampMeasuredMs instead of
// growing its own copy with its own gaps (NaN, Infinity, a string).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');
const OWNER = 'core/numbers.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Lines of src/ (outside numbers.ts) that match `pattern`, as "file:line: text". */
function linesMatching(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(src)) {
    const name = relative(src, file);
    if (name === OWNER) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        if (pattern.test(text) && !/^\s*(\/\/|\/?\*)/.test(text)) found.push(`${name}:${index + 1}: ${text.trim()}`);
      });
  }
  return found;
}

describe('number checks have one owner (src/core/numbers.ts)', () => {
  it('no other file checks finiteness by hand', () => {
    expect(linesMatching(/<\s*Infinity\b|Number\.isFinite\(|\bisFinite\(/)).toEqual([]);
  });

  it('no other file clamps a frame time to maxDtMs itself', () => {
    // `dtMs = this.#maxDtMs`, `... ? maxDtMs : ...`: the frame time replaced by the limit (storing the option,
    // `this.#maxDtMs = maxDtMs`, is fine).
    expect(linesMatching(/(?<![\w#.])(?!maxDtMs\b)\w+\s*=\s*(?:this\.#?)?maxDtMs\s*;|\?\s*(?:this\.#?)?maxDtMs\s*:/)).toEqual([]);
  });

  it('no other file words the maxDtMs option error', () => {
    expect(linesMatching(/maxDtMs must be|['`"][\w.: ]*maxDtMs['`"]/)).toEqual([]);
  });
});

// The folders of src/ show which way dependencies point (docs/architecture.md):
// timers <- core <- {tween, ecs, browser, pixi, howler, debug, hot, colyseus}; vite stands alone. Each adapter is
// the only importer of its engine package. This test reads every import in src/ and fails on one that points the
// wrong way, so the layout stays true as the code grows.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');

/** Folders of src/ each folder may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  timers: [],
  core: ['timers'],
  tween: ['core'],
  ecs: ['core'],
  browser: ['core'],
  pixi: ['core'],
  howler: ['core'],
  debug: ['core'],
  hot: ['core'],
  colyseus: ['core'],
  vite: [],
};

/** The only folder allowed to import each engine package. */
const PACKAGE_OWNERS: Record<string, string> = { bitecs: 'ecs', 'pixi.js': 'pixi', howler: 'howler', vite: 'vite' };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('src/ import direction', () => {
  it('every import points the allowed way, and each engine package has one importer', () => {
    const wrong: string[] = [];
    for (const file of sourceFiles(src)) {
      const folder = relative(src, file).split('/')[0];
      if (folder.endsWith('.ts')) continue; // src/index.ts: the public list of exports
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const target = match[1];
        if (target.startsWith('.')) {
          const other = relative(src, resolve(dirname(file), target)).split('/')[0];
          if (other !== folder && !(ALLOWED[folder] ?? []).includes(other)) wrong.push(`${relative(src, file)} imports ${target}`);
        } else {
          const name = target.startsWith('@') ? target.split('/').slice(0, 2).join('/') : target.split('/')[0];
          const owner = name.startsWith('@colyseus/') || name === 'colyseus' ? 'colyseus' : PACKAGE_OWNERS[name];
          if (owner !== undefined && owner !== folder) wrong.push(`${relative(src, file)} imports ${target} (only src/${owner}/ may)`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

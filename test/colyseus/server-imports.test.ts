// Server code never pulls in pixi.js, howler, bitecs or the DOM: every module reachable from the
// arena server's entry point is read and its imports followed (tickflow's own paths included).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function resolveLocal(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier === 'tickflow') base = resolve(root, 'src/index');
  else if (specifier.startsWith('tickflow/')) base = resolve(root, 'src', specifier.slice('tickflow/'.length), 'index');
  else if (specifier.startsWith('.')) base = resolve(dirname(from), specifier).replace(/\.js$/, '');
  else return undefined;
  for (const candidate of [`${base}.ts`, resolve(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  throw new Error(`cannot resolve ${specifier} from ${from}`);
}

/** Every local module reachable from `entry`, and every package specifier they import. */
function reachable(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      const local = resolveLocal(file, specifier);
      if (local !== undefined) queue.push(local);
      else packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
    }
  }
  return { files, packages };
}

describe('server code', () => {
  it('imports neither pixi.js, howler, bitecs nor the DOM, from the arena server down to tickflow/colyseus', () => {
    const { files, packages } = reachable(resolve(root, 'demos/multiplayer/server/main.ts'));
    expect(files.map((file) => relative(root, file))).toContain('src/colyseus/room-behaviours.ts');
    expect([...packages].filter((name) => !name.startsWith('node:')).sort()).toEqual([
      '@colyseus/core',
      '@colyseus/redis-driver',
      '@colyseus/redis-presence',
      '@colyseus/schema',
      '@colyseus/ws-transport',
    ]);
    // Code only: comments may well say "window".
    const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    const touchingDom = files.filter((file) => /\b(document|window|requestAnimationFrame|localStorage)\./.test(code(file)));
    expect(touchingDom.map((file) => relative(root, file))).toEqual([]);
  });
});

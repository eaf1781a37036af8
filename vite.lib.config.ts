import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

// The library: one ESM file per package.json subpath export. pixi.js, bitecs and howler stay external
// and @colyseus/* (peer dependencies), so `import 'tickflow'` pulls in none of them.
const src = resolve(import.meta.dirname, 'src');
const outDir = resolve(import.meta.dirname, 'dist/lib');
const candidates: Record<string, string> = {
  index: resolve(src, 'index.ts'),
  ecs: resolve(src, 'ecs/index.ts'),
  browser: resolve(src, 'browser/index.ts'),
  tween: resolve(src, 'tween/index.ts'),
  pixi: resolve(src, 'pixi/index.ts'),
  howler: resolve(src, 'howler/index.ts'),
  debug: resolve(src, 'debug/index.ts'),
  colyseus: resolve(src, 'colyseus/index.ts'),
  hot: resolve(src, 'hot/index.ts'),
  vite: resolve(src, 'vite/index.ts'),
};
const entry = Object.fromEntries(Object.entries(candidates).filter(([, file]) => existsSync(file)));

export default defineConfig({
  plugins: [mapReexportOnlyChunks()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: { entry, formats: ['es'] },
    rolldownOptions: { external: [/^pixi\.js/, /^bitecs/, /^howler/, /^@colyseus\//, /^vite$/, /^node:/] },
  },
});

/**
 * Rolldown writes no source map for an entry that only re-exports (dist/lib/index.js): it has no code of its own
 * to map. A debugger then shows the bundled file instead of src/index.ts. This gives such an entry a map to its
 * source file, each line mapped to the line of src/index.ts that exports the first name on it.
 */
function mapReexportOnlyChunks(): Plugin {
  return {
    name: 'tickflow:map-reexport-only-chunks',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || chunk.facadeModuleId === null) continue;
        const mapName = `${chunk.fileName}.map`;
        if (mapName in bundle || chunk.map !== null) continue;
        const sourceText = readFileSync(chunk.facadeModuleId, 'utf8');
        const sourceLines = sourceText.split('\n');
        const mappings = chunk.code.split('\n').map((line, index) => {
          const name = /\bas (\w+)|export \{ ?(\w+)/.exec(line);
          const wanted = name?.[1] ?? name?.[2];
          const found = wanted === undefined ? -1 : sourceLines.findIndex((text) => new RegExp(`\\b${wanted}\\b`).test(text));
          const sourceLine = found === -1 ? 0 : found;
          // One segment per line: column 0 -> source 0, sourceLine, column 0 (deltas against the previous line).
          return { index, sourceLine };
        });
        let previous = 0;
        const encoded = mappings
          .map(({ sourceLine }) => {
            const segment = vlq(0) + vlq(0) + vlq(sourceLine - previous) + vlq(0);
            previous = sourceLine;
            return segment;
          })
          .join(';');
        const map = {
          version: 3,
          file: chunk.fileName,
          sources: [relative(outDir, chunk.facadeModuleId).split('\\').join('/')],
          sourcesContent: [sourceText],
          names: [],
          mappings: encoded,
        };
        chunk.code += `\n//# sourceMappingURL=${mapName.split('/').pop()}\n`;
        this.emitFile({ type: 'asset', fileName: mapName, source: JSON.stringify(map) });
      }
    },
  };
}

/** Base64 VLQ of one source-map field. */
function vlq(value: number): string {
  const digits = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += digits[digit];
  } while (rest > 0);
  return out;
}

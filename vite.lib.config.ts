import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The library: one ESM file per package.json subpath export. pixi.js, bitecs and howler stay external
// and @colyseus/* (peer dependencies), so `import 'tickflow'` pulls in none of them.
const src = resolve(import.meta.dirname, 'src');
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
  build: {
    outDir: resolve(import.meta.dirname, 'dist/lib'),
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: { entry, formats: ['es'] },
    rolldownOptions: { external: [/^pixi\.js/, /^bitecs/, /^howler/, /^@colyseus\//, /^vite$/, /^node:/] },
  },
});

import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The demos are a multi-page app: demos/index.html (the landing page) and demos/<name>/index.html.
const demosDir = resolve(import.meta.dirname, 'demos');
const pages: Record<string, string> = { index: resolve(demosDir, 'index.html') };
for (const entry of readdirSync(demosDir, { withFileTypes: true })) {
  const page = resolve(demosDir, entry.name, 'index.html');
  if (entry.isDirectory() && existsSync(page)) pages[entry.name] = page;
}

export default defineConfig({
  root: demosDir,
  base: './',
  publicDir: resolve(import.meta.dirname, 'assets'),
  resolve: {
    alias: [{ find: /^tickflow(\/.*)?$/, replacement: resolve(import.meta.dirname, 'src') + '$1' }],
  },
  server: { port: 5173, host: '127.0.0.1' },
  preview: { port: 4173, host: '127.0.0.1' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist/demos'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: pages },
  },
});

import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { tickflowHmr } from './src/vite/index.js';

// The demos are a multi-page app: demos/index.html (the landing page) and demos/<name>/index.html.
const demosDir = resolve(import.meta.dirname, 'demos');
const pages: Record<string, string> = { index: resolve(demosDir, 'index.html') };
for (const entry of readdirSync(demosDir, { withFileTypes: true })) {
  const page = resolve(demosDir, entry.name, 'index.html');
  if (entry.isDirectory() && existsSync(page)) pages[entry.name] = page;
}

// The demo pages show their behaviour files through `?raw` imports. Saving one would make Vite reload the
// page for the raw text's sake; live editing (tickflow/vite) swaps the behaviours in place instead, and
// the code panel keeps showing the text it loaded.
const codePanelsStayPut: Plugin = {
  name: 'demos:code-panels-stay-put',
  apply: 'serve',
  handleHotUpdate({ modules }) {
    return modules.filter((module) => !(module.id ?? '').endsWith('?raw'));
  },
};

export default defineConfig({
  root: demosDir,
  // npm start: saving a behaviour module restarts its running behaviours from the new code (docs/live-editing.md).
  plugins: [tickflowHmr(), codePanelsStayPut],
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

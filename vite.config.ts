import { spawn, type ChildProcess } from 'node:child_process';
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

// `npm start` also runs the multiplayer demo's Colyseus server (demos/multiplayer/server) on
// 127.0.0.1:2567, as a child process that lives as long as the dev server. Builds and tests never
// start it; TICKFLOW_MULTIPLAYER_SERVER=0 turns it off.
function multiplayerServer(): Plugin {
  let child: ChildProcess | undefined;
  const stop = (): void => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGTERM');
    child = undefined;
  };
  return {
    name: 'tickflow-multiplayer-server',
    apply: 'serve',
    configureServer(server) {
      if (process.env.TICKFLOW_MULTIPLAYER_SERVER === '0' || process.env.VITEST !== undefined) return;
      const entry = resolve(import.meta.dirname, 'demos/multiplayer/server/main.ts');
      child = spawn(process.execPath, ['--import', 'tsx', entry, '--port', '2567', '--host', '127.0.0.1'], {
        cwd: import.meta.dirname,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', (code) => {
        if (code !== 0 && code !== null) server.config.logger.warn(`multiplayer server exited with code ${code} (is port 2567 taken?)`);
      });
      server.httpServer?.once('close', stop);
      process.once('exit', stop);
    },
    // Tells the multiplayer page where the server is; a built page has no such tag and stays offline
    // unless given ?server= (import.meta.env.DEV cannot tell: builds under vitest run with NODE_ENV=test).
    transformIndexHtml() {
      return child === undefined ? [] : [{ tag: 'meta', attrs: { name: 'tickflow-multiplayer-port', content: '2567' }, injectTo: 'head' }];
    },
  };
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
  // npm start: saving a behaviour module restarts its running behaviours from the new code (docs/live-editing.md),
  // and the multiplayer demo's server runs beside the dev server.
  plugins: [tickflowHmr(), codePanelsStayPut, multiplayerServer()],
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

// The ```ts blocks of docs/multiplayer.md compile under strict TypeScript, and the room they define
// works on a real server: a client rings, the guard's behaviour raises the alert.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Room } from '@colyseus/core';
import { Client } from 'colyseus.js';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { startArenaServer, type ArenaServer } from '../../demos/multiplayer/server/arena-server.js';

const root = resolve(import.meta.dirname, '../..');
// .tmp/ is git-ignored and inside the repo, so the blocks resolve packages and tickflow's paths.
const outDir = resolve(root, '.tmp/docs-multiplayer');
const text = readFileSync(resolve(root, 'docs/multiplayer.md'), 'utf8');
const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = blocks.map((code, index) => {
  const file = resolve(outDir, `block-${index}.ts`);
  writeFileSync(file, `${code}\nexport {};\n`);
  return file;
});

let server: ArenaServer | undefined;
afterAll(async () => {
  await server?.stop();
});

describe('docs/multiplayer.md', () => {
  it('has ts blocks, and each compiles under strict TypeScript', () => {
    expect(blocks.length).toBeGreaterThan(0);
    const config = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file !== undefined && files.includes(resolve(diagnostic.file.fileName)))
      .map((diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  }, 60_000);

  it('runs the example room: a ring wakes the listening behaviour, which raises the alert', async () => {
    const { YardRoom } = (await import(/* @vite-ignore */ files[0])) as { YardRoom: new () => Room };
    server = await startArenaServer({ rooms: { yard: YardRoom } });
    const room = await new Client(server.url.replace('ws://', 'http://')).joinOrCreate<any>('yard');
    await expect.poll(() => room.state.guards?.get('g1')?.x ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(room.state.guards.get('g1').alert).toBe(false);
    room.send('ring');
    await expect.poll(() => room.state.guards.get('g1').alert, { timeout: 5_000 }).toBe(true);
    await room.leave();
  });
});

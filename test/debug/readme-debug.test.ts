// Every ```ts block of the tickflow/debug README section (test/debug/readme-debug.md, copied to the
// project notes for the README) compiles under strict TypeScript against the real exports and runs
// under Node. Two ways a block states its output, both checked:
// - `console.log(...); // expected output` on one line (the README's own convention);
// - a ```text block right after the ```ts block: everything the block prints, in order. Source
//   locations "(file:line:column)" in it are not compared, since they depend on where the file lives.
// Blocks fenced ```ts compile-only (browser code) are type-checked but not run.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { format } from 'node:util';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const sectionFile = resolve(import.meta.dirname, 'readme-debug.md');

interface Block {
  index: number;
  code: string;
  run: boolean;
  commentOutput: string[];
  textOutput: string[] | undefined;
}

function sectionBlocks(): Block[] {
  const text = readFileSync(sectionFile, 'utf8');
  const blocks: Block[] = [];
  const fence = /^```ts( compile-only)?\n([\s\S]*?)^```\n(?:\s*^```text\n([\s\S]*?)^```$)?/gm;
  for (let match = fence.exec(text); match !== null; match = fence.exec(text)) {
    const code = match[2];
    blocks.push({
      index: blocks.length,
      code,
      run: match[1] === undefined,
      commentOutput: [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((line) => line[1]),
      textOutput: match[3] === undefined ? undefined : match[3].replace(/\n$/, '').split('\n'),
    });
  }
  return blocks;
}

const withoutLocations = (line: string): string => line.replace(/\([^()\s]*:\d+:\d+\)/g, '(location)');

const blocks = sectionBlocks();
// Outside the repository, so a run leaves nothing behind in the working tree.
const outDir = mkdtempSync(resolve(tmpdir(), 'tickflow-readme-debug-'));
const files = blocks.map((block) => {
  const file = resolve(outDir, `block-${block.index}.ts`);
  writeFileSync(file, `${block.code}\nexport {};\n`);
  return file;
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('readme-debug.md', () => {
  it('has runnable blocks for inspect, dev mode, errors and traces, and a compile-only overlay block', () => {
    const text = blocks.map((block) => block.code).join('\n');
    for (const name of ['inspect(', 'createDevTools(', 'formatBehaviourError(', 'createTraceRecorder(', 'mountInspectorOverlay(']) {
      expect(text).toContain(name);
    }
    expect(blocks.filter((block) => block.run)).toHaveLength(4);
  });

  it('states the measured overhead figures', () => {
    const text = readFileSync(sectionFile, 'utf8');
    expect(text).not.toContain('OVERHEAD_TABLE');
    expect(text).toMatch(/ns per resume/);
  });

  it('compiles every ts block under strict TypeScript', () => {
    const config = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const program = ts.createProgram(files, { ...parsed.options, noEmit: true, noUnusedLocals: false });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file !== undefined && files.includes(resolve(diagnostic.file.fileName)))
      .map((diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
  }, 60_000);

  for (const block of blocks.filter((candidate) => candidate.run)) {
    it(`runs block ${block.index} and prints what it says`, async () => {
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
        printed.push(format(...parts));
      });
      try {
        await import(/* @vite-ignore */ files[block.index]);
      } finally {
        spy.mockRestore();
      }
      expect(printed.slice(0, block.commentOutput.length)).toEqual(block.commentOutput);
      if (block.textOutput !== undefined) {
        expect(printed.join('\n').split('\n').map(withoutLocations)).toEqual(block.textOutput.map(withoutLocations));
      }
    });
  }
});

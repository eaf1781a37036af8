// Every ```ts block in README.md compiles (strict, against the real exports) and runs under Node.
// A `console.log(...); // expected output` line in a block asserts what it prints.
// Blocks fenced as ```ts compile-only (browser-only code) are type-checked but not run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format } from 'node:util';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, 'test/readme/.generated');

interface Block {
  index: number;
  code: string;
  run: boolean;
  expectedOutput: string[];
}

function readmeBlocks(file: string): Block[] {
  const text = readFileSync(resolve(root, file), 'utf8');
  const blocks: Block[] = [];
  const fence = /^```ts( compile-only)?\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(text); match !== null; match = fence.exec(text)) {
    const code = match[2];
    const expectedOutput = [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((line) => line[1]);
    blocks.push({ index: blocks.length, code, run: match[1] === undefined, expectedOutput });
  }
  return blocks;
}

const blocks = readmeBlocks('README.md');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = blocks.map((block) => {
  const file = resolve(outDir, `block-${block.index}.ts`);
  // Each block is a module of its own, so names do not clash between blocks.
  writeFileSync(file, `${block.code}\nexport {};\n`);
  return file;
});

describe('README.md', () => {
  it('has code blocks to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
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
    it(`runs block ${block.index} and prints what its comments say`, async () => {
      const printed: string[] = [];
      const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
        printed.push(format(...parts));
      });
      try {
        await import(/* @vite-ignore */ files[block.index]);
      } finally {
        spy.mockRestore();
      }
      expect(printed.slice(0, block.expectedOutput.length)).toEqual(block.expectedOutput);
    });
  }
});

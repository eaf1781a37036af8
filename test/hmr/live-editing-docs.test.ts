// Every ```ts block of docs/live-editing.md compiles against the real exports (strict); blocks not marked
// compile-only also run under Node. (README.md's blocks are checked by test/readme/readme.test.ts.)
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, '.tmp/live-editing-docs');
const text = readFileSync(resolve(root, 'docs/live-editing.md'), 'utf8');
const blocks = [...text.matchAll(/^```ts((?: [a-z-]+)*)\n([\s\S]*?)^```$/gm)].map((match, index) => ({
  index,
  code: match[2],
  run: !match[1].includes('compile-only'),
}));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const files = blocks.map((block) => {
  const file = resolve(outDir, `block-${block.index}.ts`);
  writeFileSync(file, `${block.code}\nexport {};\n`);
  return file;
});

describe('docs/live-editing.md', () => {
  it('has code blocks, and each compiles under strict TypeScript', () => {
    expect(blocks.length).toBeGreaterThan(2);
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
    it(`runs block ${block.index}`, async () => {
      await import(/* @vite-ignore */ files[block.index]);
    });
  }
});

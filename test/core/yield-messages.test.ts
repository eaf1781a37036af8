// The compile errors of the three common mistakes say what to write instead (yield* and an awaitable).
// Compiles a fixture against the real exports with the project's tsconfig and reads the messages.
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const fixture = resolve(root, 'test/core/yield-mistakes.fixture.ts');
const FIX = "'Use yield* (with the star) and an awaitable: yield* waitMs(500)'";

const source = `import { waitMs, type Behaviour } from 'tickflow';
export function* noStar(): Behaviour {
  yield waitMs(100);
}
export function* bare(): Behaviour {
  yield;
}
export function* number(): Behaviour {
  yield 500;
}
export function* right(): Behaviour {
  yield* waitMs(100);
}
`;

function compileMessages(): Map<number, string> {
  const config = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  // The fixture lives only in memory, so the project's own typecheck never sees these deliberate errors.
  host.getSourceFile = (fileName, language, onError, shouldCreate) =>
    resolve(fileName) === fixture ? ts.createSourceFile(fileName, source, language) : getSourceFile(fileName, language, onError, shouldCreate);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => resolve(fileName) === fixture || fileExists(fileName);
  const program = ts.createProgram([fixture], { ...parsed.options, noEmit: true }, host);
  const byLine = new Map<number, string>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file === undefined || resolve(diagnostic.file.fileName) !== fixture) continue;
    const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1;
    byLine.set(line, `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  return byLine;
}

describe('compile errors of a yield without the star', () => {
  const messages = compileMessages();

  it('names the fix when the star is missing: yield waitMs(100)', () => {
    expect(messages.get(3)).toBe(`TS2741: Property '${FIX}' is missing in type 'Awaitable<void>' but required in type '{ readonly ${FIX}: true; }'.`);
  });

  it('names the fix for a bare yield', () => {
    expect(messages.get(6)).toBe(`TS2322: Type 'undefined' is not assignable to type '{ readonly ${FIX}: true; }'.`);
  });

  it('names the fix for yield 500', () => {
    expect(messages.get(9)).toBe(`TS2322: Type 'number' is not assignable to type '{ readonly ${FIX}: true; }'.`);
  });

  it('reports nothing else (yield* compiles)', () => {
    expect([...messages.keys()]).toEqual([3, 6, 9]);
  });
});

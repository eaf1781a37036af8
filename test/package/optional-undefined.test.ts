// Under `exactOptionalPropertyTypes`, an optional property `name?: string` refuses an explicit `undefined`
// (`{ name: undefined }`, or `{ name: maybeName }` with `maybeName: string | undefined`). Every optional property
// of every exported type accepts it: each is declared `name?: string | undefined`. This walks the public entry
// points (package.json exports) with the TypeScript compiler, so new exports are checked without a list here.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

/** src/ entry of each package.json export ("./dist/types/ecs/index.d.ts" -> "src/ecs/index.ts"). */
function sourceEntryPoints(): string[] {
  return Object.values(pkg.exports)
    .filter((entry): entry is { types: string } => typeof entry === 'object' && entry !== null && 'types' in entry)
    .map((entry) => resolve(root, entry.types.replace('./dist/types/', 'src/').replace(/\.d\.ts$/, '.ts')));
}

function optionalPropertiesRejectingUndefined(): string[] {
  const entries = sourceEntryPoints();
  const config = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(entries, { ...parsed.options, exactOptionalPropertyTypes: true, noEmit: true });
  const checker = program.getTypeChecker();
  const problems = new Set<string>();
  const seen = new Set<ts.Symbol>();
  const visit = (symbol: ts.Symbol): void => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (seen.has(target)) return;
    seen.add(target);
    for (const declaration of target.declarations ?? []) {
      if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeAliasDeclaration(declaration) && !ts.isClassDeclaration(declaration)) continue;
      const members = ts.isTypeAliasDeclaration(declaration)
        ? ts.isTypeLiteralNode(declaration.type) ? declaration.type.members : []
        : declaration.members;
      for (const member of members) {
        if (!(ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) || member.questionToken === undefined) continue;
        if (member.type === undefined) continue;
        const accepts = ts.isUnionTypeNode(member.type)
          ? member.type.types.some((part) => part.kind === ts.SyntaxKind.UndefinedKeyword)
          : member.type.kind === ts.SyntaxKind.UndefinedKeyword;
        if (!accepts) {
          const file = declaration.getSourceFile();
          const { line } = file.getLineAndCharacterOfPosition(member.getStart());
          problems.add(`${file.fileName.slice(root.length + 1)}:${line + 1} ${target.name}.${member.name.getText()}`);
        }
      }
    }
  };
  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    if (file === undefined) throw new Error(`entry point not found: ${entry}`);
    const moduleSymbol = checker.getSymbolAtLocation(file);
    for (const exported of moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol)) visit(exported);
  }
  return [...problems].sort();
}

describe('exported optional properties', () => {
  it('each accepts an explicit undefined (declared `?: T | undefined`) for exactOptionalPropertyTypes users', () => {
    expect(optionalPropertiesRejectingUndefined()).toEqual([]);
  }, 60_000);
});

// TypeDoc: the API reference from the TSDoc, one module per package.json export (so a new export is
// documented without editing this file), written into the demo site (dist/demos/api) by `npm run build`.
// Validation warnings are errors: an export without doc text fails the build (and test/package/api-reference.test.ts).
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const entryPoints = Object.values(pkg.exports)
  .filter((entry) => typeof entry === 'object' && entry !== null && typeof entry.types === 'string')
  .map((entry) => entry.types.replace('./dist/types/', './src/').replace(/\.d\.ts$/, '.ts'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'tickflow API reference',
  entryPoints,
  tsconfig: './tsconfig.build.json',
  out: './dist/demos/api',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  disableSources: true,
  hideGenerator: true,
  githubPages: false,
  // Instruction is `typeof instruction` on purpose (an anonymous type, so the compiler's message for `yield 500`
  // prints the property that names the fix: see src/core/wait.ts); the declared-only const has nothing to document.
  intentionallyNotExported: ['src/core/wait.ts:instruction'],
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: true, unusedMergeModuleWith: true },
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
};

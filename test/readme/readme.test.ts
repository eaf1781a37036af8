// Every ```ts block in README.md and in docs/**/*.md compiles (strict, against the real exports) and runs under
// Node. A new docs/<topic>.md file is picked up without any change here.
// A `console.log(...); // expected output` line asserts what it prints (in order, among what is printed).
// Fence words: ```ts compile-only (browser code: type-checked, not run); ```ts continued (the block goes on
// from the blocks before it, back to the last one not marked continued: it is checked together with them).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
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
  const fence = /^```ts((?: [a-z-]+)*)\n([\s\S]*?)^```$/gm;
  let chain: string[] = [];
  for (let match = fence.exec(text); match !== null; match = fence.exec(text)) {
    const words = match[1].trim().split(' ');
    chain = words.includes('continued') ? [...chain, match[2]] : [match[2]];
    const code = mergeModules(chain);
    const expectedOutput = [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((line) => line[1]);
    blocks.push({ index: blocks.length, code, run: !words.includes('compile-only'), expectedOutput });
  }
  return blocks;
}

/** Joins blocks into one module: their imports merged per module (a later block may import a name again). */
function mergeModules(parts: string[]): string {
  const imports = new Map<string, Set<string>>();
  const bodies: string[] = [];
  for (const part of parts) {
    const body = part.replace(/^import \{([^}]*)\} from '([^']+)';\n/gm, (_line, names: string, from: string) => {
      const set = imports.get(from) ?? new Set<string>();
      for (const name of names.split(',').map((entry) => entry.trim()).filter(Boolean)) set.add(name);
      imports.set(from, set);
      return '';
    });
    bodies.push(body);
  }
  const head = [...imports].map(([from, names]) => {
    // A name imported both as a value and as `type X` keeps the value import.
    const values = new Set([...names].filter((name) => !name.startsWith('type ')));
    const kept = [...names].filter((name) => !(name.startsWith('type ') && values.has(name.slice(5))));
    return `import { ${kept.join(', ')} } from '${from}';`;
  });
  return [...head, ...bodies].join('\n');
}

/** README.md, then every .md file under docs/ (sorted), as paths relative to the repository root. */
function documentFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(resolve(root, 'docs'));
  return ['README.md', ...found.sort()];
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const documents = documentFiles().map((document) => {
  const blocks = readmeBlocks(document);
  const slug = document.replace(/\.md$/, '').replace(/[^a-zA-Z0-9]+/g, '-');
  const files = blocks.map((block) => {
    const file = resolve(outDir, `${slug}-block-${block.index}.ts`);
    // Each block is a module of its own, so names do not clash between blocks.
    writeFileSync(file, `${block.code}\nexport {};\n`);
    return file;
  });
  return { document, blocks, files };
});
const allFiles = documents.flatMap((document) => document.files);

it('README.md has code blocks to check', () => {
  expect(documents[0].blocks.length).toBeGreaterThan(0);
});

it('compiles every ts block of README.md and docs/ under strict TypeScript', () => {
  const config = ts.readConfigFile(resolve(root, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(allFiles, { ...parsed.options, noEmit: true, noUnusedLocals: false });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file !== undefined && allFiles.includes(resolve(diagnostic.file.fileName)))
    .map((diagnostic) => `${diagnostic.file?.fileName}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  expect(diagnostics).toEqual([]);
}, 120_000);

for (const { document, blocks, files } of documents.filter((candidate) => candidate.blocks.some((block) => block.run))) {
  describe(document, () => {
    for (const block of blocks.filter((candidate) => candidate.run)) {
      it(`runs block ${block.index} and prints what its comments say`, async () => {
        const printed: string[] = [];
        const spy = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
          printed.push(format(...parts));
        });
        // A block may warn on purpose (the dev-mode block shows a leak warning): keep it out of the test
        // run's output, where it read like a real problem; it counts as printed.
        const warnSpy = vi.spyOn(console, 'warn').mockImplementation((...parts: unknown[]) => {
          printed.push(format(...parts));
        });
        try {
          await import(/* @vite-ignore */ files[block.index]);
        } finally {
          spy.mockRestore();
          warnSpy.mockRestore();
        }
        // Every expected line is printed, in order (other lines may come between).
        let next = 0;
        for (const line of printed) if (line === block.expectedOutput[next]) next++;
        expect({ printed, matched: next }).toEqual({ printed, matched: block.expectedOutput.length });
      });
    }
  });
}

// Links between the documents: a relative link names a file that exists, and a #fragment a heading in it.
describe('links in README.md and docs/', () => {
  const anchorsOf = (file: string): Set<string> => {
    const text = readFileSync(resolve(root, file), 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
    const anchors = new Set<string>();
    for (const heading of text.matchAll(/^#+ (.*)$/gm)) {
      // GitHub's slugs: lower case, punctuation dropped, spaces to hyphens.
      anchors.add(heading[1].trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-'));
    }
    return anchors;
  };
  for (const { document } of documents) {
    it(`${document}: every relative link and anchor resolves`, () => {
      const text = readFileSync(resolve(root, document), 'utf8').replace(/^```[\s\S]*?^```$/gm, '');
      const broken: string[] = [];
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1];
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [path, fragment] = target.split('#');
        const file = path === '' ? document : relative(root, resolve(root, dirname(document), path)).split('\\').join('/');
        if (!existsSync(resolve(root, file))) {
          broken.push(`${target}: no file ${file}`);
          continue;
        }
        if (fragment !== undefined && file.endsWith('.md') && !anchorsOf(file).has(fragment)) broken.push(`${target}: no heading #${fragment} in ${file}`);
      }
      expect(broken).toEqual([]);
    });
  }
});

// `--baseline <dir>`: run.ts imports this module first, so the directory is in the environment before
// impls/tickflow.ts reads it (in this thread, and in every measuring worker, which inherits the environment).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BASELINE_ENV } from './common.js';

const argv = process.argv.slice(2);
const index = argv.indexOf('--baseline');
if (index >= 0) {
  const dir = argv[index + 1];
  if (dir === undefined || dir.startsWith('--')) {
    process.stderr.write('bench: --baseline needs a directory: a checkout of tickflow with its src/ (e.g. /work/baseline)\n');
    process.exit(2);
  }
  const entry = join(resolve(dir), 'src', 'index.ts');
  if (!existsSync(entry)) {
    process.stderr.write(`bench: --baseline ${dir}: no ${entry}; give the root of a tickflow checkout\n`);
    process.exit(2);
  }
  // Without a package.json saying "type": "module" (a bare copy of src/), tsx compiles the files as CommonJS:
  // every cross-module read then goes through a getter, which measured churn 2x slower. Only whole checkouts compare.
  const manifest = join(resolve(dir), 'package.json');
  let type: unknown;
  try {
    type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
  } catch {
    type = undefined;
  }
  if (type !== 'module') {
    process.stderr.write(
      `bench: --baseline ${dir}: ${existsSync(manifest) ? `${manifest} does not say "type": "module"` : `no ${manifest}`}; ` +
        'without it its src would compile as CommonJS and measure slower than it is. Give the root of a whole checkout ' +
        '(or copy package.json and tsconfig.json next to the src/ you exported).\n',
    );
    process.exit(2);
  }
  process.env[BASELINE_ENV] = resolve(dir);
}

// `--baseline <dir>`: run.ts imports this module first, so the directory is in the environment before
// impls/tickflow.ts reads it (in this thread, and in every measuring worker, which inherits the environment).
import { existsSync } from 'node:fs';
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
  process.env[BASELINE_ENV] = resolve(dir);
}

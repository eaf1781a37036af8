/**
 * Live editing, the build side: the Vite plugin that makes behaviour modules hot on the dev server.
 *
 * @module tickflow/vite
 */
// The public API of 'tickflow/vite': the Vite plugin for live editing behaviours (dev server only).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { makeHot } from './hot-transform.js';

export { makeHot } from './hot-transform.js';
export type { HotTransform } from './hot-transform.js';

/** Options for {@link tickflowHmr}. */
export interface TickflowHmrOptions {
  /**
   * Which modules may be made hot (file path without query). Default: every .ts/.tsx/.js/.jsx/.mjs file
   * outside node_modules. Modules without a top-level `function*`, or that hold shared state, are left
   * alone whatever this says.
   */
  include?: ((file: string) => boolean) | undefined;
  /** Prints, once per file, why a module with behaviours was not made hot (it then reloads the page). Default false. */
  verbose?: boolean | undefined;
  /** The module the injected code imports the runtime from. Default 'tickflow/hot'. */
  runtime?: string | undefined;
}

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
// tickflow's own files (src/ in this repository, dist/lib/ in the package) are never made hot.
const OWN_DIR = dirname(dirname(fileURLToPath(import.meta.url))).replaceAll('\\', '/') + '/';

/**
 * Live editing for behaviours: on the Vite dev server, each module whose top-level `function*`s define
 * behaviours accepts its own edits. Saving it restarts the running behaviours it defines from the new
 * code (call `enableLiveEditing(scheduler)` from tickflow/hot once in the game) instead of reloading
 * the page. See docs/live-editing.md for what survives an edit.
 *
 * @example
 * // vite.config.ts
 * import { defineConfig } from 'vite';
 * import { tickflowHmr } from 'tickflow/vite';
 * export default defineConfig({ plugins: [tickflowHmr()] });
 */
export function tickflowHmr(options: TickflowHmrOptions = {}): Plugin {
  const include = options.include ?? (() => true);
  const runtime = options.runtime ?? 'tickflow/hot';
  const explained = new Set<string>();
  return {
    name: 'tickflow:hmr',
    apply: 'serve',
    transform(code, id, transformOptions) {
      if (transformOptions?.ssr === true) return undefined;
      if (id.startsWith('\0') || id.includes('?')) return undefined;
      const file = id.replaceAll('\\', '/');
      if (!SCRIPT.test(file) || file.includes('/node_modules/') || file.startsWith(OWN_DIR) || !include(file)) return undefined;
      if (!/function\s*\*/.test(code)) return undefined;
      const result = makeHot(code, file, runtime);
      if (result.code === undefined) {
        if (options.verbose === true && !explained.has(file) && result.reason !== 'it has no top-level function*') {
          explained.add(file);
          this.warn(`tickflow: ${file} is not live-editable: ${result.reason}. Saving it reloads the page.`);
        }
        return undefined;
      }
      // Only the first line moves (the injected code is prepended to it): the other mappings stand.
      return { code: result.code, map: null };
    },
  };
}

// What the tickflow/vite plugin injects into a behaviour module: each top-level `function*` is replaced by
// a wrapper that remembers, for every generator it makes, which module and function made it and with
// which arguments. The wrapper is made once per (module, function) and always calls the newest version
// of the function, so importers holding the first module instance still start the edited code.
import { TickflowError, describeValue } from '../core/errors.js';
import { respawnNotes } from '../core/respawn.js';
import type { Behaviour } from '../core/wait.js';

/** Where a generator came from: enough to make it again from the module's newest version. */
export interface BehaviourOrigin {
  /** The module's id (its file path, as Vite names it). */
  readonly moduleId: string;
  /** The function's name in the module. */
  readonly name: string;
  /** The arguments it was called with (the same objects, not copies). */
  readonly args: readonly unknown[];
  /** The `this` it was called with (undefined for a plain call). */
  readonly thisArg: unknown;
}

/**
 * A top-level generator function that {@link HotModule.behaviour} can wrap: any `function*` that returns a
 * behaviour, whatever its parameters.
 *
 * @example
 * const patrolFn: HotBehaviourFunction = patrol; // function* patrol(eid: number, route: Point[]): Behaviour
 */
export type HotBehaviourFunction = (this: unknown, ...args: never[]) => Behaviour<unknown>;

interface FunctionRecord {
  latest: HotBehaviourFunction;
  // The module evaluation that defined `latest`: older than the module's means the edit removed it.
  version: number;
  readonly wrapper: HotBehaviourFunction;
}

interface ModuleRecord {
  version: number;
  readonly functions: Map<string, FunctionRecord>;
}

const origins = new WeakMap<object, BehaviourOrigin>();
const modules = new Map<string, ModuleRecord>();
const editListeners = new Set<(moduleId: string) => void>();

/**
 * One evaluation of a behaviour module, as the tickflow/vite plugin sees it. Not called by hand: the
 * plugin writes these calls at the top of each module it makes hot.
 *
 * @example
 * // what the plugin prepends to demos/patrol/sim/guard.ts:
 * const hot = hotModule('/demos/patrol/sim/guard.ts');
 * guardBrain = hot.behaviour('guardBrain', guardBrain);
 * // and appends: if (import.meta.hot) import.meta.hot.accept(() => hot.edited());
 */
export interface HotModule {
  /** Wraps one top-level generator function; returns the wrapper the module's binding is set to. */
  behaviour<F extends HotBehaviourFunction>(name: string, fn: F): F;
  /** The module was saved and its new version has run: restart the behaviours it defines. */
  edited(): void;
}

/**
 * Starts one evaluation of a behaviour module (the tickflow/vite plugin calls it).
 *
 * @example
 * const hot = hotModule('/src/enemies.ts'); // first evaluation: version 1; after an edit: version 2
 */
export function hotModule(moduleId: string): HotModule {
  if (typeof moduleId !== 'string' || moduleId === '') {
    throw new TickflowError(`hotModule expects the module's id (a non-empty string), got ${describeValue(moduleId)}.`);
  }
  // Adapters note how to respawn their tasks from now on: hot modules evaluate before the game spawns.
  respawnNotes.enabled = true;
  let record = modules.get(moduleId);
  if (record === undefined) modules.set(moduleId, (record = { version: 0, functions: new Map() }));
  const module = record;
  module.version++;
  const version = module.version;
  return {
    behaviour<F extends HotBehaviourFunction>(name: string, fn: F): F {
      if (typeof fn !== 'function') throw new TickflowError(`hotModule(${moduleId}).behaviour("${name}") expects a generator function, got ${describeValue(fn)}.`);
      const existing = module.functions.get(name);
      if (existing !== undefined) {
        existing.latest = fn;
        existing.version = version;
        return existing.wrapper as F;
      }
      const entry: FunctionRecord = { latest: fn, version, wrapper: makeWrapper(moduleId, name, () => entry.latest) };
      module.functions.set(name, entry);
      return entry.wrapper as F;
    },
    edited(): void {
      for (const listener of [...editListeners]) listener(moduleId);
    },
  };
}

function makeWrapper(moduleId: string, name: string, latest: () => HotBehaviourFunction): HotBehaviourFunction {
  const wrapper = function (this: unknown, ...args: never[]): Behaviour<unknown> {
    const generator = latest().apply(this, args);
    // A generator object is only ever made here once, so the WeakMap entry dies with it.
    if (typeof generator === 'object' && generator !== null) origins.set(generator, { moduleId, name, args, thisArg: this });
    return generator;
  };
  // Stack traces, the inspector and error messages keep the function's own name.
  Object.defineProperty(wrapper, 'name', { value: name });
  return wrapper;
}

/** Where a generator object came from, if a hot module's function made it. Internal to tickflow/hot. */
export function originOf(generator: object): BehaviourOrigin | undefined {
  return origins.get(generator);
}

/**
 * A fresh generator from the newest version of the function that made `origin`, with the same
 * arguments; undefined when the edit removed or renamed that function. Internal to tickflow/hot.
 */
export function remake(origin: BehaviourOrigin): Behaviour<unknown> | undefined {
  const module = modules.get(origin.moduleId);
  const entry = module?.functions.get(origin.name);
  if (module === undefined || entry === undefined || entry.version !== module.version) return undefined;
  return entry.wrapper.apply(origin.thisArg, origin.args as never[]);
}

/** Listens for edited modules (enableLiveEditing does). Returns the unsubscribe. Internal to tickflow/hot. */
export function onModuleEdited(listener: (moduleId: string) => void): () => void {
  editListeners.add(listener);
  return () => editListeners.delete(listener);
}

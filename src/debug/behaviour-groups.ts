// The overlay's list model: live behaviours counted by (name, what they wait for), built by a walk that
// can be spread over frames, so 200,000 behaviours never cost one frame more than a budget of tasks.
// DOM-free; the overlay renders the groups it gives.
import type { SchedulerState } from '../core/scheduler.js';
import type { TaskState } from '../core/task.js';
import { waitNameOf, type WaitName } from './inspect.js';
import { nextLiveInTree } from './internals.js';

/** Behaviours of one name waiting on one kind of thing. */
export interface BehaviourGroup {
  /** `${name} · ${wait}`: stable across walks, for remembering which groups are expanded. */
  readonly key: string;
  readonly name: string;
  readonly wait: WaitName;
  /** How many live behaviours are in it (at the end of the last walk). */
  count: number;
  /** Its first behaviours in tree order, up to the walker's sample limit. */
  readonly tasks: TaskState[];
  /** One of them is named by a dev-mode warning. */
  warned: boolean;
}

// Remembered roots to resume a walk from: the newest one still linked. A walk only loses its place
// when all of them ended between two steps.
const RESUME_POINTS = 8;
const WAIT_NAMES: readonly WaitName[] = ['waitMs', 'waitRealMs', 'waitFrames', 'signal', 'waitUntil', 'waitWhile', 'join', 'all', 'race', 'children', 'running'];

/** Walks the scheduler's task tree a budget of tasks at a time and counts behaviours by (name, wait). */
export class GroupWalker {
  readonly #scheduler: SchedulerState;
  readonly #sampleLimit: number;
  #accept: ((task: TaskState) => boolean) | undefined = undefined;
  #warned: ReadonlySet<TaskState> | undefined = undefined;
  // The walk in progress.
  #building = new Map<string, Array<BehaviourGroup | undefined>>();
  #seen = 0;
  #matched = 0;
  #recent: TaskState[] = [];
  #started = false;
  // The first root of the last walk: usually still the first (new roots go to the end), which saves
  // listing 200,000 roots to find the first one.
  #head: TaskState | null = null;
  // The last finished walk.
  #groups: BehaviourGroup[] = [];
  #total = 0;
  #shown = 0;
  #passes = 0;

  constructor(scheduler: SchedulerState, sampleLimit: number) {
    this.#scheduler = scheduler;
    this.#sampleLimit = sampleLimit;
  }

  /** Groups of the last finished walk, largest first (then by name). */
  get groups(): readonly BehaviourGroup[] {
    return this.#groups;
  }

  /** Live behaviours the last finished walk saw. */
  get total(): number {
    return this.#total;
  }

  /** Of those, how many passed the filter. */
  get shown(): number {
    return this.#shown;
  }

  /** Finished walks so far. */
  get passes(): number {
    return this.#passes;
  }

  /** Only behaviours `accept` says yes to are counted; starts a new walk. */
  setFilter(accept: ((task: TaskState) => boolean) | undefined): void {
    this.#accept = accept;
    this.restart();
  }

  /** Behaviours to mark as warned (from dev-mode warnings), read by the walks that follow. */
  setWarned(warned: ReadonlySet<TaskState> | undefined): void {
    this.#warned = warned;
  }

  /** Drops the walk in progress; the next step starts from the first root. */
  restart(): void {
    this.#building = new Map();
    this.#seen = 0;
    this.#matched = 0;
    this.#recent = [];
    this.#started = false;
  }

  /**
   * Walks about `budget` more tasks (whole subtrees of top-level behaviours). Returns true when this
   * step finished a walk, whose groups are then in {@link groups}.
   */
  step(budget: number): boolean {
    let root = this.#resumePoint();
    let walked = 0;
    while (root !== null && walked < budget) {
      if (root.status === 'running') walked += this.#walkTree(root);
      this.#remember(root);
      root = root.nextSibling;
    }
    if (root !== null) return false;
    this.#finish();
    return true;
  }

  #resumePoint(): TaskState | null {
    if (!this.#started) {
      this.#started = true;
      this.#head = firstRoot(this.#scheduler, this.#head);
      return this.#head;
    }
    const recent = this.#recent;
    for (let i = recent.length - 1; i >= 0; i--) if (!recent[i].ended) return recent[i].nextSibling;
    // Every remembered root ended since the last step: finish with what was counted.
    return null;
  }

  #remember(root: TaskState): void {
    const recent = this.#recent;
    if (recent.length === RESUME_POINTS) recent.shift();
    recent.push(root);
  }

  /** Counts one top-level behaviour and its live descendants; returns how many tasks it looked at. */
  #walkTree(root: TaskState): number {
    let count = 0;
    for (let task: TaskState | null = root; task !== null; task = nextLiveInTree(task, root)) {
      this.#count(task);
      count++;
    }
    return count;
  }

  #count(task: TaskState): void {
    this.#seen++;
    const accept = this.#accept;
    if (accept !== undefined && !accept(task)) return;
    this.#matched++;
    const wait = waitNameOf(task);
    // Two-level lookup (name, then wait kind by index): no string is built per task.
    let byWait = this.#building.get(task.name);
    if (byWait === undefined) this.#building.set(task.name, (byWait = []));
    const index = WAIT_NAMES.indexOf(wait);
    let group = byWait[index];
    if (group === undefined) byWait[index] = group = { key: `${task.name} · ${wait}`, name: task.name, wait, count: 0, tasks: [], warned: false };
    group.count++;
    if (group.tasks.length < this.#sampleLimit) group.tasks.push(task);
    if (this.#warned !== undefined && this.#warned.has(task)) group.warned = true;
  }

  #finish(): void {
    const groups: BehaviourGroup[] = [];
    for (const byWait of this.#building.values()) for (const group of byWait) if (group !== undefined) groups.push(group);
    groups.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || WAIT_NAMES.indexOf(a.wait) - WAIT_NAMES.indexOf(b.wait));
    this.#groups = groups;
    this.#total = this.#seen;
    this.#shown = this.#matched;
    this.#passes++;
    this.restart();
  }
}

/**
 * The scheduler's first live top-level task. `hint`, a root found before, is usually still the first
 * (new roots go to the end), which saves listing every root (an array of 200,000) to find it.
 */
export function firstRoot(scheduler: SchedulerState, hint: TaskState | null): TaskState | null {
  if (hint !== null && !hint.ended && hint.parent === null) {
    let head = hint;
    while (head.previousSibling !== null) head = head.previousSibling;
    return head;
  }
  const roots = scheduler.roots();
  return roots.length === 0 ? null : (roots[0] as TaskState);
}

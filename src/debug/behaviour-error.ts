import type { Task } from '../core/task.js';

/** One level of a {@link BehaviourStack}: a task, outermost first. */
export interface BehaviourStackTask {
  /** The task id (unique per scheduler). */
  id: number;
  /** The name given at spawn. */
  name: string;
  /** Name path from the root: `"level#1 > patrol#2"`. */
  path: string;
  /** The owning entity, if any. */
  entity: number | undefined;
}

/** One JavaScript frame inside the failing behaviour, outermost first. */
export interface BehaviourStackFrame {
  /** The function's name ("patrol", "walkTo"), or "(anonymous)". */
  functionName: string;
  /** "file:line:column" as the engine printed it, or "" when unknown. */
  location: string;
  /**
   * `body`: the spawned behaviour's own generator; `yield*`: a generator it delegated to;
   * `call`: a plain function call (where a helper threw).
   */
  kind: 'body' | 'yield*' | 'call';
}

/** Where an error happened, in tickflow terms: the task chain, the `yield*` chain and the entity. */
export interface BehaviourStack {
  /** The failing task and its ancestors, outermost first. */
  tasks: BehaviourStackTask[];
  /** JavaScript frames of the behaviour body that threw, outermost first (empty without a stack). */
  frames: BehaviourStackFrame[];
  /** The owning entity, if any. */
  entity: number | undefined;
  /**
   * The name path the error was first raised in, when it differs from the task being reported
   * (a child's error rethrown through `yield* child` into a parent that did not catch it).
   */
  raisedIn: string | undefined;
}

// Frames from here down belong to the scheduler, not to the behaviour (V8: "at SchedulerState.#drive";
// SpiderMonkey/JSC: "#drive@..." or "drive@...").
const SCHEDULER_FRAME = /SchedulerState|#drive|\bdrive@/;
// The engine's own frame for resuming a generator: "at patrol.next (<anonymous>)", "next@[native code]".
const RESUME_FRAME = /^(?:(.+)\.)?(next|throw|return)$/;

/**
 * The behaviour stack of an error: the failing task's name path (its ancestors), the `yield*` chain
 * of generator frames read from the error's JS stack, and the owning entity.
 *
 * @example
 * // patrol#2 (entity 12) under level#1 does yield* walkTo(), which throws on frame 1
 * behaviourStack(error, task);
 * // { tasks: [level#1, patrol#2], entity: 12,
 * //   frames: [{ functionName: 'patrol', kind: 'body', ... }, { functionName: 'walkTo', kind: 'yield*', ... }] }
 */
export function behaviourStack(error: unknown, task: Task<unknown>): BehaviourStack {
  const tasks: BehaviourStackTask[] = [];
  for (let level: Task<unknown> | null = task; level !== null; level = level.parent) {
    tasks.push({ id: level.id, name: level.name, path: level.path, entity: level.entity });
  }
  tasks.reverse();
  const raised = (error as { behaviour?: unknown } | null)?.behaviour;
  return {
    tasks,
    frames: behaviourFrames(error),
    entity: task.entity,
    raisedIn: typeof raised === 'string' && raised !== task.path ? raised : undefined,
  };
}

function behaviourFrames(error: unknown): BehaviourStackFrame[] {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== 'string') return [];
  const parsed: Array<{ functionName: string; location: string }> = [];
  for (const line of stack.split('\n')) {
    const frame = parseFrame(line);
    if (frame === undefined) continue;
    if (SCHEDULER_FRAME.test(line)) break;
    parsed.push(frame);
  }
  const frames: BehaviourStackFrame[] = [];
  // Innermost first, as the engine prints them; reversed at the end.
  for (let i = 0; i < parsed.length; i++) {
    const frame = parsed[i];
    if (isResumeFrame(frame)) continue;
    // A generator appears right above the engine frame that resumed it ("walkTo.next").
    const below = parsed[i + 1];
    const generator = below !== undefined && isResumeFrame(below);
    frames.push({ functionName: frame.functionName, location: frame.location, kind: generator ? 'yield*' : 'call' });
  }
  frames.reverse();
  // The outermost generator is the body the scheduler resumed, not a delegation.
  const body = frames.find((frame) => frame.kind === 'yield*');
  if (body !== undefined) body.kind = 'body';
  return frames;
}

function isResumeFrame(frame: { functionName: string; location: string }): boolean {
  const native = frame.location === '<anonymous>' || frame.location === '[native code]' || frame.location === 'native';
  return native && RESUME_FRAME.test(frame.functionName);
}

function parseFrame(line: string): { functionName: string; location: string } | undefined {
  const trimmed = line.trim();
  // V8: "at name (location)" or "at location"
  if (trimmed.startsWith('at ')) {
    const body = trimmed.slice(3);
    const open = body.lastIndexOf(' (');
    if (open >= 0 && body.endsWith(')')) return { functionName: body.slice(0, open), location: body.slice(open + 2, -1) };
    return { functionName: '(anonymous)', location: body };
  }
  // SpiderMonkey / JavaScriptCore: "name@location"
  const match = /^([^\s@]*)@(.*)$/.exec(trimmed);
  if (match !== null) return { functionName: match[1] || '(anonymous)', location: match[2] };
  return undefined;
}

/**
 * Formats a behaviour's error for a person: what failed, the task chain (name path and entity), the
 * `yield*` chain innermost last with the line that threw. This is what dev mode's onError prints.
 *
 * @example
 * createScheduler({ onError: (error, task) => console.error(formatBehaviourError(error, task)) });
 * // frame 1: patrol#2 (entity 12) did yield* walkTo(), which threw
 * // tickflow: behaviour "level#1 > patrol#2" (entity 12) failed: Error: boom
 * //   behaviour stack, outermost first:
 * //     task level#1
 * //     task patrol#2  entity 12
 * //       body   patrol  (src/sim/patrol.ts:4:40)
 * //       yield* walkTo  (src/sim/patrol.ts:2:81)  <- threw here
 */
export function formatBehaviourError(error: unknown, task: Task<unknown>): string {
  const stack = behaviourStack(error, task);
  const entity = stack.entity === undefined ? '' : ` (entity ${stack.entity})`;
  const lines = [`tickflow: behaviour "${task.path}"${entity} failed: ${describeError(error)}`];
  if (stack.raisedIn !== undefined) lines.push(`  raised in behaviour "${stack.raisedIn}" and rethrown into this one by yield* (join)`);
  lines.push('  behaviour stack, outermost first:');
  for (const level of stack.tasks) {
    lines.push(`    task ${level.name}#${level.id}${level.entity === undefined ? '' : `  entity ${level.entity}`}`);
  }
  const last = stack.frames.length - 1;
  stack.frames.forEach((frame, i) => {
    const where = frame.location === '' ? '' : `  (${frame.location})`;
    lines.push(`      ${frame.kind.padEnd(6)} ${frame.functionName}${where}${i === last ? '  <- threw here' : ''}`);
  });
  if (stack.frames.length === 0) lines.push('      (no JavaScript stack: the thrown value was not an Error)');
  return lines.join('\n');
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  try {
    return `${typeof error === 'string' ? JSON.stringify(error) : String(error)} (thrown value, not an Error)`;
  } catch {
    return 'a value that cannot be printed';
  }
}

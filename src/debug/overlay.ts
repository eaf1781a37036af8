// The in-page inspector panel. The only file of tickflow/debug that touches the DOM, and only once
// mounted. Closed, it is one keydown listener: no timers, no animation frames, no DOM updates.
import type { Scheduler, SchedulerState } from '../core/scheduler.js';
import { TickflowError, describeValue } from '../core/errors.js';
import type { TaskState } from '../core/task.js';
import type { DevTools } from './devtools.js';
import { describeWait } from './inspect.js';
import { forEachLiveTask, formatMs, schedulerState } from './internals.js';

/** Options for {@link mountInspectorOverlay}. */
export interface InspectorOverlayOptions {
  /** The scheduler whose behaviours it lists. */
  scheduler: Scheduler;
  /** Where the panel goes. Default: document.body. */
  parent?: HTMLElement | undefined;
  /**
   * Which entity is under a click, in viewport coordinates (clientX, clientY), or undefined for none.
   * With it, clicking the scene while the panel is open shows that entity's behaviours.
   */
  pickEntityAt?: ((clientX: number, clientY: number) => number | undefined) | undefined;
  /** A short label for an entity ("player", "goblin 3"), shown next to its id. */
  entityLabel?: ((entity: number) => string | undefined) | undefined;
  /** Dev tools whose warnings are highlighted on the behaviours they name. */
  devtools?: DevTools | undefined;
  /** How often the open panel re-reads the scheduler, ms. Default 250. */
  refreshMs?: number | undefined;
  /** Most behaviour rows shown at once (the rest are counted). Default 200. */
  maxRows?: number | undefined;
}

/**
 * The mounted panel. The backquote key (`) opens and closes it.
 *
 * @example
 * const overlay = mountInspectorOverlay({ scheduler });
 * overlay.open();               // same as pressing `
 * overlay.selectEntity(12);     // only entity 12's behaviours
 * overlay.unmount();
 */
export interface InspectorOverlay {
  /** Whether the panel is showing. */
  readonly isOpen: boolean;
  /** Shows the panel (as pressing the backquote key does). */
  open(): void;
  /** Hides the panel; closed, it does no work. */
  close(): void;
  /** Opens it when closed, closes it when open. */
  toggle(): void;
  /** Re-reads the scheduler now (the open panel also does so every refreshMs). */
  refresh(): void;
  /** Shows only one entity's behaviours (undefined: all). */
  selectEntity(entity: number | undefined): void;
  /** The selected entity, if any. */
  readonly selectedEntity: number | undefined;
  /** Removes the panel and its listeners. */
  unmount(): void;
}

/**
 * Mounts the inspector overlay: press backquote (`) to see every live behaviour grouped by entity,
 * what each waits for, its age, resumes and CPU time; filter by name; click an entity in the scene
 * (with `pickEntityAt`) to see only its behaviours. Behaviours named by dev-mode warnings are
 * highlighted. Closed, it does no work per frame.
 *
 * @example
 * const devtools = createDevTools();
 * const scheduler = createScheduler({ ...devtools.schedulerOptions });
 * mountInspectorOverlay({
 *   scheduler,
 *   devtools,
 *   pickEntityAt: (x, y) => pickSprite(app, x, y),  // your hit test
 *   entityLabel: (eid) => names[eid],
 * });
 * // press ` : the panel opens and refreshes every 250 ms until closed
 */
export function mountInspectorOverlay(options: InspectorOverlayOptions): InspectorOverlay {
  return new OverlayState(options);
}

const STYLE = `
[data-tickflow-inspector]{position:fixed;top:8px;right:8px;bottom:8px;width:max(300px,min(520px,50vw));z-index:2147483000;
display:flex;flex-direction:column;font:12px/1.35 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#e8e8e8;
background:rgba(16,18,24,.93);border:1px solid #3a4050;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.5)}
[data-tickflow-inspector] *{box-sizing:border-box}
[data-tickflow-inspector] .tf-head{display:flex;gap:8px;align-items:center;padding:6px 8px;border-bottom:1px solid #3a4050}
[data-tickflow-inspector] .tf-title{font-weight:bold;flex:1}
[data-tickflow-inspector] button{font:inherit;color:inherit;background:#2a3040;border:1px solid #4a5268;border-radius:3px;cursor:pointer;padding:1px 6px}
[data-tickflow-inspector] input{font:inherit;color:inherit;background:#0c0e14;border:1px solid #4a5268;border-radius:3px;padding:3px 6px;margin:6px 8px;width:calc(100% - 16px)}
[data-tickflow-inspector] .tf-selection{padding:2px 8px;color:#9fd0ff}
[data-tickflow-inspector] .tf-warnings{padding:2px 8px;max-height:30%;overflow:auto}
[data-tickflow-inspector] .tf-warning{color:#ffb0a8;border-left:3px solid #ff5a4a;padding-left:6px;margin:2px 0;white-space:pre-wrap}
[data-tickflow-inspector] .tf-body{flex:1;overflow:auto;padding:0 8px 8px}
[data-tickflow-inspector] h4{margin:8px 0 2px;font-size:12px;color:#9fd0ff;cursor:pointer}
[data-tickflow-inspector] ul{list-style:none;margin:0;padding:0}
[data-tickflow-inspector] li{display:grid;grid-template-columns:minmax(0,36%) minmax(0,34%) minmax(0,1fr);gap:8px;padding:1px 2px;white-space:nowrap}
[data-tickflow-inspector] li>span{overflow:hidden;text-overflow:ellipsis}
[data-tickflow-inspector] li .tf-wait{color:#c8e6a0}
[data-tickflow-inspector] li .tf-stats{color:#8890a0;text-align:right}
[data-tickflow-inspector] li.tf-warn{background:rgba(255,90,74,.22);outline:1px solid rgba(255,90,74,.6)}
[data-tickflow-inspector] h4.tf-warn{color:#ff8a7a}
[data-tickflow-inspector] .tf-more{color:#8890a0;padding:6px 0}
`;

interface Row {
  task: TaskState;
  depth: number;
}

class OverlayState implements InspectorOverlay {
  readonly #scheduler: SchedulerState;
  readonly #parent: HTMLElement | undefined;
  readonly #pickEntityAt: ((clientX: number, clientY: number) => number | undefined) | undefined;
  readonly #entityLabel: ((entity: number) => string | undefined) | undefined;
  readonly #devtools: DevTools | undefined;
  readonly #refreshMs: number;
  readonly #maxRows: number;
  #open = false;
  #mounted = true;
  #selected: number | undefined = undefined;
  #filter = '';
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  // Built on first open, so a closed overlay that was never opened has added nothing but a listener.
  #root: HTMLElement | undefined = undefined;
  #style: HTMLStyleElement | undefined = undefined;
  #title!: HTMLElement;
  #input!: HTMLInputElement;
  #selection!: HTMLElement;
  #warnings!: HTMLElement;
  #body!: HTMLElement;

  constructor(options: InspectorOverlayOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TickflowError(`mountInspectorOverlay expects options { scheduler, parent?, pickEntityAt?, entityLabel?, devtools? }, got ${describeValue(options)}.`);
    }
    this.#scheduler = schedulerState(options.scheduler, 'mountInspectorOverlay');
    this.#parent = options.parent;
    this.#pickEntityAt = options.pickEntityAt;
    this.#entityLabel = options.entityLabel;
    this.#devtools = options.devtools;
    this.#refreshMs = options.refreshMs ?? 250;
    this.#maxRows = options.maxRows ?? 200;
    if (!(this.#refreshMs > 0)) throw new TickflowError(`mountInspectorOverlay: refreshMs must be > 0, got ${describeValue(options.refreshMs)}.`);
    window.addEventListener('keydown', this.#onKeyDown);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  get selectedEntity(): number | undefined {
    return this.#selected;
  }

  open(): void {
    if (this.#open || !this.#mounted) return;
    this.#open = true;
    const root = this.#build();
    root.style.display = '';
    if (this.#pickEntityAt !== undefined) window.addEventListener('pointerdown', this.#onPointerDown, true);
    this.refresh();
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    if (this.#root !== undefined) this.#root.style.display = 'none';
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    window.removeEventListener('pointerdown', this.#onPointerDown, true);
    // Give the keyboard back to the game.
    if (document.activeElement === this.#input) this.#input.blur();
  }

  toggle(): void {
    if (this.#open) this.close();
    else this.open();
  }

  selectEntity(entity: number | undefined): void {
    this.#selected = entity;
    if (this.#open) this.refresh();
  }

  refresh(): void {
    if (!this.#open) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#render();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.refresh();
    }, this.#refreshMs);
  }

  unmount(): void {
    this.close();
    this.#mounted = false;
    window.removeEventListener('keydown', this.#onKeyDown);
    this.#root?.remove();
    this.#style?.remove();
    this.#root = undefined;
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== '`' && event.code !== 'Backquote') return;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const target = event.target as HTMLElement | null;
    // Typing a backquote into the game's own text fields must not toggle the panel.
    if (target !== null && target !== this.#input && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    this.toggle();
  };

  readonly #onPointerDown = (event: PointerEvent): void => {
    if (this.#root !== undefined && event.target instanceof Node && this.#root.contains(event.target)) return;
    const pick = this.#pickEntityAt;
    if (pick === undefined) return;
    this.selectEntity(pick(event.clientX, event.clientY));
  };

  #build(): HTMLElement {
    if (this.#root !== undefined) return this.#root;
    const parent = this.#parent ?? document.body;
    const style = document.createElement('style');
    style.textContent = STYLE;
    document.head.appendChild(style);
    this.#style = style;
    const root = element('div');
    root.setAttribute('data-tickflow-inspector', '');
    root.setAttribute('role', 'dialog');
    root.setAttribute('aria-label', 'tickflow inspector');
    const head = element('div', 'tf-head');
    this.#title = element('span', 'tf-title');
    const close = element('button');
    close.textContent = 'close (`)';
    close.addEventListener('click', () => this.close());
    head.append(this.#title, close);
    this.#input = document.createElement('input');
    this.#input.type = 'search';
    this.#input.placeholder = 'filter by name or entity';
    this.#input.setAttribute('aria-label', 'filter behaviours');
    this.#input.addEventListener('input', () => {
      this.#filter = this.#input.value.trim().toLowerCase();
      this.refresh();
    });
    // Keys typed into the filter are for the filter, not for the game underneath.
    this.#input.addEventListener('keydown', (event) => {
      if (event.key !== '`' && event.code !== 'Backquote') event.stopPropagation();
    });
    this.#selection = element('div', 'tf-selection');
    this.#warnings = element('div', 'tf-warnings');
    this.#body = element('div', 'tf-body');
    this.#body.addEventListener('click', (event) => {
      const heading = (event.target as HTMLElement).closest('h4');
      const entity = heading?.getAttribute('data-entity');
      if (entity !== null && entity !== undefined && entity !== '') this.selectEntity(Number(entity));
    });
    root.append(head, this.#input, this.#selection, this.#warnings, this.#body);
    parent.appendChild(root);
    this.#root = root;
    return root;
  }

  #render(): void {
    const scheduler = this.#scheduler;
    const filter = this.#filter;
    const selected = this.#selected;
    const labelOf = this.#entityLabel;
    const warnedTasks = new Map<number, string>();
    const warnedEntities = new Set<number>();
    const warnings = this.#devtools?.warnings ?? [];
    for (const warning of warnings) {
      for (const task of warning.tasks) warnedTasks.set(task.id, warning.message);
      if (warning.kind === 'dead-entity' && warning.entity !== undefined) warnedEntities.add(warning.entity);
    }

    // Group in tree order; only rows that pass the selection and the filter are kept.
    const groups = new Map<number | undefined, Row[]>();
    let live = 0;
    let shown = 0;
    forEachLiveTask(scheduler, (task, depth) => {
      live++;
      const entity = task.entity;
      if (selected !== undefined && entity !== selected) return;
      if (filter !== '' && !matches(task, entity, filter, labelOf)) return;
      shown++;
      let rows = groups.get(entity);
      if (rows === undefined) groups.set(entity, (rows = []));
      rows.push({ task, depth });
    });

    this.#title.textContent = `tickflow · ${live} live · frame ${scheduler.frame}`;
    if (selected === undefined) {
      this.#selection.replaceChildren();
    } else {
      const label = labelOf?.(selected);
      const all = element('button');
      all.textContent = 'show all';
      all.addEventListener('click', () => this.selectEntity(undefined));
      this.#selection.replaceChildren(`entity ${selected}${label ? ` (${label})` : ''}: ${shown} behaviour${shown === 1 ? '' : 's'} `, all);
    }

    const warningItems = warnings.slice(-5).map((warning) => {
      const item = element('div', 'tf-warning');
      item.textContent = `${warning.kind} · frame ${warning.frame}: ${warning.message}`;
      return item;
    });
    this.#warnings.replaceChildren(...warningItems);

    const keys = [...groups.keys()].sort((a, b) => (a === undefined ? 1 : b === undefined ? -1 : a - b));
    const sections: HTMLElement[] = [];
    let rowsLeft = this.#maxRows;
    for (const entity of keys) {
      if (rowsLeft <= 0) break;
      const rows = groups.get(entity) as Row[];
      const section = element('section');
      const heading = element('h4');
      if (entity === undefined) {
        heading.textContent = `no entity (${rows.length})`;
      } else {
        const label = labelOf?.(entity);
        heading.textContent = `entity ${entity}${label ? ` ${label}` : ''} (${rows.length})`;
        heading.setAttribute('data-entity', String(entity));
        heading.title = 'show only this entity';
        if (warnedEntities.has(entity)) heading.className = 'tf-warn';
      }
      const list = element('ul');
      const minDepth = rows.reduce((min, row) => Math.min(min, row.depth), Infinity);
      for (const { task, depth } of rows) {
        if (rowsLeft-- <= 0) break;
        list.appendChild(this.#row(task, depth - minDepth, warnedTasks.get(task.id)));
      }
      section.append(heading, list);
      sections.push(section);
    }
    const hidden = shown - Math.min(shown, this.#maxRows);
    if (hidden > 0) {
      const more = element('div', 'tf-more');
      more.textContent = `... and ${hidden} more (filter to narrow down)`;
      sections.push(more);
    }
    if (shown === 0) {
      const none = element('div', 'tf-more');
      none.textContent = live === 0 ? 'no live behaviours' : 'no behaviour matches';
      sections.push(none);
    }
    this.#body.replaceChildren(...sections);
  }

  #row(task: TaskState, depth: number, warning: string | undefined): HTMLElement {
    const item = element('li');
    item.setAttribute('data-task-id', String(task.id));
    const name = element('span', 'tf-name');
    name.style.paddingLeft = `${depth * 2}ch`;
    name.textContent = `${task.name}#${task.id}`;
    name.title = task.path;
    const wait = element('span', 'tf-wait');
    wait.textContent = describeWait(this.#scheduler, task).words;
    const stats = element('span', 'tf-stats');
    const ageFrames = this.#scheduler.frame - task.bornFrame;
    const cpu = task.cpuMs > 0 ? ` · cpu ${formatMs(task.cpuMs)} ms, worst ${formatMs(task.worstResumeMs)}` : '';
    stats.textContent = `${ageFrames} f · ${task.resumes}×${cpu}`;
    stats.title = `age ${ageFrames} frames, ${formatMs(task.ageMs(this.#scheduler.realNowMs))} ms; ${task.resumes} resumes`;
    if (warning !== undefined) {
      item.className = 'tf-warn';
      item.title = warning;
    }
    item.append(name, wait, stats);
    return item;
  }
}

function matches(task: TaskState, entity: number | undefined, filter: string, labelOf: ((entity: number) => string | undefined) | undefined): boolean {
  if (task.path.toLowerCase().includes(filter)) return true;
  if (entity === undefined) return false;
  if (`entity ${entity}`.includes(filter)) return true;
  const label = labelOf?.(entity);
  return label !== undefined && label.toLowerCase().includes(filter);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  return node;
}

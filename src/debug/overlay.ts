// The in-page inspector panel. The only file of tickflow/debug that touches the DOM (with the timeline's
// canvas), and only once mounted. Closed, it is one keydown listener: no timers, no animation frames, no
// DOM updates, and scheduler.tick is the plain method. Open, each animation frame walks a budget of
// behaviours (GroupWalker), so a game of 200,000 behaviours pays the same per frame as one of 5,000;
// the list is grouped by (name, wait) with counts and renders only the rows in view.
import type { Scheduler, SchedulerState } from '../core/scheduler.js';
import { TickflowError, describeValue } from '../core/errors.js';
import type { TaskState } from '../core/task.js';
import { GroupWalker, type BehaviourGroup } from './behaviour-groups.js';
import type { DevTools } from './devtools.js';
import { describeWait } from './inspect.js';
import { formatMs, schedulerState, taskState } from './internals.js';
import { TimelineRecorder } from './timeline.js';
import { TimelineView } from './timeline-view.js';

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
  /** How often the open list shows a new count, ms (each count is a walk spread over frames). Default 250. */
  refreshMs?: number | undefined;
  /** Most behaviours listed under one expanded group (the rest are counted). Default 200. */
  maxRows?: number | undefined;
  /** Behaviours the open panel looks at per animation frame (its cost per frame). Default 4000. */
  walkBudget?: number | undefined;
  /** Which view opens first. Default 'list'. */
  view?: InspectorView | undefined;
  /** Frames the timeline keeps. Default 240 (4 s at 60 fps). */
  timelineFrames?: number | undefined;
  /** Most behaviours the timeline records. Default 10 000. */
  timelineLimit?: number | undefined;
}

/** The panel's two views: the grouped list of live behaviours, or the timeline of recent frames. */
export type InspectorView = 'list' | 'timeline';

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
  /** Re-reads the scheduler now, whole (the open panel also does so, a budget per frame). */
  refresh(): void;
  /** One animation frame's work of the open panel, now: a budget of the walk, and the timeline drawn. */
  update(): void;
  /** The view shown. */
  readonly view: InspectorView;
  /** Shows the list or the timeline. */
  showView(view: InspectorView): void;
  /** Expands or collapses one group of the list (key: `"name · wait"`, as its heading shows). */
  expandGroup(key: string, expanded: boolean): void;
  /** Shows only one entity's behaviours (undefined: all). */
  selectEntity(entity: number | undefined): void;
  /** The selected entity, if any. */
  readonly selectedEntity: number | undefined;
  /** Removes the panel and its listeners. */
  unmount(): void;
}

/**
 * Mounts the inspector overlay: press backquote (`) to see every live behaviour grouped by name and
 * what it waits for (with counts; click a group to expand it), each one's wait, age, resumes and CPU
 * time; filter by name; click an entity in the scene (with `pickEntityAt`) to see only its behaviours.
 * The timeline tab shows the last seconds of frames: the tick's frame time, and one strip per behaviour
 * coloured by what it was doing (pausing the game freezes it; hover a strip for its name, wait and
 * entity). Behaviours named by dev-mode warnings are highlighted. Closed, it does no work per frame.
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
[data-tickflow-inspector]{position:fixed;top:8px;right:8px;bottom:8px;width:max(300px,min(560px,50vw));z-index:2147483000;
display:flex;flex-direction:column;font:12px/1.35 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#e8e8e8;
background:rgba(16,18,24,.93);border:1px solid #3a4050;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.5)}
[data-tickflow-inspector] *{box-sizing:border-box}
[data-tickflow-inspector] .tf-head{display:flex;gap:8px;align-items:center;padding:6px 8px;border-bottom:1px solid #3a4050}
[data-tickflow-inspector] .tf-title{font-weight:bold;flex:1;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
[data-tickflow-inspector] button{font:inherit;color:inherit;background:#2a3040;border:1px solid #4a5268;border-radius:3px;cursor:pointer;padding:1px 6px}
[data-tickflow-inspector] button[aria-pressed=true]{background:#3d5a80;border-color:#9fd0ff}
[data-tickflow-inspector] input{font:inherit;color:inherit;background:#0c0e14;border:1px solid #4a5268;border-radius:3px;padding:3px 6px;margin:6px 8px;width:calc(100% - 16px)}
[data-tickflow-inspector] .tf-selection{padding:2px 8px;color:#9fd0ff}
[data-tickflow-inspector] .tf-warnings{padding:2px 8px;max-height:30%;overflow:auto}
[data-tickflow-inspector] .tf-warning{color:#ffb0a8;border-left:3px solid #ff5a4a;padding-left:6px;margin:2px 0;white-space:pre-wrap}
[data-tickflow-inspector] .tf-body{flex:1;overflow:auto;padding:0 8px 8px;position:relative}
[data-tickflow-inspector] .tf-spacer{position:relative}
[data-tickflow-inspector] .tf-row{position:absolute;left:0;right:0;height:18px;display:grid;grid-template-columns:minmax(0,36%) minmax(0,38%) minmax(0,1fr);gap:8px;padding:1px 2px;white-space:nowrap}
[data-tickflow-inspector] .tf-row>span{overflow:hidden;text-overflow:ellipsis}
[data-tickflow-inspector] .tf-group{display:block;color:#9fd0ff;cursor:pointer;font-weight:bold}
[data-tickflow-inspector] .tf-group:hover{background:rgba(159,208,255,.08)}
[data-tickflow-inspector] .tf-wait{color:#c8e6a0}
[data-tickflow-inspector] .tf-stats{color:#8890a0;text-align:right}
[data-tickflow-inspector] .tf-warn{background:rgba(255,90,74,.22);outline:1px solid rgba(255,90,74,.6)}
[data-tickflow-inspector] .tf-group.tf-warn{color:#ff8a7a}
[data-tickflow-inspector] .tf-more{color:#8890a0;padding:6px 0}
[data-tickflow-inspector] .tf-timeline{position:relative;flex:1;padding:4px 8px;overflow:hidden}
[data-tickflow-inspector] .tf-timeline canvas{display:block}
[data-tickflow-inspector] .tf-timeline-status{color:#8890a0;padding:2px 0 4px}
[data-tickflow-inspector] .tf-legend{display:flex;flex-wrap:wrap;gap:4px 10px;padding:6px 0;color:#a8b0c0}
[data-tickflow-inspector] .tf-legend span::before{content:'';display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px;background:var(--swatch)}
[data-tickflow-inspector] .tf-tooltip{position:absolute;pointer-events:none;background:#0c0e14;border:1px solid #9fd0ff;border-radius:3px;padding:3px 6px;white-space:pre;max-width:340px;overflow:hidden;text-overflow:ellipsis}
`;

const ROW_PX = 18;

type Row = { group: BehaviourGroup; task: undefined } | { group: BehaviourGroup; task: TaskState };

class OverlayState implements InspectorOverlay {
  readonly #scheduler: SchedulerState;
  readonly #parent: HTMLElement | undefined;
  readonly #pickEntityAt: ((clientX: number, clientY: number) => number | undefined) | undefined;
  readonly #entityLabel: ((entity: number) => string | undefined) | undefined;
  readonly #devtools: DevTools | undefined;
  readonly #refreshMs: number;
  readonly #walkBudget: number;
  readonly #walker: GroupWalker;
  readonly #recorder: TimelineRecorder;
  #timeline: TimelineView | undefined = undefined;
  #view: InspectorView;
  #open = false;
  #mounted = true;
  #selected: number | undefined = undefined;
  #filter = '';
  #frame = 0;
  #lastListMs = -Infinity;
  #lastDrawnSample = -1;
  #lastDrawnPaused = false;
  // Groups the user opened or closed by hand; the others follow the default (open when few behaviours).
  readonly #expanded = new Map<string, boolean>();
  #rows: Row[] = [];
  #warned = new Map<TaskState, string>();
  // Built on first open, so a closed overlay that was never opened has added nothing but a listener.
  #root: HTMLElement | undefined = undefined;
  #style: HTMLStyleElement | undefined = undefined;
  #title!: HTMLElement;
  #input!: HTMLInputElement;
  #selection!: HTMLElement;
  #warnings!: HTMLElement;
  #body!: HTMLElement;
  #spacer!: HTMLElement;
  #listButton!: HTMLButtonElement;
  #timelineButton!: HTMLButtonElement;

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
    this.#walkBudget = options.walkBudget ?? 4000;
    this.#view = options.view ?? 'list';
    if (!(this.#refreshMs > 0)) throw new TickflowError(`mountInspectorOverlay: refreshMs must be > 0, got ${describeValue(options.refreshMs)}.`);
    if (!(Number.isInteger(this.#walkBudget) && this.#walkBudget > 0)) throw new TickflowError(`mountInspectorOverlay: walkBudget must be a whole number > 0, got ${describeValue(options.walkBudget)}.`);
    if (this.#view !== 'list' && this.#view !== 'timeline') throw new TickflowError(`mountInspectorOverlay: view must be 'list' or 'timeline', got ${describeValue(options.view)}.`);
    this.#walker = new GroupWalker(this.#scheduler, options.maxRows ?? 200);
    this.#recorder = new TimelineRecorder(this.#scheduler, { frames: options.timelineFrames, limit: options.timelineLimit });
    window.addEventListener('keydown', this.#onKeyDown);
  }

  get isOpen(): boolean {
    return this.#open;
  }

  get selectedEntity(): number | undefined {
    return this.#selected;
  }

  get view(): InspectorView {
    return this.#view;
  }

  open(): void {
    if (this.#open || !this.#mounted) return;
    this.#open = true;
    const root = this.#build();
    root.style.display = '';
    if (this.#pickEntityAt !== undefined) window.addEventListener('pointerdown', this.#onPointerDown, true);
    this.#recorder.start();
    this.#recount();
    this.#frame = requestAnimationFrame(this.#onFrame);
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    this.#recorder.stop();
    if (this.#root !== undefined) this.#root.style.display = 'none';
    cancelAnimationFrame(this.#frame);
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
    this.#applyFilter();
  }

  showView(view: InspectorView): void {
    if (view !== 'list' && view !== 'timeline') throw new TickflowError(`showView expects 'list' or 'timeline', got ${describeValue(view)}.`);
    this.#view = view;
    if (this.#root !== undefined) this.#layout();
    if (this.#open) this.refresh();
  }

  expandGroup(key: string, expanded: boolean): void {
    this.#expanded.set(key, expanded);
    if (this.#open) this.#renderList();
  }

  refresh(): void {
    if (!this.#open) return;
    this.#walker.restart();
    this.#readWarnings();
    // A whole walk now, whatever its size: refresh() is asked for, not paid every frame.
    while (!this.#walker.step(1 << 30));
    this.#renderList();
    this.#drawTimeline(true);
  }

  update(): void {
    if (!this.#open) return;
    if (this.#walker.step(this.#walkBudget)) {
      const nowMs = performance.now();
      if (nowMs - this.#lastListMs >= this.#refreshMs) {
        this.#readWarnings();
        this.#renderList();
      }
    }
    this.#drawTimeline(false);
  }

  unmount(): void {
    this.close();
    this.#mounted = false;
    window.removeEventListener('keydown', this.#onKeyDown);
    this.#root?.remove();
    this.#style?.remove();
    this.#root = undefined;
  }

  readonly #onFrame = (): void => {
    if (!this.#open) return;
    this.update();
    this.#frame = requestAnimationFrame(this.#onFrame);
  };

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

  #applyFilter(): void {
    const filter = this.#filter;
    const selected = this.#selected;
    const labelOf = this.#entityLabel;
    this.#walker.setFilter(
      filter === '' && selected === undefined
        ? undefined
        : (task) => (selected === undefined || task.entity === selected) && (filter === '' || matches(task, task.entity, filter, labelOf)),
    );
    if (this.#open) this.#recount();
  }

  /** A new count: whole now for a small game; for a large one, spread over the next frames (no hitch). */
  #recount(): void {
    if (this.#scheduler.liveCount <= 20_000) {
      this.refresh();
      return;
    }
    this.#walker.restart();
    this.#title.textContent = `tickflow · counting ${this.#scheduler.liveCount} live · frame ${this.#scheduler.frame}`;
    this.#lastListMs = -Infinity;
    this.#drawTimeline(true);
  }

  #readWarnings(): void {
    const warned = new Map<TaskState, string>();
    for (const warning of this.#devtools?.warnings ?? []) {
      for (const task of warning.tasks) {
        const state = taskState(task);
        if (state !== undefined) warned.set(state, warning.message);
      }
    }
    this.#warned = warned;
    this.#walker.setWarned(warned.size === 0 ? undefined : new Set(warned.keys()));
  }

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
    this.#listButton = element('button');
    this.#listButton.textContent = 'list';
    this.#listButton.addEventListener('click', () => this.showView('list'));
    this.#timelineButton = element('button');
    this.#timelineButton.textContent = 'timeline';
    this.#timelineButton.addEventListener('click', () => this.showView('timeline'));
    const close = element('button');
    close.textContent = 'close (`)';
    close.addEventListener('click', () => this.close());
    head.append(this.#title, this.#listButton, this.#timelineButton, close);
    this.#input = document.createElement('input');
    this.#input.type = 'search';
    this.#input.placeholder = 'filter by name or entity';
    this.#input.setAttribute('aria-label', 'filter behaviours');
    this.#input.addEventListener('input', () => {
      this.#filter = this.#input.value.trim().toLowerCase();
      this.#applyFilter();
    });
    // Keys typed into the filter are for the filter, not for the game underneath.
    this.#input.addEventListener('keydown', (event) => {
      if (event.key !== '`' && event.code !== 'Backquote') event.stopPropagation();
    });
    this.#selection = element('div', 'tf-selection');
    this.#warnings = element('div', 'tf-warnings');
    this.#body = element('div', 'tf-body');
    this.#spacer = element('div', 'tf-spacer');
    this.#body.append(this.#spacer);
    this.#body.addEventListener('scroll', () => this.#renderVisibleRows());
    this.#body.addEventListener('click', (event) => {
      const heading = (event.target as HTMLElement).closest('[data-group]');
      if (heading === null) return;
      const key = heading.getAttribute('data-group') as string;
      this.expandGroup(key, !this.#isExpanded(key));
    });
    this.#timeline = new TimelineView(this.#recorder, this.#scheduler, this.#entityLabel);
    root.append(head, this.#input, this.#selection, this.#warnings, this.#body, this.#timeline.element);
    parent.appendChild(root);
    this.#root = root;
    this.#layout();
    return root;
  }

  #layout(): void {
    const timeline = this.#view === 'timeline';
    this.#body.style.display = timeline ? 'none' : '';
    (this.#timeline as TimelineView).element.style.display = timeline ? '' : 'none';
    this.#listButton.setAttribute('aria-pressed', String(!timeline));
    this.#timelineButton.setAttribute('aria-pressed', String(timeline));
  }

  #drawTimeline(force: boolean): void {
    if (this.#view !== 'timeline' || this.#timeline === undefined) return;
    // Redraw only when a frame was recorded (or the game paused or went on): a paused game leaves the
    // picture, and what hovering it says, still.
    const paused = this.#scheduler.paused;
    if (!force && this.#recorder.samples === this.#lastDrawnSample && paused === this.#lastDrawnPaused) return;
    this.#lastDrawnSample = this.#recorder.samples;
    this.#lastDrawnPaused = paused;
    this.#timeline.draw();
  }

  #isExpanded(key: string): boolean {
    // Few behaviours: every group open. Many: all closed until clicked.
    return this.#expanded.get(key) ?? this.#walker.shown <= 50;
  }

  #renderList(): void {
    this.#lastListMs = performance.now();
    const scheduler = this.#scheduler;
    const walker = this.#walker;
    const selected = this.#selected;
    this.#title.textContent = `tickflow · ${scheduler.liveCount} live · frame ${scheduler.frame}`;
    if (selected === undefined) {
      this.#selection.replaceChildren();
    } else {
      const label = this.#entityLabel?.(selected);
      const all = element('button');
      all.textContent = 'show all';
      all.addEventListener('click', () => this.selectEntity(undefined));
      const shown = walker.shown;
      this.#selection.replaceChildren(`entity ${selected}${label ? ` (${label})` : ''}: ${shown} behaviour${shown === 1 ? '' : 's'} `, all);
    }
    const warnings = this.#devtools?.warnings ?? [];
    this.#warnings.replaceChildren(
      ...warnings.slice(-5).map((warning) => {
        const item = element('div', 'tf-warning');
        item.textContent = `${warning.kind} · frame ${warning.frame}: ${warning.message}`;
        return item;
      }),
    );
    const rows: Row[] = [];
    for (const group of walker.groups) {
      rows.push({ group, task: undefined });
      if (!this.#isExpanded(group.key)) continue;
      for (const task of group.tasks) rows.push({ group, task });
    }
    this.#rows = rows;
    this.#spacer.style.height = `${rows.length * ROW_PX + ROW_PX}px`;
    this.#renderVisibleRows();
  }

  /** Only the rows in view (and one screen around them) are in the DOM, however long the list. */
  #renderVisibleRows(): void {
    const rows = this.#rows;
    const body = this.#body;
    const viewPx = body.clientHeight || 600;
    const first = Math.max(0, Math.floor(body.scrollTop / ROW_PX) - 10);
    const last = Math.min(rows.length, Math.ceil((body.scrollTop + viewPx) / ROW_PX) + 10);
    const nodes: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const row = rows[i];
      const node = row.task === undefined ? this.#groupRow(row.group) : this.#taskRow(row.task, row.group);
      node.style.top = `${i * ROW_PX}px`;
      nodes.push(node);
    }
    const walker = this.#walker;
    if (rows.length === 0) {
      const none = element('div', 'tf-more');
      none.textContent = walker.total === 0 ? 'no live behaviours' : 'no behaviour matches';
      nodes.push(none);
    }
    this.#spacer.replaceChildren(...nodes);
  }

  #groupRow(group: BehaviourGroup): HTMLElement {
    const item = element('div', group.warned ? 'tf-row tf-group tf-warn' : 'tf-row tf-group');
    item.setAttribute('data-group', group.key);
    item.setAttribute('role', 'button');
    const expanded = this.#isExpanded(group.key);
    item.setAttribute('aria-expanded', String(expanded));
    const listed = group.tasks.length < group.count && expanded ? ` · first ${group.tasks.length} listed` : '';
    item.textContent = `${expanded ? '▾' : '▸'} ${group.key} (${group.count})${listed}`;
    return item;
  }

  #taskRow(task: TaskState, group: BehaviourGroup): HTMLElement {
    const item = element('div', 'tf-row tf-task');
    item.setAttribute('data-task-id', String(task.id));
    const name = element('span', 'tf-name');
    name.style.paddingLeft = '2ch';
    const entity = task.entity;
    const label = entity === undefined ? undefined : this.#entityLabel?.(entity);
    name.textContent = `${task.name}#${task.id}${entity === undefined ? '' : ` · e${entity}${label ? ` ${label}` : ''}`}`;
    name.title = task.path;
    const wait = element('span', 'tf-wait');
    wait.textContent = task.status === 'running' ? describeWait(this.#scheduler, task).words : task.status;
    const stats = element('span', 'tf-stats');
    const ageFrames = this.#scheduler.frame - task.bornFrame;
    const cpu = task.cpuMs > 0 ? ` · cpu ${formatMs(task.cpuMs)} ms, worst ${formatMs(task.worstResumeMs)}` : '';
    stats.textContent = `${ageFrames} f · ${task.resumes}×${cpu}`;
    stats.title = `age ${ageFrames} frames, ${formatMs(task.ageMs(this.#scheduler.realNowMs))} ms; ${task.resumes} resumes`;
    const warning = group.warned ? this.#warned.get(task) : undefined;
    if (warning !== undefined) {
      item.classList.add('tf-warn');
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

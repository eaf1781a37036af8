// Draws a TimelineRecorder on a canvas: the frame-time graph of scheduler.tick on top, one strip per
// behaviour below, coloured by what it was doing in each frame, with a bright tick where it ran. Only
// the strips that fit are drawn (the wheel scrolls them). Hovering names the behaviour, its state in
// that frame, its wait now and its entity.
import type { SchedulerState } from '../core/scheduler.js';
import { describeWait } from './inspect.js';
import { formatMs } from './internals.js';
import { TIMELINE_STATE_NAMES, TimelineCode, type TimelineRecorder, type TimelineStrip } from './timeline.js';

/** Fill colour of each state code (index = code without the RAN bit). */
export const TIMELINE_COLOURS: readonly string[] = ['transparent', '#5fd28a', '#4aa3ff', '#c58cff', '#ffb347', '#8a93a8', '#4a5060'];
const RAN_COLOUR = '#ffffff';
const LABEL_PX = 120;
const GRAPH_PX = 44;
const ROW_PX = 12;
const GAP_PX = 6;
// A frame slower than this shows red in the graph (a 60 fps frame budget).
const BUDGET_MS = 16.7;

/** The timeline's canvas, hover label and scroll position. */
export class TimelineView {
  readonly element: HTMLElement;
  readonly #canvas: HTMLCanvasElement;
  readonly #tooltip: HTMLElement;
  readonly #status: HTMLElement;
  readonly #recorder: TimelineRecorder;
  readonly #scheduler: SchedulerState;
  readonly #entityLabel: ((entity: number) => string | undefined) | undefined;
  #firstRow = 0;
  #span = 60;
  #hover: { x: number; y: number } | undefined = undefined;
  // The strips drawn last, by row, for hover lookups.
  #drawn: TimelineStrip[] = [];

  constructor(recorder: TimelineRecorder, scheduler: SchedulerState, entityLabel: ((entity: number) => string | undefined) | undefined) {
    this.#recorder = recorder;
    this.#scheduler = scheduler;
    this.#entityLabel = entityLabel;
    this.element = document.createElement('div');
    this.element.className = 'tf-timeline';
    this.#status = document.createElement('div');
    this.#status.className = 'tf-timeline-status';
    this.#canvas = document.createElement('canvas');
    this.#canvas.setAttribute('aria-label', 'timeline: one strip per behaviour');
    this.#tooltip = document.createElement('div');
    this.#tooltip.className = 'tf-tooltip';
    this.#tooltip.style.display = 'none';
    const legend = document.createElement('div');
    legend.className = 'tf-legend';
    for (let code = 1; code < TIMELINE_COLOURS.length; code++) {
      const swatch = document.createElement('span');
      swatch.style.setProperty('--swatch', TIMELINE_COLOURS[code]);
      swatch.textContent = TIMELINE_STATE_NAMES[code];
      legend.append(swatch);
    }
    const ran = document.createElement('span');
    ran.style.setProperty('--swatch', RAN_COLOUR);
    ran.textContent = 'ran';
    legend.append(ran);
    this.element.append(this.#status, this.#canvas, legend, this.#tooltip);
    this.#canvas.addEventListener('mousemove', (event) => {
      const bounds = this.#canvas.getBoundingClientRect();
      this.#hover = { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
      this.#describeHover();
    });
    this.#canvas.addEventListener('mouseleave', () => {
      this.#hover = undefined;
      this.#tooltip.style.display = 'none';
    });
    this.#canvas.addEventListener(
      'wheel',
      (event) => {
        event.preventDefault();
        this.#firstRow = Math.max(0, this.#firstRow + Math.sign(event.deltaY) * 3);
        this.draw();
      },
      { passive: false },
    );
  }

  /** Redraws from the recorder (the overlay calls it each animation frame while the timeline shows). */
  draw(): void {
    const recorder = this.#recorder;
    const canvas = this.#canvas;
    const widthPx = Math.max(200, (this.element.clientWidth || 496) - 16); // inside its 8 px padding
    const rowsFit = Math.max(4, Math.floor((Math.max(160, this.element.clientHeight - 60) - GRAPH_PX - GAP_PX) / ROW_PX));
    const strips = recorder.strips;
    this.#firstRow = Math.min(this.#firstRow, Math.max(0, strips.length - rowsFit));
    const rows = strips.slice(this.#firstRow, this.#firstRow + rowsFit);
    const heightPx = GRAPH_PX + GAP_PX + Math.max(rows.length, 1) * ROW_PX;
    if (canvas.width !== widthPx || canvas.height !== heightPx) {
      canvas.width = widthPx;
      canvas.height = heightPx;
    }
    const context = canvas.getContext('2d');
    if (context === null) return;
    context.clearRect(0, 0, widthPx, heightPx);
    const capacity = recorder.capacity;
    const samples = recorder.samples;
    const shown = Math.min(samples, capacity);
    // Columns for the frames recorded (at least 60), up to the whole ring: a fresh timeline fills the width.
    const span = Math.min(capacity, Math.max(60, shown));
    this.#span = span;
    const columnPx = (widthPx - LABEL_PX) / span;
    // Oldest column on the left; the newest sample at the right edge.
    const firstSample = samples - shown;
    const xOf = (sample: number): number => LABEL_PX + (span - (samples - sample)) * columnPx;

    // The frame-time graph: one bar per frame, the budget line across.
    let worstMs = BUDGET_MS;
    for (let s = firstSample; s < samples; s++) worstMs = Math.max(worstMs, recorder.tickMs[recorder.slotOf(s)]);
    const scale = (GRAPH_PX - 4) / worstMs;
    for (let s = firstSample; s < samples; s++) {
      const ms = recorder.tickMs[recorder.slotOf(s)];
      const barPx = Math.max(1, ms * scale);
      context.fillStyle = ms > BUDGET_MS ? '#ff5a4a' : '#9fd0ff';
      context.fillRect(xOf(s), GRAPH_PX - barPx, Math.max(1, columnPx - 0.5), barPx);
    }
    context.fillStyle = 'rgba(255,255,255,.35)';
    context.fillRect(LABEL_PX, GRAPH_PX - BUDGET_MS * scale, widthPx - LABEL_PX, 1);
    context.fillStyle = '#c8ccd8';
    context.font = '10px ui-monospace, monospace';
    context.textBaseline = 'middle';
    context.fillText(`tick ms (max ${formatMs(worstMs)})`, 2, GRAPH_PX / 2);

    // The strips: one rectangle per run of equal states and one per run of frames it ran in, with the
    // fill colour set only when it changes (10,000 single-frame rectangles cost 70 ms in software canvas).
    for (let row = 0; row < rows.length; row++) {
      const strip = rows[row];
      const top = GRAPH_PX + GAP_PX + row * ROW_PX;
      context.fillStyle = '#c8ccd8';
      context.fillText(this.#label(strip), 2, top + ROW_PX / 2, LABEL_PX - 6);
      let runStart = firstSample;
      let runState = recorder.codeAt(strip, firstSample) & 7;
      let ranStart = -1;
      for (let s = firstSample; s <= samples; s++) {
        const code = s < samples ? recorder.codeAt(strip, s) : -1;
        const state = code & 7;
        if (s === samples || state !== runState) {
          if (runState !== TimelineCode.none) {
            context.fillStyle = TIMELINE_COLOURS[runState];
            context.fillRect(xOf(runStart), top + 1, xOf(s) - xOf(runStart), ROW_PX - 2);
          }
          runStart = s;
          runState = state;
        }
        const ran = code !== -1 && (code & TimelineCode.ran) !== 0;
        if (ran && ranStart === -1) ranStart = s;
        if (!ran && ranStart !== -1) {
          context.fillStyle = RAN_COLOUR;
          context.fillRect(xOf(ranStart), top + 1, Math.max(1, xOf(s) - xOf(ranStart) - 0.5), 2);
          ranStart = -1;
        }
      }
    }
    this.#drawn = rows;
    const paused = this.#scheduler.paused;
    const more = recorder.leftOut > 0 ? ` · ${recorder.leftOut} more not recorded` : '';
    this.#status.textContent = `${paused ? 'paused: frozen · ' : ''}${shown} frames · ${strips.length} behaviours${more} · rows ${strips.length === 0 ? 0 : this.#firstRow + 1}-${this.#firstRow + rows.length} (wheel scrolls)`;
    if (this.#hover !== undefined) this.#describeHover();
  }

  #label(strip: TimelineStrip): string {
    const task = strip.task;
    return `${task.name}#${task.id}`;
  }

  #describeHover(): void {
    const hover = this.#hover;
    const recorder = this.#recorder;
    if (hover === undefined) return;
    const row = Math.floor((hover.y - GRAPH_PX - GAP_PX) / ROW_PX);
    const strip = row >= 0 ? this.#drawn[row] : undefined;
    const columnPx = (this.#canvas.width - LABEL_PX) / this.#span;
    const back = this.#span - Math.floor((hover.x - LABEL_PX) / columnPx);
    const sample = recorder.samples - back;
    let text: string;
    if (hover.y < GRAPH_PX) {
      text = sample >= 0 && sample >= recorder.samples - recorder.capacity && sample < recorder.samples
        ? `frame ${recorder.frameOf[recorder.slotOf(sample)]}: tick took ${formatMs(recorder.tickMs[recorder.slotOf(sample)])} ms`
        : '';
    } else if (strip === undefined) {
      text = '';
    } else {
      const task = strip.task;
      const entity = task.entity === undefined ? '' : ` · entity ${task.entity}${labelOf(this.#entityLabel, task.entity)}`;
      const inWindow = hover.x >= LABEL_PX && sample >= 0 && sample >= recorder.samples - recorder.capacity && sample < recorder.samples;
      let then = '';
      if (inWindow) {
        const code = recorder.codeAt(strip, sample);
        const state = code === TimelineCode.none ? 'not alive' : `${TIMELINE_STATE_NAMES[code & 7]}${(code & TimelineCode.ran) !== 0 ? ', ran' : ''}`;
        then = `\nframe ${recorder.frameOf[recorder.slotOf(sample)]}: ${state}`;
      }
      const now = task.status === 'running' ? describeWait(this.#scheduler, task).words : task.status;
      text = `${task.path}${entity}${then}\nnow: ${now}`;
    }
    this.#tooltip.textContent = text;
    this.#tooltip.style.display = text === '' ? 'none' : '';
    // Beside the pointer, kept inside the panel (flipped to the pointer's left near the right edge).
    const widthPx = this.#tooltip.offsetWidth;
    const right = hover.x + 16 + widthPx > this.#canvas.width;
    this.#tooltip.style.left = `${Math.max(0, right ? hover.x - 8 - widthPx : hover.x + 16)}px`;
    this.#tooltip.style.top = `${hover.y + 40}px`;
  }
}

function labelOf(entityLabel: ((entity: number) => string | undefined) | undefined, entity: number): string {
  const label = entityLabel?.(entity);
  return label === undefined ? '' : ` (${label})`;
}

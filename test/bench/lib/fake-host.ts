// A simulated host clock for peers that wait through the host (Effection's sleep and redux-saga's
// delay call the global setTimeout; a browser game would wake per frame with requestAnimationFrame).
// While installed, setTimeout/clearTimeout go to a binary heap driven by advance(dtMs), so 2 s sleeps
// take simulated time, not real time. The heap is what a real timer queue does per timer (O(log n)
// per set and fire, nothing per frame while none is due): its cost is part of the peer's figure.

interface FakeTimer {
  deadlineMs: number;
  seq: number;
  callback: (...args: unknown[]) => void;
  args: unknown[];
  cancelled: boolean;
}

function precedes(a: FakeTimer, b: FakeTimer): boolean {
  return a.deadlineMs < b.deadlineMs || (a.deadlineMs === b.deadlineMs && a.seq < b.seq);
}

export class FakeHost {
  nowMs = 0;
  #seq = 0;
  readonly #heap: FakeTimer[] = [];
  #frameCallbacks: Array<(nowMs: number) => void> = [];
  #saved: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } | null = null;

  /** Replaces globalThis.setTimeout / clearTimeout with this host's. */
  install(): void {
    if (this.#saved !== null) return;
    this.#saved = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
    const host = this;
    globalThis.setTimeout = function fakeSetTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) {
      return host.setTimeout(callback, ms ?? 0, args);
    } as unknown as typeof setTimeout;
    globalThis.clearTimeout = function fakeClearTimeout(handle: unknown) {
      if (handle !== null && typeof handle === 'object') (handle as FakeTimer).cancelled = true;
    } as typeof clearTimeout;
  }

  /** Puts the real timers back. */
  uninstall(): void {
    if (this.#saved === null) return;
    globalThis.setTimeout = this.#saved.setTimeout;
    globalThis.clearTimeout = this.#saved.clearTimeout;
    this.#saved = null;
  }

  setTimeout(callback: (...args: unknown[]) => void, ms: number, args: unknown[]): FakeTimer {
    // Like Node: delays below 1 ms become 1 ms.
    const timer: FakeTimer = { deadlineMs: this.nowMs + (ms >= 1 ? ms : 1), seq: this.#seq++, callback, args, cancelled: false };
    const heap = this.#heap;
    let index = heap.length;
    heap.push(timer);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      if (!precedes(timer, heap[parentIndex])) break;
      heap[index] = heap[parentIndex];
      index = parentIndex;
    }
    heap[index] = timer;
    return timer;
  }

  /** Like requestAnimationFrame: the callback runs once, at the next advance(). */
  requestFrame(callback: (nowMs: number) => void): void {
    this.#frameCallbacks.push(callback);
  }

  /** One frame: time moves on, due timers fire in deadline order, then frame callbacks run. */
  advance(dtMs: number): void {
    this.nowMs += dtMs;
    const heap = this.#heap;
    while (heap.length > 0 && heap[0].deadlineMs <= this.nowMs) {
      const timer = this.#pop();
      if (!timer.cancelled) timer.callback(...timer.args);
    }
    const callbacks = this.#frameCallbacks;
    this.#frameCallbacks = [];
    for (let i = 0; i < callbacks.length; i++) callbacks[i](this.nowMs);
  }

  /** Timers waiting (cancelled ones included until their deadline passes). */
  get pendingTimers(): number {
    return this.#heap.length;
  }

  clear(): void {
    this.#heap.length = 0;
    this.#frameCallbacks = [];
  }

  #pop(): FakeTimer {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop() as FakeTimer;
    if (heap.length > 0) {
      let index = 0;
      const length = heap.length;
      for (;;) {
        const left = 2 * index + 1;
        if (left >= length) break;
        const right = left + 1;
        const child = right < length && precedes(heap[right], heap[left]) ? right : left;
        if (!precedes(heap[child], last)) break;
        heap[index] = heap[child];
        index = child;
      }
      heap[index] = last;
    }
    return top;
  }
}

/** Resolves once every queued microtask (promise reaction) has run: setImmediate runs after them. */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

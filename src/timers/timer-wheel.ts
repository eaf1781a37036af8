import { TimerHeap, type HeapNode } from './timer-heap.js';

/**
 * A node the {@link TimerWheel} can hold: a {@link HeapNode} plus `wheelSlot`, which the owner sets to -1
 * when it creates the node and the wheel owns from then on. The owner writes `heapKey` and `heapSeq`
 * before pushing and must not change them while the node is in the wheel.
 */
export interface WheelNode extends HeapNode {
  /**
   * Where the node is in a wheel: a bucket index (>= 0) or a negative place code; -1 when in no wheel.
   * While the node is in a wheel, `heapIndex` is its position in that place (bucket, sorted run or heap).
   */
  wheelSlot: number;
}

/** Sizes of a {@link TimerWheel}; the defaults suit 60 Hz frames and sleeps up to a few seconds. */
export interface TimerWheelOptions {
  /** Width of one slot in ms: a power of two (1/4, 1/2, 1, 2 ...). Default 1. */
  slotMs?: number;
  /**
   * Number of slots: a power of two from 32 to 2^24. Deadlines more than `slotMs * slotCount` ms past the cursor wait in
   * an overflow heap until they come within range. Default 2048 (about 25 KB, allocated on the first near deadline).
   */
  slotCount?: number;
}

// Negative `wheelSlot` codes: where a node is when it is not in a bucket.
const NOT_IN_WHEEL = -1;
const IN_OVERFLOW = -2;
const IN_LATE = -3;
const IN_RUN = -4;

// Slots are whole numbers of slot widths; past 2^52 slots (about 1.4e5 years at 1 ms) they stop being exact
// integers a window apart, so such deadlines (and Infinity) stay in the overflow heap until they are due.
const MAX_SLOT = 2 ** 52;

// Runs this short are sorted by insertion; longer ones by merging sorted blocks of this length.
const INSERTION_RUN = 16;

/**
 * A hashed timer wheel ordered by `(heapKey, heapSeq)`, with the same pop order as {@link TimerHeap}, for
 * many sleepers with short deadlines. A node is appended to the bucket of its deadline's slot in O(1);
 * a slot is sorted only when the cursor reaches it, so each wake costs a few sequential array reads instead
 * of a heap sift through random nodes. Deadlines beyond the wheel's window wait in an overflow heap and
 * move into the wheel as the cursor nears them; nothing due costs O(1) per {@link TimerWheel.popDue}.
 *
 * @example
 * const wheel = new TimerWheel<WheelNode>();
 * wheel.push({ heapKey: 250, heapSeq: 0, heapIndex: -1, wheelSlot: -1 });
 * wheel.push({ heapKey: 100, heapSeq: 1, heapIndex: -1, wheelSlot: -1 });
 * wheel.popDue(16.67);  // undefined: frame 1, 16.67 ms, nothing due
 * wheel.popDue(116.67); // the node with key 100: frame 7, 116.67 ms
 * wheel.popDue(116.67); // undefined
 */
export class TimerWheel<N extends WheelNode> {
  // Invariant 1: every node in the run or the late heap has slot < #cursor; every node in a bucket has slot in
  //   [#cursor, #cursor + slotCount), in bucket (slot & #mask); every node in the overflow heap has slot >= #cursor + slotCount.
  //   So the run and late heap hold exactly the nodes that precede all the others.
  // Invariant 2: #run[#runHead .. #runLength) is sorted by (heapKey, heapSeq), with null for removed nodes.
  // Invariant 3: bit i of #occupied is set exactly when #bucketLength[i] > 0.
  // Invariant 4: a node in a bucket or the run has heapIndex = its position there; heaps keep their own heapIndex.
  // Invariant 5: #cursor never decreases, so a node pushed before the cursor (rare) goes to the late heap.
  readonly #slotsPerMs: number;
  readonly #slotCount: number;
  readonly #mask: number;
  #cursor = 0;
  // popDue's limit, for its slow path.
  #untilKey = 0;
  #size = 0;
  #bucketed = 0;
  // Allocated on the first push into a bucket, and dropped by clear(): a clock without timers costs nothing.
  #buckets: Array<Array<N | null> | undefined> = [];
  #bucketLength = new Int32Array(0);
  #occupied = new Int32Array(0);
  // The slot being drained, sorted; entries before #runHead are null so popped nodes are not retained.
  readonly #run: Array<N | null> = [];
  #runHead = 0;
  #runLength = 0;
  // Nodes pushed with a slot before the cursor (catch-up pushes into the slot being drained, or earlier).
  readonly #late = new TimerHeap<N>();
  readonly #overflow = new TimerHeap<N>();
  // Scratch for sorting a run: keys and sequences copied out of the nodes, a permutation and its merge buffer.
  #sortKeys = new Float64Array(0);
  #sortSeqs = new Float64Array(0);
  #sortOrder = new Int32Array(0);
  #sortBuffer = new Int32Array(0);
  readonly #sortNodes: Array<N | null> = [];

  constructor(options: TimerWheelOptions = {}) {
    // Measured in test/bench/timer-structures.ts: 1/4 to 1 ms slots cost the same per wake; deadlines computed
    // drift-free rarely tie exactly (they differ in the last bits), so narrower slots save no sorting. A window longer
    // than the sleeps costs memory: every bucket keeps the capacity of its busiest turn.
    const slotMs = options.slotMs ?? 1;
    const slotCount = options.slotCount ?? 2048;
    if (!(slotMs > 0) || 2 ** Math.round(Math.log2(slotMs)) !== slotMs) {
      throw new RangeError(`TimerWheel slotMs must be a power of two (such as 0.25, 1 or 4), got ${slotMs}`);
    }
    if (!Number.isInteger(slotCount) || slotCount < 32 || slotCount > 2 ** 24 || (slotCount & (slotCount - 1)) !== 0) {
      throw new RangeError(`TimerWheel slotCount must be a power of two from 32 to 2^24, got ${slotCount}`);
    }
    // A power of two, so key * slotsPerMs is exact and slots never depend on rounding.
    this.#slotsPerMs = 1 / slotMs;
    this.#slotCount = slotCount;
    this.#mask = slotCount - 1;
  }

  /** Number of nodes in the wheel. */
  get size(): number {
    return this.#size;
  }

  /** Adds a node; its `heapKey` (any number, Infinity included) and a unique `heapSeq` must already be set. */
  push(node: N): void {
    const slot = Math.floor(node.heapKey * this.#slotsPerMs);
    const ahead = slot - this.#cursor;
    this.#size++;
    if (ahead >= 0 && ahead < this.#slotCount) {
      this.#addToBucket(node, slot & this.#mask);
    } else if (ahead < 0) {
      node.wheelSlot = IN_LATE;
      this.#late.push(node);
    } else {
      // Far (or infinite, or NaN) deadlines.
      node.wheelSlot = IN_OVERFLOW;
      this.#overflow.push(node);
    }
  }

  /** Removes a node wherever it is, in O(1) (O(log n) in the overflow heap). Returns false when it is not in this wheel. */
  remove(node: N): boolean {
    const place = node.wheelSlot;
    const index = node.heapIndex;
    if (place >= 0) {
      const bucket = this.#buckets[place];
      if (bucket === undefined || index < 0 || index >= this.#bucketLength[place] || bucket[index] !== node) return false;
      // Swap-remove: bucket order does not matter until the slot is sorted.
      const lastIndex = --this.#bucketLength[place];
      const last = bucket[lastIndex] as N;
      bucket[index] = last;
      last.heapIndex = index;
      bucket[lastIndex] = null;
      if (lastIndex === 0) this.#occupied[place >>> 5] &= ~(1 << (place & 31));
      this.#bucketed--;
    } else if (place === IN_RUN) {
      if (index < this.#runHead || index >= this.#runLength || this.#run[index] !== node) return false;
      // A hole, skipped by popDue; the run stays sorted.
      this.#run[index] = null;
    } else if (place === IN_LATE) {
      if (!this.#late.remove(node)) return false;
    } else if (place === IN_OVERFLOW) {
      if (!this.#overflow.remove(node)) return false;
    } else {
      return false;
    }
    node.wheelSlot = NOT_IN_WHEEL;
    node.heapIndex = -1;
    this.#size--;
    return true;
  }

  /**
   * Removes and returns the earliest node by `(heapKey, heapSeq)` if its key is <= `untilKey`, else returns
   * undefined. Meant to be called in a loop that may push and remove nodes between calls, with `untilKey`
   * not decreasing: nodes pushed with a key at or before `untilKey` come out in this same loop, in order.
   */
  popDue(untilKey: number): N | undefined {
    // Fast path, small enough for the caller's loop to inline: the run's next node is due and nothing is late.
    // The rest takes the limit from a field, not as an argument: a fractional number passed to a call that is not
    // inlined is boxed in a fresh heap object, once per tick and clock.
    const head = this.#runHead;
    if (head < this.#runLength && this.#late.size === 0) {
      const node = this.#run[head];
      if (node !== null && node.heapKey <= untilKey) return this.#takeRunHead(node, head);
    }
    this.#untilKey = untilKey;
    return this.#popDueSlow();
  }

  #popDueSlow(): N | undefined {
    const untilKey = this.#untilKey;
    const run = this.#run;
    for (;;) {
      // 1. The nodes before the cursor: the sorted run merged with the (normally empty) late heap.
      let head = this.#runHead;
      const runLength = this.#runLength;
      while (head < runLength && run[head] === null) head++;
      let runNode: N | null = null;
      if (head < runLength) {
        runNode = run[head];
        this.#runHead = head;
      } else {
        this.#runHead = this.#runLength = 0;
      }
      if (this.#late.size > 0) {
        const lateNode = this.#late.peek() as N;
        if (runNode === null || precedes(lateNode, runNode)) {
          if (lateNode.heapKey > untilKey) return undefined;
          this.#late.pop();
          lateNode.wheelSlot = NOT_IN_WHEEL;
          this.#size--;
          return lateNode;
        }
      }
      if (runNode !== null) {
        if (runNode.heapKey > untilKey) return undefined;
        return this.#takeRunHead(runNode, head);
      }

      // 2. Nothing before the cursor: sort the next occupied slot into the run, if it can hold a due node.
      const untilSlot = Math.floor(untilKey * this.#slotsPerMs);
      const cursor = this.#cursor;
      if (this.#bucketed > 0) {
        if (untilSlot < cursor) return undefined;
        const distance = this.#nextOccupied(untilSlot - cursor);
        if (distance < 0) {
          // Slots up to untilSlot are empty: skip them, so the next call does not scan them again.
          this.#advance(untilSlot + 1);
          return undefined;
        }
        const slot = cursor + distance;
        this.#loadRun(slot & this.#mask);
        this.#advance(slot + 1);
        continue;
      }

      // 3. The wheel is empty: jump the cursor to the earliest far deadline once it is due.
      const top = this.#overflow.peek();
      if (top === undefined) {
        this.#advance(untilSlot + 1);
        return undefined;
      }
      const topSlot = Math.floor(top.heapKey * this.#slotsPerMs);
      if (top.heapKey > untilKey) {
        // Idle: O(1). Moving the cursor up to now keeps later short sleeps out of the overflow heap.
        this.#advance(Math.min(untilSlot + 1, topSlot));
        return undefined;
      }
      if (topSlot > MAX_SLOT) {
        // Beyond exact slots (huge or infinite key), yet due and the earliest node: hand it out directly.
        this.#overflow.pop();
        top.wheelSlot = NOT_IN_WHEEL;
        this.#size--;
        return top;
      }
      this.#advance(topSlot);
    }
  }

  // Removes the run's first live node (at `head`, with no holes before it) and hands it out.
  #takeRunHead(node: N, head: number): N {
    this.#run[head] = null;
    if (head + 1 < this.#runLength) this.#runHead = head + 1;
    else this.#runHead = this.#runLength = 0;
    node.wheelSlot = NOT_IN_WHEEL;
    node.heapIndex = -1;
    this.#size--;
    return node;
  }

  /** Empties the wheel and releases its slot arrays (they are allocated again on the next push that needs them). */
  clear(): void {
    this.forEach(forget);
    this.#late.clear();
    this.#overflow.clear();
    this.#buckets = [];
    this.#bucketLength = new Int32Array(0);
    this.#occupied = new Int32Array(0);
    this.#run.length = 0;
    this.#runHead = this.#runLength = 0;
    this.#sortNodes.length = 0;
    this.#sortKeys = new Float64Array(0);
    this.#sortSeqs = new Float64Array(0);
    this.#sortOrder = new Int32Array(0);
    this.#sortBuffer = new Int32Array(0);
    this.#bucketed = 0;
    this.#size = 0;
  }

  /** Calls `visit` for every node, in no particular order. For inspection, not the hot path; do not push or remove while visiting. */
  forEach(visit: (node: N) => void): void {
    for (let i = this.#runHead; i < this.#runLength; i++) {
      const node = this.#run[i];
      if (node !== null) visit(node);
    }
    this.#late.forEach(visit);
    const buckets = this.#buckets;
    for (let place = 0; place < buckets.length; place++) {
      const bucket = buckets[place];
      const length = this.#bucketLength[place];
      for (let i = 0; i < length; i++) visit(bucket![i] as N);
    }
    this.#overflow.forEach(visit);
  }

  #addToBucket(node: N, place: number): void {
    if (this.#bucketLength.length === 0) this.#allocateSlots();
    let bucket = this.#buckets[place];
    if (bucket === undefined) bucket = this.#buckets[place] = [];
    const length = this.#bucketLength[place];
    // Buckets keep their capacity: a count rather than length = 0, which would free the backing store. A full
    // bucket doubles, so a bucket grows only when its load passes twice its busiest turn so far: random loads keep
    // setting new records for ever (one now and then), but rarely double them, so the steady state allocates nothing.
    if (length === bucket.length) growTo(bucket, 2 * length + 8);
    bucket[length] = node;
    this.#bucketLength[place] = length + 1;
    if (length === 0) this.#occupied[place >>> 5] |= 1 << (place & 31);
    node.wheelSlot = place;
    node.heapIndex = length;
    this.#bucketed++;
  }

  #allocateSlots(): void {
    this.#buckets = new Array<undefined>(this.#slotCount).fill(undefined);
    this.#bucketLength = new Int32Array(this.#slotCount);
    this.#occupied = new Int32Array(this.#slotCount >>> 5);
  }

  // Distance from the cursor to the first occupied slot within maxDistance (capped to the window), or -1.
  #nextOccupied(maxDistance: number): number {
    const occupied = this.#occupied;
    const limit = maxDistance < this.#mask ? maxDistance : this.#mask;
    const start = this.#cursor & this.#mask;
    const wordMask = occupied.length - 1;
    let word = start >>> 5;
    // Distance from the cursor to bit 0 of the current word; the first word is read from the start bit on.
    let distance = -(start & 31);
    let bits = occupied[word] & (-1 << (start & 31));
    for (let words = 0; words <= occupied.length; words++) {
      if (bits !== 0) {
        const found = distance + (31 - Math.clz32(bits & -bits));
        return found <= limit ? found : -1;
      }
      distance += 32;
      if (distance > limit) return -1;
      word = (word + 1) & wordMask;
      bits = occupied[word];
    }
    return -1;
  }

  // Moves the cursor forward to `slot` (never back) and pulls the overflow deadlines that now fit the window.
  #advance(slot: number): void {
    if (!(slot > this.#cursor)) return;
    this.#cursor = slot < MAX_SLOT ? slot : MAX_SLOT;
    const overflow = this.#overflow;
    if (overflow.size === 0) return;
    const end = this.#cursor + this.#slotCount;
    const slotsPerMs = this.#slotsPerMs;
    for (let top = overflow.peek(); top !== undefined; top = overflow.peek()) {
      const slot = Math.floor(top.heapKey * slotsPerMs);
      if (!(slot < end)) break;
      overflow.pop();
      // Invariant 1 kept: overflow slots were >= the old window's end, so >= the new cursor.
      this.#addToBucket(top, slot & this.#mask);
    }
  }

  // Moves a bucket into the (empty) run and sorts it. A bucket is usually in order already (appended in
  // sequence order with equal keys), so one pass checks that and sorting is the exception.
  #loadRun(place: number): void {
    const bucket = this.#buckets[place] as Array<N | null>;
    const length = this.#bucketLength[place];
    this.#bucketLength[place] = 0;
    this.#occupied[place >>> 5] &= ~(1 << (place & 31));
    this.#bucketed -= length;
    const run = this.#run;
    if (run.length < length) growTo(run, 2 * length);
    let sorted = true;
    let previousKey = -Infinity;
    let previousSeq = -Infinity;
    for (let i = 0; i < length; i++) {
      const node = bucket[i] as N;
      bucket[i] = null;
      run[i] = node;
      node.wheelSlot = IN_RUN;
      node.heapIndex = i;
      const key = node.heapKey;
      const seq = node.heapSeq;
      if (key < previousKey || (key === previousKey && seq < previousSeq)) sorted = false;
      previousKey = key;
      previousSeq = seq;
    }
    this.#runHead = 0;
    this.#runLength = length;
    if (!sorted) this.#sortRun(length);
  }

  // Sorts run[0 .. length) by (heapKey, heapSeq): the keys are copied into typed arrays and a permutation is
  // sorted (insertion sort on short blocks, then bottom-up merges), so comparisons touch no node and nothing is allocated.
  #sortRun(length: number): void {
    if (this.#sortKeys.length < length) {
      const capacity = Math.max(length, 2 * this.#sortKeys.length, 64);
      this.#sortKeys = new Float64Array(capacity);
      this.#sortSeqs = new Float64Array(capacity);
      this.#sortOrder = new Int32Array(capacity);
      this.#sortBuffer = new Int32Array(capacity);
    }
    const keys = this.#sortKeys;
    const seqs = this.#sortSeqs;
    let order = this.#sortOrder;
    let buffer = this.#sortBuffer;
    const run = this.#run;
    for (let i = 0; i < length; i++) {
      const node = run[i] as N;
      keys[i] = node.heapKey;
      seqs[i] = node.heapSeq;
      order[i] = i;
    }
    for (let blockStart = 0; blockStart < length; blockStart += INSERTION_RUN) {
      const blockEnd = Math.min(blockStart + INSERTION_RUN, length);
      for (let i = blockStart + 1; i < blockEnd; i++) {
        const item = order[i];
        const key = keys[item];
        const seq = seqs[item];
        let j = i - 1;
        for (; j >= blockStart; j--) {
          const other = order[j];
          if (keys[other] < key || (keys[other] === key && seqs[other] < seq)) break;
          order[j + 1] = other;
        }
        order[j + 1] = item;
      }
    }
    for (let width = INSERTION_RUN; width < length; width *= 2) {
      for (let left = 0; left < length; left += 2 * width) {
        const middle = Math.min(left + width, length);
        const right = Math.min(left + 2 * width, length);
        let a = left;
        let b = middle;
        let out = left;
        while (a < middle && b < right) {
          const x = order[a];
          const y = order[b];
          // Ties cannot happen (sequences are unique); take from the left on equal keys and smaller sequence.
          if (keys[x] < keys[y] || (keys[x] === keys[y] && seqs[x] < seqs[y])) {
            buffer[out++] = x;
            a++;
          } else {
            buffer[out++] = y;
            b++;
          }
        }
        while (a < middle) buffer[out++] = order[a++];
        while (b < right) buffer[out++] = order[b++];
      }
      const swap = order;
      order = buffer;
      buffer = swap;
    }
    const nodes = this.#sortNodes;
    while (nodes.length < length) nodes.push(null);
    for (let i = 0; i < length; i++) nodes[i] = run[i];
    for (let i = 0; i < length; i++) {
      const node = nodes[order[i]] as N;
      run[i] = node;
      node.heapIndex = i;
    }
    for (let i = 0; i < length; i++) nodes[i] = null;
  }
}

function growTo<T>(array: Array<T | null>, capacity: number): void {
  while (array.length < capacity) array.push(null);
}

function precedes(a: HeapNode, b: HeapNode): boolean {
  return a.heapKey < b.heapKey || (a.heapKey === b.heapKey && a.heapSeq < b.heapSeq);
}

function forget(node: WheelNode): void {
  node.wheelSlot = NOT_IN_WHEEL;
  node.heapIndex = -1;
}

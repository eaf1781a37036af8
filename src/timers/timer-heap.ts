/**
 * A node the {@link TimerHeap} can hold. The heap writes `heapIndex`; the owner writes the keys
 * before pushing and must not change them while the node is in the heap.
 */
export interface HeapNode {
  /** Primary key: a deadline (ms) or a target frame. Smaller comes first. */
  heapKey: number;
  /** Tie-break: insertion sequence. Equal keys come out in the order they were scheduled. */
  heapSeq: number;
  /** Position in the heap array, or -1 when the node is not in a heap. Owned by the heap. */
  heapIndex: number;
}

/**
 * An indexed 4-ary min-heap ordered by `(heapKey, heapSeq)`. Four children per node halve the depth of
 * a binary heap: fewer cache misses per push and pop, which dominate with 100,000 sleepers.
 *
 * Sleeping nodes cost nothing per frame: `peek` is O(1), `push`, `pop` and `remove` are O(log n).
 * The index stored in each node makes `remove` (a cancelled sleeper) exact, so no tombstones pile up.
 *
 * @example
 * const heap = new TimerHeap<HeapNode>();
 * heap.push({ heapKey: 250, heapSeq: 0, heapIndex: -1 });
 * heap.peek()?.heapKey; // 250
 */
export class TimerHeap<N extends HeapNode> {
  // Invariant 1: for every i > 0, nodes[(i - 1) >> 2] (its parent) precedes nodes[i].
  // Invariant 2: nodes[i].heapIndex === i for every i < nodes.length; removed nodes have heapIndex -1.
  // Invariant 3: heapSeq values are unique, so (heapKey, heapSeq) is a strict total order: pop order is deterministic.
  readonly #nodes: N[] = [];

  /** Number of nodes in the heap. */
  get size(): number {
    return this.#nodes.length;
  }

  /** The earliest node, or undefined when empty. */
  peek(): N | undefined {
    return this.#nodes[0];
  }

  /** Adds a node; its keys must already be set. */
  push(node: N): void {
    const nodes = this.#nodes;
    node.heapIndex = nodes.length;
    nodes.push(node);
    this.#siftUp(node.heapIndex);
  }

  /** Removes and returns the earliest node. */
  pop(): N | undefined {
    const nodes = this.#nodes;
    const top = nodes[0];
    if (top === undefined) return undefined;
    const last = nodes.pop() as N;
    if (last !== top) {
      nodes[0] = last;
      last.heapIndex = 0;
      this.#siftDown(0);
    }
    top.heapIndex = -1;
    return top;
  }

  /**
   * Removes and returns the earliest node if its key is <= `untilKey`, else undefined: the same contract as
   * TimerWheel.popDue, so a clock can hold either.
   */
  popDue(untilKey: number): N | undefined {
    const top = this.#nodes[0];
    return top !== undefined && top.heapKey <= untilKey ? this.pop() : undefined;
  }

  /** Removes a node wherever it is. Returns false when the node was not in this heap. */
  remove(node: N): boolean {
    const index = node.heapIndex;
    const nodes = this.#nodes;
    if (index < 0 || nodes[index] !== node) return false;
    const last = nodes.pop() as N;
    node.heapIndex = -1;
    if (last !== node) {
      nodes[index] = last;
      last.heapIndex = index;
      // The moved node may belong above or below its new slot.
      this.#siftUp(index);
      this.#siftDown(last.heapIndex);
    }
    return true;
  }

  /** Empties the heap. */
  clear(): void {
    for (const node of this.#nodes) node.heapIndex = -1;
    this.#nodes.length = 0;
  }

  /** Calls `visit` for every node, in heap (not sorted) order. For inspection, not the hot path. */
  forEach(visit: (node: N) => void): void {
    for (const node of this.#nodes) visit(node);
  }

  #siftUp(index: number): void {
    const nodes = this.#nodes;
    const node = nodes[index];
    while (index > 0) {
      const parentIndex = (index - 1) >> 2;
      const parent = nodes[parentIndex];
      if (!precedes(node, parent)) break;
      nodes[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    nodes[index] = node;
    node.heapIndex = index;
  }

  #siftDown(index: number): void {
    const nodes = this.#nodes;
    const length = nodes.length;
    const node = nodes[index];
    for (;;) {
      const first = 4 * index + 1;
      if (first >= length) break;
      // The earliest of up to four children.
      let child = first;
      let childNode = nodes[first];
      const last = first + 4 < length ? first + 4 : length;
      for (let candidate = first + 1; candidate < last; candidate++) {
        if (precedes(nodes[candidate], childNode)) {
          child = candidate;
          childNode = nodes[candidate];
        }
      }
      if (!precedes(childNode, node)) break;
      nodes[index] = childNode;
      childNode.heapIndex = index;
      index = child;
    }
    nodes[index] = node;
    node.heapIndex = index;
  }
}

function precedes(a: HeapNode, b: HeapNode): boolean {
  return a.heapKey < b.heapKey || (a.heapKey === b.heapKey && a.heapSeq < b.heapSeq);
}

/**
 * A fixed-capacity FIFO: the buffer where client messages wait for a behaviour to take them. Pushing
 * into a full buffer either fails (the message is rejected) or drops the oldest entry, so a flood
 * can never grow memory. Internal to tickflow/colyseus.
 */
export class RingBuffer<T> {
  readonly capacity: number;
  // Invariant: the live entries are #items[(#head + i) % capacity] for i < #size; the rest are undefined.
  readonly #items: (T | undefined)[];
  #head = 0;
  #size = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.#items = new Array<T | undefined>(capacity).fill(undefined);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends `value`; false (and nothing changes) when the buffer is full. */
  push(value: T): boolean {
    if (this.#size === this.capacity) return false;
    this.#items[(this.#head + this.#size) % this.capacity] = value;
    this.#size++;
    return true;
  }

  /** Appends `value`, first dropping the oldest entry when full. Returns the dropped entry, if any. */
  pushDroppingOldest(value: T): T | undefined {
    const dropped = this.#size === this.capacity ? this.shift() : undefined;
    this.push(value);
    return dropped;
  }

  /** Removes and returns the oldest entry (undefined when empty). */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const value = this.#items[this.#head];
    // Cleared so a consumed message can be garbage collected.
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.capacity;
    this.#size--;
    return value;
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#head = 0;
    this.#size = 0;
  }
}

// Snapshot interpolation: the server sends state 20 times a second; the page draws entities where
// they were INTERPOLATION_DELAY_MS ago, between the two snapshots around that moment, so motion is
// smooth at any frame rate. DOM-free.

/** Drawing lags the server by this much: two patches at 20 Hz, so one lost or late patch does not stutter. */
export const INTERPOLATION_DELAY_MS = 100;

interface Snapshot {
  atMs: number;
  positions: Map<string, { x: number; y: number }>;
}

/** Positions by entity id, one snapshot per state patch, sampled in between. */
export class SnapshotBuffer {
  readonly #snapshots: Snapshot[] = [];

  /** Records where every entity was when a patch arrived at `atMs`. */
  push(atMs: number, positions: Map<string, { x: number; y: number }>): void {
    this.#snapshots.push({ atMs, positions });
    // One second of history is plenty for a 100 ms delay.
    while (this.#snapshots.length > 20) this.#snapshots.shift();
  }

  /** Where entity `id` was at `atMs`: between the snapshots around it, else the nearest one that has it. */
  sample(id: string, atMs: number): { x: number; y: number } | undefined {
    const snapshots = this.#snapshots;
    let before: Snapshot | undefined;
    let after: Snapshot | undefined;
    for (const snapshot of snapshots) {
      if (!snapshot.positions.has(id)) continue;
      if (snapshot.atMs <= atMs) before = snapshot;
      else if (after === undefined) after = snapshot;
    }
    const from = before?.positions.get(id);
    const to = after?.positions.get(id);
    if (from === undefined || to === undefined || before === undefined || after === undefined) return from ?? to;
    const t = (atMs - before.atMs) / (after.atMs - before.atMs);
    return { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
  }
}

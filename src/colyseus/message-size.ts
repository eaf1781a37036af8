// How big a decoded client message is, roughly, without trusting it: a hostile client can send deep
// or wide values, so the walk stops as soon as the running total passes the limit.

// Deeper than this is never a sane game message, and refusing it keeps the walk's stack small.
const MAX_DEPTH = 16;

/**
 * Estimates the encoded size of a decoded message in bytes (MessagePack-like: 9 per number, the
 * length of strings and keys, 1 per container header). Returns a number above `limitBytes` as soon
 * as the value is known to exceed it (deeper than 16 levels counts as too big). Internal to
 * tickflow/colyseus.
 */
export function estimateMessageBytes(value: unknown, limitBytes: number): number {
  const stack: unknown[] = [value];
  const depths: number[] = [0];
  let total = 0;
  while (stack.length > 0) {
    const item = stack.pop();
    const depth = depths.pop() as number;
    if (depth > MAX_DEPTH) return Infinity;
    if (item === null || item === undefined || typeof item === 'boolean') total += 1;
    else if (typeof item === 'number' || typeof item === 'bigint') total += 9;
    else if (typeof item === 'string') total += 5 + item.length;
    else if (ArrayBuffer.isView(item)) total += 5 + item.byteLength;
    else if (Array.isArray(item)) {
      total += 5;
      // The length alone can decide it, before looking at a single element.
      if (total + item.length > limitBytes) return total + item.length;
      for (let i = 0; i < item.length; i++) {
        stack.push(item[i]);
        depths.push(depth + 1);
      }
    } else if (typeof item === 'object') {
      total += 5;
      for (const key in item) {
        if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
        total += 5 + key.length;
        if (total > limitBytes) return total;
        stack.push((item as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    } else {
      // Functions and symbols cannot come out of MessagePack; count them as too big to be safe.
      return Infinity;
    }
    if (total > limitBytes) return total;
  }
  return total;
}

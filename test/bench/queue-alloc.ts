// Heap bytes per push/take of a tickflow queue in steady state (issue 13: "zero allocation per push/take").
//
//   node --expose-gc --import tsx test/bench/queue-alloc.ts
//
// Two loops, each warmed up, then measured over rounds as heapUsed after - before (a full collection first,
// so a round that allocates nothing reads 0; a round a scavenge ran in would read low and is dropped):
//   handoff   a taker waits in take(); each push hands its value over and the taker waits again
//   buffered  each frame 8 pushes are buffered while the taker sleeps in waitFrames(1); it then takes all 8
//             without suspending. The same loop without the queue is subtracted (frame resumes are not the queue's)
// Values are small integers (a fractional number would be a heap object of the caller's making).
import { createQueue, createScheduler, waitFrames, type Behaviour } from '../../src/index.js';
import { collectGarbage, median } from './lib/measure.js';

const ROUNDS = 15;

function measure(name: string, ops: number, round: () => void, baseline?: () => void): void {
  for (let i = 0; i < 5; i++) round();
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    round();
    const after = process.memoryUsage().heapUsed;
    let base = 0;
    if (baseline !== undefined) {
      collectGarbage();
      const b0 = process.memoryUsage().heapUsed;
      baseline();
      base = process.memoryUsage().heapUsed - b0;
    }
    if (after - before >= 0) samples.push((after - before - base) / ops);
  }
  console.log(`${name.padEnd(9)} ${median(samples).toFixed(3)} bytes per op (median of ${samples.length} rounds, ${ops} ops each)`);
}

// handoff
{
  const scheduler = createScheduler();
  const queue = createQueue<number>('handoff');
  let sum = 0;
  function* taker(): Behaviour {
    for (;;) sum += yield* queue.take();
  }
  scheduler.spawn(taker());
  const OPS = 200_000;
  measure('handoff', OPS, () => {
    for (let i = 0; i < OPS; i++) queue.push(i & 1023);
  });
  if (sum === 0) throw new Error('nothing was taken');
}

// buffered
{
  const FRAMES = 20_000;
  const PER_FRAME = 8;
  const withQueue = createScheduler();
  const without = createScheduler();
  const queue = createQueue<number>('buffered', { capacity: 16 });
  let sum = 0;
  function* taker(): Behaviour {
    for (;;) {
      yield* waitFrames(1);
      for (let k = 0; k < PER_FRAME; k++) sum += yield* queue.take();
    }
  }
  function* plain(): Behaviour {
    for (;;) {
      yield* waitFrames(1);
      for (let k = 0; k < PER_FRAME; k++) sum += k;
    }
  }
  withQueue.spawn(taker());
  without.spawn(plain());
  measure(
    'buffered',
    FRAMES * PER_FRAME,
    () => {
      for (let f = 0; f < FRAMES; f++) {
        for (let k = 0; k < PER_FRAME; k++) queue.push(k);
        withQueue.tick(16);
      }
    },
    () => {
      for (let f = 0; f < FRAMES; f++) without.tick(16);
    },
  );
}

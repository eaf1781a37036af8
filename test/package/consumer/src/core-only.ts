// The core and tickflow/ecs under lib ES2022 only (no DOM): a server or a worker can use them.
import { createScheduler, waitMs, type Behaviour } from 'tickflow';
import { createGameLoop } from 'tickflow/ecs';
import { createWorld } from 'bitecs';

function* tick(): Behaviour {
  yield* waitMs(10);
}
const scheduler = createScheduler();
scheduler.spawn(tick());
export const loop = createGameLoop({ world: createWorld(), scheduler });

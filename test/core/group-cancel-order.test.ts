import { describe, expect, it } from 'vitest';
import { all, createScheduler, race, waitMs, type Behaviour } from '../../src/index.js';

// README rule 5: children are cancelled newest first, but the members all/race spawned go in item order.
function* member(name: string, order: string[]): Behaviour {
  try {
    yield* waitMs(1000);
  } finally {
    order.push(name);
  }
}

describe('cancel order of all and race members', () => {
  it('cancels the losers of a race in item order', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* racer(): Behaviour {
      yield* race([member('a', order), waitMs(10), member('b', order), member('c', order)]);
      order.push('race done');
    }
    scheduler.spawn(racer());
    scheduler.tick(16);
    expect(order).toEqual(['a', 'b', 'c', 'race done']);
  });

  it('cancels the members of all in item order when its waiter is cancelled, other children newest first', () => {
    const scheduler = createScheduler();
    const order: string[] = [];
    function* parent(): Behaviour {
      scheduler.spawn(member('older child', order));
      scheduler.spawn(member('newer child', order));
      yield* all([member('a', order), member('b', order), member('c', order)]);
    }
    const task = scheduler.spawn(parent());
    task.cancel();
    expect(order).toEqual(['a', 'b', 'c', 'newer child', 'older child']);
  });
});

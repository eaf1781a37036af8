import { describe, expectTypeOf, it } from 'vitest';
import { createScheduler, type SchedulerOptions, type TraceEvent } from '../../src/index.js';
import { createDevTools, createTraceRecorder, inspect, type BehaviourInfo, type WaitName } from '../../src/debug/index.js';

describe('createDevTools', () => {
  it('gives scheduler options that spread into createScheduler', () => {
    const devtools = createDevTools();
    expectTypeOf(devtools.schedulerOptions).toMatchTypeOf<SchedulerOptions>();
    expectTypeOf(createScheduler({ ...devtools.schedulerOptions, maxDtMs: 50 })).toEqualTypeOf<ReturnType<typeof createScheduler>>();
  });
});

describe('createTraceRecorder', () => {
  it('has an onTrace that fits SchedulerOptions.onTrace', () => {
    expectTypeOf(createTraceRecorder().onTrace).toMatchTypeOf<NonNullable<SchedulerOptions['onTrace']>>();
    expectTypeOf(createTraceRecorder().entries[0].event).toEqualTypeOf<TraceEvent>();
  });
});

describe('inspect', () => {
  it('returns plain BehaviourInfo records with a closed set of wait names', () => {
    expectTypeOf(inspect).returns.toEqualTypeOf<BehaviourInfo[]>();
    expectTypeOf<BehaviourInfo['wait']>().toEqualTypeOf<WaitName>();
    expectTypeOf<'waitMs'>().toMatchTypeOf<WaitName>();
    // @ts-expect-error: not a wait name
    expectTypeOf<'sleep'>().toMatchTypeOf<WaitName>();
  });
});

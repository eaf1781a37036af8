// The vocabulary the engine (engine.ts) shares with the task lifecycle (lifecycle.ts) and joins (joins.ts).

// How SchedulerState#drive steps a generator.
/** First step of a fresh generator. */
export const START_STEP = 0;
/** Resume with a value (sent through `context.value`). */
export const RESUME_STEP = 1;
/** Throw an error into the generator at its wait. */
export const THROW_STEP = 2;
/** The wait suspended the task (returned by `suspend`, never passed to drive). */
export const SUSPENDED = 3;
/** The fast path already stepped the generator: the payload is its result. */
export const STEPPED = 4;
/** The fast path already stepped the generator and it threw: the payload is the error. */
export const STEP_THREW = 5;

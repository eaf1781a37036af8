// Checked with skipLibCheck off, so an error inside tickflow's own .d.ts files fails the build. pixi.js 8.0's
// own declarations do not pass skipLibCheck off, so tickflow/pixi is checked (with skipLibCheck on) elsewhere.
export * as core from 'tickflow';
export * as ecs from 'tickflow/ecs';
export * as browser from 'tickflow/browser';
export * as howler from 'tickflow/howler';
export * as debug from 'tickflow/debug';
export * as tween from 'tickflow/tween';

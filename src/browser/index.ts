/**
 * The requestAnimationFrame driver for a game loop, with hidden-tab handling.
 *
 * @module tickflow/browser
 */
// The public API of 'tickflow/browser': the requestAnimationFrame driver. The only place in tickflow
// that touches requestAnimationFrame, performance.now and document visibility.
export { startBrowserLoop } from './browser-loop.js';
export type { BrowserLoop, BrowserLoopOptions, SteppedLoop, VisibilitySource } from './browser-loop.js';

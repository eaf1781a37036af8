/**
 * The inspector, dev-mode warnings, behaviour stacks on errors, trace recording, and the in-page overlay.
 *
 * @module tickflow/debug
 */
// The public API of 'tickflow/debug': the inspector, dev-mode warnings, error formatting, traces and
// the in-page overlay. Everything but mountInspectorOverlay is DOM-free; the overlay touches the DOM
// only when mounted.
export { inspect, formatInspection } from './inspect.js';
export type { BehaviourInfo, BehaviourState, WaitName } from './inspect.js';
export { createDevTools } from './devtools.js';
export type { DevTools, DevToolsOptions, DevToolsSchedulerOptions, DevToolsWarning, DevToolsWarningKind } from './devtools.js';
export { formatBehaviourError, behaviourStack } from './behaviour-error.js';
export type { BehaviourStack, BehaviourStackFrame, BehaviourStackTask } from './behaviour-error.js';
export { createTraceRecorder, firstTraceDifference, traceLine } from './trace-recorder.js';
export type { TraceDifference, TraceEntry, TraceRecorder, TraceRecorderOptions } from './trace-recorder.js';
export { mountInspectorOverlay } from './overlay.js';
export type { InspectorOverlay, InspectorOverlayOptions, InspectorView } from './overlay.js';

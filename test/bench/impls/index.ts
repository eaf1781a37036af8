// Every implementation the benchmark runs, in the order its tables list them.
import type { Implementation } from '../lib/common.js';
import { rawDelegating, rawGenerators, rawRecords, stateMachine, typedWheel, typedWheelDelegating } from './floors.js';
import { tickflow, tickflowBaseline, tickflowNextFrame } from './tickflow.js';
import { excalibur } from './excalibur.js';
import { effectionPeer } from './effection.js';
import { reduxSaga } from './redux-saga.js';
import { motionCanvas } from './motion-canvas.js';

// tickflow-baseline is there when run.ts was given --baseline <dir> (it reaches the measuring workers through the environment).
export const allImplementations: readonly Implementation[] = [
  rawGenerators,
  rawDelegating,
  rawRecords,
  stateMachine,
  typedWheel,
  typedWheelDelegating,
  tickflow,
  tickflowNextFrame,
  ...(tickflowBaseline === undefined ? [] : [tickflowBaseline]),
  excalibur,
  effectionPeer,
  reduxSaga,
  motionCanvas,
];

export function implementationNamed(name: string): Implementation {
  const found = allImplementations.find((impl) => impl.name === name);
  if (found === undefined) throw new Error(`bench: no implementation named "${name}"`);
  return found;
}

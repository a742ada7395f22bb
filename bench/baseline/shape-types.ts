/**
 * The shape of a case as the bare workflow replays it: one step per workflow task of the Davar case, each waiting
 * for what woke that task (activities done, timers fired, signals, updates) and then issuing the same commands
 * (activities, local activities, timers started or cancelled). Types only, so the workflow bundle can import them.
 */

export type Trigger =
  | { kind: 'activity'; ref: number }
  | { kind: 'timer'; ref: string }
  | { kind: 'signal'; name: string }
  | { kind: 'update'; name: string };

export type Command =
  | { kind: 'activity'; ref: number; name: string }
  | { kind: 'localActivity'; name: string }
  | { kind: 'startTimer'; ref: string; ms: number }
  | { kind: 'cancelTimer'; ref: string };

export interface Step {
  awaits: Trigger[];
  commands: Command[];
}

export interface Shape {
  steps: Step[];
}

/** The client-side messages of a shape, in history order: what the bare driver sends. */
export type Message = { kind: 'signal'; name: string } | { kind: 'update'; name: string };

/** Where a case may go from each stage, and how it may end there: the table the workflow's main loop checks. */
import type { OpenStage, Outcome, Stage } from './vocabulary';

/** Every move a stage function may return. Closing is listed separately, by outcome. */
export const transitions: Record<OpenStage, readonly OpenStage[]> = {
  intake: ['notice'],
  notice: ['response'],
  response: ['hearing'],
  hearing: ['ruling'],
  // A first-instance ruling opens the appeal windows; a second-instance one is final at once.
  ruling: ['appeal', 'compliance'],
  appeal: ['hearing', 'compliance'],
  compliance: ['enforcement'],
  enforcement: [],
};

/** Settlement and withdrawal are possible at any stage before a final ruling. */
const beforeFinalRuling: Outcome[] = ['settled', 'withdrawn'];

/** The outcomes a case may close with from each stage. */
export const closings: Record<OpenStage, readonly Outcome[]> = {
  intake: ['rejected', 'abandoned', ...beforeFinalRuling],
  notice: beforeFinalRuling,
  response: beforeFinalRuling,
  hearing: ['dismissed', ...beforeFinalRuling],
  ruling: ['claim_rejected', ...beforeFinalRuling],
  appeal: ['claim_rejected', ...beforeFinalRuling],
  compliance: ['complied'],
  enforcement: ['complied', 'enforced', 'enforcement_rejected'],
};

/** What a stage function returns: the next stage, or the outcome the case closes with. */
export type StageExit = { to: OpenStage } | { close: Outcome; reason: string };

export function canMove(from: Stage, to: Stage): boolean {
  return from !== 'closed' && to !== 'closed' && transitions[from].includes(to);
}

export function canClose(from: Stage, outcome: Outcome): boolean {
  return from !== 'closed' && closings[from].includes(outcome);
}

/** Why an exit is not allowed from `from`, or undefined when it is. */
export function illegalExit(from: Stage, exit: StageExit): string | undefined {
  if ('to' in exit) return canMove(from, exit.to) ? undefined : `no transition from ${from} to ${exit.to}`;
  return canClose(from, exit.close) ? undefined : `a case in ${from} cannot close as ${exit.close}`;
}

/**
 * The path every chaos case takes through the HTTP API: filed and accepted (the complaint is served on the
 * employer), answered (the hearing stage), a board assigned and a session scheduled (summons to both parties).
 * Three notices per case, each one a chance for a fault to send it twice or lose it.
 */
import type { CaseStateView, NoticeRecord } from '../domain/case';
import { isServed } from '../domain/case';
import { stages } from '../domain/vocabulary';
import type { ApiCaller } from './http';
import type { Watcher } from './watch';

export const firstBoard = [
  { userId: 'chaos-ministry', name: 'Ministry representative', presiding: true },
  { userId: 'chaos-workers', name: 'Workers representative' },
  { userId: 'chaos-employers', name: 'Employers representative' },
];

export const reached = (s: CaseStateView, stage: CaseStateView['stage']) =>
  stages.indexOf(s.stage) >= stages.indexOf(stage);

export const complaintOf = (s: CaseStateView): NoticeRecord | undefined =>
  s.notices.find((n) => n.documentType === 'complaint' && !n.setAside);

const summonsServed = (s: CaseStateView) =>
  (['complainant', 'respondent'] as const).every((side) =>
    s.notices.some((n) => n.documentType === 'hearing_summons' && n.recipient === side && isServed(n)),
  );

/** The condition a chaos case ends in: at the hearing, both summons served, the session still ahead. */
export const flowDone = (s: CaseStateView) => s.stage === 'hearing' && Boolean(s.hearing?.at) && summonsServed(s);

/** Where a case is on the path, for a progress line and for a scenario waiting to strike at the right moment. */
export type Step = 'filing' | 'serving' | 'answering' | 'scheduling' | 'summoning' | 'done' | 'failed';

export interface FlowOptions {
  /** The complaint's send may fail for good (an outage past its schedule-to-close): serve it by hand once escalated. */
  serveByHandWhenFailed?: boolean;
  onStep?: (step: Step, caseNumber?: string) => void;
  /** Held until the scenario lets cases go on past service (its gateway must be back before the summons). */
  gate?: Promise<void>;
}

export async function driveCase(
  caller: ApiCaller,
  watcher: Watcher,
  options: FlowOptions = {},
): Promise<{ caseNumber: string; servedByHand: boolean }> {
  options.onStep?.('filing');
  const caseNumber = await caller.file();
  const step = (s: Step) => options.onStep?.(s, caseNumber);
  await caller.act('clerk', caseNumber, 'acceptComplaint', {});
  step('serving');
  const needsHand = (s: CaseStateView) =>
    complaintOf(s)?.status === 'failed' || complaintOf(s)?.status === 'not_registered';
  const served = await watcher.until(
    caseNumber,
    'the complaint served, or a manual-service task escalated',
    (s) =>
      reached(s, 'response') ||
      (Boolean(options.serveByHandWhenFailed) &&
        needsHand(s) &&
        s.escalations.some((e) => e.kind === 'manual_service_overdue')),
  );
  let servedByHand = false;
  if (!reached(served, 'response')) {
    // What the clerk does with the task: serve the employer by hand, which opens the response window.
    await caller.act('clerk', caseNumber, 'recordManualService', {
      recipient: 'respondent',
      servedAt: new Date().toISOString(),
      method: 'in_person',
    });
    servedByHand = true;
    await watcher.until(caseNumber, 'the response stage', (s) => reached(s, 'response'));
  }
  step('answering');
  await options.gate;
  await caller.act('clerk', caseNumber, 'recordResponse', { text: 'The employer disputes the amounts claimed.' });
  await watcher.until(caseNumber, 'the hearing stage', (s) => s.stage === 'hearing');
  step('scheduling');
  await caller.act('officer', caseNumber, 'assignBoard', { members: firstBoard });
  // An hour ahead: the session never sits during the run, so the case stays where the suite expects it.
  const at = new Date(Date.now() + 3_600_000).toISOString();
  await caller.act('officer', caseNumber, 'scheduleHearing', { at, mode: 'in_person', location: 'Room 3' });
  step('summoning');
  await watcher.until(caseNumber, 'both summons served', flowDone);
  step('done');
  return { caseNumber, servedByHand };
}

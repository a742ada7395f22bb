/** Builders for test cases: valid filings and a direct start of CaseWorkflow on a stack's task queue. */
import { randomInt } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import type { Actor, CaseStateView, Filing } from '../../domain/case';
import { stages } from '../../domain/case';
import { makeLegalEntityId, makeNationalId } from '../../domain/ids';
import { fastPolicy, type Policy, type WindowName } from '../../domain/policy';
import type { CaseWorkflow } from '../../workflows/case';
import { stateQuery } from '../../workflows/messages';
import { filedSearchAttributes } from '../../workflows/search-attributes';
import type { Stack } from './stack';

/** A case's workflow handle, typed by the workflow so results and queries are typed too. */
export type CaseHandle = WorkflowHandle<typeof CaseWorkflow>;

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export function validFiling(overrides: Partial<Filing> = {}): Filing {
  return {
    channel: 'counter',
    province: 'THR',
    complainant: { nationalId: makeNationalId(`1${digits(8)}`), name: 'Reza Ahmadi', phone: '09121234567' },
    respondent: { legalEntityId: makeLegalEntityId(`1${digits(9)}`), name: 'Pars Textile Co.' },
    employment: { startedOn: '2019-03-21', endedOn: '2025-10-01', jobTitle: 'Weaver', monthlyWageRials: 150_000_000 },
    claims: [
      { kind: 'unpaid_wages', amountRials: 450_000_000, description: 'three months unpaid' },
      { kind: 'wrongful_dismissal', description: 'dismissed without cause' },
    ],
    statement: 'I was dismissed without notice and not paid for three months.',
    ...overrides,
  };
}

export const clerk: Actor = { userId: 'clerk-1', role: 'clerk' };
export const officer: Actor = { userId: 'officer-1', role: 'officer' };
export const complainantParty: Actor = { userId: 'worker-1', role: 'party', side: 'complainant' };
export const respondentParty: Actor = { userId: 'employer-1', role: 'party', side: 'respondent' };

export async function startCase(
  stack: Stack,
  options: { filing?: Filing; policy?: Policy; caseNumber?: string } = {},
): Promise<WorkflowHandle<typeof CaseWorkflow>> {
  const caseNumber = options.caseNumber ?? stack.nextCaseNumber();
  const filing = options.filing ?? validFiling();
  return stack.client.workflow.start<typeof CaseWorkflow>('CaseWorkflow', {
    workflowId: `case-${caseNumber}`,
    taskQueue: stack.taskQueue,
    // As the API starts a case.
    typedSearchAttributes: filedSearchAttributes(filing),
    args: [
      {
        kind: 'new',
        case: {
          caseNumber,
          filing,
          filedAt: new Date().toISOString(),
          filedBy: clerk,
          policy: options.policy ?? stack.policy,
        },
      },
    ],
  });
}

/**
 * The case is at `stage` or past it. A slow machine may let a short window of the fast policy pass between two
 * polls, so a test that only needs the case to have got somewhere waits for this, not for the exact stage.
 */
export const reached = (state: CaseStateView, stage: CaseStateView['stage']): boolean =>
  stages.indexOf(state.stage) >= stages.indexOf(stage);

/** Polls the live state until `predicate` holds; fails with the last state after `timeoutMs`. */
export async function waitForState(
  handle: WorkflowHandle,
  predicate: (state: CaseStateView) => boolean,
  timeoutMs = 30_000,
): Promise<CaseStateView> {
  const deadline = Date.now() + timeoutMs;
  let last: CaseStateView | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(stateQuery);
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(
    `state did not reach the expected condition in ${timeoutMs} ms; last: ${JSON.stringify(
      last && { stage: last.stage, outcome: last.outcome, notices: last.notices, escalations: last.escalations },
    )}; pending activities: ${await pendingActivities(handle)}`,
  );
}

/**
 * What the case is waiting on in Temporal, for a failure's message: a case stuck at a step may be waiting for an
 * activity that keeps failing or is never picked up, and its state, attempt and last failure tell which.
 */
async function pendingActivities(handle: WorkflowHandle): Promise<string> {
  try {
    const { raw } = await handle.describe();
    return JSON.stringify(
      (raw.pendingActivities ?? []).map((a) => ({
        type: a.activityType?.name,
        state: temporal.api.enums.v1.PendingActivityState[a.state ?? 0],
        attempt: a.attempt,
        scheduled: optionalTsToDate(a.scheduledTime)?.toISOString(),
        lastStarted: optionalTsToDate(a.lastStartedTime)?.toISOString(),
        lastFailure: a.lastFailure?.message,
        worker: a.lastWorkerIdentity,
      })),
    );
  } catch (error) {
    return `(describe failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * The fast policy with some windows longer, in (fast) days: a window a test must act within is made generous so a
 * loaded machine cannot let it pass first; windows a test waits out stay short.
 */
export function policyWith(days: Partial<Record<WindowName, number>>): Policy {
  const windows = { ...fastPolicy.windows };
  for (const [name, amount] of Object.entries(days) as [WindowName, number][]) {
    windows[name] = { ...windows[name], amount };
  }
  return { ...fastPolicy, windows };
}

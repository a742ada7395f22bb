/**
 * What the console offers and what the workflow accepts cannot differ: at several points of a case, every action
 * the `availableActions` query refuses to an actor is refused by the update with the same reason, and changes
 * nothing.
 */
import type { ActionBody, ActionName } from '../../domain/actions';
import { actionNames } from '../../domain/actions';
import type { Actor } from '../../domain/case';
import { fastPolicy, type Policy } from '../../domain/policy';
import { availableActionsQuery, stateQuery } from '../../workflows/messages';
import { act, asPartyOf, firstBoard, holdHearing, member, toHearing } from '../helpers/actions';
import { clerk, complainantParty, officer, respondentParty, waitForState, type CaseHandle } from '../helpers/cases';
import { refusal, startHarness, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

/**
 * Days of ten seconds, so that no window passes while the check runs (the state must not move on its own), and a
 * summons lead time of one real second, so that a session can still sit within the test.
 */
const steady: Policy = {
  ...fastPolicy,
  secondsPerDay: 10,
  windows: { ...fastPolicy.windows, summonsLeadTime: { amount: 1, unit: 'seconds' } },
};

/** A body each action's schema accepts, so that the refusal comes from the rules, not the schema. */
const bodies: { [A in ActionName]: () => ActionBody<A> } = {
  acceptComplaint: () => ({}),
  requestCorrection: () => ({ reason: 'missing pages' }),
  submitCorrection: () => ({ changes: { statement: 'corrected' } }),
  rejectComplaint: () => ({ reason: 'not a labor dispute' }),
  recordManualService: () => ({ recipient: 'respondent', servedAt: new Date().toISOString(), method: 'post' }),
  recordResponse: () => ({ text: 'we dispute it' }),
  assignBoard: () => ({ members: firstBoard }),
  scheduleHearing: () => ({ at: inAMinute(), mode: 'in_person' }),
  adjournHearing: () => ({ reason: 'member ill', newAt: inAMinute() }),
  recordHearingHeld: () => ({ attendance: { complainant: true, respondent: true }, minutes: 'heard' }),
  castVote: () => ({ decision: 'uphold', reason: 'proven' }),
  fileAppeal: () => ({ party: 'respondent', grounds: 'wrong in law' }),
  extendDeadline: () => ({ deadline: 'response', businessDays: 1, reason: 'asked' }),
  recordCompliance: () => ({}),
  recordEnforcementDecision: () => ({ decision: 'close', reason: 'no assets' }),
  settle: () => ({ terms: 'paid' }),
  withdraw: () => ({ reason: 'no longer needed' }),
  setAsideService: () => ({ noticeKey: 'THR-1398-000001:complaint:respondent:1', reason: 'account suspended' }),
};

const actors: Actor[] = [
  clerk,
  officer,
  member(firstBoard[0]?.userId ?? ''),
  complainantParty,
  respondentParty,
  { userId: 'engineer-1', role: 'engineer' },
];

const withoutBookkeeping = ({ projectedSeq: _p, auditSeq: _a, ...rest }: Record<string, unknown>) => rest;

async function checkAgreement(handle: CaseHandle): Promise<number> {
  const before = withoutBookkeeping(await handle.query(stateQuery));
  let checked = 0;
  for (const anyone of actors) {
    // Parties as the case's own: a stranger is refused every action for that alone (tested in actions.test.ts).
    const actor = anyone.role === 'party' ? await asPartyOf(handle, anyone) : anyone;
    const offered = await handle.query(availableActionsQuery, actor, new Date().toISOString());
    expect(offered.map((a) => a.action)).toEqual(actionNames);
    for (const { action, allowed, reason } of offered) {
      if (allowed) continue;
      const body = bodies[action]() as ActionBody<ActionName>;
      const refused = await refusal(act(handle, action, actor, body));
      expect({ action, actor: actor.role, ...refused }).toEqual({
        action,
        actor: actor.role,
        type: expect.any(String),
        message: reason,
      });
      checked += 1;
    }
  }
  expect(withoutBookkeeping(await handle.query(stateQuery))).toEqual(before);
  return checked;
}

describe('refusals agree with the offered actions', () => {
  it.concurrent('at intake', async () => {
    const handle = await harness.start({ policy: steady });
    await waitForState(handle, (s) => s.projectedSeq === s.auditSeq);
    expect(await checkAgreement(handle)).toBeGreaterThan(40);
    await act(handle, 'rejectComplaint', clerk, { reason: 'cleanup' });
  });

  it.concurrent('in the response window', async () => {
    const handle = await harness.start({ policy: steady });
    await act(handle, 'acceptComplaint', clerk, {});
    await waitForState(handle, (s) => s.stage === 'response' && s.projectedSeq === s.auditSeq, 30_000);
    expect(await checkAgreement(handle)).toBeGreaterThan(40);
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent('after the session is held', async () => {
    const handle = await harness.start({ policy: steady });
    await toHearing(handle);
    await holdHearing(handle);
    await waitForState(handle, (s) => Boolean(s.hearing?.held) && s.projectedSeq === s.auditSeq);
    expect(await checkAgreement(handle)).toBeGreaterThan(40);
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });
});

/** Every closed outcome of a case, end to end on the real Temporal server with the fast policy. */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseStateView, VoteDecision } from '../../domain/case';
import { deadlineIds } from '../../domain/deadlines';
import { availableActionsQuery, stateQuery } from '../../workflows/messages';
import {
  act,
  dulySummoned,
  firstBoard,
  holdHearing,
  inSeconds,
  member,
  secondBoard,
  toHearing,
  waitForAction,
  sessionAt,
} from '../helpers/actions';
import {
  clerk,
  complainantParty,
  officer,
  policyWith,
  startCase,
  validFiling,
  waitForState,
  type CaseHandle,
  reached,
} from '../helpers/cases';
import { recordHistory } from '../helpers/histories';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

/** Casts `decision` for each voter; `dissenters` vote the other way first (quorum needs every vote of a small board). */
async function vote(
  handle: CaseHandle,
  decision: VoteDecision,
  voters: string[],
  dissenters: string[] = [],
): Promise<CaseStateView> {
  let state: CaseStateView | undefined;
  const ballots = [
    ...dissenters.map((voter) => ({ voter, decision: (decision === 'reject' ? 'uphold' : 'reject') as VoteDecision })),
    ...voters.map((voter) => ({ voter, decision })),
  ];
  for (const { voter, decision } of ballots) {
    state = await act(handle, 'castVote', member(voter), {
      decision,
      reason: `I find for ${decision}`,
      awards: decision === 'partial' ? [{ claimIndex: 0, amountRials: 300_000_000 }] : undefined,
    });
  }
  if (!state) throw new Error('no voters');
  return state;
}

/** Awaits the closed case, checks its outcome in the workflow and in the read model, and records its history. */
async function expectClosed(handle: CaseHandle, outcome: string, fixture = outcome): Promise<CaseStateView> {
  const result = (await handle.result()) as CaseStateView;
  await recordHistory(handle, fixture);
  expect(result.stage).toBe('closed');
  expect(result.outcome).toBe(outcome);
  const row = await stack.db('cases').where({ case_number: result.caseNumber }).first();
  expect(row).toMatchObject({ stage: 'closed', outcome });
  return result;
}

describe('outcomes', () => {
  it.concurrent('closes as rejected when a clerk rejects the complaint at intake', async () => {
    const handle = await startCase(stack);
    await act(handle, 'rejectComplaint', clerk, { reason: 'not a labor dispute' });
    const result = await expectClosed(handle, 'rejected');
    expect(result.closingReason).toBe('not a labor dispute');
  });

  it.concurrent('closes as abandoned when the complainant misses the correction deadline', async () => {
    const handle = await startCase(stack);
    await act(handle, 'requestCorrection', clerk, { reason: 'wage slip missing', fields: ['employment'] });
    const result = await expectClosed(handle, 'abandoned');
    expect(result.escalations.map((e) => e.kind)).toContain('correction_overdue');
  });

  it.concurrent('reopens intake after a submitted correction and then goes on to notice', async () => {
    const handle = await startCase(stack);
    await act(handle, 'requestCorrection', clerk, { reason: 'job title missing' });
    const corrected = await act(handle, 'submitCorrection', complainantParty, {
      changes: { statement: 'I was a weaver for six years and was dismissed without notice.' },
    });
    expect(corrected.stage).toBe('intake');
    expect(corrected.filing.statement).toMatch(/weaver/);
    const accepted = await act(handle, 'acceptComplaint', clerk, {});
    expect(['notice', 'response']).toContain(accepted.stage); // delivery may already have landed
    await act(handle, 'withdraw', complainantParty, { reason: 'settled privately' });
    await expectClosed(handle, 'withdrawn', 'corrected-then-withdrawn');
  });

  it.concurrent('closes as withdrawn when the complainant withdraws during the response window', async () => {
    const handle = await startCase(stack);
    await act(handle, 'acceptComplaint', clerk, {});
    await waitForState(handle, (s) => reached(s, 'response'));
    await act(handle, 'withdraw', complainantParty, { reason: 'found another job' });
    await expectClosed(handle, 'withdrawn');
  });

  it.concurrent('closes as settled when the parties settle mid-hearing', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    await act(handle, 'assignBoard', officer, { members: firstBoard });
    await act(handle, 'scheduleHearing', officer, { at: inSeconds(5), mode: 'in_person' });
    await act(handle, 'settle', clerk, { terms: 'employer pays 400,000,000 rials in two instalments' });
    const result = await expectClosed(handle, 'settled');
    expect(result.settlement?.terms).toMatch(/instalments/);
    expect(result.deadlines.every((d) => d.closedAt)).toBe(true);
  });

  it.concurrent('closes as dismissed when the complainant is absent again after a second summons', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    await act(handle, 'assignBoard', officer, { members: firstBoard });
    await act(handle, 'scheduleHearing', officer, { at: sessionAt(), mode: 'in_person' });
    await dulySummoned(handle, 'complainant', 1);
    await waitForAction(handle, officer, 'recordHearingHeld');
    const resummoned = await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: false, respondent: true },
      minutes: 'Complainant absent; the board needs to hear him.',
      resummon: { sides: ['complainant'], at: sessionAt() },
    });
    expect(resummoned.hearing?.resummoned).toEqual(['complainant']);
    await dulySummoned(handle, 'complainant', 2);
    await waitForAction(handle, officer, 'recordHearingHeld');
    await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: false, respondent: true },
      minutes: 'Complainant absent again.',
    });
    const result = await expectClosed(handle, 'dismissed');
    const summonses = result.notices.filter((n) => n.documentType === 'hearing_summons');
    expect(summonses.map((n) => n.purpose).sort()).toEqual([
      'summons:1:1:1',
      'summons:1:1:1',
      'summons:1:1:2',
      'summons:1:1:2',
    ]); // two rounds, both parties
  });

  it.concurrent('closes as complied when the employer complies with a final first-instance ruling', async () => {
    // A compliance window a loaded machine cannot outrun before the officer records compliance.
    const handle = await startCase(stack, { policy: policyWith({ compliance: 60 }) });
    await toHearing(handle);
    await holdHearing(handle);
    await vote(handle, 'partial', ['member-ministry', 'member-workers'], ['member-employers']);
    const inCompliance = await waitForState(handle, (s) => reached(s, 'compliance'), 30_000);
    expect(inCompliance.rulings[0]).toMatchObject({ instance: 1, decision: 'partial' });
    expect(inCompliance.rulings[0]?.awards).toEqual([{ claimIndex: 0, amountRials: 300_000_000 }]);
    expect(inCompliance.rulings[0]?.finalAt).toBeDefined();
    await act(handle, 'recordCompliance', officer, { evidence: 'bank transfer receipt' });
    await expectClosed(handle, 'complied');
  });

  it.concurrent('closes as claim_rejected when the board rejects the claims and nobody appeals', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    await holdHearing(handle);
    await vote(handle, 'reject', ['member-employers', 'member-ministry'], ['member-workers']);
    await expectClosed(handle, 'claim_rejected');
  });

  it.concurrent(
    'goes to the second-instance board on appeal and closes as complied after its final ruling',
    async () => {
      // Appeal and compliance windows a loaded machine cannot outrun before the party and the officer act.
      const handle = await startCase(stack, { policy: policyWith({ appeal: 15, compliance: 60 }) });
      await toHearing(handle);
      await holdHearing(handle);
      await vote(handle, 'reject', ['member-employers', 'member-ministry'], ['member-workers']);
      const appealWindow = deadlineIds.appeal('complainant');
      await waitForState(handle, (s) => s.deadlines.some((d) => d.id === appealWindow && !d.closedAt));
      const appealed = await act(handle, 'fileAppeal', complainantParty, {
        party: 'complainant',
        grounds: 'the board ignored my wage slips',
      });
      expect(appealed.appeals).toEqual([expect.objectContaining({ party: 'complainant' })]);
      // Heard together with any objection of the respondent, once its own window has ended too.
      await waitForState(handle, (s) => s.stage === 'hearing', 30_000);
      await expect(act(handle, 'assignBoard', officer, { members: firstBoard })).rejects.toThrow(
        WorkflowUpdateFailedError,
      );
      await holdHearing(handle, secondBoard);
      const voters = secondBoard.map((m) => m.userId);
      await vote(handle, 'uphold', voters.slice(0, 4));
      const notYet = await handle.query(stateQuery);
      expect(notYet.rulings).toHaveLength(1);
      await vote(handle, 'uphold', voters.slice(4, 7));
      const inCompliance = await waitForState(handle, (s) => reached(s, 'compliance'), 30_000);
      expect(inCompliance.rulings[1]).toMatchObject({ instance: 2, decision: 'uphold' });
      await act(handle, 'recordCompliance', officer, {});
      await expectClosed(handle, 'complied', 'appealed-then-complied');
    },
  );

  it.concurrent('closes as enforced when the compliance window passes and the enforcement unit executes', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    await holdHearing(handle);
    await vote(handle, 'uphold', ['member-ministry', 'member-workers'], ['member-employers']);
    const result = await expectClosed(handle, 'enforced');
    expect(result.escalations.find((e) => e.kind === 'compliance_overdue')?.resolvedAt).toBeDefined();
    expect(result.enforcement[0]?.referralId).toBeDefined();
    const referrals = stack.sim.notices({ caseRef: result.caseNumber }).referrals;
    expect(referrals).toHaveLength(1);
  });

  it.concurrent('closes as enforcement_rejected when the unit rejects and the officer closes the matter', async () => {
    const filing = validFiling();
    const handle = await startCase(stack, { filing });
    const caseNumber = handle.workflowId.replace(/^case-/, '');
    stack.sim.setConfig({ rejectReferralsFor: [...stack.sim.config().rejectReferralsFor, caseNumber] });
    await toHearing(handle);
    await holdHearing(handle);
    await vote(handle, 'uphold', ['member-ministry', 'member-workers'], ['member-employers']);
    await waitForState(handle, (s) => s.enforcement[0]?.status === 'rejected', 40_000);
    await act(handle, 'recordEnforcementDecision', officer, { decision: 'close', reason: 'the debtor has no assets' });
    await expectClosed(handle, 'enforcement_rejected');
  });
});

describe('refusals', () => {
  it.concurrent('refuses a wrong-stage action with WrongStage and changes nothing', async () => {
    const handle = await startCase(stack);
    const withoutBookkeeping = ({ projectedSeq: _p, ...rest }: CaseStateView) => rest;
    await waitForState(handle, (s) => s.projectedSeq === s.auditSeq);
    const before = withoutBookkeeping(await handle.query(stateQuery));
    const error = await act(handle, 'scheduleHearing', officer, { at: inSeconds(60), mode: 'remote' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (error as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('WrongStage');
    const after = withoutBookkeeping(await handle.query(stateQuery));
    expect(after).toEqual(before);
    await act(handle, 'rejectComplaint', clerk, { reason: 'cleanup' });
  });

  it.concurrent('refuses an action by a role that may not take it with NotAllowed', async () => {
    const handle = await startCase(stack);
    const error = await act(handle, 'acceptComplaint', { userId: 'eng', role: 'engineer' }, {}).catch(
      (e: unknown) => e,
    );
    expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('NotAllowed');
    const actions = await handle.query(availableActionsQuery, { userId: 'eng', role: 'engineer' });
    expect(actions.every((a) => !a.allowed && a.reason)).toBe(true);
    const clerkActions = await handle.query(availableActionsQuery, clerk);
    expect(clerkActions.filter((a) => a.allowed).map((a) => a.action)).toEqual(
      expect.arrayContaining(['acceptComplaint', 'requestCorrection', 'rejectComplaint', 'settle', 'withdraw']),
    );
    await act(handle, 'rejectComplaint', clerk, { reason: 'cleanup' });
  });
});

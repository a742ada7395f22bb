/**
 * Every way a case ends and every move between stages, driven through its updates on the real dev server with
 * in-test activities. Each case's stage changes are read back from its audit trail.
 */
import type { Actor, CaseStateView, VoteDecision } from '../../domain/case';
import type { Policy } from '../../domain/policy';
import { transitions } from '../../domain/lifecycle';
import {
  act,
  dulySummoned,
  firstBoard,
  holdHearing,
  member,
  secondBoard,
  toHearing,
  waitForAction,
  sessionAt,
} from '../helpers/actions';
import { clerk, complainantParty, officer, policyWith, waitForState, type CaseHandle } from '../helpers/cases';
import { startHarness, workflowTaskFailures, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const seen = new Set<string>();

/** The stage changes of a closed case, from its audit trail; each is also collected for the coverage check. */
async function closedWith(handle: CaseHandle, outcome: string): Promise<{ result: CaseStateView; moves: string[] }> {
  const result = (await handle.result()) as CaseStateView;
  expect(result).toMatchObject({ stage: 'closed', outcome });
  expect(await workflowTaskFailures(handle)).toEqual([]);
  const moves = (harness.gateway.audit.get(result.caseNumber) ?? [])
    .filter((e) => e.kind === 'stage_change')
    .sort((a, b) => a.seq - b.seq)
    .map((e) => e.summary);
  for (const move of moves) seen.add(move);
  return { result, moves };
}

async function vote(handle: CaseHandle, decision: VoteDecision, board = firstBoard, dissent = 1): Promise<void> {
  const other: VoteDecision = decision === 'reject' ? 'uphold' : 'reject';
  for (const [i, m] of board.entries()) {
    const d = i < dissent ? other : decision;
    const awards = d === 'partial' ? [{ claimIndex: 0, amountRials: 300_000_000 }] : undefined;
    await act(handle, 'castVote', member(m.userId) as Actor, { decision: d, reason: `for ${d}`, awards });
  }
}

async function ruledWith(decision: VoteDecision, policy?: Policy): Promise<CaseHandle> {
  const handle = await harness.start({ policy });
  await toHearing(handle);
  await holdHearing(handle);
  await vote(handle, decision);
  return handle;
}

describe('outcomes', () => {
  it.concurrent('complied: through every first-instance stage', async () => {
    const handle = await ruledWith('partial');
    await waitForState(handle, (s) => s.stage === 'compliance');
    await act(handle, 'recordCompliance', officer, { evidence: 'bank receipt' });
    const { result, moves } = await closedWith(handle, 'complied');
    expect(moves).toEqual([
      'filed: intake',
      'intake → notice',
      'notice → response',
      'response → hearing',
      'hearing → ruling',
      'ruling → appeal',
      'appeal → compliance',
      'closed: complied',
    ]);
    expect(result.rulings[0]).toMatchObject({
      decision: 'partial',
      awards: [{ claimIndex: 0, amountRials: 300_000_000 }],
    });
  });

  it.concurrent('complied after an appeal: the second-instance ruling is final once served', async () => {
    // Appeal windows of eight fast days: long enough to appeal in on a loaded machine, short enough to wait out the
    // respondent's before the second hearing.
    const handle = await ruledWith('reject', policyWith({ appeal: 8 }));
    await waitForState(handle, (s) => s.stage === 'appeal');
    await act(handle, 'fileAppeal', complainantParty, { party: 'complainant', grounds: 'the wage slips were ignored' });
    await waitForState(handle, (s) => s.stage === 'hearing');
    await holdHearing(handle, secondBoard);
    await vote(handle, 'uphold', secondBoard.slice(0, 7), 0);
    await waitForState(handle, (s) => s.stage === 'compliance');
    await act(handle, 'recordCompliance', officer, {});
    const { result, moves } = await closedWith(handle, 'complied');
    expect(moves).toContain('appeal → hearing');
    expect(moves).toContain('ruling → compliance');
    expect(result.rulings.map((r) => [r.instance, r.decision, Boolean(r.finalAt)])).toEqual([
      [1, 'reject', false],
      [2, 'uphold', true],
    ]);
  });

  it.concurrent('claim_rejected: the board rejects and nobody appeals', async () => {
    const handle = await ruledWith('reject');
    const { moves } = await closedWith(handle, 'claim_rejected');
    expect(moves.slice(-2)).toEqual(['ruling → appeal', 'closed: claim_rejected']);
  });

  it.concurrent('rejected: a clerk rejects the complaint at intake', async () => {
    const handle = await harness.start();
    await act(handle, 'rejectComplaint', clerk, { reason: 'not a labor dispute' });
    const { result } = await closedWith(handle, 'rejected');
    expect(result.closingReason).toBe('not a labor dispute');
  });

  it.concurrent('abandoned: the complainant misses the correction window', async () => {
    const handle = await harness.start();
    await act(handle, 'requestCorrection', clerk, { reason: 'wage slip missing' });
    await closedWith(handle, 'abandoned');
  });

  it.concurrent('withdrawn: the complainant withdraws during the response window', async () => {
    const handle = await harness.start({ policy: policyWith({ response: 60 }) });
    await act(handle, 'acceptComplaint', clerk, {});
    await waitForState(handle, (s) => s.stage === 'response');
    await act(handle, 'withdraw', complainantParty, { reason: 'found another job' });
    const { result } = await closedWith(handle, 'withdrawn');
    expect(result.deadlines.every((d) => d.closedAt)).toBe(true);
    expect(result.escalations.every((e) => e.resolvedAt)).toBe(true);
  });

  it.concurrent('settled: both sides sign during the ruling’s appeal window', async () => {
    const handle = await ruledWith('uphold', policyWith({ appeal: 60 }));
    await waitForState(handle, (s) => s.stage === 'appeal');
    await act(handle, 'settle', clerk, { terms: 'paid in two instalments' });
    await closedWith(handle, 'settled');
  });

  it.concurrent('dismissed: the complainant, summoned again, is absent again', async () => {
    const handle = await harness.start();
    await toHearing(handle);
    await act(handle, 'assignBoard', officer, { members: firstBoard });
    await act(handle, 'scheduleHearing', officer, { at: sessionAt(), mode: 'in_person' });
    await dulySummoned(handle, 'complainant', 1);
    await waitForAction(handle, officer, 'recordHearingHeld');
    await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: false, respondent: true },
      minutes: 'absent',
      resummon: { sides: ['complainant'], at: sessionAt() },
    });
    await dulySummoned(handle, 'complainant', 2);
    await waitForAction(handle, officer, 'recordHearingHeld');
    const dismissed = await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: false, respondent: true },
      minutes: 'absent again',
    });
    expect(dismissed).toMatchObject({ stage: 'closed', outcome: 'dismissed' });
    await closedWith(handle, 'dismissed');
  });

  it.concurrent('enforced: the compliance window passes and the enforcement unit executes the ruling', async () => {
    const handle = await ruledWith('uphold');
    const { result, moves } = await closedWith(handle, 'enforced');
    expect(moves.slice(-3)).toEqual(['appeal → compliance', 'compliance → enforcement', 'closed: enforced']);
    expect(result.escalations.find((e) => e.kind === 'compliance_overdue')?.resolvedAt).toBeDefined();
    expect(result.enforcement).toEqual([expect.objectContaining({ seq: 1, status: 'executed' })]);
  });

  it.concurrent('complied during enforcement', async () => {
    // The enforcement unit takes the referral and is still working on it when the employer pays.
    const handle = await harness.start({ referral: { kind: 'progress', to: 'order_issued', afterMs: 60_000 } });
    await toHearing(handle);
    await holdHearing(handle);
    await vote(handle, 'uphold');
    await waitForState(handle, (s) => s.enforcement[0]?.status === 'accepted', 30_000);
    await act(handle, 'recordCompliance', officer, { evidence: 'paid at last' });
    const { moves } = await closedWith(handle, 'complied');
    expect(moves.slice(-2)).toEqual(['compliance → enforcement', 'closed: complied']);
  });
});

afterAll(() => {
  // Every move the lifecycle allows was made by some case above (closing moves are listed by outcome).
  const allowed = Object.entries(transitions).flatMap(([from, tos]) => tos.map((to) => `${from} → ${to}`));
  expect(allowed.filter((move) => !seen.has(move))).toEqual([]);
});

/** Escalations climbing on real timers, deadline extensions and their limits, board voting and appeal windows. */
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, CaseStateView } from '../../domain/case';
import { EscalationLevel, Overdue } from '../../workflows/search-attributes';
import { act, firstBoard, holdHearing, inSeconds, member, toHearing } from '../helpers/actions';
import { clerk, complainantParty, officer, respondentParty, startCase, waitForState } from '../helpers/cases';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

const [presiding, workers, employers] = firstBoard.map((m) => member(m.userId)) as [Actor, Actor, Actor];

async function refusal(promise: Promise<unknown>): Promise<{ type: string | undefined; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: (cause as ApplicationFailure).type ?? undefined, message: (cause as ApplicationFailure).message };
}

async function heldHearing(handle: WorkflowHandle): Promise<void> {
  await toHearing(handle);
  await holdHearing(handle);
}

describe('escalation ladder', () => {
  it.concurrent('raises hearing_not_scheduled and climbs it to level 3, reflected in search attributes', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    const top = await waitForState(handle, (s) =>
      s.escalations.some((e) => e.kind === 'hearing_not_scheduled' && e.level === 3),
    );
    expect(top.stage).toBe('hearing');
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(Overdue)).toBe(true);
    expect(description.typedSearchAttributes.get(EscalationLevel)).toBe(3);

    await act(handle, 'assignBoard', officer, { members: firstBoard });
    const scheduled = await act(handle, 'scheduleHearing', officer, { at: inSeconds(2), mode: 'in_person' });
    expect(scheduled.hearing?.atJalali).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
    const resolved = await waitForState(handle, (s) => s.escalations.every((e) => e.resolvedAt));
    expect(resolved.escalations.find((e) => e.kind === 'hearing_not_scheduled')?.level).toBe(3);
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });

  it.concurrent('raises ruling_overdue when the board has not ruled in time after the hearing', async () => {
    const handle = await startCase(stack);
    await heldHearing(handle);
    const overdue = await waitForState(handle, (s) => s.escalations.some((e) => e.kind === 'ruling_overdue'));
    expect(overdue.deadlines.find((d) => d.kind === 'ruling')?.overdue).toBe(true);
    await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'claims proven' });
    await act(handle, 'castVote', workers, { decision: 'uphold', reason: 'claims proven' });
    await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
    const ruled = await waitForState(handle, (s) => s.stage !== 'hearing');
    expect(ruled.escalations.find((e) => e.kind === 'ruling_overdue')?.resolvedAt).toBeDefined();
    await act(handle, 'settle', clerk, { terms: 'cleanup' }).catch(() => undefined);
  });
});

describe('deadline extensions', () => {
  it.concurrent('extends the response window at most twice and by at most the policy maximum', async () => {
    const handle = await startCase(stack);
    await act(handle, 'acceptComplaint', clerk, {});
    const opened = await waitForState(handle, (s) => s.stage === 'response');
    const due = opened.deadlines.find((d) => d.kind === 'response')?.dueAt ?? '';

    const tooLong = await refusal(
      act(handle, 'extendDeadline', officer, { deadline: 'response', businessDays: 4, reason: 'asked' }),
    );
    expect(tooLong).toMatchObject({ type: 'LimitReached' });
    expect(tooLong.message).toMatch(/at most 3 business days/);
    const byClerk = await refusal(
      act(handle, 'extendDeadline', clerk, { deadline: 'response', businessDays: 1, reason: 'asked' }),
    );
    expect(byClerk.type).toBe('NotAllowed');

    const once = await act(handle, 'extendDeadline', officer, {
      deadline: 'response',
      businessDays: 2,
      reason: 'lawyer ill',
    });
    const onceDue = once.deadlines.find((d) => d.kind === 'response')?.dueAt ?? '';
    expect(Date.parse(onceDue) - Date.parse(due)).toBe(2000);
    await act(handle, 'extendDeadline', officer, { deadline: 'response', businessDays: 1, reason: 'documents' });
    const third = await refusal(
      act(handle, 'extendDeadline', officer, { deadline: 'response', businessDays: 1, reason: 'again' }),
    );
    expect(third.type).toBe('LimitReached');
    expect(third.message).toMatch(/already extended 2 times/);

    const passed = await waitForState(handle, (s) => s.stage === 'hearing', 30_000);
    const response = passed.deadlines.find((d) => d.kind === 'response');
    expect(response?.extensions).toBe(2);
    expect(
      Date.parse(passed.escalations.find((e) => e.kind === 'response_overdue')?.raisedAt ?? ''),
    ).toBeGreaterThanOrEqual(Date.parse(response?.dueAt ?? ''));
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });
});

describe('adjournments', () => {
  it.concurrent('adjourns a hearing at most twice, summoning both parties again each time', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    await act(handle, 'assignBoard', officer, { members: firstBoard });
    await act(handle, 'scheduleHearing', officer, { at: inSeconds(5), mode: 'in_person' });
    const noReason = await refusal(act(handle, 'adjournHearing', officer, { reason: '', newAt: inSeconds(6) }));
    expect(noReason.type).toBe('InvalidInput');
    const tooSoon = await refusal(
      act(handle, 'adjournHearing', officer, { reason: 'member ill', newAt: inSeconds(0.2) }),
    );
    expect(tooSoon.type).toBe('InvalidInput');
    expect(tooSoon.message).toMatch(/summons can be served/);
    await act(handle, 'adjournHearing', officer, { reason: 'member ill', newAt: inSeconds(6) });
    const twice = await act(handle, 'adjournHearing', officer, { reason: 'interpreter absent', newAt: inSeconds(7) });
    expect(twice.hearing).toMatchObject({ adjournments: 2, summonsRound: 3 });
    const third = await refusal(act(handle, 'adjournHearing', officer, { reason: 'again', newAt: inSeconds(8) }));
    expect(third.type).toBe('LimitReached');
    const summoned = await waitForState(
      handle,
      (s) => s.notices.filter((n) => n.documentType === 'hearing_summons' && n.servedAt).length === 6,
    );
    const summonses = summoned.notices.filter((n) => n.documentType === 'hearing_summons');
    expect(summonses.map((n) => `${n.purpose}/${n.recipient}`).sort()).toEqual(
      [1, 2, 3].flatMap((round) => [`summons:1:${round}/complainant`, `summons:1:${round}/respondent`]),
    );
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });
});

describe('board voting', () => {
  it.concurrent(
    'keeps the ruling open until quorum, lets a member change a vote, and hides who voted what',
    async () => {
      const handle = await startCase(stack);
      await heldHearing(handle);
      const asMember = (await handle.query('state', presiding)) as CaseStateView;
      expect(asMember.suggestedRemedies).toEqual([
        expect.objectContaining({
          claimIndex: 1,
          compensation: expect.objectContaining({ rials: expect.any(Number) }),
        }),
      ]);
      expect(asMember.suggestedRemedies[0]?.compensation.yearsOfService).toBeCloseTo(6.53, 1);
      const beforeQuorum = await refusal(act(handle, 'sealRuling', presiding, {}));
      expect(beforeQuorum).toMatchObject({ type: 'WrongStage' });
      expect(beforeQuorum.message).toMatch(/quorum not met: 0 of 3/);

      await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
      const changed = await act(handle, 'castVote', workers, { decision: 'reject', reason: 'first view' });
      expect(changed.tally).toMatchObject({ cast: 2, uphold: 1, reject: 1 });
      const rechanged = await act(handle, 'castVote', workers, {
        decision: 'partial',
        reason: 'on reflection',
        awards: [{ claimIndex: 0, amountRials: 1 }],
      });
      expect(rechanged.tally).toMatchObject({ cast: 2, uphold: 1, reject: 0, partial: 1 });
      expect(rechanged.votes.map((v) => v.memberId).sort()).toEqual([presiding.userId, workers.userId].sort());

      const asOfficer = (await handle.query('state', officer)) as CaseStateView;
      expect(asOfficer.votes).toEqual([]);
      expect(asOfficer.votesVisible).toBe(false);
      expect(asOfficer.tally).toMatchObject({ cast: 2 });

      const notMember = await refusal(
        act(handle, 'castVote', member('stranger'), { decision: 'uphold', reason: 'x'.repeat(5) }),
      );
      expect(notMember.type).toBe('NotAllowed');
      const notPresiding = await refusal(act(handle, 'sealRuling', workers, {}));
      expect(notPresiding.type).toBe('NotAllowed');

      const sealed = await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
      expect(sealed.rulings).toHaveLength(0); // three different decisions: no majority of 2
      const bySeal = await act(handle, 'sealRuling', presiding, {});
      expect(bySeal.rulings[0]).toMatchObject({ decision: 'uphold', sealedBy: presiding.userId });
      const late = await refusal(act(handle, 'castVote', employers, { decision: 'uphold', reason: 'changed my mind' }));
      expect(late.type).toBe('WrongStage');
      await act(handle, 'settle', clerk, { terms: 'cleanup' }).catch(() => undefined);
    },
  );

  it.concurrent('opens a remote review for votes at its scheduled time', async () => {
    const handle = await startCase(stack);
    await toHearing(handle);
    await act(handle, 'assignBoard', officer, { members: firstBoard });
    await act(handle, 'scheduleHearing', officer, { at: inSeconds(2), mode: 'remote' });
    const early = await refusal(act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' }));
    expect(early.type).toBe('WrongStage');
    await waitForState(handle, (s) => Boolean(s.hearing?.held));
    await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
    await act(handle, 'castVote', workers, { decision: 'uphold', reason: 'proven' });
    const sealed = await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
    expect(sealed.rulings[0]).toMatchObject({ decision: 'uphold', sealedBy: 'majority' });
    await act(handle, 'settle', clerk, { terms: 'cleanup' }).catch(() => undefined);
  });
});

describe('appeal windows', () => {
  async function ruled(): Promise<{ handle: WorkflowHandle; dueAt: number }> {
    const handle = await startCase(stack);
    await heldHearing(handle);
    await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
    await act(handle, 'castVote', workers, { decision: 'uphold', reason: 'proven' });
    await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
    const open = await waitForState(handle, (s) => s.deadlines.some((d) => d.id === 'appeal:respondent'));
    return { handle, dueAt: Date.parse(open.deadlines.find((d) => d.id === 'appeal:respondent')?.dueAt ?? '') };
  }

  it.concurrent('accepts an appeal filed at the last moment of the window', async () => {
    const { handle, dueAt } = await ruled();
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now() - 700)));
    const appealed = await act(handle, 'fileAppeal', respondentParty, {
      party: 'respondent',
      grounds: 'the amounts are wrong',
    });
    expect(appealed.stage).toBe('hearing');
    expect(appealed.appeals[0]).toMatchObject({ party: 'respondent' });
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });

  it.concurrent('refuses an appeal filed a moment after the window closed', async () => {
    const { handle, dueAt } = await ruled();
    await new Promise((r) => setTimeout(r, Math.max(0, dueAt - Date.now() + 300)));
    const late = await refusal(
      act(handle, 'fileAppeal', respondentParty, { party: 'respondent', grounds: 'too late' }),
    );
    expect(late.type).toBe('WrongStage');
    const other = await refusal(
      act(handle, 'fileAppeal', complainantParty, { party: 'respondent', grounds: 'not mine' }),
    );
    expect(['NotAllowed', 'WrongStage']).toContain(other.type);
    const final = await waitForState(handle, (s) => s.stage === 'compliance' || s.stage === 'enforcement');
    expect(final.rulings[0]?.finalAt).toBeDefined();
    expect(final.appeals).toHaveLength(0);
  });
});

/** Board votes: secrecy until sealed, changing a vote, a majority sealing on its own, and sessions renewed without one. */
import type { Actor } from '../../domain/case';
import { fastPolicy, type Policy } from '../../domain/policy';
import { stateQuery } from '../../workflows/messages';
import { act, firstBoard, holdHearing, member, toHearing } from '../helpers/actions';
import { clerk, officer, waitForState, type CaseHandle } from '../helpers/cases';
import { refusal, startHarness, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const [presiding, workers, employers] = firstBoard.map((m) => member(m.userId)) as [Actor, Actor, Actor];

async function heard(policy?: Policy): Promise<CaseHandle> {
  const handle = await harness.start({ policy });
  await toHearing(handle);
  await holdHearing(handle);
  return handle;
}

describe('votes', () => {
  it.concurrent(
    'keeps who voted what with the board, in the state and the timeline, until the ruling is sealed',
    async () => {
      const handle = await heard();
      const early = await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
      expect(early.votesVisible).toBe(true);
      expect(early.votes).toEqual([expect.objectContaining({ memberId: presiding.userId, decision: 'uphold' })]);
      expect(early.tally).toMatchObject({ cast: 1, award: 1, reject: 0 });

      const asOfficer = await handle.query(stateQuery, officer);
      expect(asOfficer).toMatchObject({ votesVisible: false, votes: [] });
      expect(asOfficer.tally).toEqual({ instance: 1, session: 1, cast: 1, quorum: 3, majority: 2 });
      // The update answers before its entry is projected (the read model catches up behind it): wait for that.
      await waitForState(handle, (s) => s.projectedSeq >= early.auditSeq);
      const entries = harness.gateway.audit.get(asOfficer.caseNumber) ?? [];
      const voteEntry = entries.find((e) => e.summary.startsWith('a vote was cast'));
      expect(voteEntry).toMatchObject({ summary: 'a vote was cast (1 of 3 for quorum)' });
      expect(voteEntry?.actor).toBeUndefined();
      expect(JSON.stringify(entries)).not.toContain(presiding.userId);

      await act(handle, 'castVote', workers, { decision: 'uphold', reason: 'proven' });
      await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
      const sealed = await waitForState(handle, (s) => s.rulings.length === 1);
      // Sealed, the ruling carries its votes: the record of who voted what is no longer the board's alone.
      expect(sealed.rulings[0]?.votes.map((v) => v.memberId).sort()).toEqual(firstBoard.map((m) => m.userId).sort());
      await act(handle, 'settle', clerk, { terms: 'cleanup' }).catch(() => undefined);
    },
  );

  it.concurrent(
    'lets a member change a vote before the ruling is sealed, and refuses what the law does not allow',
    async () => {
      const handle = await heard();
      await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
      const first = await act(handle, 'castVote', workers, { decision: 'reject', reason: 'first view' });
      expect(first.tally).toMatchObject({ cast: 2, award: 1, reject: 1 });
      const changed = await act(handle, 'castVote', workers, {
        decision: 'partial',
        reason: 'on reflection',
        awards: [{ claimIndex: 0, amountRials: 200_000_000 }],
      });
      expect(changed.tally).toMatchObject({ cast: 2, award: 2, reject: 0 });
      expect(changed.votes.find((v) => v.memberId === workers.userId)?.decision).toBe('partial');

      const twice = await refusal(
        act(handle, 'castVote', employers, {
          decision: 'partial',
          reason: 'twice',
          awards: [
            { claimIndex: 0, amountRials: 1 },
            { claimIndex: 0, amountRials: 2 },
          ],
        }),
      );
      expect(twice).toEqual({ type: 'InvalidInput', message: 'claim 0 appears twice in the vote' });
      const above = await refusal(
        act(handle, 'castVote', employers, {
          decision: 'partial',
          reason: 'x'.repeat(3),
          awards: [{ claimIndex: 0, amountRials: 450_000_001 }],
        }),
      );
      expect(above.message).toMatch(/^claim 0 is awarded 450000001 rials, more than the 450000000 it can be awarded/);
      const stranger = await refusal(
        act(handle, 'castVote', member('stranger'), { decision: 'uphold', reason: 'proven' }),
      );
      expect(stranger).toEqual({ type: 'NotAllowed', message: 'only members of this case’s board vote' });
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
    },
  );

  it.concurrent(
    'refuses a vote before the session is held, and one after the ruling is sealed with the true reason',
    async () => {
      const handle = await harness.start();
      await toHearing(handle);
      await act(handle, 'assignBoard', officer, { members: firstBoard });
      const beforeHeld = await refusal(act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' }));
      expect(beforeHeld).toEqual({ type: 'WrongStage', message: 'votes open once the session is held' });
      await act(handle, 'settle', clerk, { terms: 'cleanup' });

      const ruled = await heard();
      for (const m of [presiding, workers, employers]) {
        await act(ruled, 'castVote', m, { decision: 'reject', reason: 'not proven' });
      }
      const late = await refusal(act(ruled, 'castVote', employers, { decision: 'uphold', reason: 'changed my mind' }));
      expect(late).toEqual({
        type: 'WrongStage',
        message: 'the ruling of this instance is sealed; votes can no longer change',
      });
      await act(ruled, 'settle', clerk, { terms: 'cleanup' }).catch(() => undefined);
    },
  );

  it.concurrent('seals on its own at a majority, each claim at the largest amount a majority awarded', async () => {
    const handle = await heard();
    await act(handle, 'castVote', presiding, {
      decision: 'partial',
      reason: 'part',
      awards: [{ claimIndex: 0, amountRials: 300_000_000 }],
    });
    await act(handle, 'castVote', workers, {
      decision: 'partial',
      reason: 'part',
      awards: [{ claimIndex: 0, amountRials: 200_000_000 }],
    });
    await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
    // Two of three award: the majority's claim-0 award is the second largest, 200,000,000; nobody awarded claim 1.
    const ruled = await waitForState(handle, (s) => s.rulings.length === 1);
    expect(ruled.rulings[0]).toMatchObject({
      instance: 1,
      session: 1,
      decision: 'partial',
      awards: [{ claimIndex: 0, amountRials: 200_000_000 }],
    });
    expect(ruled.stage === 'ruling' || ruled.stage === 'appeal').toBe(true);
    await act(handle, 'settle', clerk, { terms: 'cleanup' }).catch(() => undefined);
  });

  it.concurrent('pre-fills the Art. 165 remedies of the dismissal claim for the board', async () => {
    const handle = await heard();
    const state = await handle.query(stateQuery, presiding);
    expect(state.suggestedRemedies).toEqual([expect.objectContaining({ claimIndex: 1 })]);
    // 1398/01/01 to 1404/07/09 is 6 Jalali years, 6 months and 8 days: 45 days' wage a year, pro rata, exactly.
    expect(state.suggestedRemedies[0]?.compensation.service).toEqual({ years: 6, months: 6, days: 8 });
    expect(state.suggestedRemedies[0]?.compensation.rials).toBe(
      (150_000_000 * 45 * (6 * 360 + 6 * 30 + 8)) / (30 * 360),
    );
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });

  it.concurrent(
    'renews the session when no side has a majority, and escalates the third renewal to the supervisor',
    async () => {
      // A board of five, quorum three, majority three: a 2–1 vote of three members decides nothing.
      const policy: Policy = {
        ...fastPolicy,
        boards: { ...fastPolicy.boards, first: { size: 5, quorum: 3, majority: 3 } },
      };
      const board = [
        ...firstBoard,
        { userId: 'member-4', name: 'Fourth member' },
        { userId: 'member-5', name: 'Fifth member' },
      ];
      const handle = await harness.start({ policy });
      await toHearing(handle);
      for (let session = 1; session <= 3; session++) {
        await holdHearing(handle, board, { assign: session === 1 });
        await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
        await act(handle, 'castVote', workers, { decision: 'uphold', reason: 'proven' });
        const renewed = await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
        expect(renewed).toMatchObject({ stage: 'hearing', renewals: session, votes: [], rulings: [] });
        expect(renewed.hearing).toMatchObject({ session: session + 1, round: 0 });
        expect(renewed.hearing?.at).toBeUndefined();
      }
      const escalated = await waitForState(handle, (s) => s.escalations.some((e) => e.kind === 'no_majority'));
      expect(escalated.escalations.find((e) => e.kind === 'no_majority')).toMatchObject({ level: 2 });
      const summonses = escalated.notices.filter((n) => n.documentType === 'hearing_summons').map((n) => n.purpose);
      expect(new Set(summonses)).toEqual(new Set(['summons:1:1:1', 'summons:1:2:1', 'summons:1:3:1']));
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
    },
  );
});

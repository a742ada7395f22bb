/** Appeals: each party's window runs from its own service, neither shortens the other's, and the law fixes them. */
import type { Actor, Filing } from '../../domain/case';
import { deadlineIds } from '../../domain/deadlines';
import type { Policy } from '../../domain/policy';
import { act, firstBoard, holdHearing, member, secondBoard, toHearing } from '../helpers/actions';
import {
  clerk,
  complainantParty,
  officer,
  policyWith,
  reached,
  respondentParty,
  validFiling,
  waitForState,
  type CaseHandle,
} from '../helpers/cases';
import { refusal, respondentIdOf, startHarness, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

const [presiding, workers, employers] = firstBoard.map((m) => member(m.userId)) as [Actor, Actor, Actor];

async function ruled(filing: Filing = validFiling(), policy?: Policy): Promise<CaseHandle> {
  const handle = await harness.start({ filing, policy });
  await toHearing(handle);
  await holdHearing(handle);
  await act(handle, 'castVote', presiding, { decision: 'uphold', reason: 'proven' });
  await act(handle, 'castVote', workers, { decision: 'uphold', reason: 'proven' });
  await act(handle, 'castVote', employers, { decision: 'reject', reason: 'not proven' });
  return handle;
}

describe('appeals', () => {
  it.concurrent(
    'states in each party’s ruling notice until when it may appeal, and reminds it before the end',
    async () => {
      const handle = await ruled();
      // Reached, not exactly there: the windows are short, and this test waits them out.
      const state = await waitForState(handle, (s) => reached(s, 'appeal'));
      const sent = harness.gateway.notices.filter((n) => n.caseRef === state.caseNumber && n.documentType === 'ruling');
      expect(sent).toHaveLength(2);
      for (const notice of sent) {
        expect(notice.title).toBe('Ruling of the Diagnosis Board');
        expect(notice.body).toMatch(/the claims are upheld\./);
        expect(notice.body).toMatch(
          /may appeal in writing to the Dispute Resolution Board within 3 calendar days .* until \d{4}\/\d{2}\/\d{2}/,
        );
      }
      const final = await waitForState(handle, (s) => s.stage === 'compliance', 30_000);
      const reminders = final.notices
        .filter((n) => n.purpose.startsWith('reminder:appeal'))
        .map((n) => `${n.purpose}/${n.recipient}`);
      expect(reminders.sort()).toEqual([
        'reminder:appeal:complainant:0/complainant',
        'reminder:appeal:respondent:0/respondent',
      ]);
      expect(final.deadlines.filter((d) => d.kind === 'appeal').every((d) => d.closedAt && !d.overdue)).toBe(true);
      await act(handle, 'recordCompliance', officer, {});
    },
  );

  it.concurrent(
    'opens each window on that party’s own service, and one party’s appeal never shortens the other’s',
    async () => {
      const filing = validFiling();
      // Windows of twenty fast days: both parties appeal in turn, and a loaded machine must not outrun them.
      const handle = await ruled(filing, policyWith({ appeal: 20 }));
      const open = await waitForState(handle, (s) => s.stage === 'appeal');
      const respondentWindow = open.deadlines.find((d) => d.id === deadlineIds.appeal('respondent'));
      const respondentRuling = open.notices.find((n) => n.documentType === 'ruling' && n.recipient === 'respondent');
      expect(respondentWindow).toMatchObject({
        startedAt: respondentRuling?.servedAt,
        party: 'respondent',
        basis: respondentRuling?.key,
      });

      const appealed = await act(handle, 'fileAppeal', complainantParty, {
        party: 'complainant',
        grounds: 'the award is too low',
      });
      expect(appealed.stage).toBe('appeal');
      expect(appealed.deadlines.find((d) => d.id === deadlineIds.appeal('respondent'))).toMatchObject({
        dueAt: respondentWindow?.dueAt,
      });
      expect(appealed.deadlines.find((d) => d.id === deadlineIds.appeal('respondent'))?.closedAt).toBeUndefined();
      const again = await refusal(
        act(handle, 'fileAppeal', complainantParty, { party: 'complainant', grounds: 'again' }),
      );
      expect(again).toEqual({ type: 'WrongStage', message: 'the complainant has already appealed' });
      const forOther = await refusal(
        act(handle, 'fileAppeal', respondentParty, { party: 'complainant', grounds: 'not mine' }),
      );
      expect(forOther).toEqual({ type: 'NotAllowed', message: 'a party acts only for itself' });

      // The respondent objects too, in its own window: both are heard together by the second-instance board.
      await act(handle, 'fileAppeal', respondentParty, { party: 'respondent', grounds: 'the award is too high' });
      const second = await waitForState(handle, (s) => s.stage === 'hearing');
      expect(second.appeals.map((a) => a.party).sort()).toEqual(['complainant', 'respondent']);
      expect(second.hearing).toMatchObject({ instance: 2, session: 1 });
      expect(second.board).toBeUndefined();
      const firstBoardAgain = await refusal(act(handle, 'assignBoard', officer, { members: firstBoard }));
      expect(firstBoardAgain).toEqual({
        type: 'InvalidInput',
        message: 'a second-instance (Dispute Resolution) board has 9 members, not 3',
      });
      await act(handle, 'assignBoard', officer, { members: secondBoard });
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
      expect(respondentIdOf(filing)).toBeTruthy();
    },
  );

  it.concurrent('refuses to extend an appeal window: it is statutory', async () => {
    const handle = await ruled(validFiling(), policyWith({ appeal: 20 }));
    await waitForState(handle, (s) => s.stage === 'appeal');
    const extended = await refusal(
      act(handle, 'extendDeadline', officer, {
        deadline: 'appeal',
        party: 'respondent',
        businessDays: 1,
        reason: 'asked',
      }),
    );
    expect(extended).toEqual({ type: 'LimitReached', message: 'the appeal window is statutory: no one may extend it' });
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent('refuses an appeal once the party’s window has lapsed, and makes the ruling final', async () => {
    const handle = await ruled();
    const lapsed = await waitForState(handle, (s) =>
      Boolean(s.deadlines.find((d) => d.id === deadlineIds.appeal('respondent'))?.closedAt),
    );
    const window = lapsed.deadlines.find((d) => d.id === deadlineIds.appeal('respondent'));
    expect(window?.overdue).toBe(false);
    const late = await refusal(
      act(handle, 'fileAppeal', respondentParty, { party: 'respondent', grounds: 'too late' }),
    );
    expect(late.type).toBe('WrongStage');
    expect(late.message).toMatch(
      /^(the appeal window of the respondent closed on \d{4}\/\d{2}\/\d{2}|the ruling is final: it cannot be appealed|appeals are filed against a ruling; the case is in compliance)$/,
    );
    const final = await waitForState(handle, (s) => s.stage === 'compliance');
    expect(final.rulings[0]?.finalAt).toBeDefined();
    await act(handle, 'recordCompliance', officer, {});
  });
});

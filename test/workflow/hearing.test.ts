/** The response window, the hearing's scheduling, summons, sessions, adjournments, remote reviews and re-summons. */
import type { CaseStateView } from '../../domain/case';
import { deadlineIds } from '../../domain/deadlines';
import { EscalationLevel, Overdue } from '../../workflows/search-attributes';
import { act, dulySummoned, firstBoard, inSeconds, toHearing, waitForAction, sessionAt } from '../helpers/actions';
import {
  clerk,
  complainantParty,
  officer,
  policyWith,
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

async function scheduled(handle: CaseHandle, seconds = 6, mode: 'in_person' | 'remote' = 'in_person') {
  await toHearing(handle);
  await act(handle, 'assignBoard', officer, { members: firstBoard });
  return act(handle, 'scheduleHearing', officer, { at: sessionAt(seconds), mode, location: 'Room 3' });
}

describe('the response window', () => {
  it.concurrent('reminds the employer, notes the default, escalates, and goes on to the hearing', async () => {
    const handle = await harness.start();
    await act(handle, 'acceptComplaint', clerk, {});
    const defaulted = await waitForState(handle, (s) => s.stage === 'hearing');
    expect(defaulted.response).toMatchObject({ defaulted: true });
    expect(defaulted.escalations.find((e) => e.kind === 'response_overdue')).toMatchObject({
      level: 1,
      deadlineId: 'response',
    });
    const reminder = defaulted.notices.find((n) => n.documentType === 'reminder');
    expect(reminder).toMatchObject({ recipient: 'respondent', purpose: 'reminder:response:0' });

    // A late answer is still taken before the hearing, and ends the escalation.
    const late = await act(handle, 'recordResponse', respondentParty, { text: 'We were abroad.' });
    expect(late.response).toMatchObject({ defaulted: false, text: 'We were abroad.' });
    expect(late.escalations.find((e) => e.kind === 'response_overdue')?.resolvedAt).toBeDefined();
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent(
    'counts the hearing-scheduling window from the end of the response window, not from the answer',
    async () => {
      const handle = await harness.start();
      await toHearing(handle); // answered at once, well before the window's end
      const state = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'hearing_scheduling'));
      const response = state.deadlines.find((d) => d.id === deadlineIds.response());
      const scheduling = state.deadlines.find((d) => d.kind === 'hearing_scheduling');
      expect(response?.closedAt).toBeDefined();
      expect(scheduling?.startedAt).toBe(response?.dueAt);
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );

  it.concurrent(
    'escalates an unscheduled hearing up the ladder, shown in the search attributes, until scheduled',
    async () => {
      const handle = await harness.start();
      await toHearing(handle);
      await waitForState(
        handle,
        (s) => s.escalations.some((e) => e.kind === 'hearing_not_scheduled' && e.level === 3),
        40_000,
      );
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(Overdue)).toBe(true);
      expect(described.typedSearchAttributes.get(EscalationLevel)).toBe(3);
      await act(handle, 'assignBoard', officer, { members: firstBoard });
      await act(handle, 'scheduleHearing', officer, { at: inSeconds(5), mode: 'in_person' });
      const resolved = await waitForState(handle, (s) => s.escalations.every((e) => e.resolvedAt));
      expect(resolved.escalations.find((e) => e.kind === 'hearing_not_scheduled')?.level).toBe(3);
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
    },
  );
});

describe('scheduling and summons', () => {
  it.concurrent(
    'closes each summons’ delivery window in the read model too, so it never shows as the next deadline',
    async () => {
      // A session a minute ahead and summonses delivered well after their sends were projected: the projector is
      // idle when the delivery arrives, and nothing else happens to the case afterwards that would carry the
      // closed windows to the read model by chance (before 0.3 they stayed there as its next deadline).
      const filing = validFiling();
      const handle = await harness.start({ filing, policy: policyWith({ summonsLeadTime: 1 }) });
      await toHearing(handle);
      for (const id of [filing.complainant.nationalId, respondentIdOf(filing)])
        harness.gateway.deliveryFor.set(id, { kind: 'deliver', afterMs: 1500 });
      await act(handle, 'assignBoard', officer, { members: firstBoard });
      await act(handle, 'scheduleHearing', officer, { at: sessionAt(60), mode: 'in_person', location: 'Room 3' });
      const quiet = await waitForState(
        handle,
        (s) =>
          s.notices.filter((n) => n.documentType === 'hearing_summons' && n.servedAt).length === 2 &&
          s.projectedSeq === s.auditSeq,
      );
      const closed = quiet.deadlines.filter((d) => d.kind === 'notice_delivery' && d.closedAt);
      expect(closed.length).toBeGreaterThanOrEqual(3); // the complaint's and both summonses'
      const open = quiet.deadlines.filter((d) => !d.closedAt).map((d) => d.dueAt);
      expect(harness.gateway.snapshots.get(quiet.caseNumber)?.nextDeadline).toBe(open.sort()[0]);
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
    },
  );

  it.concurrent('refuses a session too soon to serve the summons, and one before the board is assigned', async () => {
    // A lead time of thirty fast days, so that a session five seconds ahead is too soon but not yet past.
    const handle = await harness.start({ policy: policyWith({ summonsLeadTime: 30 }) });
    await toHearing(handle);
    const noBoard = await refusal(act(handle, 'scheduleHearing', officer, { at: inSeconds(5), mode: 'in_person' }));
    expect(noBoard).toEqual({ type: 'WrongStage', message: 'assign a board first' });
    await act(handle, 'assignBoard', officer, { members: firstBoard });
    const tooSoon = await refusal(act(handle, 'scheduleHearing', officer, { at: inSeconds(5), mode: 'in_person' }));
    expect(tooSoon.type).toBe('InvalidInput');
    expect(tooSoon.message).toMatch(
      /^at: the session must be on or after \d{4}\/\d{2}\/\d{2} so that summons can be served in time$/,
    );
    const past = await refusal(act(handle, 'scheduleHearing', officer, { at: inSeconds(-60), mode: 'in_person' }));
    expect(past).toEqual({ type: 'InvalidInput', message: 'at is in the past' });
    await act(handle, 'withdraw', complainantParty, { reason: 'cleanup' });
  });

  it.concurrent('summons both parties, judges each summons against the lead time, and sits at its time', async () => {
    const handle = await harness.start();
    const at = (await scheduled(handle)).hearing?.at;
    const early = await refusal(
      act(handle, 'recordHearingHeld', officer, { attendance: { complainant: true, respondent: true }, minutes: 'x' }),
    );
    expect(early).toEqual({ type: 'WrongStage', message: `the session sits at ${at}; it cannot be recorded before` });
    await dulySummoned(handle, 'complainant', 1);
    const summoned = await waitForState(handle, (s) =>
      Boolean(s.hearing?.summons.every((x) => x.duly !== undefined) && s.hearing.summons.length === 2),
    );
    expect(summoned.hearing?.summons.map((x) => [x.side, x.round, x.duly]).sort()).toEqual([
      ['complainant', 1, true],
      ['respondent', 1, true],
    ]);
    const sent = harness.gateway.notices.filter(
      (n) => n.documentType === 'hearing_summons' && n.caseRef === summoned.caseNumber,
    );
    expect(sent.map((n) => n.title)).toEqual([
      expect.stringMatching(/^Summons to the Diagnosis Board on \d{4}\/\d{2}\/\d{2}$/),
      expect.any(String),
    ]);
    await waitForAction(handle, officer, 'recordHearingHeld');
    const held = await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: true, respondent: false },
      minutes: 'The employer did not come; absence does not stop the hearing.',
    });
    expect(held.hearing?.held).toMatchObject({ attendance: { complainant: true, respondent: false }, remote: false });
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });

  it.concurrent(
    'refuses to record absent a party whose summons was never served: the session must be moved',
    async () => {
      const filing = validFiling();
      harness.gateway.deliveryFor.set(filing.complainant.nationalId, { kind: 'silent' });
      const handle = await harness.start({ filing });
      await scheduled(handle);
      await waitForAction(handle, officer, 'recordHearingHeld');
      const absent = await refusal(
        act(handle, 'recordHearingHeld', officer, {
          attendance: { complainant: false, respondent: true },
          minutes: 'x',
        }),
      );
      expect(absent).toEqual({
        type: 'WrongStage',
        message:
          'the complainant was not duly summoned (its summons has not been served): it cannot be recorded absent; adjourn the session',
      });
      // A party who comes despite the missing summons is simply heard.
      const held = await act(handle, 'recordHearingHeld', officer, {
        attendance: { complainant: true, respondent: true },
        minutes: 'both came',
      });
      expect(held.hearing?.held).toBeDefined();
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
    },
  );

  it.concurrent('adjourns a session at most twice, summoning both parties again for each new time', async () => {
    const handle = await harness.start();
    await scheduled(handle);
    const noReason = await refusal(act(handle, 'adjournHearing', officer, { reason: '', newAt: inSeconds(6) }));
    expect(noReason.type).toBe('InvalidInput');
    await act(handle, 'adjournHearing', officer, { reason: 'member ill', newAt: inSeconds(6) });
    const twice = await act(handle, 'adjournHearing', officer, { reason: 'interpreter absent', newAt: inSeconds(7) });
    expect(twice.hearing).toMatchObject({ adjournments: 2, round: 3 });
    const third = await refusal(act(handle, 'adjournHearing', officer, { reason: 'again', newAt: inSeconds(8) }));
    expect(third).toEqual({
      type: 'LimitReached',
      message: 'the session has been adjourned 2 times, the most allowed',
    });
    // Each new time is a new round; a round's summons not yet served when the next comes are superseded.
    const served = (s: CaseStateView, side: string) =>
      s.notices.some((n) => n.purpose === 'summons:1:1:3' && n.recipient === side && n.servedAt);
    const round3 = await waitForState(handle, (s) => served(s, 'complainant') && served(s, 'respondent'));
    const summonses = round3.notices.filter((n) => n.documentType === 'hearing_summons');
    expect(summonses.map((n) => `${n.purpose}/${n.recipient}`).sort()).toEqual(
      [1, 2, 3].flatMap((r) => [`summons:1:1:${r}/complainant`, `summons:1:1:${r}/respondent`]),
    );
    for (const n of summonses) expect(n.servedAt !== undefined || n.status === 'superseded').toBe(true);
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });

  it.concurrent(
    'opens a remote review for votes at its scheduled time; it is not recorded as held in a room',
    async () => {
      const handle = await harness.start();
      await scheduled(handle, 6, 'remote');
      const inRoom = await refusal(
        act(handle, 'recordHearingHeld', officer, {
          attendance: { complainant: true, respondent: true },
          minutes: 'x',
        }),
      );
      expect(inRoom.message).toBe('a remote review is not held in a room: the members vote once it opens');
      const opened = await waitForState(handle, (s) => Boolean(s.hearing?.held));
      expect(opened.hearing?.held).toMatchObject({ remote: true, minutes: 'remote review' });
      await act(handle, 'settle', clerk, { terms: 'cleanup' });
    },
  );

  it.concurrent('summons an absent respondent again once, and refuses a second re-summons', async () => {
    const handle = await harness.start();
    await scheduled(handle);
    await dulySummoned(handle, 'respondent', 1);
    await waitForAction(handle, officer, 'recordHearingHeld');
    const again = await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: true, respondent: false },
      minutes: 'The board must hear the employer.',
      resummon: { sides: ['respondent'], at: sessionAt() },
    });
    expect(again.hearing).toMatchObject({ round: 2, resummoned: ['respondent'] });
    expect(again.hearing?.held).toBeUndefined();
    await dulySummoned(handle, 'respondent', 2);
    await waitForAction(handle, officer, 'recordHearingHeld');
    const twice = await refusal(
      act(handle, 'recordHearingHeld', officer, {
        attendance: { complainant: true, respondent: false },
        minutes: 'absent again',
        resummon: { sides: ['respondent'], at: inSeconds(5) },
      }),
    );
    expect(twice).toEqual({ type: 'LimitReached', message: 'the respondent has already been summoned again once' });
    const present = await refusal(
      act(handle, 'recordHearingHeld', officer, {
        attendance: { complainant: true, respondent: false },
        minutes: 'x',
        resummon: { sides: ['complainant'], at: inSeconds(5) },
      }),
    );
    expect(present).toEqual({
      type: 'InvalidInput',
      message: 'the complainant attended: there is no one to summon again',
    });
    // The respondent absent again does not stop the hearing.
    const held = await act(handle, 'recordHearingHeld', officer, {
      attendance: { complainant: true, respondent: false },
      minutes: 'heard',
    });
    expect(held.stage).toBe('hearing');
    expect(held.hearing?.held).toBeDefined();
    await act(handle, 'settle', clerk, { terms: 'cleanup' });
  });
});

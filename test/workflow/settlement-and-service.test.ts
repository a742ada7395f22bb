/** Settlement needs both sides, only the complainant withdraws, deadlines extend within limits, services can be set aside. */
import { deadlineIds } from '../../domain/deadlines';
import { availableActionsQuery } from '../../workflows/messages';
import { act, toHearing } from '../helpers/actions';
import { clerk, complainantParty, officer, policyWith, respondentParty, waitForState } from '../helpers/cases';
import { refusal, startHarness, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('settlement and withdrawal', () => {
  it.concurrent('settles only once both sides consent, each from its own account', async () => {
    const handle = await harness.start();
    await toHearing(handle);
    const one = await act(handle, 'settle', respondentParty, { terms: 'we pay 300,000,000 rials' });
    expect(one).toMatchObject({
      stage: 'hearing',
      settlementConsents: [expect.objectContaining({ side: 'respondent' })],
    });
    const twice = await refusal(act(handle, 'settle', respondentParty, { terms: 'again' }));
    expect(twice).toEqual({
      type: 'WrongStage',
      message: 'the respondent has already consented; the case settles when the other side does',
    });
    const both = await act(handle, 'settle', complainantParty, { terms: 'we accept 300,000,000 rials' });
    expect(both).toMatchObject({ stage: 'closed', outcome: 'settled' });
    expect((await handle.result()).settlement?.terms).toBe('we accept 300,000,000 rials');
  });

  it.concurrent('closes at once on a settlement both parties signed, recorded by a clerk', async () => {
    const handle = await harness.start();
    await act(handle, 'acceptComplaint', clerk, {});
    const settled = await act(handle, 'settle', clerk, { terms: 'signed at the office' });
    expect(settled).toMatchObject({ stage: 'closed', outcome: 'settled' });
    expect(settled.deadlines.every((d) => d.closedAt)).toBe(true);
  });

  it.concurrent('lets only the complainant’s side withdraw', async () => {
    const handle = await harness.start();
    const byEmployer = await refusal(act(handle, 'withdraw', respondentParty, { reason: 'we would like that' }));
    expect(byEmployer).toEqual({ type: 'NotAllowed', message: 'only the complainant may withdraw' });
    const withdrawn = await act(handle, 'withdraw', complainantParty, { reason: 'found another job' });
    expect(withdrawn).toMatchObject({ stage: 'closed', outcome: 'withdrawn', closingReason: 'found another job' });
    // A closed case takes no update (the server refuses it); its actions say why.
    const actions = await handle.query(availableActionsQuery, clerk);
    expect(actions.find((a) => a.action === 'acceptComplaint')).toEqual({
      action: 'acceptComplaint',
      allowed: false,
      reason: 'the case is closed (withdrawn)',
    });
  });
});

describe('deadline extensions', () => {
  it.concurrent(
    'extends the response window at most twice, by at most the policy maximum, only by an officer',
    async () => {
      const handle = await harness.start();
      await act(handle, 'acceptComplaint', clerk, {});
      const opened = await waitForState(handle, (s) => s.stage === 'response');
      const due = opened.deadlines.find((d) => d.id === deadlineIds.response())?.dueAt ?? '';
      const tooLong = await refusal(
        act(handle, 'extendDeadline', officer, { deadline: 'response', businessDays: 4, reason: 'asked' }),
      );
      expect(tooLong).toEqual({ type: 'LimitReached', message: 'an extension is at most 3 business days' });
      const byClerk = await refusal(
        act(handle, 'extendDeadline', clerk, { deadline: 'response', businessDays: 1, reason: 'asked' }),
      );
      expect(byClerk).toEqual({
        type: 'NotAllowed',
        message: 'clerk may not extend-deadline; it needs officer or supervisor',
      });
      const once = await act(handle, 'extendDeadline', officer, {
        deadline: 'response',
        businessDays: 2,
        reason: 'lawyer ill',
      });
      const onceDue = once.deadlines.find((d) => d.id === deadlineIds.response())?.dueAt ?? '';
      expect(Date.parse(onceDue) - Date.parse(due)).toBe(2000);
      await act(handle, 'extendDeadline', officer, { deadline: 'response', businessDays: 1, reason: 'documents' });
      const third = await refusal(
        act(handle, 'extendDeadline', officer, { deadline: 'response', businessDays: 1, reason: 'again' }),
      );
      expect(third).toEqual({ type: 'LimitReached', message: 'the response deadline was already extended 2 times' });
      const passed = await waitForState(handle, (s) => s.stage === 'hearing');
      const escalation = passed.escalations.find((e) => e.kind === 'response_overdue');
      expect(Date.parse(escalation?.raisedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(onceDue) + 1000);
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );
});

describe('service set aside', () => {
  it.concurrent('serves the complaint again and restarts the response window from the new service', async () => {
    const handle = await harness.start({ policy: policyWith({ response: 60 }) });
    await act(handle, 'acceptComplaint', clerk, {});
    const first = await waitForState(handle, (s) => s.stage === 'response');
    const served = first.notices.find((n) => n.purpose === 'complaint');
    const reminderNotAService = await refusal(
      act(handle, 'setAsideService', clerk, {
        noticeKey: 'THR-0000-000000:complaint:respondent:9',
        reason: 'never got it',
      }),
    );
    expect(reminderNotAService.message).toMatch(/^there is no notice .* in this case$/);
    const setAside = await act(handle, 'setAsideService', clerk, {
      noticeKey: served?.key ?? '',
      reason: 'the employer’s account was suspended',
    });
    expect(setAside.notices.find((n) => n.key === served?.key)).toMatchObject({ status: 'set_aside' });
    const restarted = await waitForState(
      handle,
      (s) => (s.deadlines.find((d) => d.id === deadlineIds.response())?.restarts ?? 0) === 1,
    );
    const again = restarted.notices.find((n) => n.purpose === 'complaint' && !n.setAside);
    expect(again?.key).toBe(`${restarted.caseNumber}:complaint:respondent:2`);
    expect(restarted.deadlines.find((d) => d.id === deadlineIds.response())).toMatchObject({
      startedAt: again?.servedAt,
      basis: again?.key,
      extensions: 0,
    });
    const twice = await refusal(
      act(handle, 'setAsideService', clerk, { noticeKey: served?.key ?? '', reason: 'again' }),
    );
    expect(twice).toEqual({ type: 'WrongStage', message: 'that service has already been set aside' });
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent('refuses to set aside a service nothing runs from any more', async () => {
    const handle = await harness.start();
    await toHearing(handle);
    const state = await waitForState(handle, (s) => s.stage === 'hearing');
    const complaint = state.notices.find((n) => n.purpose === 'complaint');
    const refused = await refusal(
      act(handle, 'setAsideService', clerk, { noticeKey: complaint?.key ?? '', reason: 'late claim' }),
    );
    expect(refused).toEqual({
      type: 'WrongStage',
      message: 'no served notice has anything still running from it',
    });
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });
});

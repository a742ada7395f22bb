/** Intake and service of the complaint: corrections, delivery, late delivery, service by hand, a lost notice. */
import { deadlineIds } from '../../domain/deadlines';
import { fastPolicy } from '../../domain/policy';
import { EscalationLevel, Overdue } from '../../workflows/search-attributes';
import { act } from '../helpers/actions';
import { historyEvents } from '../helpers/histories';
import {
  clerk,
  complainantParty,
  policyWith,
  reached,
  respondentParty,
  validFiling,
  waitForState,
} from '../helpers/cases';
import {
  gatewayEventUpdate,
  noticeEventSignal,
  stateQuery,
  UNKNOWN_GATEWAY_KEY,
  unprojectedQuery,
} from '../../workflows/messages';
import { refusal, respondentIdOf, startHarness, workflowTaskFailures, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('intake', () => {
  it.concurrent('reopens intake after a correction is submitted, then accepts the corrected complaint', async () => {
    const handle = await harness.start({ policy: policyWith({ correction: 10 }) });
    const requested = await act(handle, 'requestCorrection', clerk, {
      reason: 'job title missing',
      fields: ['employment'],
    });
    expect(requested.correction).toMatchObject({ reason: 'job title missing', fields: ['employment'] });
    const again = await refusal(act(handle, 'requestCorrection', clerk, { reason: 'and the wage slip' }));
    expect(again).toEqual({ type: 'WrongStage', message: 'a correction is already awaited from the complainant' });
    const window = await waitForState(handle, (s) => s.deadlines.some((d) => d.id === deadlineIds.correction(1)));
    expect(window.deadlines[0]).toMatchObject({ kind: 'correction', extensions: 0, provisional: false });

    const byRespondent = await refusal(
      act(handle, 'submitCorrection', respondentParty, { changes: { statement: 'x' } }),
    );
    expect(byRespondent).toEqual({ type: 'NotAllowed', message: 'only the complainant may submit-correction' });
    const corrected = await act(handle, 'submitCorrection', complainantParty, {
      changes: { statement: 'I was a weaver for six years.' },
    });
    expect(corrected.filing.statement).toBe('I was a weaver for six years.');
    expect(corrected.stage).toBe('intake');
    const closed = await waitForState(handle, (s) => Boolean(s.deadlines[0]?.closedAt));
    expect(closed.deadlines[0]?.overdue).toBe(false);

    const accepted = await act(handle, 'acceptComplaint', clerk, {});
    expect(reached(accepted, 'notice')).toBe(true);
    await act(handle, 'withdraw', complainantParty, { reason: 'cleanup' });
  });

  it.concurrent(
    'reminds the complainant before the correction window closes, then closes the case as abandoned',
    async () => {
      // Reminded three fast days before the end: a reminder still being sent when the window closes is superseded,
      // and a loaded machine must not take a whole (one-second) day to send it.
      const handle = await harness.start({ policy: policyWith({ correction: 5, reminderBefore: 3 }) });
      await act(handle, 'requestCorrection', clerk, { reason: 'wage slip missing' });
      const result = await handle.result();
      expect(result).toMatchObject({ stage: 'closed', outcome: 'abandoned' });
      expect(result.escalations.map((e) => e.kind)).toEqual(['correction_overdue']);
      const reminder = result.notices.find((n) => n.documentType === 'reminder');
      expect(reminder).toMatchObject({ recipient: 'complainant', purpose: `reminder:${deadlineIds.correction(1)}:0` });
      const sent = harness.gateway.notices.find((n) => n.key === reminder?.key);
      expect(sent?.title).toMatch(/^Reminder: your window to correct the complaint ends on \d{4}\/\d{2}\/\d{2}$/);
    },
  );

  it.concurrent('supersedes a reminder still being sent when the complainant corrects in time', async () => {
    const filing = validFiling();
    harness.gateway.deliveryFor.set(filing.complainant.nationalId, { kind: 'refuse', type: 'GatewayUnavailable' });
    const handle = await harness.start({ filing, policy: policyWith({ correction: 5 }) });
    await act(handle, 'requestCorrection', clerk, { reason: 'wage slip missing' });
    const sending = await waitForState(handle, (s) => s.notices.some((n) => n.documentType === 'reminder'));
    expect(sending.notices.find((n) => n.documentType === 'reminder')?.status).toBe('sending');

    await act(handle, 'submitCorrection', complainantParty, { changes: { statement: 'wage slips attached' } });
    const after = await waitForState(handle, (s) => s.notices.some((n) => n.status === 'superseded'));
    const reminder = after.notices.find((n) => n.documentType === 'reminder');
    expect(reminder).toMatchObject({ status: 'superseded', purpose: `reminder:${deadlineIds.correction(1)}:0` });
    const sent = harness.gateway.notices.filter((n) => n.caseRef === after.caseNumber && n.documentType === 'reminder');
    expect(sent).toEqual([]);
    expect(await workflowTaskFailures(handle)).toEqual([]);
    await act(handle, 'withdraw', complainantParty, { reason: 'cleanup' });
  });

  it.concurrent('accepting a complaint while a correction is awaited ends the wait', async () => {
    const handle = await harness.start();
    await act(handle, 'requestCorrection', clerk, { reason: 'job title missing' });
    const accepted = await act(handle, 'acceptComplaint', clerk, {});
    expect(reached(accepted, 'notice')).toBe(true);
    const state = await waitForState(handle, (s) => s.deadlines.every((d) => d.kind !== 'correction' || d.closedAt));
    expect(state.escalations).toEqual([]);
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });
});

/**
 * A response window of a minute for the tests that look at a served case in `response`: the fast policy's three
 * days can pass between two polls on a loaded machine, and the case would be in `hearing` (seen in CI once).
 */
const inResponseAWhile = policyWith({ response: 60 });

describe('service of the complaint', () => {
  it.concurrent(
    'opens the response window on delivery, counted from the delivery, and invites conciliation',
    async () => {
      const handle = await harness.start({ policy: inResponseAWhile });
      await act(handle, 'acceptComplaint', clerk, {});
      const inResponse = await waitForState(handle, (s) => s.stage === 'response');
      const complaint = inResponse.notices.find((n) => n.purpose === 'complaint');
      const window = inResponse.deadlines.find((d) => d.id === deadlineIds.response());
      expect(window).toMatchObject({ startedAt: complaint?.servedAt, basis: complaint?.key, kind: 'response' });
      expect(inResponse.conciliationInvitedAt).toBeDefined();
      const sent = harness.gateway.notices.find((n) => n.key === complaint?.key);
      expect(sent?.body).toMatch(/invited to conciliation/);
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );

  /** A case whose complaint the gateway took but never reports on (no callback, no poll): only an event serves it. */
  async function silentlySent() {
    const filing = validFiling();
    harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'silent' });
    const handle = await harness.start({ filing, policy: inResponseAWhile });
    await act(handle, 'acceptComplaint', clerk, {});
    const sent = await waitForState(handle, (s) => Boolean(s.notices[0]?.noticeId));
    const { key, noticeId } = sent.notices[0] ?? {};
    if (!key || !noticeId) throw new Error('the complaint was not sent');
    return { handle, caseNumber: sent.caseNumber, key, noticeId };
  }

  it.concurrent(
    'takes a gateway event as an update, refusing one whose key names none of its notices with nothing recorded',
    async () => {
      const { handle, caseNumber, key, noticeId } = await silentlySent();
      const event = (idempotencyKey: string) => ({
        kind: 'notice' as const,
        event: { noticeId, idempotencyKey, event: 'delivered' as const, at: new Date().toISOString() },
      });
      const recorded = async () =>
        (await historyEvents(handle)).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
      const before = await recorded();

      const unknownKey = `${caseNumber}:complaint:respondent:9`;
      const refused = await refusal(handle.executeUpdate(gatewayEventUpdate, { args: [event(unknownKey)] }));
      expect(refused).toEqual({
        type: UNKNOWN_GATEWAY_KEY,
        message: `case ${caseNumber} sent no notice or referral with the key ${unknownKey}`,
      });
      expect(await recorded()).toBe(before);

      await handle.executeUpdate(gatewayEventUpdate, { args: [event(key)], updateId: 'gateway-e1' });
      // The same event ID again (a webhook whose replay table lost it): Temporal answers it, nothing is recorded twice.
      await handle.executeUpdate(gatewayEventUpdate, { args: [event(key)], updateId: 'gateway-e1' });
      expect(await recorded()).toBe(before + 1);
      const inResponse = await waitForState(handle, (s) => s.stage === 'response');
      expect(inResponse.notices[0]).toMatchObject({ status: 'delivered', noticeId });
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );

  it.concurrent('still applies a gateway event sent as a signal, as the webhook did before 0.3.5', async () => {
    const { handle, key, noticeId } = await silentlySent();
    const at = new Date().toISOString();
    await handle.signal(noticeEventSignal, { noticeId, idempotencyKey: key, event: 'delivered', at });
    const inResponse = await waitForState(handle, (s) => s.stage === 'response');
    expect(inResponse.notices[0]).toMatchObject({ status: 'delivered', deliveredAt: at });
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent('learns of a delivery whose callback was lost by polling the gateway', async () => {
    const filing = validFiling();
    harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'deliver', callback: false });
    const handle = await harness.start({ filing, policy: inResponseAWhile });
    await act(handle, 'acceptComplaint', clerk, {});
    const served = await waitForState(handle, (s) => s.stage === 'response');
    expect(served.notices[0]?.status).toBe('delivered');
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent('falls back to service by hand when the employer has no electronic account', async () => {
    const filing = validFiling();
    harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'unregistered' });
    const handle = await harness.start({ filing, policy: inResponseAWhile });
    await act(handle, 'acceptComplaint', clerk, {});
    const waiting = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'manual_service'));
    expect(waiting.notices[0]).toMatchObject({ status: 'not_registered' });
    const byHand = await act(handle, 'recordManualService', clerk, {
      recipient: 'respondent',
      servedAt: new Date().toISOString(),
      method: 'in_person',
    });
    expect(byHand.notices[0]).toMatchObject({ status: 'served_by_hand', manualMethod: 'in_person' });
    const inResponse = await waitForState(handle, (s) => s.stage === 'response');
    expect(inResponse.deadlines.find((d) => d.kind === 'manual_service')?.overdue).toBe(false);
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent(
    'escalates a silent gateway, climbs the ladder, and resolves it when the clerk serves by hand',
    async () => {
      const filing = validFiling();
      harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'silent' });
      const handle = await harness.start({ filing, policy: inResponseAWhile });
      await act(handle, 'acceptComplaint', clerk, {});
      const escalated = await waitForState(handle, (s) =>
        s.escalations.some((e) => e.kind === 'notice_undelivered' && e.level === 2),
      );
      expect(escalated.deadlines.find((d) => d.kind === 'notice_delivery')).toMatchObject({ overdue: true });
      const described = await handle.describe();
      expect(described.typedSearchAttributes.get(Overdue)).toBe(true);
      expect(described.typedSearchAttributes.get(EscalationLevel)).toBeGreaterThanOrEqual(2);
      await act(handle, 'recordManualService', clerk, {
        recipient: 'respondent',
        servedAt: new Date().toISOString(),
        method: 'post',
      });
      const resolved = await waitForState(handle, (s) => s.stage === 'response');
      expect(resolved.escalations.every((e) => e.resolvedAt)).toBe(true);
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );

  it.concurrent(
    'treats a notice the gateway no longer knows (404 on a poll) as failed and asks for service by hand',
    async () => {
      const filing = validFiling();
      harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'lost' });
      const handle = await harness.start({ filing });
      await act(handle, 'acceptComplaint', clerk, {});
      const failed = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'manual_service'));
      expect(failed.notices[0]).toMatchObject({ status: 'failed' });
      expect(failed.notices[0]?.failureReason).toMatch(/status unavailable from the gateway/);
      // The case answers queries and the workflow task never failed: the 404 is a fact, not a crash.
      expect(await workflowTaskFailures(handle)).toEqual([]);
      await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
    },
  );

  it.concurrent('gives up on a send whose schedule-to-close is spent and asks for service by hand', async () => {
    const filing = validFiling();
    harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'refuse', type: 'GatewayUnavailable' });
    const policy = { ...fastPolicy, gateway: { sendWithinMs: 2_000, pollWithinMs: 1_000, maxBackoffMs: 500 } };
    const handle = await harness.start({ filing, policy });
    await act(handle, 'acceptComplaint', clerk, {});
    const failed = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'manual_service'));
    expect(failed.notices[0]).toMatchObject({ status: 'failed' });
    expect(await workflowTaskFailures(handle)).toEqual([]);
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });

  it.concurrent('asks for service by hand when the gateway reports a failed delivery', async () => {
    const filing = validFiling();
    harness.gateway.deliveryFor.set(respondentIdOf(filing), { kind: 'fail_delivery' });
    const handle = await harness.start({ filing });
    await act(handle, 'acceptComplaint', clerk, {});
    const failed = await waitForState(handle, (s) => s.deadlines.some((d) => d.kind === 'manual_service'));
    expect(failed.notices[0]).toMatchObject({ status: 'failed', failureReason: 'mailbox closed' });
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });
});

describe('the read model', () => {
  it.concurrent('raises an alert and lets the case go on when its projections fail for good', async () => {
    const handle = await harness.start();
    const { caseNumber } = await handle.query(stateQuery);
    harness.gateway.projectFails.add(caseNumber);
    // The update answers at once; its entry's projection is given up on after its retries, and the case goes on.
    const accepted = await act(handle, 'acceptComplaint', clerk, {});
    expect(reached(accepted, 'notice')).toBe(true);
    let unprojected = await handle.query(unprojectedQuery);
    for (const deadline = Date.now() + 60_000; !unprojected.some((e) => e.summary === 'complaint accepted');) {
      if (Date.now() > deadline)
        throw new Error('the failed projection of the acceptance was never kept for reconcile');
      await new Promise((r) => setTimeout(r, 200));
      unprojected = await handle.query(unprojectedQuery);
    }
    harness.gateway.projectFails.delete(caseNumber);
    await waitForState(handle, (s) => reached(s, 'response'));
    expect(await workflowTaskFailures(handle)).toEqual([]);
    await act(handle, 'withdraw', clerk, { reason: 'cleanup' });
  });
});

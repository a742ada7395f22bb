/** The gateway webhook: signatures, staleness, replays and unknown notices, against a real case workflow. */
import { randomUUID } from 'node:crypto';
import { gatewayEventUpdate } from '../../workflows/messages';
import { historyEvents } from '../helpers/histories';
import { startStack, type Stack } from '../helpers/stack';
import { at, call, errorCode, eventually, fileCase, postCallback } from './helpers';

let stack: Stack;
let clerk: string;
let caseNumber: string;
let noticeKey: string;
let noticeId: string;

/** Gateway events the case has recorded: accepted `gatewayEvent` updates (signals before 0.3.5, counted too). */
async function gatewayEventsRecorded(): Promise<number> {
  return (await historyEvents(stack.client.workflow.getHandle(`case-${caseNumber}`))).filter(
    (e) =>
      e.workflowExecutionSignaledEventAttributes ||
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === gatewayEventUpdate.name,
  ).length;
}

function delivered(overrides: Record<string, unknown> = {}) {
  return {
    eventId: randomUUID(),
    noticeId,
    idempotencyKey: noticeKey,
    event: 'delivered',
    at: new Date().toISOString(),
    ...overrides,
  };
}

beforeAll(async () => {
  // The simulator never delivers by itself here: the only callbacks are the ones these tests send.
  stack = await startStack({ sim: { deliverAfterMs: 3_600_000, callbackFailRate: 1 } });
  clerk = await stack.token({ role: 'clerk', provinces: ['THR'] });
  caseNumber = await fileCase(stack, clerk);
  const accepted = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, { token: clerk });
  expect(accepted.status).toBe(200);
  // The complaint notice is sent to the gateway by an activity; wait until the gateway has given it an ID.
  const notice = await eventually(
    async () => {
      const detail = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
      const notices = at(detail.body, 'notices') as { key: string; noticeId?: string }[];
      return notices.find((n) => n.noticeId);
    },
    15_000,
    'the complaint notice to be accepted by the gateway',
  );
  noticeKey = notice.key;
  noticeId = notice.noticeId ?? '';
});

afterAll(async () => {
  await stack?.close();
});

describe('the gateway webhook', () => {
  it.each([
    ['no signature', { signature: '' }, 'missing'],
    ['a malformed signature', { signature: 'v1=abc' }, 'malformed'],
    ['a signature made with another secret', { secret: 'not-the-secret' }, 'mismatch'],
    ['a timestamp older than five minutes', { signedAt: Math.floor(Date.now() / 1000) - 301 }, 'stale'],
  ])('refuses a callback with %s with 401 bad_signature and records nothing', async (_name, options, reason) => {
    const recorded = await gatewayEventsRecorded();
    const events = await stack.db('gateway_events').count<{ count: string }[]>('* as count').first();
    const reply = await postCallback(stack, delivered(), options);
    expect([reply.status, errorCode(reply), at(reply.body, 'error', 'details', 'reason')]).toEqual([
      401,
      'bad_signature',
      reason,
    ]);
    expect(await gatewayEventsRecorded()).toBe(recorded);
    expect(await stack.db('gateway_events').count<{ count: string }[]>('* as count').first()).toEqual(events);
  });

  it('refuses a signed body that is not a callback with 400', async () => {
    const reply = await postCallback(stack, { eventId: 'e', event: 'delivered' });
    expect([reply.status, errorCode(reply)]).toEqual([400, 'invalid_callback']);
  });

  it('answers 404 unknown_notice for a case that does not exist, and lets a later retry through', async () => {
    const callback = delivered({ idempotencyKey: 'THR-1399-999999:complaint:respondent:1' });
    const reply = await postCallback(stack, callback);
    expect([reply.status, errorCode(reply)]).toEqual([404, 'unknown_notice']);
    expect(await stack.db('gateway_events').where({ event_id: callback.eventId }).first()).toBeUndefined();
  });

  it('hands a delivery to the case with 204, which serves the notice and opens the response window', async () => {
    const recorded = await gatewayEventsRecorded();
    const callback = delivered();
    const reply = await postCallback(stack, callback);
    expect(reply.status).toBe(204);
    // 204 comes once the case has recorded the event: it is in the history already.
    expect(await gatewayEventsRecorded()).toBe(recorded + 1);
    const stage = await eventually(
      async () => {
        const detail = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
        return at(detail.body, 'stage') === 'response' ? 'response' : undefined;
      },
      10_000,
      'the response stage',
    );
    expect(stage).toBe('response');

    // The same event again, correctly signed: acknowledged, and nothing recorded.
    const replay = await postCallback(stack, callback);
    expect([replay.status, replay.body]).toEqual([200, { replayed: true }]);
    expect(await gatewayEventsRecorded()).toBe(recorded + 1);
  });

  it('acknowledges an event for a closed case without retrying in vain', async () => {
    const closed = await fileCase(stack, clerk);
    const path = `/api/v1/cases/${closed}/actions`;
    expect((await call(stack, 'POST', `${path}/accept-complaint`, { token: clerk })).status).toBe(200);
    const withdrawn = await call(stack, 'POST', `${path}/withdraw`, {
      token: clerk,
      body: { reason: 'settled at home' },
    });
    expect([withdrawn.status, at(withdrawn.body, 'stage')]).toEqual([200, 'closed']);
    await eventually(
      async () => {
        const description = await stack.client.workflow.getHandle(`case-${closed}`).describe();
        return description.status.name === 'COMPLETED' ? true : undefined;
      },
      10_000,
      'the workflow to complete',
    );
    const reply = await postCallback(stack, delivered({ idempotencyKey: `${closed}:complaint:respondent:1` }));
    expect([reply.status, reply.body]).toEqual([200, { ignored: 'case_closed' }]);
  });

  it('answers 404 unknown_notice for a key that names the case but no notice of it, and records nothing', async () => {
    const recorded = await gatewayEventsRecorded();
    const reply = await postCallback(stack, delivered({ idempotencyKey: `${caseNumber}:complaint:respondent:7` }));
    expect([reply.status, errorCode(reply)]).toEqual([404, 'unknown_notice']);
    expect(await gatewayEventsRecorded()).toBe(recorded);
  });

  it.each([
    ['a 300-character event ID', { eventId: 'e'.repeat(300) }],
    ['a NUL in the event ID', { eventId: 'evt\u0000x' }],
  ])('refuses a signed callback with %s with 400 invalid_callback', async (_name, overrides) => {
    const reply = await postCallback(stack, delivered(overrides));
    expect([reply.status, errorCode(reply)]).toEqual([400, 'invalid_callback']);
  });

  it('counts webhook outcomes in the metrics', async () => {
    const metrics = await call(stack, 'GET', '/metrics');
    expect(metrics.text).toMatch(/davar_gateway_webhook_events_total\{outcome="bad_signature"\} [1-9]/);
    expect(metrics.text).toMatch(/davar_gateway_webhook_events_total\{outcome="replayed"\} 1/);
    expect(metrics.text).toMatch(/davar_gateway_webhook_events_total\{outcome="recorded"\} 1/);
  });
});

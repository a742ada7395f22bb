import { createHttpGateway } from '../../../gateway/http-client';
import { gatewayCallbackSchema, isNoticeEvent } from '../../../gateway/port';
import type { GatewayCallback, NoticeGateway } from '../../../gateway/port';
import { startSimulator } from '../../../gateway/simulator/server';
import type { Simulator } from '../../../gateway/simulator/server';
import { noticeRequest, referralRequest, sleep, startReceiver, waitFor } from './helpers';
import type { Receiver } from './helpers';

const secret = 'test-webhook-secret';
const token = 'test-token';

describe('gateway simulator callbacks', () => {
  let receiver: Receiver;
  let sim: Simulator;
  let gateway: NoticeGateway;
  let dice = 0.5;

  const events = (): GatewayCallback[] =>
    receiver.received.map((callback) => gatewayCallbackSchema.parse(callback.body));

  beforeAll(async () => {
    receiver = await startReceiver(secret);
    sim = await startSimulator({
      port: 0,
      random: () => dice,
      config: { token, callbackSecret: secret, callbackUrl: receiver.url, callbackRetryBaseMs: 10 },
    });
    gateway = createHttpGateway({ baseUrl: sim.url, token });
  });

  beforeEach(async () => {
    dice = 0.5;
    await sim.reset();
    receiver.received.length = 0;
    receiver.answers.length = 0;
    sim.setConfig({
      deliverAfterMs: 10,
      viewAfterMs: 10,
      referralSteps: 10,
      neverView: false,
      callbackFailRate: 0,
      failDelivery: [],
      rejectReferralsFor: [],
    });
  });

  afterAll(async () => {
    await sim.close();
    await receiver.close();
  });

  it('announces delivery and viewing with signed callbacks that each carry a fresh eventId', async () => {
    const { noticeId } = await gateway.sendNotice(noticeRequest(), 'key-signed');
    await waitFor(() => (receiver.received.length >= 2 ? true : undefined));

    expect(receiver.received.every((callback) => callback.check.ok)).toBe(true);
    const received = events();
    expect(received.map((event) => event.event)).toEqual(['delivered', 'viewed']);
    expect(received.every((event) => isNoticeEvent(event) && event.noticeId === noticeId)).toBe(true);
    expect(received.every((event) => event.idempotencyKey === 'key-signed')).toBe(true);
    expect(new Set(received.map((event) => event.eventId)).size).toBe(2);
    // The receiver records a callback before the simulator reads its answer, so the count may lag a moment.
    await waitFor(() => (sim.notices().totals.callbacksSent === 2 ? true : undefined));
  });

  it('announces a failed delivery with its reason and never a viewing', async () => {
    sim.setConfig({ failDelivery: ['0012345678'] });
    await gateway.sendNotice(noticeRequest({ recipient: { nationalId: '0012345678' } }), 'key-failed');
    await waitFor(() => (receiver.received.length >= 1 ? true : undefined));
    await sleep(50);
    expect(events()).toEqual([expect.objectContaining({ event: 'failed', failureReason: expect.any(String) })]);
  });

  it('sends no viewed callback when neverView is set', async () => {
    sim.setConfig({ neverView: true });
    const { noticeId } = await gateway.sendNotice(noticeRequest(), 'key-never-view');
    await waitFor(() => (receiver.received.length >= 1 ? true : undefined));
    await sleep(50);
    expect(events().map((event) => event.event)).toEqual(['delivered']);
    expect((await gateway.getNoticeStatus(noticeId)).status).toBe('delivered');
  });

  it('loses every callback at callbackFailRate 1, while polling still shows the notice delivered', async () => {
    sim.setConfig({ callbackFailRate: 1, neverView: true });
    const { noticeId } = await gateway.sendNotice(noticeRequest(), 'key-lost');
    const status = await waitFor(async () => {
      const current = await gateway.getNoticeStatus(noticeId);
      return current.status === 'delivered' ? current : undefined;
    });
    await sleep(30);
    expect(status.deliveredAt).toBeDefined();
    expect(receiver.received).toHaveLength(0);
    expect(sim.notices().totals).toMatchObject({ callbacksSent: 0, callbacksLost: 1 });
  });

  it('retries a refused callback with the same eventId until Davar accepts it', async () => {
    sim.setConfig({ neverView: true });
    receiver.answers.push(500, 503);
    await gateway.sendNotice(noticeRequest(), 'key-retried');
    await waitFor(() => (receiver.received.length >= 3 ? true : undefined));
    const ids = events().map((event) => event.eventId);
    expect(new Set(ids).size).toBe(1);
    await waitFor(() => (sim.notices().totals.callbacksSent === 1 ? true : undefined));
    expect(sim.notices().totals.callbacksFailed).toBe(0);
  });

  it('gives up on a callback after callbackMaxAttempts refusals', async () => {
    sim.setConfig({ neverView: true, callbackMaxAttempts: 2 });
    receiver.answers.push(500, 500, 500);
    await gateway.sendNotice(noticeRequest(), 'key-given-up');
    await waitFor(() => (sim.notices().totals.callbacksFailed === 1 ? true : undefined));
    expect(receiver.received).toHaveLength(2);
    sim.setConfig({ callbackMaxAttempts: 4 });
  });

  it('announces each step of a referral: order issued, executed, closed', async () => {
    const { referralId } = await gateway.referToEnforcement(referralRequest(), 'key-referral-steps');
    await waitFor(() => (receiver.received.length >= 3 ? true : undefined));
    expect(receiver.received.every((callback) => callback.check.ok)).toBe(true);
    // Callbacks travel independently and may arrive out of order (as the real gateway's may): the steps are in
    // order by their own time, which is what Davar goes by.
    const byTime = events().sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    expect(byTime).toEqual([
      expect.objectContaining({ referralId, event: 'order_issued' }),
      expect.objectContaining({ referralId, event: 'executed' }),
      expect.objectContaining({ referralId, event: 'closed' }),
    ]);
  });

  it('announces a rejected referral with a single callback', async () => {
    const request = referralRequest();
    sim.setConfig({ rejectReferralsFor: [request.caseRef] });
    await gateway.referToEnforcement(request, 'key-referral-rejected');
    await waitFor(() => (receiver.received.length >= 1 ? true : undefined));
    await sleep(40);
    expect(events()).toEqual([expect.objectContaining({ event: 'rejected' })]);
  });

  it('stops pending deliveries and callbacks on reset', async () => {
    sim.setConfig({ deliverAfterMs: 50 });
    await gateway.sendNotice(noticeRequest(), 'key-reset');
    await sim.reset();
    await sleep(100);
    expect(receiver.received).toHaveLength(0);
    expect(sim.notices()).toMatchObject({ notices: [], totals: { requests: 0, created: 0 } });
  });
});

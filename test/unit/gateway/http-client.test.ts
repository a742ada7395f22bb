import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpGateway, GatewayFailureType, retryAfterMs } from '../../../gateway/http-client';
import type { NoticeGateway } from '../../../gateway/port';
import { startSimulator } from '../../../gateway/simulator/server';
import type { Simulator } from '../../../gateway/simulator/server';
import { failureOf, noticeRequest, referralRequest, waitFor } from './helpers';

const token = 'test-token';
const quiet = {
  token,
  deliverAfterMs: 20,
  viewAfterMs: 20,
  referralSteps: 20,
  // Nobody listens here: these tests read status by polling, not by callback.
  callbackUrl: 'http://127.0.0.1:9/unused',
  callbackMaxAttempts: 1,
};

describe('HTTP gateway client against the simulator', () => {
  let sim: Simulator;
  let gateway: NoticeGateway;
  let dice = 0.5;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, config: quiet, random: () => dice });
    gateway = createHttpGateway({ baseUrl: sim.url, token, timeoutMs: 10_000 });
  });

  beforeEach(async () => {
    dice = 0.5;
    await sim.reset();
    sim.setConfig({
      ...quiet,
      failRate: 0,
      ackLossRate: 0,
      outage: false,
      rateLimitPerSecond: 0,
      latencyMs: { min: 0, max: 0 },
      unregistered: [],
      failDelivery: [],
      rejectReferralsFor: [],
    });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('accepts a notice with 202 and replays the same acceptance with 200 for the same key and payload', async () => {
    const request = noticeRequest();
    const first = await gateway.sendNotice(request, 'key-replay');
    const second = await gateway.sendNotice(request, 'key-replay');

    expect(first).toMatchObject({ status: 'accepted', replayed: false });
    expect(second).toEqual({ ...first, replayed: true });
    const [notice] = sim.notices().notices;
    expect(notice).toMatchObject({ noticeId: first.noticeId, requestCount: 2, createdCount: 1 });
    expect(sim.notices().totals).toMatchObject({ created: 1, duplicates: 0, replayed: 1 });
  });

  it('treats the same payload with keys in another order as the same request', async () => {
    const request = noticeRequest();
    const first = await gateway.sendNotice(request, 'key-order');
    const { recipient, caseRef, documentType, title, body } = request;
    const reordered = { body, title, documentType, caseRef, recipient };
    const second = await gateway.sendNotice(reordered, 'key-order');
    expect(second.noticeId).toBe(first.noticeId);
    expect(second.replayed).toBe(true);
  });

  it('refuses a reused key with a different payload as a non-retryable IdempotencyConflict', async () => {
    await gateway.sendNotice(noticeRequest(), 'key-conflict');
    const failure = await failureOf(() => gateway.sendNotice(noticeRequest(), 'key-conflict'));
    expect(failure).toMatchObject({ type: GatewayFailureType.IdempotencyConflict, nonRetryable: true });
    expect(sim.notices().notices).toHaveLength(1);
  });

  it('reports an unregistered recipient as a non-retryable RecipientNotRegistered and creates nothing', async () => {
    sim.setConfig({ unregistered: ['0099999999'] });
    const request = noticeRequest({ recipient: { nationalId: '0099999999' } });
    const failure = await failureOf(() => gateway.sendNotice(request, 'key-unregistered'));
    expect(failure).toMatchObject({ type: GatewayFailureType.RecipientNotRegistered, nonRetryable: true });
    expect(sim.notices().notices).toHaveLength(0);
  });

  it('reports a malformed request as a non-retryable InvalidRequest carrying the details', async () => {
    const request = noticeRequest({ recipient: { nationalId: '123' } });
    const failure = await failureOf(() => gateway.sendNotice(request, 'key-invalid'));
    expect(failure).toMatchObject({ type: GatewayFailureType.InvalidRequest, nonRetryable: true });
    expect(JSON.stringify(failure.details)).toContain('recipient.nationalId');
    // The first issue is in the message too: it becomes the notice's failureReason in the case's answer.
    expect(failure.message).toMatch(
      /^POST \/v1\/notices: the gateway refused the request as malformed \(recipient\.nationalId: .+\)$/,
    );
  });

  it('refuses a recipient with both a national and a legal entity ID', async () => {
    const request = noticeRequest({ recipient: { nationalId: '0012345678', legalEntityId: '10101234567' } });
    const failure = await failureOf(() => gateway.sendNotice(request, 'key-both-ids'));
    expect(failure.type).toBe(GatewayFailureType.InvalidRequest);
  });

  it('refuses a notice without an Idempotency-Key as InvalidRequest', async () => {
    const failure = await failureOf(() => gateway.sendNotice(noticeRequest(), ''));
    expect(failure.type).toBe(GatewayFailureType.InvalidRequest);
    expect(JSON.stringify(failure.details)).toContain('Idempotency-Key');
  });

  it('reports a wrong token as a non-retryable GatewayAuth', async () => {
    const stranger = createHttpGateway({ baseUrl: sim.url, token: 'wrong' });
    const failure = await failureOf(() => stranger.sendNotice(noticeRequest(), 'key-auth'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayAuth, nonRetryable: true });
  });

  it('reports a rate limit as a retryable GatewayRateLimited whose next retry waits for Retry-After', async () => {
    sim.setConfig({ rateLimitPerSecond: 1 });
    await gateway.sendNotice(noticeRequest(), 'key-rate-1');
    const failure = await failureOf(() => gateway.sendNotice(noticeRequest(), 'key-rate-2'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayRateLimited, nonRetryable: false });
    expect(failure.nextRetryDelay).toBe(1000);
    expect(sim.notices().totals.rateLimited).toBe(1);
  });

  it('reports an outage as a retryable GatewayUnavailable', async () => {
    sim.setConfig({ outage: true });
    const failure = await failureOf(() => gateway.sendNotice(noticeRequest(), 'key-outage'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayUnavailable, nonRetryable: false });
    // The gateway's own words travel with the failure, to the activity's last failure an engineer reads.
    expect(failure.message).toBe(
      'POST /v1/notices: the gateway answered 503 (unavailable: the gateway is down for maintenance)',
    );
    expect(sim.notices()).toMatchObject({ notices: [], totals: { failed503: 1 } });
  });

  it('counts a request that failed with 503 against its key, then creates the notice once on retry', async () => {
    sim.setConfig({ failRate: 0.5 });
    dice = 0.1; // below failRate: 503
    const request = noticeRequest();
    const failure = await failureOf(() => gateway.sendNotice(request, 'key-flaky'));
    expect(failure.type).toBe(GatewayFailureType.GatewayUnavailable);
    dice = 0.9;
    await gateway.sendNotice(request, 'key-flaky');
    expect(sim.notices().notices[0]).toMatchObject({ requestCount: 2, createdCount: 1 });
  });

  it('survives a lost acknowledgement: the retry with the same key returns the notice created by the first attempt', async () => {
    sim.setConfig({ ackLossRate: 0.5 });
    dice = 0.1; // below ackLossRate: the answer is dropped
    const request = noticeRequest();
    const failure = await failureOf(() => gateway.sendNotice(request, 'key-ack-loss'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayUnavailable, nonRetryable: false });
    const created = sim.notices().notices;
    expect(created).toHaveLength(1);

    dice = 0.9;
    const retry = await gateway.sendNotice(request, 'key-ack-loss');
    expect(retry).toMatchObject({ noticeId: created[0]?.noticeId, replayed: true });
    expect(sim.notices().notices).toEqual([expect.objectContaining({ requestCount: 2, createdCount: 1 })]);
    expect(sim.notices().totals).toMatchObject({ ackLost: 1, created: 1, duplicates: 0 });
  });

  it('reports a gateway slower than the timeout as a retryable GatewayUnavailable', async () => {
    sim.setConfig({ latencyMs: { min: 300, max: 300 } });
    const impatient = createHttpGateway({ baseUrl: sim.url, token, timeoutMs: 50 });
    const failure = await failureOf(() => impatient.getNoticeStatus('anything'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayUnavailable, nonRetryable: false });
    expect(failure.message).toContain('no answer within 50 ms');
  });

  it('reports a refused connection as a retryable GatewayUnavailable', async () => {
    const gone = await startSimulator({ port: 0 });
    await gone.close();
    const failure = await failureOf(() =>
      createHttpGateway({ baseUrl: gone.url, token }).sendNotice(noticeRequest(), 'key-refused'),
    );
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayUnavailable, nonRetryable: false });
    expect(failure.message).toContain('ECONNREFUSED');
  });

  it('reports an unknown notice id as a non-retryable GatewayNotFound', async () => {
    const failure = await failureOf(() => gateway.getNoticeStatus('no-such-notice'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayNotFound, nonRetryable: true });
  });

  it('shows a notice delivered and then viewed when polled', async () => {
    const { noticeId } = await gateway.sendNotice(noticeRequest(), 'key-poll');
    const viewed = await waitFor(async () => {
      const status = await gateway.getNoticeStatus(noticeId);
      return status.status === 'viewed' ? status : undefined;
    });
    expect(viewed.deliveredAt).toBeDefined();
    expect(Date.parse(viewed.viewedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(viewed.deliveredAt ?? ''));
  });

  it('shows a notice to a failing recipient as failed with a reason', async () => {
    sim.setConfig({ failDelivery: ['10101234567'] });
    const request = noticeRequest({ recipient: { legalEntityId: '10101234567' } });
    const { noticeId } = await gateway.sendNotice(request, 'key-fail-delivery');
    const failed = await waitFor(async () => {
      const status = await gateway.getNoticeStatus(noticeId);
      return status.status === 'failed' ? status : undefined;
    });
    expect(failed.failureReason).toBeTruthy();
  });

  it('refers a ruling to enforcement, replays the referral for the same key, and follows it to closed', async () => {
    const request = referralRequest();
    const first = await gateway.referToEnforcement(request, 'key-referral');
    const second = await gateway.referToEnforcement(request, 'key-referral');
    expect(second).toEqual({ referralId: first.referralId, replayed: true });
    const closed = await waitFor(async () => {
      const status = await gateway.getReferralStatus(first.referralId);
      return status.status === 'closed' ? status : undefined;
    });
    expect(closed.referralId).toBe(first.referralId);
    expect(sim.notices().referrals).toEqual([expect.objectContaining({ requestCount: 2, createdCount: 1 })]);
  });

  it('ends a referral for a listed case as rejected', async () => {
    const request = referralRequest();
    sim.setConfig({ rejectReferralsFor: [request.caseRef] });
    const { referralId } = await gateway.referToEnforcement(request, 'key-reject');
    await waitFor(async () => ((await gateway.getReferralStatus(referralId)).status === 'rejected' ? true : undefined));
  });
});

describe('HTTP gateway client against a gateway that breaks the contract', () => {
  let server: ReturnType<typeof createServer>;
  let baseUrl: string;

  beforeAll(async () => {
    const app = express();
    app.post('/v1/notices', (_req, res) => {
      res.status(202).json({ id: 'not-the-contract' });
    });
    app.get('/v1/enforcement-referrals/:id', (_req, res) => {
      res.json({ status: 'executed' });
    });
    app.get('/v1/notices/:id', (_req, res) => {
      res.status(418).send('teapot');
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  });

  it('reports a malformed 202 body as a non-retryable GatewayProtocol', async () => {
    const failure = await failureOf(() => createHttpGateway({ baseUrl, token }).sendNotice(noticeRequest(), 'k'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayProtocol, nonRetryable: true });
  });

  it('reports a status outside the contract as a non-retryable GatewayProtocol', async () => {
    const failure = await failureOf(() => createHttpGateway({ baseUrl, token }).getNoticeStatus('n'));
    expect(failure).toMatchObject({ type: GatewayFailureType.GatewayProtocol, nonRetryable: true });
  });

  it('reads a referral status that carries only the status GATEWAY.md promises', async () => {
    const status = await createHttpGateway({ baseUrl, token }).getReferralStatus('ref-1');
    expect(status).toMatchObject({ referralId: 'ref-1', status: 'executed' });
    expect(Number.isNaN(Date.parse(status.updatedAt))).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates and ignores anything else', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

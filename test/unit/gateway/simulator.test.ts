import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpGateway } from '../../../gateway/http-client';
import { startSimulator } from '../../../gateway/simulator/server';
import type { Simulator } from '../../../gateway/simulator/server';
import type { SimListing } from '../../../gateway/simulator/store';
import { noticeRequest, sleep, waitFor } from './helpers';

const token = 'test-token';
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };

describe('gateway simulator endpoints', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startSimulator({
      port: 0,
      config: { token, neverView: true, deliverAfterMs: 10, callbackUrl: 'http://127.0.0.1:9/unused' },
    });
  });

  beforeEach(async () => {
    await sim.reset();
    sim.setConfig({ outage: false, rateLimitPerSecond: 0, throttleFirstAttempts: 0 });
  });

  afterAll(async () => {
    await sim.close();
  });

  it('changes knobs through POST /_sim/config and reports them through GET /_sim/config', async () => {
    const patched = await fetch(`${sim.url}/_sim/config`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ failRate: 0.25, latencyMs: { min: 1, max: 2 } }),
    });
    expect(patched.status).toBe(200);
    const read = (await (await fetch(`${sim.url}/_sim/config`)).json()) as Record<string, unknown>;
    expect(read).toMatchObject({ failRate: 0.25, latencyMs: { min: 1, max: 2 }, neverView: true });
    sim.setConfig({ failRate: 0, latencyMs: { min: 0, max: 0 } });
  });

  it('refuses an invalid config patch with 400 and keeps the old config', async () => {
    for (const patch of [{ failRate: 2 }, { noSuchKnob: true }, { latencyMs: { min: 5, max: 1 } }]) {
      const answer = await fetch(`${sim.url}/_sim/config`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(patch),
      });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 'invalid_request' });
    }
    expect(sim.config().failRate).toBe(0);
  });

  it('keeps the admin endpoints answering during an outage', async () => {
    sim.setConfig({ outage: true });
    const contract = await fetch(`${sim.url}/v1/notices/x`, { headers: auth });
    const admin = await fetch(`${sim.url}/_sim/notices`);
    expect(contract.status).toBe(503);
    expect(admin.status).toBe(200);
  });

  it('answers 429 with a Retry-After in whole seconds beyond the rate limit', async () => {
    sim.setConfig({ rateLimitPerSecond: 2 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 3; i += 1) {
      const answer = await fetch(`${sim.url}/v1/notices/x`, { headers: auth });
      statuses.push(answer.status);
      if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([404, 404, 429]);
    expect(retryAfter).toBe('1');
  });

  it('throttles the first attempts under each key, then serves the key once', async () => {
    sim.setConfig({ throttleFirstAttempts: 1 });
    const post = () =>
      fetch(`${sim.url}/v1/notices`, {
        method: 'POST',
        headers: { ...auth, 'Idempotency-Key': 'throttled-key' },
        body: JSON.stringify(noticeRequest()),
      });
    const first = await post();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect((await post()).status).toBe(202);
    const { totals } = sim.notices();
    expect(totals.rateLimited).toBe(1);
    // Sent again at once, against the Retry-After it was given.
    expect(totals.retryAfterViolations).toBe(1);
  });

  it('refuses a body that is not JSON with 400 invalid_request', async () => {
    const answer = await fetch(`${sim.url}/v1/notices`, {
      method: 'POST',
      headers: { ...auth, 'Idempotency-Key': 'k' },
      body: '{not json',
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ code: 'invalid_request' });
  });

  it('answers a body it cannot read as malformed (400), not with a retryable 500, and creates nothing', async () => {
    const answer = await fetch(`${sim.url}/v1/notices`, {
      method: 'POST',
      headers: { ...auth, 'Idempotency-Key': 'k-encoding', 'Content-Encoding': 'x-unknown' },
      body: JSON.stringify(noticeRequest()),
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'invalid_request',
      details: [{ path: '', message: 'the body could not be read (encoding.unsupported)' }],
    });
    expect(sim.notices().notices).toHaveLength(0);
  });

  it('refuses unknown fields in a notice, since they are more likely typos than extensions', async () => {
    const answer = await fetch(`${sim.url}/v1/notices`, {
      method: 'POST',
      headers: { ...auth, 'Idempotency-Key': 'k-unknown' },
      body: JSON.stringify({ ...noticeRequest(), recipientId: '0012345678' }),
    });
    expect(answer.status).toBe(400);
  });

  it('lists accepted notices with their request counts through GET /_sim/notices, filtered by caseRef', async () => {
    const gateway = createHttpGateway({ baseUrl: sim.url, token });
    const mine = noticeRequest();
    await gateway.sendNotice(mine, 'k-mine');
    await gateway.sendNotice(mine, 'k-mine');
    await gateway.sendNotice(noticeRequest(), 'k-other');
    const answer = await fetch(`${sim.url}/_sim/notices?caseRef=${encodeURIComponent(mine.caseRef)}`);
    const listing = (await answer.json()) as SimListing;
    expect(listing.notices).toEqual([
      expect.objectContaining({
        idempotencyKey: 'k-mine',
        caseRef: mine.caseRef,
        documentType: mine.documentType,
        recipient: mine.recipient,
        status: expect.stringMatching(/accepted|delivered/),
        requestCount: 2,
        createdCount: 1,
      }),
    ]);
    expect(listing.totals).toMatchObject({ requests: 3, created: 2, duplicates: 0, replayed: 1 });
  });

  it('forgets everything on POST /_sim/reset but keeps the config', async () => {
    sim.setConfig({ failDelivery: ['0000000001'] });
    await createHttpGateway({ baseUrl: sim.url, token }).sendNotice(noticeRequest(), 'k-reset');
    const answer = await fetch(`${sim.url}/_sim/reset`, { method: 'POST' });
    expect(answer.status).toBe(204);
    expect(sim.notices()).toMatchObject({ notices: [], referrals: [], totals: { requests: 0 } });
    expect(sim.config().failDelivery).toEqual(['0000000001']);
    sim.setConfig({ failDelivery: [] });
  });
});

describe('gateway simulator persistence', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'gateway-sim-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('remembers accepted notices across a restart, so a retried key is still a replay', async () => {
    const persistFile = join(directory, 'state.json');
    const config = { token, persistFile, deliverAfterMs: 30, neverView: true, callbackUrl: 'http://127.0.0.1:9/x' };
    const request = noticeRequest();

    const first = await startSimulator({ port: 0, config });
    const accepted = await createHttpGateway({ baseUrl: first.url, token }).sendNotice(request, 'k-persist');
    await first.close();
    expect(JSON.parse(await readFile(persistFile, 'utf8'))).toMatchObject({ version: 1 });

    const second = await startSimulator({ port: 0, config });
    try {
      const gateway = createHttpGateway({ baseUrl: second.url, token });
      const replay = await gateway.sendNotice(request, 'k-persist');
      expect(replay).toMatchObject({ noticeId: accepted.noticeId, replayed: true });
      // The delivery timer lost in the restart is picked up again.
      await waitFor(async () =>
        (await gateway.getNoticeStatus(accepted.noticeId)).status === 'delivered' ? true : undefined,
      );
      expect(second.notices().notices).toEqual([expect.objectContaining({ requestCount: 2, createdCount: 1 })]);
    } finally {
      await second.close();
    }
  });

  it('saves changes shortly after they happen, without waiting for close', async () => {
    const persistFile = join(directory, 'debounced.json');
    const sim = await startSimulator({ port: 0, config: { token, persistFile, callbackUrl: 'http://127.0.0.1:9/x' } });
    try {
      await createHttpGateway({ baseUrl: sim.url, token }).sendNotice(noticeRequest(), 'k-debounced');
      await sleep(250);
      const saved = JSON.parse(await readFile(persistFile, 'utf8')) as { notices: unknown[] };
      expect(saved.notices).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  it('refuses to start from a file that is not a saved state', async () => {
    const persistFile = join(directory, 'state.json');
    await rm(persistFile, { force: true });
    await writeFile(persistFile, JSON.stringify({ hello: 'world' }));
    await expect(startSimulator({ port: 0, config: { persistFile } })).rejects.toThrow(/not a gateway simulator state/);
  });
});

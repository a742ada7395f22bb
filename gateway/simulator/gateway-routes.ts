/** The four routes of GATEWAY.md, behind the adversarial knobs: latency, outage, auth, rate limit, failures. */
import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { idempotencyKeySchema, issueDetails, noticeRequestSchema, referralRequestSchema } from '../wire';
import { bodyErrors } from './body-errors';
import { payloadHash } from './canonical-json';
import { invalid, sendError } from './context';
import type { SimContext } from './context';
import { recipientIdOf } from './store';
import type { Namespace, NoticeRecord, ReferralRecord } from './store';

/** Longer than the activity's first retry interval, so a client that ignored it would be caught. */
const THROTTLE_RETRY_AFTER_S = 2;

const namespaceOf = (req: Request): Namespace | undefined =>
  req.method !== 'POST'
    ? undefined
    : req.path === '/notices'
      ? 'notices'
      : req.path === '/enforcement-referrals'
        ? 'referrals'
        : undefined;

/** Runs before the body is read, in the order a real stack would refuse a request. */
function guards(ctx: SimContext): RequestHandler {
  return async (req, res, next) => {
    const { store, config, random } = ctx;
    store.count('requests');
    // Counted on arrival, whatever happens next: a 503'd or lost attempt is still an attempt with that key.
    const namespace = namespaceOf(req);
    const key = req.get('Idempotency-Key');
    if (namespace !== undefined && key !== undefined && key !== '') {
      store.countRequest(namespace, key);
      store.checkRetryAfter(`${namespace}:${key}`, Date.now());
    }

    const { min, max } = config().latencyMs;
    await ctx.scheduler.sleep(min + Math.floor(random() * (max - min + 1)));

    if (config().outage) {
      store.count('failed503');
      return sendError(res, 503, 'unavailable', 'the gateway is down for maintenance');
    }
    if (req.get('Authorization') !== `Bearer ${config().token}`) {
      store.count('unauthorized');
      return sendError(res, 401, 'unauthorized', 'missing or wrong bearer token');
    }
    const throttled =
      namespace !== undefined && !!key && store.requestsWith(namespace, key) <= config().throttleFirstAttempts;
    const rate = throttled
      ? ({ ok: false, retryAfterSeconds: THROTTLE_RETRY_AFTER_S } as const)
      : ctx.bucket.take(config().rateLimitPerSecond, Date.now());
    if (!rate.ok) {
      store.count('rateLimited');
      // Only a Retry-After the client receives can be honoured: a client that gave up on this request (its own
      // timeout) never sees it, and its next attempt is no violation.
      if (namespace !== undefined && key && !req.socket.destroyed)
        store.rateLimit(`${namespace}:${key}`, rate.retryAfterSeconds * 1000, Date.now());
      res.set('Retry-After', String(rate.retryAfterSeconds));
      return sendError(res, 429, 'rate_limited', `too many requests; retry after ${rate.retryAfterSeconds} s`);
    }
    if (random() < config().failRate) {
      store.count('failed503');
      return sendError(res, 503, 'unavailable', 'transient failure');
    }
    next();
  };
}

function readKey(ctx: SimContext, req: Request, res: Response): string | undefined {
  const parsed = idempotencyKeySchema.safeParse(req.get('Idempotency-Key') ?? '');
  if (parsed.success) return parsed.data;
  ctx.store.count('invalid');
  sendError(res, 400, 'invalid_request', 'Idempotency-Key header is required', [
    { path: 'Idempotency-Key', message: parsed.error.issues[0]?.message ?? 'required' },
  ]);
  return undefined;
}

/** The answer to an accepted POST, unless `ackLossRate` drops the connection after the work is done. */
function answerAccepted(ctx: SimContext, res: Response, status: 200 | 202, body: object): void {
  if (ctx.random() < ctx.config().ackLossRate) {
    ctx.store.count('ackLost');
    res.socket?.destroy();
    return;
  }
  res.status(status).json(body);
}

const acceptedNoticeBody = (notice: NoticeRecord): object => ({
  noticeId: notice.noticeId,
  status: 'accepted',
  acceptedAt: notice.acceptedAt,
});

const acceptedReferralBody = (referral: ReferralRecord): object => ({ referralId: referral.referralId });

function conflict(ctx: SimContext, res: Response, key: string): void {
  ctx.store.count('conflicts');
  sendError(res, 409, 'idempotency_conflict', `Idempotency-Key ${key} was used with a different payload`);
}

function postNotice(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const key = readKey(ctx, req, res);
    if (key === undefined) return;
    const parsed = noticeRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(ctx, res, issueDetails(parsed.error));
    const hash = payloadHash(req.body);
    const existing = ctx.store.findNoticeByKey(key);
    if (existing) {
      if (existing.payloadHash !== hash) return conflict(ctx, res, key);
      ctx.store.count('replayed');
      return answerAccepted(ctx, res, 200, acceptedNoticeBody(existing));
    }
    // Refusals are not remembered under the key: once the recipient registers, the same key may succeed.
    if (ctx.config().unregistered.includes(recipientIdOf(parsed.data.recipient))) {
      ctx.store.count('unregistered');
      return sendError(res, 422, 'recipient_not_registered', 'the recipient has no electronic notice account');
    }
    const notice: NoticeRecord = {
      noticeId: randomUUID(),
      idempotencyKey: key,
      payloadHash: hash,
      request: parsed.data,
      status: 'accepted',
      acceptedAt: new Date().toISOString(),
    };
    ctx.store.addNotice(notice);
    ctx.lifecycle.noticeAccepted(notice);
    answerAccepted(ctx, res, 202, acceptedNoticeBody(notice));
  };
}

function getNotice(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const notice = ctx.store.notice(String(req.params.id));
    if (!notice) return sendError(res, 404, 'not_found', 'no such notice');
    const { noticeId, status, acceptedAt, deliveredAt, viewedAt, failureReason } = notice;
    res.json({ noticeId, status, acceptedAt, deliveredAt, viewedAt, failureReason });
  };
}

function postReferral(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const key = readKey(ctx, req, res);
    if (key === undefined) return;
    const parsed = referralRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(ctx, res, issueDetails(parsed.error));
    const hash = payloadHash(req.body);
    const existing = ctx.store.findReferralByKey(key);
    if (existing) {
      if (existing.payloadHash !== hash) return conflict(ctx, res, key);
      ctx.store.count('replayed');
      return answerAccepted(ctx, res, 200, acceptedReferralBody(existing));
    }
    const now = new Date().toISOString();
    const referral: ReferralRecord = {
      referralId: randomUUID(),
      idempotencyKey: key,
      payloadHash: hash,
      request: parsed.data,
      status: 'accepted',
      acceptedAt: now,
      updatedAt: now,
    };
    ctx.store.addReferral(referral);
    ctx.lifecycle.referralAccepted(referral);
    answerAccepted(ctx, res, 202, acceptedReferralBody(referral));
  };
}

function getReferral(ctx: SimContext): RequestHandler {
  return (req, res) => {
    const referral = ctx.store.referral(String(req.params.id));
    if (!referral) return sendError(res, 404, 'not_found', 'no such referral');
    res.json({ referralId: referral.referralId, status: referral.status, updatedAt: referral.updatedAt });
  };
}

/** Mounted at `/v1`. */
export function gatewayRouter(ctx: SimContext): express.Router {
  const router = express.Router();
  const json = express.json({ limit: '1mb' });
  router.use(guards(ctx));
  router.post('/notices', json, postNotice(ctx));
  router.get('/notices/:id', getNotice(ctx));
  router.post('/enforcement-referrals', json, postReferral(ctx));
  router.get('/enforcement-referrals/:id', getReferral(ctx));
  router.use((_req, res) => sendError(res, 404, 'not_found', 'no such route'));
  router.use(bodyErrors(ctx));
  return router;
}

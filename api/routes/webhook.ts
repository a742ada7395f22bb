/** The gateway's callbacks: signature checked on the raw body, replays dropped, the event recorded in its case. */
import express, { Router } from 'express';
import { parseCaseNumber } from '../../domain/ids';
import { gatewayCallbackSchema } from '../../gateway/port';
import { SIGNATURE_HEADER, verifySignature } from '../../gateway/signature';
import type { RouteContext } from '../context';
import { ApiError, fieldIssues } from '../errors';
import { readBody } from '../body-reader';
import type { WebhookOutcome } from '../metrics';
import { forgetGatewayEvent, recordGatewayEvent } from '../../db/read-model/gateway-events';
import { webhookReplySchema } from '../schemas';
import { deliverGatewayEvent, type GatewayEventOutcome } from '../temporal';
import { error } from './common';

export const WEBHOOK_PATH = '/api/v1/gateway/notice-events';

export function webhookRouter(ctx: RouteContext): Router {
  const router = Router();
  const count = (outcome: WebhookOutcome) => ctx.metrics.webhook.inc({ outcome });

  ctx.operations.add(
    router,
    {
      method: 'post',
      path: WEBHOOK_PATH,
      operationId: 'gatewayNoticeEvent',
      summary: 'A notice or enforcement event from the e-notice gateway',
      description:
        'Signed with `X-Gateway-Signature` over the raw body; older than 5 minutes is stale. The answer is 204 ' +
        'only once the event is recorded in the case’s workflow; a replayed `eventId` is acknowledged and ignored.',
      tag: 'gateway',
      security: 'gateway',
      body: { schema: gatewayCallbackSchema, required: true },
      responses: {
        204: { description: 'Handed to the case' },
        200: { description: 'Replayed `eventId`, or the case is closed: nothing done', schema: webhookReplySchema },
        400: error('`malformed_request` or `invalid_callback`'),
        401: error('`bad_signature` (missing, malformed, wrong or stale)'),
        404: error('`unknown_notice`: no case for its idempotency key'),
        413: error('`payload_too_large`'),
        503: error('`unavailable`: not recorded, retry'),
      },
    },
    // The signature covers the bytes as sent, so this route alone reads the body raw.
    readBody(express.raw({ type: () => true, limit: '64kb' })),
    async (req, res) => {
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const check = verifySignature({ secret: ctx.webhookSecret, header: req.get(SIGNATURE_HEADER), rawBody });
      if (!check.ok) {
        count('bad_signature');
        throw new ApiError(401, 'bad_signature', `the gateway signature is ${check.reason}`, { reason: check.reason });
      }

      let json: unknown;
      try {
        json = JSON.parse(rawBody.toString('utf8'));
      } catch {
        count('invalid');
        throw new ApiError(400, 'malformed_request', 'the request body is not valid JSON');
      }
      const parsed = gatewayCallbackSchema.safeParse(json);
      if (!parsed.success) {
        count('invalid');
        throw new ApiError(400, 'invalid_callback', 'the callback does not match the gateway contract', {
          issues: fieldIssues(parsed.error),
        });
      }
      const callback = parsed.data;

      // Idempotency keys start with the case number (`THR-1405-000001:complaint:respondent:1`).
      const caseNumber = callback.idempotencyKey.split(':')[0] ?? '';
      if (!parseCaseNumber(caseNumber)) {
        count('unknown_notice');
        req.log.warn({ eventId: callback.eventId, idempotencyKey: callback.idempotencyKey }, 'callback for no case');
        throw new ApiError(404, 'unknown_notice', 'the idempotency key names no case');
      }

      if (!(await recordGatewayEvent(ctx.db, callback.eventId, callback))) {
        count('replayed');
        res.status(200).json({ replayed: true });
        return;
      }

      let outcome: GatewayEventOutcome;
      try {
        outcome = await deliverGatewayEvent(ctx.client, caseNumber, callback);
      } catch (err) {
        // Not recorded: forget the event ID so the gateway's retry is handled, not taken for a replay.
        await forgetGatewayEvent(ctx.db, callback.eventId);
        count('failed');
        req.log.error({ err, eventId: callback.eventId, caseNumber }, 'could not record a gateway event');
        throw new ApiError(503, 'unavailable', 'the event could not be recorded; retry');
      }
      if (outcome === 'case_not_found' || outcome === 'unknown_key') {
        await forgetGatewayEvent(ctx.db, callback.eventId);
        count('unknown_notice');
        req.log.warn({ eventId: callback.eventId, caseNumber }, 'callback for an unknown case');
        throw new ApiError(
          404,
          'unknown_notice',
          outcome === 'unknown_key'
            ? `case ${caseNumber} sent no notice or referral with that key`
            : `no case ${caseNumber}`,
        );
      }
      if (outcome === 'case_closed') {
        // A closed case changes no more; acknowledging stops the gateway from retrying in vain.
        count('case_closed');
        res.status(200).json({ ignored: 'case_closed' });
        return;
      }
      count('recorded');
      res.status(204).end();
    },
  );
  return router;
}

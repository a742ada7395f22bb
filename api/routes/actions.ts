/** Staff and party actions: one route per workflow update, `POST /api/v1/cases/{caseNumber}/actions/{action}`. */
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { claimKey, hashOf, recordAnswer, releaseKey, scopeOf } from '../../db/read-model/idempotency';
import type { z } from 'zod';
import type { ActionBody, ActionName } from '../../domain/actions';
import { actionBodySchemas, actionNames, actionRules, toKebab } from '../../domain/actions';
import { assertCaseAccess, principalOf } from '../auth';
import type { RouteContext } from '../context';
import { ApiError, parseOr422 } from '../errors';
import { actionHeadersSchema, actionPendingSchema, caseDetailSchema, caseParamsSchema } from '../schemas';
import { timingOf } from '../server-timing';
import { actionTimeoutMs, runAction } from '../temporal';
import { caseDetail, caseLinks, viewOptionsFor } from '../views';
import { caseNumberOf, error, optionalIdempotencyKey } from './common';

/** The same table, typed per action so that a generic handler keeps each body's type. */
const bodySchemas: { [A in ActionName]: z.ZodType<ActionBody<A>> } = actionBodySchemas;

function actionHandler<A extends ActionName>(ctx: RouteContext, action: A): RequestHandler {
  const segment = toKebab(action);
  return async (req, res) => {
    const timing = timingOf(res);
    const principal = principalOf(req);
    const caseNumber = caseNumberOf(req, principal);
    const key = optionalIdempotencyKey(req);
    // An action without a body (`accept-complaint`) is the same as `{}`.
    const body = parseOr422(bodySchemas[action], req.body ?? {});
    const options = viewOptionsFor(principal, caseNumber, {
      uiUrl: ctx.temporalUiUrl,
      namespace: ctx.client.options.namespace,
    });
    let outcome = 'ok';
    // A key is the caller's for this route: another caller's same key is another request.
    const scope = scopeOf(`POST /api/v1/cases/${caseNumber}/actions/${segment}`, principal.sub);
    let updateId: string = randomUUID();
    let claimed = false;
    timing.lap('parse');
    try {
      if (key) {
        const claim = await claimKey(ctx.db, { scope, key, requestHash: hashOf(body), caseNumber });
        if (claim.kind === 'conflict') {
          throw new ApiError(409, 'idempotency_conflict', 'this Idempotency-Key was used with a different body');
        }
        if (claim.kind === 'answered') {
          outcome = 'replayed';
          res.status(claim.status).json(claim.body);
          return;
        }
        claimed = claim.kind === 'new';
        // The same update ID again: Temporal applies an update once, and answers a repeat with its first result.
        updateId = hashOf({ scope, key }).slice(0, 48);
        timing.lap('claim');
      }
      const done = await runAction(
        ctx.client,
        caseNumber,
        action,
        { actor: principal.actor, requestId: String(req.id), body },
        { updateId, timeoutMs: actionTimeoutMs() },
      );
      timing.lap('update');
      if (done.kind === 'pending') {
        outcome = 'pending';
        res.status(202).json({
          code: 'action_pending',
          message:
            'the case accepted the action and is still carrying it out; read the case, or retry with the same Idempotency-Key',
          links: caseLinks(caseNumber, options),
        });
        return;
      }
      // The update answers with the state it left and the caller's next actions: no second query follows.
      const detail = caseDetail(done.answer.state, done.answer.availableActions, options);
      timing.lap('answer');
      res.json(detail);
      // Kept after the answer is sent: the action is done whatever PostgreSQL says now (before 0.3.2 a failed write
      // turned a done action into a 503). A retry that comes before the answer is kept, or after it failed to be,
      // finds the key pending and runs the same update ID again, which Temporal answers with the first result while
      // the run is open; a case closed by that very action answers 409 `the case is closed` instead.
      if (key) {
        await recordAnswer(ctx.db, scope, key, 200, detail).catch((err: unknown) =>
          ctx.logger.warn({ err, caseNumber, action }, 'action done, its idempotency answer not kept'),
        );
      }
    } catch (err) {
      outcome = err instanceof ApiError ? err.code : 'error';
      // Refused or failed: nothing is kept, so a retry with the key is judged again, on the case as it is then.
      if (claimed) await releaseKey(ctx.db, scope, key ?? '').catch(() => undefined);
      throw err;
    } finally {
      ctx.metrics.actions.inc({ action: segment, outcome });
    }
  };
}

export function actionsRouter(ctx: RouteContext): Router {
  const router = Router();
  for (const action of actionNames) {
    const segment = toKebab(action);
    ctx.operations.add(
      router,
      {
        method: 'post',
        path: `/api/v1/cases/:caseNumber/actions/${segment}`,
        operationId: action,
        summary: `${segment} (workflow update \`${action}\`)`,
        description: `Allowed for: ${actionRules[action].roles.join(', ')}. The workflow checks the stage and who may act.`,
        tag: 'actions',
        security: 'bearer',
        params: caseParamsSchema,
        headers: actionHeadersSchema,
        body: { schema: actionBodySchemas[action], required: false },
        responses: {
          200: { description: 'The state the action left the case in', schema: caseDetailSchema },
          202: {
            description: '`action_pending`: the case accepted it and is still carrying it out',
            schema: actionPendingSchema,
          },
          400: error('`invalid_case_number`, `invalid_idempotency_key` or `malformed_request`'),
          403: error('`not_allowed` (role, side or board), `forbidden_province` or `forbidden`'),
          404: error('`case_not_found`'),
          409: error('`wrong_stage` or `limit_reached`, with the reason; `idempotency_conflict`'),
          422: error('`invalid_input`'),
          503: error('`unavailable` (Temporal or PostgreSQL); retry with the same Idempotency-Key'),
        },
      },
      actionHandler(ctx, action),
    );
  }

  // Not an operation: every action has its own path above, this only names the mistake.
  router.post('/api/v1/cases/:caseNumber/actions/:action', (req) => {
    assertCaseAccess(principalOf(req), String(req.params.caseNumber));
    throw new ApiError(404, 'unknown_action', `there is no action "${String(req.params.action)}"`, {
      actions: actionNames.map(toKebab),
    });
  });
  return router;
}

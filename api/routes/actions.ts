/** Staff and party actions: one route per workflow update, `POST /api/v1/cases/{caseNumber}/actions/{action}`. */
import type { RequestHandler } from 'express';
import { Router } from 'express';
import type { z } from 'zod';
import type { ActionBody, ActionName } from '../../domain/actions';
import { actionBodySchemas, actionNames, actionRules, toKebab } from '../../domain/actions';
import { assertCaseAccess, principalOf } from '../auth';
import type { RouteContext } from '../context';
import { ApiError, parseOr422 } from '../errors';
import { actionHeadersSchema, caseDetailSchema, caseParamsSchema } from '../schemas';
import { runAction } from '../temporal';
import { caseDetail, viewOptionsFor } from '../views';
import { caseNumberOf, error, optionalIdempotencyKey } from './common';

/** The same table, typed per action so that a generic handler keeps each body's type. */
const bodySchemas: { [A in ActionName]: z.ZodType<ActionBody<A>> } = actionBodySchemas;

function actionHandler<A extends ActionName>(ctx: RouteContext, action: A): RequestHandler {
  const segment = toKebab(action);
  return async (req, res) => {
    const principal = principalOf(req);
    const caseNumber = caseNumberOf(req, principal);
    const updateId = optionalIdempotencyKey(req);
    // An action without a body (`accept-complaint`) is the same as `{}`.
    const body = parseOr422(bodySchemas[action], req.body ?? {});
    let outcome = 'ok';
    try {
      // The update answers with the state it left and the caller's next actions: no second query follows.
      const { state, availableActions } = await runAction(
        ctx.client,
        caseNumber,
        action,
        { actor: principal.actor, requestId: String(req.id), body },
        updateId,
      );
      const options = viewOptionsFor(principal, caseNumber, {
        uiUrl: ctx.temporalUiUrl,
        namespace: ctx.client.options.namespace,
      });
      res.json(caseDetail(state, availableActions, options));
    } catch (err) {
      outcome = err instanceof ApiError ? err.code : 'error';
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
          400: error('`invalid_case_number`, `invalid_idempotency_key` or `malformed_json`'),
          403: error('`not_allowed` (role, side or board), `forbidden_province` or `forbidden`'),
          404: error('`case_not_found`'),
          409: error('`wrong_stage` or `limit_reached`, with the reason'),
          422: error('`invalid_input`'),
          503: error('`temporal_unavailable`'),
          504: error('`temporal_timeout`; retry with the same Idempotency-Key'),
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

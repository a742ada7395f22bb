/** Running a case action: the body typed per action from the OpenAPI document, the answer the new case state. */
import { currentToken } from '../auth/session';
import { ApiFailure, newKey, type ActionSegment, type CaseDetail } from './client';
import type { paths } from './schema';

type ActionOperation<S extends ActionSegment> = paths[`/api/v1/cases/{caseNumber}/actions/${S}`]['post'];
export type ActionBody<S extends ActionSegment> = NonNullable<
  ActionOperation<S>['requestBody']
>['content']['application/json'];

/** 200: the case's new state; 202: the case took the action and is still working on it. */
export type ActionResult = { kind: 'done'; state: CaseDetail } | { kind: 'pending' };

/**
 * POSTs the action. Plain fetch rather than openapi-fetch: the action's path is a type parameter here, which
 * openapi-fetch cannot resolve to one operation; the body and answer are still the document's types.
 */
export async function runAction<S extends ActionSegment>(
  caseNumber: string,
  action: S,
  body: ActionBody<S>,
  idempotencyKey = newKey(),
): Promise<ActionResult> {
  const token = currentToken();
  const reply = await fetch(`/api/v1/cases/${encodeURIComponent(caseNumber)}/actions/${action}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json: unknown = await reply.json().catch(() => undefined);
  if (reply.status === 202) return { kind: 'pending' };
  if (reply.ok) return { kind: 'done', state: json as CaseDetail };
  const error = typeof json === 'object' && json !== null && 'error' in json ? json.error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    throw new ApiFailure(reply.status, String(error.code), String(error.message));
  }
  throw new ApiFailure(reply.status, 'http_error', `${reply.status} ${reply.statusText}`);
}

/** Every call the API makes to Temporal, and the mapping of Temporal's failures to the API's error codes. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import type { ActionName, RefusalType } from '../domain/actions';
import type { Actor } from '../domain/case';
import type { GatewayCallback, NoticeEventCallback, ReferralEventCallback } from '../gateway/port';
import { isNoticeEvent } from '../gateway/port';
import * as messages from '../workflows/messages';
import type { ActionCall, CaseAnswer, EnforcementEvent, NewCaseInput, NoticeEvent } from '../workflows/messages';
import { filedSearchAttributes } from '../workflows/search-attributes';
import { ApiError, unavailable } from './errors';

export const workflowIdOf = (caseNumber: string): string => `case-${caseNumber}`;

const handleOf = (client: Client, caseNumber: string): WorkflowHandle =>
  client.workflow.getHandle(workflowIdOf(caseNumber));

const updates = messages.actionUpdates;

/** How long an action (or any call to Temporal) may take before the API answers (API.md); `ACTION_TIMEOUT_MS`. */
export const actionTimeoutMs = (): number => {
  const value = Number(process.env.ACTION_TIMEOUT_MS ?? 15_000);
  return Number.isFinite(value) && value > 0 ? value : 15_000;
};

/** Every call to Temporal has a deadline: a frontend that is away answers 503 in time, never a hanging request. */
const within = <T>(client: Client, call: () => Promise<T>): Promise<T> =>
  client.withDeadline(Date.now() + actionTimeoutMs(), call);

/**
 * Starts a case's workflow. Safe to call again for the same case (an idempotent create replayed after a
 * failed start): `REJECT_DUPLICATE` also keeps a closed case from being started a second time.
 */
export async function startCase(
  client: Client,
  taskQueue: string,
  input: NewCaseInput,
): Promise<'started' | 'already_started'> {
  try {
    await within(client, () =>
      client.workflow.start('CaseWorkflow', {
        workflowId: workflowIdOf(input.caseNumber),
        taskQueue,
        args: [{ kind: 'new', case: input } satisfies messages.CaseWorkflowInput],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: filedSearchAttributes(input.filing),
      }),
    );
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'already_started';
    throw mapTemporalError(error);
  }
}

/** The live state and the viewer's actions, in one query. */
export async function readCase(client: Client, caseNumber: string, viewer: Actor): Promise<CaseAnswer> {
  try {
    return await within(client, () =>
      handleOf(client, caseNumber).query(messages.caseQuery, viewer, new Date().toISOString()),
    );
  } catch (error) {
    throw mapTemporalError(error);
  }
}

/** An action either finished within the time allowed, or was accepted by the case and is still running. */
export type ActionOutcome = { kind: 'done'; answer: CaseAnswer } | { kind: 'pending'; updateId: string };

/**
 * Runs an action as a Temporal update within `timeoutMs`: the answer when it finishes in time; `pending` when the
 * case accepted it but it is still running (the caller answers 202); 503 when the case could not even take it in
 * time (a retry with the same update ID is applied once). Refusals become 4xx errors.
 */
export async function runAction<A extends ActionName>(
  client: Client,
  caseNumber: string,
  action: A,
  call: ActionCall<A>,
  options: { updateId: string; timeoutMs: number },
): Promise<ActionOutcome> {
  const handle = handleOf(client, caseNumber);
  const deadline = Date.now() + options.timeoutMs;
  try {
    const update = await client.withDeadline(deadline, () =>
      handle.startUpdate(updates[action], {
        args: [call],
        updateId: options.updateId,
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
    // Past the deadline the answer is 202, and the long poll for the result is abandoned, not left running.
    const abandon = new AbortController();
    const timer = setTimeout(() => abandon.abort(), Math.max(0, deadline - Date.now()));
    try {
      return { kind: 'done', answer: await client.withAbortSignal(abandon.signal, () => update.result()) };
    } catch (error) {
      if (abandon.signal.aborted) return { kind: 'pending', updateId: options.updateId };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    if (error instanceof WorkflowNotFoundError && (await caseExists(handle))) {
      // The server answers "not found" for an update to a completed workflow: the case is closed.
      throw new ApiError(409, 'wrong_stage', 'the case is closed');
    }
    throw mapTemporalError(error);
  }
}

export type GatewayEventOutcome = 'recorded' | 'case_closed' | 'case_not_found' | 'unknown_key';

/**
 * Hands a gateway callback to its case in one update; resolves once Temporal has recorded it. The event's ID is
 * the update's, so a callback delivered twice is applied once even if the webhook's replay table lost it.
 */
export async function deliverGatewayEvent(
  client: Client,
  caseNumber: string,
  callback: GatewayCallback,
): Promise<GatewayEventOutcome> {
  const handle = handleOf(client, caseNumber);
  const event: messages.GatewayEvent = isNoticeEvent(callback)
    ? { kind: 'notice', event: noticeEventOf(callback) }
    : { kind: 'referral', event: enforcementEventOf(callback) };
  try {
    await within(client, () =>
      handle.executeUpdate(messages.gatewayEventUpdate, { args: [event], updateId: `gateway-${callback.eventId}` }),
    );
    return 'recorded';
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause;
      // Refused: the key names no notice or referral of this case, and nothing was recorded.
      if (cause instanceof ApplicationFailure && cause.type === messages.UNKNOWN_GATEWAY_KEY) return 'unknown_key';
      // Anything else (a worker older than the update) is not recorded either: the gateway retries on 503.
      throw unavailable('the case');
    }
    // An update that timed out, or a server away, is 503 like any action's (a gateway retries its callback).
    if (!(error instanceof WorkflowNotFoundError)) throw mapTemporalError(error);
    return (await caseExists(handle)) ? 'case_closed' : 'case_not_found';
  }
}

function noticeEventOf({ noticeId, idempotencyKey, event, at, failureReason }: NoticeEventCallback): NoticeEvent {
  return { noticeId, idempotencyKey, event, at, failureReason };
}

function enforcementEventOf({ referralId, idempotencyKey, event, at }: ReferralEventCallback): EnforcementEvent {
  return { referralId, idempotencyKey, event, at };
}

export async function fetchCaseHistory(client: Client, caseNumber: string): Promise<History> {
  try {
    return await within(client, () => handleOf(client, caseNumber).fetchHistory());
  } catch (error) {
    throw mapTemporalError(error);
  }
}

/** The cheapest call that proves the frontend answers. */
export async function pingTemporal(client: Client): Promise<void> {
  await client.workflowService.getSystemInfo({});
}

async function caseExists(handle: WorkflowHandle): Promise<boolean> {
  try {
    await handle.client.withDeadline(Date.now() + actionTimeoutMs(), () => handle.describe());
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw mapTemporalError(error);
  }
}

const refusals: Record<RefusalType, { status: number; code: string }> = {
  WrongStage: { status: 409, code: 'wrong_stage' },
  LimitReached: { status: 409, code: 'limit_reached' },
  InvalidInput: { status: 422, code: 'invalid_input' },
  NotAllowed: { status: 403, code: 'not_allowed' },
};

const isRefusalType = (type: string | undefined | null): type is RefusalType =>
  typeof type === 'string' && type in refusals;

/** gRPC codes that mean "Temporal is not reachable right now", as opposed to a bad request. */
const UNAVAILABLE_CODES = new Set([
  1 /* CANCELLED: our own deadline */, 4 /* DEADLINE_EXCEEDED */, 8 /* RESOURCE_EXHAUSTED */, 14 /* UNAVAILABLE */,
]);
const NOT_FOUND = 5;
/** The server refuses an update while the case's last workflow task failed (a worker overloaded or crashing). */
const FAILED_PRECONDITION = 9;

/**
 * Maps what the client throws to an ApiError; anything unexpected is returned unchanged and becomes a 500.
 * A refusal keeps the workflow's message, which says why (e.g. "the case is in hearing, not intake").
 */
export function mapTemporalError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && isRefusalType(cause.type)) {
      const { status, code } = refusals[cause.type];
      return new ApiError(status, code, cause.message);
    }
    return error;
  }
  if (error instanceof WorkflowNotFoundError) return new ApiError(404, 'case_not_found', 'no such case');
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return unavailable('the case');
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(grpc) && grpc.code === NOT_FOUND) return new ApiError(404, 'case_not_found', 'no such case');
  if (isGrpcServiceError(grpc) && UNAVAILABLE_CODES.has(grpc.code)) return unavailable('the workflow service');
  if (
    isGrpcServiceError(grpc) &&
    grpc.code === FAILED_PRECONDITION &&
    /workflow task in failed state/i.test(grpc.details)
  )
    return new ApiError(
      503,
      'unavailable',
      'the case cannot take actions right now: its last workflow task failed and the worker is retrying it; retry shortly (with the same Idempotency-Key)',
    );
  return error;
}

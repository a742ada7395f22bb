/** The HTTP adapter of the gateway port: speaks GATEWAY.md and turns every answer into a value or a typed failure. */
import { ApplicationFailure } from '@temporalio/common';
import type { z } from 'zod';
import { GatewayFailureType } from './failures';
import type {
  NoticeAcceptance,
  NoticeGateway,
  NoticeRequest,
  NoticeStatus,
  ReferralAcceptance,
  ReferralRequest,
  ReferralStatus,
} from './port';
import {
  errorBodySchema,
  issueDetails,
  noticeAcceptedBodySchema,
  noticeStatusBodySchema,
  referralAcceptedBodySchema,
  referralStatusBodySchema,
} from './wire';
import type { ErrorBody } from './wire';

export { GatewayFailureType } from './failures';

export interface HttpGatewayOptions {
  baseUrl: string;
  token: string;
  /** Per request, including reading the answer. */
  timeoutMs?: number;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  idempotencyKey?: string;
}

function failure(
  type: GatewayFailureType,
  message: string,
  options: { nonRetryable: boolean; details?: unknown[]; cause?: Error; nextRetryDelay?: number },
): ApplicationFailure {
  return ApplicationFailure.create({ type, message, ...options });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Retry-After is either delta-seconds or an HTTP date; anything else leaves the delay to the retry policy. */
export function retryAfterMs(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function errorBody(text: string): ErrorBody | undefined {
  const parsed = errorBodySchema.safeParse(parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The first of the gateway's `{ path, message }` details, bounded: it becomes the notice's `failureReason` in the
 * case's answer, where "malformed" alone would send the reader to the logs.
 */
function firstIssue(details: unknown): string | undefined {
  const issue: unknown = Array.isArray(details) ? details[0] : undefined;
  if (typeof issue !== 'object' || issue === null) return undefined;
  const { path, message } = issue as { path?: unknown; message?: unknown };
  if (typeof message !== 'string' || message === '') return undefined;
  const where = typeof path === 'string' && path !== '' ? `${path}: ` : '';
  return `${where}${message}`.slice(0, 160);
}

function classifyError(call: Call, answer: Answer): ApplicationFailure {
  const where = `${call.method} ${call.path}`;
  const body = errorBody(answer.text);
  const code = body?.code;
  const details = [{ status: answer.status, code, details: body?.details }];
  const { status } = answer;

  if (status === 409 && code === 'idempotency_conflict') {
    return failure(
      GatewayFailureType.IdempotencyConflict,
      `${where}: Idempotency-Key ${call.idempotencyKey ?? ''} was already used with a different payload`,
      { nonRetryable: true, details },
    );
  }
  if (status === 422 && code === 'recipient_not_registered') {
    return failure(GatewayFailureType.RecipientNotRegistered, `${where}: the recipient has no electronic account`, {
      nonRetryable: true,
      details,
    });
  }
  if (status === 400) {
    const first = firstIssue(body?.details);
    const why = first === undefined ? '' : ` (${first})`;
    return failure(GatewayFailureType.InvalidRequest, `${where}: the gateway refused the request as malformed${why}`, {
      nonRetryable: true,
      details,
    });
  }
  if (status === 401 || status === 403) {
    return failure(GatewayFailureType.GatewayAuth, `${where}: the gateway refused our credentials (${status})`, {
      nonRetryable: true,
      details,
    });
  }
  if (status === 404 && call.method === 'GET') {
    return failure(GatewayFailureType.GatewayNotFound, `${where}: the gateway does not know this id`, {
      nonRetryable: true,
      details,
    });
  }
  if (status === 429) {
    const nextRetryDelay = retryAfterMs(answer.headers.get('retry-after'));
    return failure(GatewayFailureType.GatewayRateLimited, `${where}: rate limited by the gateway`, {
      nonRetryable: false,
      details,
      ...(nextRetryDelay === undefined ? {} : { nextRetryDelay }),
    });
  }
  // 408 is the gateway giving up on a slow request: as transient as a 503.
  if (status >= 500 || status === 408) {
    // The gateway's own words, when it gave any: a 500 that repeats for one request is found by what it said.
    const words = [body?.code, body?.message].filter(Boolean).join(': ');
    const said = words === '' ? '' : ` (${words})`;
    return failure(GatewayFailureType.GatewayUnavailable, `${where}: the gateway answered ${status}${said}`, {
      nonRetryable: false,
      details,
    });
  }
  return failure(GatewayFailureType.GatewayProtocol, `${where}: unexpected answer ${status} outside the contract`, {
    nonRetryable: true,
    details,
  });
}

function parseBody<T>(call: Call, answer: Answer, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseJson(answer.text));
  if (parsed.success) return parsed.data;
  // A 2xx the contract does not describe will not improve on retry; failing loudly beats guessing at it.
  throw failure(GatewayFailureType.GatewayProtocol, `${call.method} ${call.path}: malformed ${answer.status} body`, {
    nonRetryable: true,
    details: [{ status: answer.status, issues: issueDetails(parsed.error), body: answer.text.slice(0, 500) }],
  });
}

export function createHttpGateway(options: HttpGatewayOptions): NoticeGateway {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function send(call: Call): Promise<Answer> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${options.token}`,
      Accept: 'application/json',
    };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['Idempotency-Key'] = call.idempotencyKey;
    try {
      const response = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        // A redirect is not part of the contract; following one could resend the body without its key.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      // Refused, reset or timed out, before or after the gateway acted: only a retry with the same key is safe.
      const cause = asError(error);
      const reason = cause.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : describeNetworkError(cause);
      throw failure(GatewayFailureType.GatewayUnavailable, `${call.method} ${call.path}: ${reason}`, {
        nonRetryable: false,
        cause,
      });
    }
  }

  async function post<T>(call: Call, schema: z.ZodType<T>): Promise<{ value: T; replayed: boolean }> {
    const answer = await send(call);
    if (answer.status !== 202 && answer.status !== 200) throw classifyError(call, answer);
    return { value: parseBody(call, answer, schema), replayed: answer.status === 200 };
  }

  async function get<T>(call: Call, schema: z.ZodType<T>): Promise<T> {
    const answer = await send(call);
    if (answer.status !== 200) throw classifyError(call, answer);
    return parseBody(call, answer, schema);
  }

  return {
    async sendNotice(request: NoticeRequest, idempotencyKey: string): Promise<NoticeAcceptance> {
      const call: Call = { method: 'POST', path: '/v1/notices', body: request, idempotencyKey };
      const { value, replayed } = await post(call, noticeAcceptedBodySchema);
      return { noticeId: value.noticeId, status: 'accepted', acceptedAt: value.acceptedAt, replayed };
    },

    async getNoticeStatus(noticeId: string): Promise<NoticeStatus> {
      const call: Call = { method: 'GET', path: `/v1/notices/${encodeURIComponent(noticeId)}` };
      return get(call, noticeStatusBodySchema);
    },

    async referToEnforcement(request: ReferralRequest, idempotencyKey: string): Promise<ReferralAcceptance> {
      const call: Call = { method: 'POST', path: '/v1/enforcement-referrals', body: request, idempotencyKey };
      const { value, replayed } = await post(call, referralAcceptedBodySchema);
      return { referralId: value.referralId, replayed };
    },

    async getReferralStatus(referralId: string): Promise<ReferralStatus> {
      const call: Call = { method: 'GET', path: `/v1/enforcement-referrals/${encodeURIComponent(referralId)}` };
      const observedAt = new Date().toISOString();
      const value = await get(call, referralStatusBodySchema);
      // GATEWAY.md only promises `status`; without `updatedAt` the time we observed it is the best we know.
      return {
        referralId: value.referralId ?? referralId,
        status: value.status,
        updatedAt: value.updatedAt ?? observedAt,
      };
    },
  };
}

// Duck-typed rather than `instanceof Error`: fetch's errors may come from another realm (a test sandbox, a worker).
function asError(value: unknown): Error {
  if (typeof value === 'object' && value !== null && 'message' in value && 'name' in value) return value as Error;
  return new Error(String(value));
}

/** "fetch failed" says nothing; the cause's code (ECONNREFUSED, UND_ERR_SOCKET…) says what happened. */
function describeNetworkError(error: Error): string {
  const cause: unknown = error.cause;
  if (typeof cause !== 'object' || cause === null) return error.message;
  const { code, message } = cause as { code?: unknown; message?: unknown };
  const detail = typeof code === 'string' ? code : typeof message === 'string' ? message : undefined;
  return detail === undefined ? error.message : `${error.message} (${detail})`;
}

/** What the HTTP tests share: a fetch wrapper, a valid filing, signed gateway callbacks, polling and row counts. */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Filing } from '../../domain/case';
import { makeLegalEntityId, makeNationalId } from '../../domain/ids';
import { SIGNATURE_HEADER, signPayload } from '../../gateway/signature';
import { waitForState } from '../helpers/cases';
import { eventually } from '../helpers/eventually';
import type { Stack } from '../helpers/stack';
import { WEBHOOK_SECRET } from '../helpers/stack';

export { eventually };

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string;
  /** A value to send as JSON, or a string sent as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(stack: Stack, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${stack.apiUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** Reads a property path of an unknown JSON value, for assertions without casts. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function errorCode(reply: Reply): unknown {
  return at(reply.body, 'error', 'code');
}

let seed = 100_000_000 + Math.floor(Math.random() * 800_000_000);

/** A valid filing with fresh, valid IDs (check digits computed, never real people's numbers). */
export function filing(overrides: Partial<Filing> = {}): Filing {
  seed += 1;
  return {
    channel: 'counter',
    province: 'THR',
    complainant: { nationalId: makeNationalId(String(seed)), name: 'Maryam Ahmadi', phone: '+989121234567' },
    respondent: { legalEntityId: makeLegalEntityId(`1${String(seed)}`), name: 'Pars Textile Co.' },
    employment: {
      startedOn: '2022-03-21',
      endedOn: '2025-06-01',
      jobTitle: 'Machine operator',
      monthlyWageRials: 150_000_000,
    },
    claims: [{ kind: 'unpaid_wages', amountRials: 450_000_000, description: 'Three months of unpaid wages' }],
    statement: 'I was not paid for the last three months of my employment.',
    ...overrides,
  };
}

export async function fileCase(stack: Stack, token: string, body: Filing = filing()): Promise<string> {
  const reply = await call(stack, 'POST', '/api/v1/cases', {
    token,
    body,
    headers: { 'Idempotency-Key': randomUUID() },
  });
  if (reply.status !== 201) throw new Error(`filing failed: ${reply.status} ${reply.text}`);
  const caseNumber = at(reply.body, 'caseNumber');
  if (typeof caseNumber !== 'string') throw new Error(`no case number in ${reply.text}`);
  return caseNumber;
}

/** Waits until the case's first projection is in the read model. */
export function projected(stack: Stack, caseNumber: string): Promise<true> {
  return eventually(
    async () => ((await stack.db('cases').where({ case_number: caseNumber }).first()) ? true : undefined),
    10_000,
    `the projection of ${caseNumber}`,
  );
}

export const writtenTables = ['cases', 'parties', 'audit_log', 'idempotency_keys', 'case_sequences', 'gateway_events'];

export async function rowCounts(db: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of writtenTables) {
    const row = await db(table).count<{ count: string }[]>('* as count').first();
    counts[table] = Number(row?.count ?? 0);
  }
  return counts;
}

/** POSTs a gateway callback signed the way the gateway signs it; `signedAt` in unix seconds. */
export async function postCallback(
  stack: Stack,
  payload: unknown,
  options: { secret?: string; signedAt?: number; signature?: string } = {},
): Promise<Reply> {
  const raw = JSON.stringify(payload);
  const signature =
    options.signature ??
    signPayload(options.secret ?? WEBHOOK_SECRET, raw, options.signedAt ?? Math.floor(Date.now() / 1000));
  return call(stack, 'POST', '/api/v1/gateway/notice-events', {
    body: raw,
    headers: { [SIGNATURE_HEADER]: signature },
  });
}

/**
 * Waits until the read model holds every audit entry the case has recorded: it is written behind each action, so a
 * timeline read at once may not show the action just taken.
 */
export async function caughtUp(stack: Stack, caseNumber: string): Promise<void> {
  await waitForState(stack.client.workflow.getHandle(`case-${caseNumber}`), (s) => s.projectedSeq === s.auditSeq);
}

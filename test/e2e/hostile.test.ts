/**
 * Hostile and unlucky requests, each replayed as it was found: every one answers a 4xx with a stable code (never a
 * 500, never a hang) and writes nothing; keys belong to their caller and route; no text the door lets in can poison a
 * case's projection.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Filing } from '../../domain/case';
import { startStack, type Stack } from '../helpers/stack';
import {
  at,
  call,
  caughtUp,
  errorCode,
  eventually,
  fileCase,
  filing,
  projected,
  rowCounts,
  type Reply,
} from './helpers';
import { policyWith } from '../helpers/cases';

let stack: Stack;
let clerk: string;
let engineer: string;
let caseNumber: string;

beforeAll(async () => {
  // A correction window no loaded machine outruns: a reminder or abandonment would write rows mid-assertion.
  stack = await startStack({ sim: { deliverAfterMs: 60_000 }, policy: policyWith({ correction: 120 }) });
  clerk = await stack.token({ role: 'clerk', provinces: ['THR'], sub: 'clerk-h' });
  engineer = await stack.token({ role: 'engineer', sub: 'engineer-h' });
  caseNumber = await fileCase(stack, clerk);
  await projected(stack, caseNumber);
});
afterAll(async () => {
  await stack?.close();
});

const cursorOf = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const withFiling = (change: (f: Filing) => unknown) => change(filing());

interface Hostile {
  name: string;
  method?: string;
  path?: string | (() => string);
  body?: unknown;
  raw?: { body: Buffer | string; headers: Record<string, string> };
  token?: () => string;
  status: number;
  code: string;
}

const hostile: Hostile[] = [
  {
    name: 'a cursor of the wrong shape',
    method: 'GET',
    path: `/api/v1/cases?cursor=${cursorOf(['1', 'x'])}`,
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a cursor with a date that does not exist',
    method: 'GET',
    path: `/api/v1/cases?cursor=${cursorOf(['2026-02-31T00:00:00.000Z', 'THR-1405-000001'])}`,
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a cursor hiding a NUL',
    method: 'GET',
    path: `/api/v1/cases?cursor=${cursorOf(['2026-01-01T00:00:00.000Z', 'a\u0000b'])}`,
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a cursor that is not base64 JSON',
    method: 'GET',
    path: '/api/v1/cases?cursor=%21%21',
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'an escalations cursor of the wrong shape',
    method: 'GET',
    path: `/api/v1/escalations?cursor=${cursorOf(['1', 'x'])}`,
    status: 422,
    code: 'invalid_input',
  },
  { name: 'a NUL in q', method: 'GET', path: '/api/v1/cases?q=Reza%00', status: 422, code: 'invalid_input' },
  {
    name: 'a NUL in boardMemberId',
    method: 'GET',
    path: '/api/v1/cases?boardMemberId=m%00',
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'bad percent-encoding in the path',
    method: 'GET',
    path: '/api/v1/cases/%ZZ',
    status: 400,
    code: 'malformed_request',
  },
  {
    name: 'a gzip Content-Encoding on a plain body',
    raw: { body: '{"channel":"counter"}', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
    status: 400,
    code: 'malformed_request',
  },
  {
    name: 'a gzipped body that is not JSON',
    raw: { body: gzipSync('not json'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
    status: 400,
    code: 'malformed_request',
  },
  { name: 'malformed JSON', body: '{"channel": ', status: 400, code: 'malformed_request' },
  {
    name: 'the history of a case that does not exist',
    method: 'GET',
    path: '/api/v1/cases/THR-1405-999999/history',
    token: () => engineer,
    status: 404,
    code: 'case_not_found',
  },
  {
    name: 'a case that does not exist',
    method: 'GET',
    path: '/api/v1/cases/THR-1405-999998',
    status: 404,
    code: 'case_not_found',
  },
  {
    name: 'an action on a case that does not exist',
    method: 'POST',
    path: '/api/v1/cases/THR-1405-999997/actions/accept-complaint',
    body: {},
    status: 404,
    code: 'case_not_found',
  },
  {
    name: 'employment that started on 0000-01-01',
    body: withFiling((f) => ({ ...f, employment: { ...f.employment, startedOn: '0000-01-01' } })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'employment that ends on 9999-12-31',
    body: withFiling((f) => ({ ...f, employment: { ...f.employment, endedOn: '9999-12-31' } })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'an empty address',
    body: withFiling((f) => ({ ...f, complainant: { ...f.complainant, address: '   ' } })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a NUL in a name',
    body: withFiling((f) => ({ ...f, complainant: { ...f.complainant, name: 'Reza\u0000Ahmadi' } })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a bidirectional override in the statement',
    body: withFiling((f) => ({ ...f, statement: 'I was paid \u202Eon time' })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a zero-width space in a name',
    body: withFiling((f) => ({ ...f, respondent: { ...f.respondent, name: 'Pars\u200BTextile' } })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'an amount past 2^53 rials',
    body: withFiling((f) => ({ ...f, claims: [{ kind: 'other', amountRials: 2 ** 53 + 2, description: 'x' }] })),
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a NUL in an action’s reason',
    method: 'POST',
    path: () => `/api/v1/cases/${caseNumber}/actions/request-correction`,
    body: { reason: 'missing\u0000page' },
    status: 422,
    code: 'invalid_input',
  },
  {
    name: 'a note longer than 2000 characters',
    method: 'POST',
    path: () => `/api/v1/cases/${caseNumber}/actions/request-correction`,
    body: { reason: 'missing page', note: 'x'.repeat(2001) },
    status: 422,
    code: 'invalid_input',
  },
];

async function send(h: Hostile): Promise<Reply> {
  const path = typeof h.path === 'function' ? h.path() : (h.path ?? '/api/v1/cases');
  const token = h.token?.() ?? clerk;
  if (h.raw) {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method: h.method ?? 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), ...h.raw.headers },
      body: typeof h.raw.body === 'string' ? h.raw.body : new Uint8Array(h.raw.body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, text };
  }
  return call(stack, h.method ?? 'POST', path, { token, body: h.body, headers: { 'Idempotency-Key': randomUUID() } });
}

describe('hostile requests', () => {
  it.each(hostile)('answers $name with $status $code and writes nothing', async (h) => {
    const before = await rowCounts(stack.db);
    const reply = await send(h);
    expect({ status: reply.status, code: errorCode(reply) }).toEqual({ status: h.status, code: h.code });
    expect(typeof at(reply.body, 'error', 'message')).toBe('string');
    expect(await rowCounts(stack.db)).toEqual(before);
  });
});

describe('idempotency keys', () => {
  it('keeps a key to its caller and route: an officer’s rejection with a clerk’s key happens', async () => {
    const own = await fileCase(stack, clerk);
    const officer = await stack.token({ role: 'officer', provinces: ['THR'], sub: 'officer-h' });
    const key = randomUUID();
    const base = `/api/v1/cases/${own}/actions`;
    const correction = await call(stack, 'POST', `${base}/request-correction`, {
      token: clerk,
      body: { reason: 'wage slip missing' },
      headers: { 'Idempotency-Key': key },
    });
    expect(correction.status).toBe(200);
    const rejected = await call(stack, 'POST', `${base}/reject-complaint`, {
      token: officer,
      body: { reason: 'not a labor dispute' },
      headers: { 'Idempotency-Key': key },
    });
    expect([rejected.status, at(rejected.body, 'stage'), at(rejected.body, 'outcome')]).toEqual([
      200,
      'closed',
      'rejected',
    ]);
  });

  it('answers the same key and body with the first answer, and another body with 409 idempotency_conflict', async () => {
    const own = await fileCase(stack, clerk);
    const key = randomUUID();
    const path = `/api/v1/cases/${own}/actions/request-correction`;
    const first = await call(stack, 'POST', path, {
      token: clerk,
      body: { reason: 'wage slip missing' },
      headers: { 'Idempotency-Key': key },
    });
    const again = await call(stack, 'POST', path, {
      token: clerk,
      body: { reason: 'wage slip missing' },
      headers: { 'Idempotency-Key': key },
    });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    // The read model follows the action: count once it has caught up, so only the refused request could add rows.
    await caughtUp(stack, own);
    const before = await rowCounts(stack.db);
    const other = await call(stack, 'POST', path, {
      token: clerk,
      body: { reason: 'another reason' },
      headers: { 'Idempotency-Key': key },
    });
    expect([other.status, errorCode(other)]).toEqual([409, 'idempotency_conflict']);
    expect(await rowCounts(stack.db)).toEqual(before);
    const detail = await call(stack, 'GET', `/api/v1/cases/${own}`, { token: clerk });
    expect(at(detail.body, 'corrections')).toBe(1);
  });
});

describe('text that once poisoned a case', () => {
  it('takes a long reason and Persian text with its joiners, and the case reaches the read model whole', async () => {
    const own = await fileCase(
      stack,
      clerk,
      filing({ statement: 'کارفرما حقوق سه ماه را نپرداخته است و می‌گوید پول ندارد.' }),
    );
    const reason = `مدارک ناقص است: ${'ف'.repeat(1900)}`;
    const reply = await call(stack, 'POST', `/api/v1/cases/${own}/actions/request-correction`, {
      token: clerk,
      body: { reason },
    });
    expect(reply.status).toBe(200);
    const entry = await eventually(
      async () => {
        const timeline = await call(stack, 'GET', `/api/v1/cases/${own}/timeline`, { token: clerk });
        return (at(timeline.body, 'items') as { summary: string }[]).find((e) => e.summary.includes('ففف'));
      },
      15_000,
      'the long reason in the timeline',
    );
    expect(entry.summary).toBe(`correction requested: ${reason}`);
  });
});

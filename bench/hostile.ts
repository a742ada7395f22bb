/**
 * `npm run -s hostile -- --url http://127.0.0.1:3000 --requests 10000`: thousands of hostile and unlucky requests
 * against a running Davar (forged and junk tokens, broken JSON and encodings, control and bidi characters, crafted
 * cursors, wrong actions on real cases, bad webhooks), counted by status class and code. Any 5xx is a bug: the run
 * says so and exits 1. Start the API with a high API_RATE_LIMIT_PER_MIN to test more than the rate limiter.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signDevToken } from '../api/auth';
import { actionNames, toKebab } from '../domain/actions';
import { makeLegalEntityId, makeNationalId } from '../domain/ids';
import { signPayload, SIGNATURE_HEADER } from '../gateway/signature';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.API_URL ?? 'http://127.0.0.1:3000' },
    requests: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    secret: { type: 'string', default: process.env.JWT_SECRET ?? 'dev-jwt-secret' },
    'webhook-secret': { type: 'string', default: process.env.GATEWAY_WEBHOOK_SECRET ?? 'dev-webhook-secret' },
  },
});
const base = values.url;
const total = Number(values.requests);

let seed = 100_000_000 + Math.floor(Math.random() * 800_000_000);
const filing = () => {
  seed += 1;
  return {
    channel: 'counter',
    province: 'THR',
    complainant: { nationalId: makeNationalId(String(seed)), name: 'Hostile Tester' },
    respondent: { legalEntityId: makeLegalEntityId(`1${seed}`), name: 'Pars Textile Co.' },
    employment: { startedOn: '2022-03-21', endedOn: '2025-06-01', jobTitle: 'Operator', monthlyWageRials: 150_000_000 },
    claims: [{ kind: 'unpaid_wages', amountRials: 450_000_000, description: 'unpaid' }],
    statement: 'unpaid wages',
  };
};

const nasty = [
  '\u0000',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '\uD800',
  '%00',
  'x'.repeat(300_000),
  '<script>alert(1)</script>',
  "'; DROP TABLE cases; --",
  '../../etc/passwd',
  '\u0001\u0002',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'می‌شود',
];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
/** Percent-encodes every byte, lone surrogates included (as U+FFFD), which encodeURIComponent refuses. */
const enc = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

interface Shot {
  kind: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

function mutate(value: unknown): unknown {
  if (typeof value === 'string') return Math.random() < 0.5 ? value + pick(nasty) : pick(nasty);
  if (typeof value === 'number') return pick([-1, 2 ** 60, Number.NaN, 1.5, '12']);
  if (Array.isArray(value)) return Math.random() < 0.3 ? [] : value.map(mutate);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const [k] = pick(entries);
    return { ...value, [k]: mutate((value as Record<string, unknown>)[k]) };
  }
  return value;
}

function shots(
  tokens: { clerk: string; officer: string; engineer: string; junk: string },
  cases: string[],
): (() => Shot)[] {
  const json = (v: unknown) => JSON.stringify(v);
  const auth = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
  return [
    () => ({
      kind: 'mutated filing',
      method: 'POST',
      path: '/api/v1/cases',
      body: json(mutate(filing())),
      headers: { ...auth(tokens.clerk), 'idempotency-key': randomUUID() },
    }),
    () => ({
      kind: 'broken JSON',
      method: 'POST',
      path: '/api/v1/cases',
      body: '{"channel": "counter", ',
      headers: { ...auth(tokens.clerk), 'idempotency-key': randomUUID() },
    }),
    () => ({
      kind: 'gzip lie',
      method: 'POST',
      path: '/api/v1/cases',
      body: json(filing()),
      headers: { ...auth(tokens.clerk), 'content-encoding': 'gzip', 'idempotency-key': randomUUID() },
    }),
    () => ({ kind: 'junk token', method: 'GET', path: '/api/v1/cases', headers: auth(tokens.junk) }),
    () => ({ kind: 'no token', method: 'GET', path: `/api/v1/cases/${pick(cases)}` }),
    () => ({
      kind: 'crafted cursor',
      method: 'GET',
      path: `/api/v1/cases?cursor=${cursor(pick([['1', 'x'], ['2026-02-31T00:00:00.000Z', 'y'], [null, 1], 'x', ['2026-01-01T00:00:00.000Z', '\u0000']]))}`,
      headers: auth(tokens.clerk),
    }),
    () => ({
      kind: 'nasty query',
      method: 'GET',
      path: `/api/v1/cases?q=${enc(pick(nasty).slice(0, 200))}&boardMemberId=${enc(pick(nasty).slice(0, 50))}`,
      headers: auth(tokens.clerk),
    }),
    () => ({
      kind: 'bad path',
      method: 'GET',
      path: pick([
        '/api/v1/cases/%ZZ',
        '/api/v1/cases/%',
        '/api/v1/cases/THR-1405-999999/history',
        '/api/v1/cases/..%2F..%2Fetc',
        '/api/v1/nothing',
      ]),
      headers: auth(tokens.engineer),
    }),
    () => {
      const action = toKebab(pick(actionNames));
      const body = pick([
        {},
        { reason: pick(nasty) },
        { note: 'x'.repeat(3000) },
        { decision: 'uphold', reason: 'ok' },
        { at: 'not a date', mode: 'remote' },
        mutate({ reason: 'ok', terms: 'ok' }),
      ]);
      return {
        kind: 'wrong action',
        method: 'POST',
        path: `/api/v1/cases/${pick(cases)}/actions/${action}`,
        body: json(body),
        headers: { ...auth(pick([tokens.clerk, tokens.officer])), 'idempotency-key': randomUUID() },
      };
    },
    () => {
      const raw = json(
        mutate({
          eventId: randomUUID(),
          noticeId: 'n',
          idempotencyKey: `${pick(cases)}:complaint:respondent:9`,
          event: 'delivered',
          at: new Date().toISOString(),
        }),
      );
      const signed = Math.random() < 0.7;
      return {
        kind: 'webhook',
        method: 'POST',
        path: '/api/v1/gateway/notice-events',
        body: raw,
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signed
            ? signPayload(values['webhook-secret'], raw, Math.floor(Date.now() / 1000))
            : 't=1,v1=00',
        },
      };
    },
    () => ({
      kind: 'calendar',
      method: 'GET',
      path: `/api/v1/calendar/deadline?from=${enc(pick(['x', '2026-13-01', '9999-01-01T00:00:00Z', '2026-11-25T10:00:00Z']))}&rule=${pick(['15_calendar_days', '-1_business_days', '99999_business_days', 'x'])}`,
      headers: auth(tokens.clerk),
    }),
  ];
}

async function main(): Promise<void> {
  const tokens = {
    clerk: await signDevToken({ sub: 'hostile-clerk', role: 'clerk', provinces: ['THR'] }, values.secret),
    officer: await signDevToken({ sub: 'hostile-officer', role: 'officer', provinces: ['THR'] }, values.secret),
    engineer: await signDevToken({ sub: 'hostile-engineer', role: 'engineer', provinces: ['*'] }, values.secret),
    junk: await signDevToken({ sub: 'x', role: 'supervisor', provinces: ['THR'] }, 'not-the-secret'),
  };
  // A few real cases to aim the actions at.
  const cases: string[] = [];
  for (let i = 0; i < 5; i++) {
    const reply = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.clerk}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(filing()),
    });
    const caseNumber = ((await reply.json()) as { caseNumber?: string }).caseNumber;
    if (caseNumber) cases.push(caseNumber);
  }
  if (cases.length === 0) throw new Error(`could not file a case at ${base}: is Davar running?`);
  const makers = shots(tokens, cases);
  const byClass: Record<string, number> = {};
  const byKind: Record<string, Record<string, number>> = {};
  const fives: string[] = [];
  let sent = 0;
  const started = Date.now();
  const worker = async () => {
    while (sent < total) {
      sent += 1;
      const shot = pick(makers)();
      let status = 'hung';
      try {
        const reply = await fetch(`${base}${shot.path}`, {
          method: shot.method,
          headers: shot.headers,
          body: shot.body,
          signal: AbortSignal.timeout(30_000),
        });
        await reply.arrayBuffer();
        status = String(reply.status);
      } catch {
        status = 'no-answer';
      }
      const cls = /^\d/.test(status) ? `${status[0]}xx` : status;
      byClass[cls] = (byClass[cls] ?? 0) + 1;
      (byKind[shot.kind] ??= {})[status] = ((byKind[shot.kind] ?? {})[status] ?? 0) + 1;
      if (!cls.startsWith('2') && !cls.startsWith('4'))
        fives.push(`${status} ${shot.kind} ${shot.method} ${shot.path.slice(0, 120)}`);
    }
  };
  await Promise.all(Array.from({ length: Number(values.concurrency) }, worker));
  const seconds = (Date.now() - started) / 1000;
  const result = {
    at: new Date().toISOString(),
    url: base,
    requests: sent,
    seconds,
    byClass,
    byKind,
    notAnswered: fives.slice(0, 50),
  };
  console.log(JSON.stringify(result, null, 2));
  const file = path.join(__dirname, 'results', `${result.at.slice(0, 10)}-hostile.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `${sent} requests in ${seconds.toFixed(0)} s: ${Object.entries(byClass)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; written to ${path.relative(process.cwd(), file)}`,
  );
  if (fives.length) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/** Filing, reading, listing and acting on cases through the HTTP API, on the real stack. */
import { randomUUID } from 'node:crypto';
import { lifetime, signHs256 } from '../helpers/tokens';
import { startStack, JWT_SECRET, type Stack } from '../helpers/stack';
import { parseServerTiming } from '../../api/server-timing';
import { jalaliYearOf } from '../../domain/calendar/jalali';
import { makeLegalEntityId, makeNationalId } from '../../domain/ids';
import { at, call, caughtUp, errorCode, eventually, fileCase, filing, projected, rowCounts } from './helpers';

let stack: Stack;
let clerk: string;

beforeAll(async () => {
  // Deliveries are slow here, so a case stays in `notice` long enough to assert on it.
  stack = await startStack({ sim: { deliverAfterMs: 60_000 } });
  clerk = await stack.token({ role: 'clerk', provinces: ['THR', 'ISF'], sub: 'clerk-1' });
});

afterAll(async () => {
  await stack?.close();
});

const wrongNationalId = (): string => {
  const valid = makeNationalId('001234567');
  return valid.slice(0, 9) + String((Number(valid[9]) + 1) % 10);
};
const wrongLegalEntityId = (): string => {
  const valid = makeLegalEntityId('1012345678');
  return valid.slice(0, 10) + String((Number(valid[10]) + 1) % 10);
};

describe('bad input', () => {
  const base = filing();
  const cases: {
    name: string;
    method?: string;
    path?: string;
    body: unknown;
    headers?: Record<string, string>;
    status: number;
    code: string;
  }[] = [
    {
      name: 'a filing without an Idempotency-Key',
      body: base,
      headers: {},
      status: 400,
      code: 'idempotency_key_required',
    },
    {
      name: 'a wage given as a string',
      body: { ...base, employment: { ...base.employment, monthlyWageRials: '100' } },
      status: 422,
      code: 'invalid_input',
    },
    { name: 'a filing without claims', body: { ...base, claims: [] }, status: 422, code: 'invalid_input' },
    {
      name: 'a filing without a complainant',
      body: { ...base, complainant: undefined },
      status: 422,
      code: 'invalid_input',
    },
    { name: 'an unknown province', body: { ...base, province: 'XXX' }, status: 422, code: 'invalid_input' },
    {
      name: 'a national ID with a wrong check digit',
      body: { ...base, complainant: { ...base.complainant, nationalId: wrongNationalId() } },
      status: 422,
      code: 'invalid_input',
    },
    {
      name: 'a legal-entity ID with a wrong check digit',
      body: { ...base, respondent: { name: 'Pars Textile Co.', legalEntityId: wrongLegalEntityId() } },
      status: 422,
      code: 'invalid_input',
    },
    {
      name: 'a body larger than 256 kB',
      body: { ...base, statement: 'x'.repeat(300_000) },
      status: 413,
      code: 'payload_too_large',
    },
    { name: 'malformed JSON', body: '{"channel": "counter",', status: 400, code: 'malformed_request' },
    {
      name: 'an unknown action',
      method: 'POST',
      path: '/api/v1/cases/THR-1405-000001/actions/approve-everything',
      body: {},
      status: 404,
      code: 'unknown_action',
    },
    {
      name: 'malformed JSON to an action',
      method: 'POST',
      path: '/api/v1/cases/THR-1405-000001/actions/accept-complaint',
      body: '{oops',
      status: 400,
      code: 'malformed_request',
    },
    {
      name: 'a malformed case number',
      method: 'GET',
      path: '/api/v1/cases/THR-14-1',
      body: undefined,
      status: 400,
      code: 'invalid_case_number',
    },
    {
      name: 'a list limit above 200',
      method: 'GET',
      path: '/api/v1/cases?limit=201',
      body: undefined,
      status: 422,
      code: 'invalid_input',
    },
    {
      name: 'an unknown list filter',
      method: 'GET',
      path: '/api/v1/cases?stge=intake',
      body: undefined,
      status: 422,
      code: 'invalid_input',
    },
  ];

  it.each(cases)(
    'refuses $name with $status $code and writes nothing',
    async ({ method, path, body, headers, status, code }) => {
      const before = await rowCounts(stack.db);
      const reply = await call(stack, method ?? 'POST', path ?? '/api/v1/cases', {
        token: clerk,
        body,
        headers: headers ?? { 'Idempotency-Key': randomUUID() },
      });
      expect({ status: reply.status, code: errorCode(reply) }).toEqual({ status, code });
      expect(typeof at(reply.body, 'error', 'message')).toBe('string');
      expect(await rowCounts(stack.db)).toEqual(before);
    },
  );

  it('lists the offending fields of an invalid filing', async () => {
    const reply = await call(stack, 'POST', '/api/v1/cases', {
      token: clerk,
      body: { ...base, complainant: { ...base.complainant, nationalId: wrongNationalId() }, claims: [] },
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect(reply.status).toBe(422);
    const paths = (at(reply.body, 'error', 'details', 'issues') as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['complainant.nationalId', 'claims']));
  });

  it('answers an unknown route with 404 not_found', async () => {
    const reply = await call(stack, 'GET', '/api/v1/nothing-here', { token: clerk });
    expect([reply.status, errorCode(reply)]).toEqual([404, 'not_found']);
  });
});

describe('authentication', () => {
  it('refuses a request without a token with 401', async () => {
    const reply = await call(stack, 'GET', '/api/v1/cases');
    expect([reply.status, errorCode(reply)]).toEqual([401, 'unauthorized']);
  });

  it('refuses a token signed with another secret, and an expired one', async () => {
    const forged = await signHs256(lifetime({ sub: 'x', role: 'engineer', provinces: ['*'] }), 'not-the-secret');
    const now = Math.floor(Date.now() / 1000);
    const expired = await signHs256(
      { sub: 'x', role: 'clerk', provinces: ['THR'], iat: now - 120, exp: now - 60 },
      JWT_SECRET,
    );
    for (const token of [forged, expired]) {
      const reply = await call(stack, 'GET', '/api/v1/cases', { token });
      expect([reply.status, errorCode(reply)]).toEqual([401, 'unauthorized']);
    }
  });

  it.each([
    ['no provinces claim', lifetime({ sub: 'x', role: 'clerk' }), /a staff token carries provinces/],
    ['no exp', { sub: 'x', role: 'clerk', provinces: ['THR'], iat: Math.floor(Date.now() / 1000) }, /not valid/],
    [
      'a lifetime over 12 hours',
      lifetime({ sub: 'x', role: 'clerk', provinces: ['THR'] }, 13 * 3600),
      /at most 12 hours/,
    ],
    ['all provinces for a clerk', lifetime({ sub: 'x', role: 'clerk', provinces: ['*'] }), /for engineers only/],
    [
      'a party without its national ID',
      lifetime({ sub: 'x', role: 'party', side: 'complainant' }),
      /side and nationalId/,
    ],
  ])('refuses a token with %s', async (_name, payload, message) => {
    const reply = await call(stack, 'GET', '/api/v1/cases', { token: await signHs256(payload, JWT_SECRET) });
    expect([reply.status, errorCode(reply)]).toEqual([401, 'unauthorized']);
    expect(at(reply.body, 'error', 'message')).toMatch(message);
  });
});

describe('filing a complaint', () => {
  it('files a case that reads as intake and appears in the list once projected', async () => {
    const key = randomUUID();
    const reply = await call(stack, 'POST', '/api/v1/cases', {
      token: clerk,
      body: filing(),
      headers: { 'Idempotency-Key': key },
    });
    expect(reply.status).toBe(201);
    const caseNumber = at(reply.body, 'caseNumber') as string;
    expect(caseNumber).toMatch(/^THR-\d{4}-\d{6}$/);
    expect(at(reply.body, 'stage')).toBe('intake');
    expect(reply.headers.get('location')).toBe(`/api/v1/cases/${caseNumber}`);
    // Where the filing's time went, phase by phase, for a browser's developer tools and the bench.
    expect(Object.keys(parseServerTiming(reply.headers.get('server-timing') ?? ''))).toEqual([
      'parse',
      'allocate',
      'start',
    ]);

    const detail = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
    expect(detail.status).toBe(200);
    expect(at(detail.body, 'stage')).toBe('intake');
    expect(at(detail.body, 'parties', 0, 'name')).toBe('Maryam Ahmadi');
    const actions = at(detail.body, 'availableActions') as { action: string; allowed: boolean }[];
    expect(actions.find((a) => a.action === 'accept-complaint')?.allowed).toBe(true);
    expect(actions.find((a) => a.action === 'cast-vote')?.allowed).toBe(false);

    const listed = await eventually(
      async () => {
        const list = await call(stack, 'GET', `/api/v1/cases?q=${caseNumber}`, { token: clerk });
        const items = at(list.body, 'items') as { caseNumber: string }[];
        return items.find((i) => i.caseNumber === caseNumber);
      },
      10_000,
      'the case in the list',
    );
    expect(listed).toMatchObject({ caseNumber, stage: 'intake', province: 'THR', complainantName: 'Maryam Ahmadi' });
  });

  it('answers the same key and body with the same case, and the same key with another body with 409', async () => {
    const key = randomUUID();
    const body = filing();
    const first = await call(stack, 'POST', '/api/v1/cases', {
      token: clerk,
      body,
      headers: { 'Idempotency-Key': key },
    });
    expect(first.status).toBe(201);
    // Key order differs: the body is compared by content.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await call(stack, 'POST', '/api/v1/cases', {
      token: clerk,
      body: reordered,
      headers: { 'Idempotency-Key': key },
    });
    expect(again.status).toBe(200);
    expect(at(again.body, 'caseNumber')).toBe(at(first.body, 'caseNumber'));

    const before = await rowCounts(stack.db);
    const other = await call(stack, 'POST', '/api/v1/cases', {
      token: clerk,
      body: { ...body, statement: 'A different statement.' },
      headers: { 'Idempotency-Key': key },
    });
    expect([other.status, errorCode(other)]).toEqual([409, 'idempotency_conflict']);
    expect((await rowCounts(stack.db)).case_sequences).toBe(before.case_sequences);
  });

  it('gives concurrent duplicates of one request one case', async () => {
    const key = randomUUID();
    const body = filing();
    const replies = await Promise.all(
      Array.from({ length: 5 }, () =>
        call(stack, 'POST', '/api/v1/cases', { token: clerk, body, headers: { 'Idempotency-Key': key } }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => at(r.body, 'caseNumber'))).size).toBe(1);
  });

  it('numbers cases per province in sequence', async () => {
    const a = await fileCase(stack, clerk, filing({ province: 'ISF' }));
    const b = await fileCase(stack, clerk, filing({ province: 'ISF' }));
    const seq = (n: string) => Number(n.split('-')[2]);
    expect(a.startsWith('ISF-')).toBe(true);
    expect(seq(b)).toBe(seq(a) + 1);
  });

  it('gives the last number of a province’s year, then answers 503 case_numbers_used_up and files nothing', async () => {
    const krdClerk = await stack.token({ role: 'clerk', provinces: ['KRD'], sub: 'clerk-krd' });
    const year = jalaliYearOf(new Date().toISOString());
    await stack
      .db('case_sequences')
      .insert({ province: 'KRD', jalali_year: year, last_value: 999_998 })
      .onConflict(['province', 'jalali_year'])
      .merge();
    try {
      const last = await fileCase(stack, krdClerk, filing({ province: 'KRD' }));
      expect(last).toBe(`KRD-${year}-999999`);
      // Other cases' projections may land meanwhile: count what a filing itself writes.
      const keys = async () => (await rowCounts(stack.db)).idempotency_keys;
      const before = await keys();
      const refused = await call(stack, 'POST', '/api/v1/cases', {
        token: krdClerk,
        body: filing({ province: 'KRD' }),
        headers: { 'Idempotency-Key': randomUUID() },
      });
      expect([refused.status, errorCode(refused)]).toEqual([503, 'case_numbers_used_up']);
      expect(at(refused.body, 'error', 'message')).toMatch(/999999 case numbers of KRD .* nothing was filed/);
      expect(await keys()).toBe(before);
      const sequence = await stack.db('case_sequences').where({ province: 'KRD', jalali_year: year }).first();
      expect(sequence?.last_value).toBe(999_999);
    } finally {
      await stack.db('case_sequences').where({ province: 'KRD', jalali_year: year }).delete();
    }
  });

  it('refuses filing by an engineer and filing in a province the clerk does not serve', async () => {
    const engineer = await stack.token({ role: 'engineer' });
    const byEngineer = await call(stack, 'POST', '/api/v1/cases', {
      token: engineer,
      body: filing(),
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect([byEngineer.status, errorCode(byEngineer)]).toEqual([403, 'forbidden']);
    const elsewhere = await call(stack, 'POST', '/api/v1/cases', {
      token: clerk,
      body: filing({ province: 'FRS' }),
      headers: { 'Idempotency-Key': randomUUID() },
    });
    expect([elsewhere.status, errorCode(elsewhere)]).toEqual([403, 'forbidden_province']);
  });
});

describe('actions', () => {
  it('moves an accepted complaint to notice and records who accepted it', async () => {
    const caseNumber = await fileCase(stack, clerk);
    const reply = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, {
      token: clerk,
      body: { note: 'complete' },
      headers: { 'Idempotency-Key': randomUUID(), 'X-Request-Id': `req-${caseNumber}` },
    });
    expect(reply.status).toBe(200);
    expect(at(reply.body, 'stage')).toBe('notice');
    expect(reply.headers.get('x-request-id')).toBe(`req-${caseNumber}`);
    const phases = parseServerTiming(reply.headers.get('server-timing') ?? '');
    expect(Object.keys(phases)).toEqual(['parse', 'claim', 'update', 'answer']);
    expect(phases.update).toBeGreaterThan(0);

    await caughtUp(stack, caseNumber);
    const timeline = await call(stack, 'GET', `/api/v1/cases/${caseNumber}/timeline`, { token: clerk });
    const entries = at(timeline.body, 'items') as {
      kind: string;
      actor?: { userId: string };
      data: Record<string, unknown>;
      atJalali: string;
    }[];
    const accepted = entries.find((e) => e.kind === 'action' && e.data.action === 'acceptComplaint');
    expect(accepted?.actor?.userId).toBe('clerk-1');
    expect(accepted?.data.requestId).toBe(`req-${caseNumber}`);
    expect(accepted?.atJalali).toMatch(/^\d{4}\/\d{2}\/\d{2}$/);
  });

  it('applies a retried action with the same Idempotency-Key once', async () => {
    const caseNumber = await fileCase(stack, clerk);
    const key = randomUUID();
    const first = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, {
      token: clerk,
      headers: { 'Idempotency-Key': key },
    });
    const retry = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, {
      token: clerk,
      headers: { 'Idempotency-Key': key },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await caughtUp(stack, caseNumber);
    const timeline = await call(stack, 'GET', `/api/v1/cases/${caseNumber}/timeline`, { token: clerk });
    const accepts = (at(timeline.body, 'items') as { data: Record<string, unknown> }[]).filter(
      (e) => e.data.action === 'acceptComplaint',
    );
    expect(accepts).toHaveLength(1);
  });

  it('refuses an action of another stage with 409 wrong_stage and changes nothing', async () => {
    const caseNumber = await fileCase(stack, clerk);
    await projected(stack, caseNumber);
    const before = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
    const officer = await stack.token({ role: 'officer', provinces: ['THR'] });
    const reply = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/schedule-hearing`, {
      token: officer,
      body: { at: new Date(Date.now() + 86_400_000).toISOString(), mode: 'in_person' },
    });
    expect([reply.status, errorCode(reply)]).toEqual([409, 'wrong_stage']);
    expect(at(reply.body, 'error', 'message')).toMatch(/hearing stage/);
    const after = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
    expect(after.body).toEqual(before.body);
  });

  it('refuses an action the role may not take with 403 not_allowed', async () => {
    const body = filing();
    const caseNumber = await fileCase(stack, clerk, body);
    const party = await stack.token({ role: 'party', side: 'complainant', nationalId: body.complainant.nationalId });
    const reply = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, { token: party });
    expect([reply.status, errorCode(reply)]).toEqual([403, 'not_allowed']);
    const detail = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
    expect(at(detail.body, 'stage')).toBe('intake');
  });

  it('refuses an action body that does not match its schema with 422', async () => {
    const caseNumber = await fileCase(stack, clerk);
    const reply = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/reject-complaint`, {
      token: clerk,
      body: { reason: 1 },
    });
    expect([reply.status, errorCode(reply)]).toEqual([422, 'invalid_input']);
  });

  it('answers 404 case_not_found for a case that does not exist', async () => {
    const reply = await call(stack, 'POST', '/api/v1/cases/THR-1399-999999/actions/accept-complaint', { token: clerk });
    expect([reply.status, errorCode(reply)]).toEqual([404, 'case_not_found']);
    const get = await call(stack, 'GET', '/api/v1/cases/THR-1399-999999', { token: clerk });
    expect([get.status, errorCode(get)]).toEqual([404, 'case_not_found']);
  });

  it('refuses actions on a closed case with 409 wrong_stage', async () => {
    const caseNumber = await fileCase(stack, clerk);
    const rejected = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/reject-complaint`, {
      token: clerk,
      body: { reason: 'not a labor matter' },
    });
    expect(rejected.status).toBe(200);
    expect(at(rejected.body, 'stage')).toBe('closed');
    expect(at(rejected.body, 'outcome')).toBe('rejected');
    // Once the workflow has completed, Temporal answers "not found" to updates; the API still says why.
    await eventually(
      async () => {
        const description = await stack.client.workflow.getHandle(`case-${caseNumber}`).describe();
        return description.status.name === 'COMPLETED' ? true : undefined;
      },
      10_000,
      'the workflow to complete',
    );
    const reply = await call(stack, 'POST', `/api/v1/cases/${caseNumber}/actions/accept-complaint`, { token: clerk });
    expect([reply.status, errorCode(reply), at(reply.body, 'error', 'message')]).toEqual([
      409,
      'wrong_stage',
      'the case is closed',
    ]);
    const detail = await call(stack, 'GET', `/api/v1/cases/${caseNumber}`, { token: clerk });
    expect([detail.status, at(detail.body, 'stage'), at(detail.body, 'outcome')]).toEqual([200, 'closed', 'rejected']);
  });
});

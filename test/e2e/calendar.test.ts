/** The calendar endpoints over HTTP: holidays of a year, a deadline with its skipped days, who may ask, bad input. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Role } from '../../domain/case';
import { startStack, type Stack } from '../helpers/stack';
import { at, call, errorCode, type Reply } from './helpers';
import { validate } from './json-schema';

let stack: Stack;
let clerk: string;
let document: Record<string, unknown>;
const replies: [string, Reply][] = [];

const staffRoles: Role[] = ['clerk', 'officer', 'board_member', 'supervisor', 'engineer'];

async function get(template: string, query: string, token: string | undefined = clerk): Promise<Reply> {
  const reply = await call(stack, 'GET', `${template}?${query}`, { token });
  replies.push([template, reply]);
  return reply;
}
const holidays = (query: string, token?: string) => get('/api/v1/calendar/holidays', query, token);
const deadline = (query: string, token?: string) => get('/api/v1/calendar/deadline', query, token);
const issues = (reply: Reply) =>
  (at(reply.body, 'error', 'details', 'issues') as { path: string }[]).map((i) => i.path);

beforeAll(async () => {
  stack = await startStack();
  clerk = await stack.token({ role: 'clerk', provinces: ['THR'] });
  document = (await call(stack, 'GET', '/openapi.json')).body as Record<string, unknown>;
});

afterAll(async () => {
  await stack?.close();
});

describe('GET /api/v1/calendar/holidays', () => {
  it.each(staffRoles)('shows the official holidays of 1405 to role %s, in date order', async (role) => {
    const reply = await holidays('year=1405', await stack.token({ role, provinces: ['ISF'] }));
    expect(reply.status).toBe(200);
    expect(at(reply.body, 'year')).toBe(1405);
    expect(at(reply.body, 'official')).toBe(true);
    const list = at(reply.body, 'holidays') as { date: string; jalali: string; name: string; provisional: boolean }[];
    expect(list).toHaveLength(29);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list.find((h) => h.name === 'Arbaeen')).toEqual({
      date: '2026-08-04',
      jalali: '1405/05/13',
      name: 'Arbaeen',
      fa: 'اربعین حسینی',
      kind: 'lunar',
      provisional: false,
    });
    expect(list.filter((h) => h.name === 'Eid al-Fitr').map((h) => h.jalali)).toEqual(['1405/01/01', '1405/12/19']);
    expect((at(reply.body, 'sources') as string[]).some((s) => s.includes('ilna.ir'))).toBe(true);
  });

  it('marks the estimated lunar holidays of a year without an official table as provisional', async () => {
    const reply = await holidays('year=1406');
    expect(at(reply.body, 'official')).toBe(false);
    const list = at(reply.body, 'holidays') as { kind: string; provisional: boolean }[];
    expect(list.filter((h) => h.kind === 'lunar').every((h) => h.provisional)).toBe(true);
    expect(list.filter((h) => h.kind === 'solar').some((h) => h.provisional)).toBe(false);
  });

  it('refuses a year that is not a whole number from 1300 to 1500, naming the field', async () => {
    for (const query of ['year=abc', 'year=1299', 'year=1501', 'year=1405.5', '', 'year=1405&month=1']) {
      const reply = await holidays(query);
      expect([query, reply.status, errorCode(reply)]).toEqual([query, 422, 'invalid_input']);
      if (query.startsWith('year') && !query.includes('&')) expect(issues(reply)).toEqual(['year']);
    }
    expect((await holidays('year=1300')).status).toBe(200);
    expect((await holidays('year=1500')).status).toBe(200);
  });
});

describe('GET /api/v1/calendar/deadline', () => {
  it('ends 15 calendar days from 1405/04/29 the day after Arbaeen, and says why', async () => {
    const reply = await deadline('from=2026-07-20T09:00:00%2B03:30&rule=15_calendar_days');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      from: '2026-07-20T05:30:00.000Z',
      fromJalali: '1405/04/29',
      rule: { amount: 15, unit: 'calendar_days' },
      policy: 'default',
      dueAt: '2026-08-05T20:29:59.999Z',
      dueAtJalali: '1405/05/14',
      provisional: false,
      skipped: [{ date: '2026-08-04', jalali: '1405/05/13', reason: 'holiday', name: 'Arbaeen', fa: 'اربعین حسینی' }],
    });
  });

  it('counts business days over Nowruz and says when the count relies on estimated holidays', async () => {
    const crossing = await deadline('from=2026-03-17T06:30:00Z&rule=3_business_days');
    expect(at(crossing.body, 'dueAtJalali')).toBe('1405/01/05');
    expect(at(crossing.body, 'provisional')).toBe(false);
    expect((at(crossing.body, 'skipped') as unknown[]).length).toBe(5);
    const intoEstimates = await deadline('from=2027-03-14T06:30:00Z&rule=5_business_days');
    expect(at(intoEstimates.body, 'dueAtJalali')).toBe('1406/01/05');
    expect(at(intoEstimates.body, 'provisional')).toBe(true);
  });

  it('scales days to seconds under the fast policy and skips nothing', async () => {
    const reply = await deadline('from=2026-07-20T05:30:00Z&rule=15_calendar_days&policy=fast');
    expect(reply.body).toMatchObject({ policy: 'fast', dueAt: '2026-07-20T05:30:15.000Z', skipped: [] });
  });

  it.each([
    ['from=yesterday&rule=5_business_days', ['from']],
    ['from=2026-07-20&rule=5_business_days', ['from']],
    ['from=1900-01-01T00:00:00Z&rule=5_business_days', ['from']],
    ['rule=5_business_days', ['from']],
    ['from=2026-07-20T05:30:00Z&rule=5_weeks', ['rule']],
    ['from=2026-07-20T05:30:00Z&rule=0_business_days', ['rule']],
    ['from=2026-07-20T05:30:00Z&rule=366_calendar_days', ['rule']],
    ['from=2026-07-20T05:30:00Z&rule=5_business_days&policy=slow', ['policy']],
    ['from=yesterday&rule=-1_days&policy=slow', ['from', 'rule', 'policy']],
  ])('refuses %s with 422 naming the field', async (query, fields) => {
    const reply = await deadline(query);
    expect([reply.status, errorCode(reply), issues(reply)]).toEqual([422, 'invalid_input', fields]);
  });

  it('prints on a terminal what the endpoint answers', async () => {
    const reply = await deadline('from=2026-07-19T20:30:00Z&rule=15_calendar_days');
    const script = path.join(__dirname, '..', '..', 'scripts', 'calendar.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [require.resolve('tsx/cli'), script, 'deadline', '--from', '1405/04/29', '--days', '15', '--json'],
      { timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual(reply.body);
  });
});

describe('who may use the calendar', () => {
  it('refuses a party on both endpoints and anyone without a token', async () => {
    const party = await stack.token({ role: 'party', side: 'complainant', sub: 'party-1', nationalId: '0499370899' });
    for (const reply of [
      await holidays('year=1405', party),
      await deadline('from=2026-07-20T05:30:00Z&rule=5_business_days', party),
    ]) {
      expect([reply.status, errorCode(reply)]).toEqual([403, 'forbidden']);
    }
    expect((await holidays('year=1405', '')).status).toBe(401);
  });

  it('answers only as the OpenAPI document describes', () => {
    expect(replies.length).toBeGreaterThan(20);
    for (const [template, reply] of replies) {
      const response = at(document, 'paths', template, 'get', 'responses', String(reply.status));
      expect([template, reply.status, response === undefined ? 'undocumented' : 'documented']).toEqual([
        template,
        reply.status,
        'documented',
      ]);
      const schema = at(response, 'content', 'application/json', 'schema') as Record<string, unknown>;
      expect([template, reply.status, validate(reply.body, schema, { root: document })]).toEqual([
        template,
        reply.status,
        [],
      ]);
    }
  });
});

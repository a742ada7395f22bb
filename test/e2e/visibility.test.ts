/** Who sees what through the HTTP API: provinces, parties, boards, engineers; search and paging. */
import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../helpers/stack';
import { makeLegalEntityId } from '../../domain/ids';
import { at, call, errorCode, fileCase, filing, projected } from './helpers';

let stack: Stack;
let clerk: string;

beforeAll(async () => {
  stack = await startStack({ sim: { deliverAfterMs: 60_000 } });
  clerk = await stack.token({ role: 'clerk', provinces: ['THR', 'ISF'], sub: 'clerk-1' });
});

afterAll(async () => {
  await stack?.close();
});

describe('who sees what', () => {
  let isfCase: string;
  const tehranOfficer = () => stack.token({ role: 'officer', provinces: ['THR'], sub: 'officer-thr' });

  beforeAll(async () => {
    isfCase = await fileCase(stack, clerk, filing({ province: 'ISF' }));
    await projected(stack, isfCase);
  });

  it('keeps a Tehran officer out of an Isfahan case in the list, on reading and on acting', async () => {
    const token = await tehranOfficer();
    const list = await call(stack, 'GET', '/api/v1/cases?limit=200', { token });
    expect(list.status).toBe(200);
    const items = at(list.body, 'items') as { province: string }[];
    expect(items.every((i) => i.province === 'THR')).toBe(true);

    const filtered = await call(stack, 'GET', '/api/v1/cases?province=ISF', { token });
    expect([filtered.status, errorCode(filtered)]).toEqual([403, 'forbidden_province']);
    for (const [method, path] of [
      ['GET', `/api/v1/cases/${isfCase}`],
      ['GET', `/api/v1/cases/${isfCase}/timeline`],
      ['GET', `/api/v1/cases/${isfCase}/notices`],
      ['POST', `/api/v1/cases/${isfCase}/actions/accept-complaint`],
    ] as const) {
      const reply = await call(stack, method, path, { token });
      expect([path, reply.status, errorCode(reply)]).toEqual([path, 403, 'forbidden_province']);
    }
    const detail = await call(stack, 'GET', `/api/v1/cases/${isfCase}`, { token: clerk });
    expect(at(detail.body, 'stage')).toBe('intake');
  });

  it('shows a party its own cases only, found by its national ID, and the other side by name only', async () => {
    const body = filing();
    const own = await fileCase(stack, clerk, body);
    const party = await stack.token({
      role: 'party',
      side: 'complainant',
      sub: 'citizen-1',
      nationalId: body.complainant.nationalId,
    });
    const mine = await call(stack, 'GET', `/api/v1/cases/${own}`, { token: party });
    expect(mine.status).toBe(200);
    expect(at(mine.body, 'parties')).toEqual([
      expect.objectContaining({ side: 'complainant', nationalId: body.complainant.nationalId }),
      { side: 'respondent', name: body.respondent.name },
    ]);
    // The same ID on the other side is not this party: an employer's account sees only the employer's cases.
    const wrongSide = await stack.token({ role: 'party', side: 'respondent', nationalId: body.complainant.nationalId });
    expect((await call(stack, 'GET', `/api/v1/cases/${own}`, { token: wrongSide })).status).toBe(403);
    const other = await call(stack, 'GET', `/api/v1/cases/${isfCase}`, { token: party });
    expect([other.status, errorCode(other)]).toEqual([403, 'forbidden']);
    await projected(stack, own);
    const list = await call(stack, 'GET', '/api/v1/cases', { token: party });
    expect((at(list.body, 'items') as { caseNumber: string }[]).map((i) => i.caseNumber)).toEqual([own]);
  });

  it('keeps a board member out of cases whose board they do not sit on', async () => {
    const member = await stack.token({ role: 'board_member', sub: 'member-9', provinces: ['ISF'] });
    const reply = await call(stack, 'GET', `/api/v1/cases/${isfCase}`, { token: member });
    expect([reply.status, errorCode(reply)]).toEqual([403, 'forbidden']);
    const list = await call(stack, 'GET', '/api/v1/cases', { token: member });
    expect(at(list.body, 'items')).toEqual([]);
  });

  it('shows an engineer no personal data', async () => {
    const engineer = await stack.token({ role: 'engineer' });
    const detail = await call(stack, 'GET', `/api/v1/cases/${isfCase}`, { token: engineer });
    expect(detail.status).toBe(200);
    expect(detail.text).not.toContain('Maryam');
    expect(detail.text).not.toContain('Pars Textile');
    expect(at(detail.body, 'parties')).toEqual([{ side: 'complainant' }, { side: 'respondent' }]);
    expect(at(detail.body, 'links', 'history')).toBe(`/api/v1/cases/${isfCase}/history`);

    const list = await call(stack, 'GET', `/api/v1/cases?q=${isfCase}`, { token: engineer });
    expect(list.text).toContain(isfCase);
    expect(list.text).not.toContain('Maryam');
    const byName = await call(stack, 'GET', '/api/v1/cases?q=Maryam', { token: engineer });
    expect(at(byName.body, 'items')).toEqual([]);
  });

  it('finds cases by part of a party name and pages through them with a cursor', async () => {
    const name = `Kaveh Test ${randomUUID().slice(0, 8)}`;
    const filed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      filed.push(
        await fileCase(
          stack,
          clerk,
          filing({ respondent: { legalEntityId: makeLegalEntityId(`10${String(20_000_000 + i)}`), name } }),
        ),
      );
    }
    for (const n of filed) await projected(stack, n);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/v1/cases?q=${encodeURIComponent(name.slice(6))}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call(stack, 'GET', query, { token: clerk });
      expect(page.status).toBe(200);
      seen.push(...(at(page.body, 'items') as { caseNumber: string }[]).map((i) => i.caseNumber));
      cursor = at(page.body, 'nextCursor') as string | null;
    } while (cursor);
    expect(seen).toEqual([...filed].reverse());
  });
});

/**
 * The projection's writer on a real PostgreSQL schema: one statement writes a new case with its parties, notices,
 * escalations and entries (the foreign keys to `cases` hold at the statement's end), a replay changes nothing, a
 * late older snapshot leaves the newer case row alone, and a failing write leaves nothing half done.
 */
import type { Knex } from 'knex';
import { projectCase } from '../../../db/read-model/writer';
import type { ProjectionInput } from '../../../domain/projection';
import { entry, snapshot } from '../../helpers/projections';
import { testSchema, type TestSchema } from '../../helpers/schema';

let schema: TestSchema;
beforeAll(async () => {
  schema = await testSchema();
});
afterAll(async () => {
  await schema?.drop();
});

async function rowsOf(db: Knex, caseNumber: string) {
  const where = { case_number: caseNumber };
  return {
    case: await db('cases').where(where).first(),
    parties: await db('parties').where(where).orderBy('role'),
    notices: await db('notices').where(where),
    escalations: await db('escalations').where(where),
    audit: await db('audit_log').where(where).orderBy('event_seq'),
  };
}

/** Every row with `updated_at` left out: a replay writes the same values at a later time. */
const withoutWriteTimes = (rows: Awaited<ReturnType<typeof rowsOf>>) =>
  JSON.parse(JSON.stringify(rows, (key, value: unknown) => (key === 'updated_at' ? undefined : value))) as unknown;

test('writes a new case with its parties, notices, escalations and entries in one statement', async () => {
  const { db } = schema;
  const input: ProjectionInput = {
    snapshot: snapshot('THR-1405-000101'),
    entries: [entry(1, 'filed'), entry(2, 'accepted')],
  };
  await projectCase(db, input);
  const rows = await rowsOf(db, 'THR-1405-000101');
  expect(rows.case).toMatchObject({
    stage: 'notice',
    last_event_seq: 2,
    complainant_name: 'Zahra Karimi',
    board_member_ids: ['member-a', 'member-b'],
  });
  expect(rows.parties.map((p: { role: string; name: string }) => [p.role, p.name])).toEqual([
    ['complainant', 'Zahra Karimi'],
    ['respondent', 'Pars Textiles'],
  ]);
  expect(rows.notices).toEqual([expect.objectContaining({ status: 'sending', recipient: 'respondent' })]);
  expect(rows.escalations).toEqual([expect.objectContaining({ id: 'THR-1405-000101:esc-1', level: 1 })]);
  expect(rows.audit.map((e: { summary: string }) => e.summary)).toEqual(['filed', 'accepted']);

  // The same projection again (a retried activity): nothing doubles, nothing changes but the write times.
  await projectCase(db, input);
  expect(withoutWriteTimes(await rowsOf(db, 'THR-1405-000101'))).toEqual(withoutWriteTimes(rows));
});

test('a late older snapshot leaves the newer case row alone but still writes its entries', async () => {
  const { db } = schema;
  const caseNumber = 'THR-1405-000102';
  await projectCase(db, { snapshot: snapshot(caseNumber, { stage: 'response' }), entries: [entry(5, 'delivered')] });
  await projectCase(db, { snapshot: snapshot(caseNumber, { stage: 'notice' }), entries: [entry(4, 'sent')] });
  const rows = await rowsOf(db, caseNumber);
  expect(rows.case).toMatchObject({ stage: 'response', last_event_seq: 5 });
  expect(rows.audit.map((e: { event_seq: number }) => e.event_seq)).toEqual([4, 5]);
});

test('a write that fails leaves nothing of the projection behind', async () => {
  const { db } = schema;
  const caseNumber = 'THR-1405-000103';
  // The same notice key twice in one projection: its upsert fails, after the case row's insert ran.
  const notice = snapshot(caseNumber).notices[0];
  if (!notice) throw new Error('the snapshot has a notice');
  const input = { snapshot: snapshot(caseNumber, { notices: [notice, notice] }), entries: [entry(1, 'filed')] };
  await expect(projectCase(db, input)).rejects.toThrow(/cannot affect row a second time/);
  const rows = await rowsOf(db, caseNumber);
  expect(rows).toEqual({ case: undefined, parties: [], notices: [], escalations: [], audit: [] });
});

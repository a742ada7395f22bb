/**
 * Migration 004 on a real PostgreSQL schema: the case-number prefix index is there and valid after migrating, and a
 * concurrent build that failed (which leaves an invalid index of that name) is dropped and built again.
 */
import type { Knex } from 'knex';
import * as caseNumberPrefix from '../../../db/migrations/004_case_number_prefix';
import { testSchema, type TestSchema } from '../../helpers/schema';

let schema: TestSchema;
beforeAll(async () => {
  schema = await testSchema();
});
afterAll(async () => {
  await schema?.drop();
});

interface IndexRow {
  table: string;
  valid: boolean;
  definition: string;
}

async function prefixIndex(db: Knex): Promise<IndexRow[]> {
  const { rows } = await db.raw<{ rows: IndexRow[] }>(
    `SELECT t.relname AS "table", i.indisvalid AS valid, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE c.relname = 'cases_case_number_prefix' AND c.relnamespace = to_regnamespace(current_schema())`,
  );
  return rows;
}

test('migrating leaves a valid pattern-ops index on cases.case_number', async () => {
  const [index, ...more] = await prefixIndex(schema.db);
  expect(more).toEqual([]);
  expect(index).toMatchObject({ table: 'cases', valid: true });
  expect(index?.definition).toMatch(/\(case_number varchar_pattern_ops\)/);
});

test('an invalid index left by a failed concurrent build is dropped and built again', async () => {
  const { db } = schema;
  await caseNumberPrefix.down(db);
  // A unique build over duplicate values fails and leaves its index behind, invalid, under the name it was given.
  await db.raw('CREATE TABLE dupes (x int)');
  await db.raw('INSERT INTO dupes VALUES (1), (1)');
  await expect(db.raw('CREATE UNIQUE INDEX CONCURRENTLY cases_case_number_prefix ON dupes (x)')).rejects.toThrow(
    /could not create unique index/,
  );
  expect(await prefixIndex(db)).toEqual([expect.objectContaining({ table: 'dupes', valid: false })]);

  await caseNumberPrefix.up(db);

  expect(await prefixIndex(db)).toEqual([expect.objectContaining({ table: 'cases', valid: true })]);
});

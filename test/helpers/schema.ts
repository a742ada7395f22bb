/** A PostgreSQL schema of a test's own, migrated, on the run's database: for activity and read-model tests. */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createDb, migrate } from '../../db/knex';

export interface TestSchema {
  db: Knex;
  schema: string;
  drop(): Promise<void>;
}

export async function testSchema(): Promise<TestSchema> {
  const url = process.env.DAVAR_TEST_DATABASE_URL;
  if (!url)
    throw new Error('DAVAR_TEST_DATABASE_URL is not set: run tests through jest, whose global setup finds PostgreSQL');
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const db = createDb({ url, schema, poolMax: 3 });
  await migrate(db, schema);
  return {
    db,
    schema,
    async drop() {
      await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
      await db.destroy();
    },
  };
}

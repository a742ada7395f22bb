/** The one knex pool of a process, and migrations into its schema. */
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations';

export interface DbOptions {
  url: string;
  /** A schema of its own (tests use one per test file); `public` by default. */
  schema?: string;
  poolMax?: number;
}

export function createDb({ url, schema = 'public', poolMax = 10 }: DbOptions): Knex {
  return knexFactory({
    client: 'pg',
    connection: url,
    searchPath: schema === 'public' ? ['public'] : [schema, 'public'],
    pool: { min: 0, max: poolMax },
  });
}

export async function migrate(db: Knex, schema = 'public'): Promise<string[]> {
  if (schema !== 'public') await db.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
  const [, applied] = (await db.migrate.latest({ migrationSource, schemaName: schema })) as [number, string[]];
  return applied;
}

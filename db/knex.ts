/** The one knex pool of a process, and migrations into its schema. */
import knexFactory, { type Knex } from 'knex';
import { migrationSource } from './migrations';

export interface DbOptions {
  url: string;
  /** A schema of its own (tests use one per test file); `public` by default. */
  schema?: string;
  poolMax?: number;
}

/**
 * No query and no wait for a connection may take for ever: a slow or stopped database answers the API's caller
 * with 503 in seconds, and a projection attempt fails and is retried.
 */
const STATEMENT_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 5_000;

export function createDb({ url, schema = 'public', poolMax = 10 }: DbOptions): Knex {
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString: url,
      statement_timeout: STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    },
    searchPath: schema === 'public' ? ['public'] : [schema, 'public'],
    pool: { min: 0, max: poolMax },
    acquireConnectionTimeout: CONNECT_TIMEOUT_MS,
  });
}

export async function migrate(db: Knex, schema = 'public'): Promise<string[]> {
  if (schema !== 'public') await db.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
  const [, applied] = (await db.migrate.latest({ migrationSource, schemaName: schema })) as [number, string[]];
  return applied;
}

/** Party-name search: a trigram index when pg_trgm is available, else plain ILIKE still works. */
import type { Knex } from 'knex';

async function hasTrigram(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw<{ rows: unknown[] }>(
    "SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm' UNION ALL SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'",
  );
  return rows.length > 0;
}

/**
 * Outside a transaction: a failed CREATE EXTENSION (no privilege on a managed server) would otherwise abort the
 * whole migration's transaction, and the index statements after it with it.
 */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  if (!(await hasTrigram(knex))) return;
  // Created in public by the first migrator; each schema's search_path includes public.
  await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public').catch(() => undefined);
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS cases_complainant_trgm ON cases USING gin (complainant_name public.gin_trgm_ops)',
  );
  await knex.raw(
    'CREATE INDEX IF NOT EXISTS cases_respondent_trgm ON cases USING gin (respondent_name public.gin_trgm_ops)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS cases_complainant_trgm');
  await knex.raw('DROP INDEX IF EXISTS cases_respondent_trgm');
}

/**
 * A case-number prefix (`q=THR-1400-0012`) is a `LIKE 'X%'`, which the primary key's btree serves only under the C
 * collation; a pattern-ops index serves it under any. With it, the planner ORs this index with the two trigram
 * indexes for a `q` that matches few rows, instead of reading every row of the caller's provinces (at 1,000,000
 * rows a case-number prefix, a rare name or a name matching nothing took 150-160 ms, now 8-31 ms; bench/RESULTS.md).
 */
import type { Knex } from 'knex';

const INDEX = 'cases_case_number_prefix';

/** Concurrently, so that a read model already in service keeps taking projections while the index builds. */
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  // A concurrent build that failed leaves an invalid index behind, which IF NOT EXISTS would keep forever.
  const { rows } = await knex.raw<{ rows: unknown[] }>(
    `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relname = ? AND c.relnamespace = to_regnamespace(current_schema()) AND NOT i.indisvalid`,
    [INDEX],
  );
  if (rows.length > 0) await knex.raw('DROP INDEX CONCURRENTLY ??', [INDEX]);
  await knex.raw('CREATE INDEX CONCURRENTLY IF NOT EXISTS ?? ON cases (case_number varchar_pattern_ops)', [INDEX]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS ??', [INDEX]);
}

/**
 * Columns hold what the door lets in: free text and gateway strings become `text` (a varchar(255) refused a long
 * reason or failure message and froze the case's projection), and idempotency scopes name the caller.
 */
import type { Knex } from 'knex';

const textColumns: Record<string, string[]> = {
  cases: ['complainant_name', 'respondent_name'],
  parties: ['name', 'phone'],
  notices: ['idempotency_key', 'notice_id', 'failure_reason'],
  escalations: ['id'],
  audit_log: ['summary', 'actor_id'],
  idempotency_keys: ['scope', 'key'],
  gateway_events: ['event_id'],
};

export async function up(knex: Knex): Promise<void> {
  // Raw, so that nullability and keys stay as they are (knex's alter() would drop NOT NULL).
  for (const [table, columns] of Object.entries(textColumns)) {
    for (const column of columns) await knex.raw('ALTER TABLE ?? ALTER COLUMN ?? TYPE text', [table, column]);
  }
  // A projection without parties (they did not change) may create the row when an earlier one failed for good.
  for (const column of ['complainant_name', 'respondent_name']) {
    await knex.raw("ALTER TABLE cases ALTER COLUMN ?? SET DEFAULT ''", [column]);
  }
  await knex.schema.alterTable('idempotency_keys', (t) => t.index(['created_at']));
  await knex.schema.alterTable('gateway_events', (t) => t.index(['received_at']));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('gateway_events', (t) => t.dropIndex(['received_at']));
  await knex.schema.alterTable('idempotency_keys', (t) => t.dropIndex(['created_at']));
}

/** The read model: cases, parties, notices, escalations, the audit log, idempotency keys and gateway events. */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('case_sequences', (t) => {
    t.string('province', 3).notNullable();
    t.integer('jalali_year').notNullable();
    t.integer('last_value').notNullable();
    t.primary(['province', 'jalali_year']);
  });

  await knex.schema.createTable('cases', (t) => {
    t.string('case_number', 16).primary();
    t.string('province', 3).notNullable();
    t.string('channel', 16).notNullable();
    t.string('stage', 32).notNullable();
    t.string('outcome', 32);
    t.timestamp('filed_at', { useTz: true }).notNullable();
    t.string('complainant_name').notNullable();
    t.string('respondent_name').notNullable();
    t.boolean('overdue').notNullable().defaultTo(false);
    t.integer('escalation_level').notNullable().defaultTo(0);
    t.timestamp('next_deadline', { useTz: true });
    t.specificType('board_member_ids', 'text[]').notNullable().defaultTo('{}');
    t.integer('last_event_seq').notNullable().defaultTo(0);
    t.timestamp('stage_entered_at', { useTz: true }).notNullable();
    t.jsonb('summary').notNullable().defaultTo('{}');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // The list filters: stage/province with a stable order for cursor pagination, overdue, filing date.
    t.index(['province', 'stage', 'filed_at', 'case_number']);
    t.index(['stage', 'filed_at', 'case_number']);
    t.index(['filed_at', 'case_number']);
    t.index(['overdue', 'province']);
  });
  await knex.raw('CREATE INDEX cases_board_members_gin ON ?? USING gin (board_member_ids)', ['cases']);

  // Personal data lives here (and in the workflow's own state), never in Temporal IDs or search attributes.
  await knex.schema.createTable('parties', (t) => {
    t.string('case_number', 16).notNullable().references('case_number').inTable('cases').onDelete('CASCADE');
    t.string('role', 16).notNullable();
    t.string('name').notNullable();
    t.string('national_id', 10);
    t.string('legal_entity_id', 11);
    t.string('phone');
    t.text('address');
    t.primary(['case_number', 'role']);
  });

  await knex.schema.createTable('notices', (t) => {
    t.string('idempotency_key').primary();
    t.string('case_number', 16).notNullable().index();
    t.string('document_type', 32).notNullable();
    t.string('recipient', 16).notNullable();
    t.string('notice_id');
    t.string('status', 32).notNullable();
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('delivered_at', { useTz: true });
    t.timestamp('viewed_at', { useTz: true });
    t.string('failure_reason');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('escalations', (t) => {
    t.string('id').primary(); // caseNumber:kind:seq, stable across retries
    t.string('case_number', 16).notNullable().index();
    t.string('province', 3).notNullable();
    t.string('kind', 32).notNullable();
    t.integer('level').notNullable();
    t.timestamp('raised_at', { useTz: true }).notNullable();
    t.timestamp('resolved_at', { useTz: true });
    t.index(['resolved_at', 'level', 'kind']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.string('case_number', 16).notNullable();
    t.integer('event_seq').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.string('kind', 32).notNullable();
    t.string('summary').notNullable();
    t.string('actor_id');
    t.string('actor_role', 16);
    t.jsonb('data').notNullable().defaultTo('{}');
    t.unique(['case_number', 'event_seq']);
  });

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('scope', 32).notNullable();
    t.string('key').notNullable();
    t.string('request_hash', 64).notNullable();
    t.string('case_number', 16);
    t.integer('status_code');
    t.jsonb('response');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['scope', 'key']);
  });

  await knex.schema.createTable('gateway_events', (t) => {
    t.string('event_id').primary();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('payload').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'gateway_events',
    'idempotency_keys',
    'audit_log',
    'escalations',
    'notices',
    'parties',
    'cases',
    'case_sequences',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}

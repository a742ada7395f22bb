/** The projection's writes: a case's snapshot and audit entries, idempotent on (case number, audit seq). */
import type { Knex } from 'knex';
import type { ProjectionInput } from '../../domain/projection';
import { CASE_CHANGED_CHANNEL } from './changes';

/**
 * Applies one projection as one statement; replays of the same entries change nothing. The writes are
 * data-modifying CTEs: PostgreSQL runs them atomically, as one transaction, and checks the foreign keys to `cases`
 * at the statement's end; the statement also notifies the reads waiting for the case (changes.ts). One round trip
 * instead of five or six (BEGIN, each table, COMMIT) until 0.3.5: a case projects about 40 times, and those round
 * trips were most of the worker's database work (docs/CHANGELOG.md).
 */
export async function projectCase(db: Knex, input: ProjectionInput): Promise<void> {
  const writes = writesOf(db, input);
  // The notice goes out as the statement commits, never before: a reader it wakes finds the change (changes.ts).
  await db.raw(`WITH ${writes.map((_, i) => `w${i} AS (?)`).join(', ')} SELECT pg_notify(?, ?)`, [
    ...writes,
    CASE_CHANGED_CHANNEL,
    input.snapshot.caseNumber,
  ]);
}

/** The projection's writes, one per table it touches; the case row first. */
function writesOf(db: Knex, { snapshot, entries, atSeq }: ProjectionInput): Knex.QueryBuilder[] {
  const lastSeq = entries.reduce((max, e) => Math.max(max, e.seq), atSeq ?? 0);
  const { parties } = snapshot;
  const row = {
    case_number: snapshot.caseNumber,
    province: snapshot.province,
    channel: snapshot.channel,
    stage: snapshot.stage,
    outcome: snapshot.outcome ?? null,
    filed_at: snapshot.filedAt,
    ...(parties ? { complainant_name: parties.complainant.name, respondent_name: parties.respondent.name } : {}),
    overdue: snapshot.overdue,
    escalation_level: snapshot.escalationLevel,
    next_deadline: snapshot.nextDeadline ?? null,
    board_member_ids: snapshot.boardMemberIds,
    last_event_seq: lastSeq,
    stage_entered_at: snapshot.stageEnteredAt,
    summary: JSON.stringify({ claims: snapshot.claimCount, hearingAt: snapshot.hearingAt ?? null }),
    updated_at: db.fn.now(),
  };
  // An older snapshot arriving late (a retried activity) must not overwrite a newer one.
  const writes: Knex.QueryBuilder[] = [
    db('cases')
      .insert(row)
      .onConflict('case_number')
      .merge(Object.keys(row) as (keyof typeof row)[])
      .where('cases.last_event_seq', '<=', lastSeq),
  ];

  if (parties) {
    const { complainant, respondent } = parties;
    writes.push(
      db('parties')
        .insert([
          {
            case_number: snapshot.caseNumber,
            role: 'complainant',
            name: complainant.name,
            national_id: complainant.nationalId,
            legal_entity_id: null,
            phone: complainant.phone ?? null,
            address: complainant.address ?? null,
          },
          {
            case_number: snapshot.caseNumber,
            role: 'respondent',
            name: respondent.name,
            national_id: respondent.nationalId ?? null,
            legal_entity_id: respondent.legalEntityId ?? null,
            phone: null,
            address: respondent.workshopAddress ?? null,
          },
        ])
        .onConflict(['case_number', 'role'])
        .merge(),
    );
  }

  if (snapshot.notices.length) {
    writes.push(
      db('notices')
        .insert(
          snapshot.notices.map((n) => ({
            idempotency_key: n.key,
            case_number: snapshot.caseNumber,
            document_type: n.documentType,
            recipient: n.recipient,
            notice_id: n.noticeId ?? null,
            status: n.status,
            accepted_at: n.acceptedAt ?? null,
            delivered_at: n.deliveredAt ?? null,
            viewed_at: n.viewedAt ?? null,
            failure_reason: n.failureReason ?? null,
            updated_at: db.fn.now(),
          })),
        )
        .onConflict('idempotency_key')
        .merge(),
    );
  }

  if (snapshot.escalations.length) {
    writes.push(
      db('escalations')
        .insert(
          snapshot.escalations.map((e) => ({
            id: `${snapshot.caseNumber}:${e.id}`,
            case_number: snapshot.caseNumber,
            province: snapshot.province,
            kind: e.kind,
            level: e.level,
            raised_at: e.raisedAt,
            resolved_at: e.resolvedAt ?? null,
          })),
        )
        .onConflict('id')
        .merge(),
    );
  }

  if (entries.length) {
    writes.push(
      db('audit_log')
        .insert(
          entries.map((e) => ({
            case_number: snapshot.caseNumber,
            event_seq: e.seq,
            at: e.at,
            kind: e.kind,
            summary: e.summary,
            actor_id: e.actor?.userId ?? null,
            actor_role: e.actor?.role ?? null,
            data: JSON.stringify({ ...(e.data ?? {}), ...(e.requestId ? { requestId: e.requestId } : {}) }),
          })),
        )
        .onConflict(['case_number', 'event_seq'])
        .ignore(),
    );
  }
  return writes;
}

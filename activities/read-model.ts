/** Writes a case's snapshot into the read model: idempotent upserts keyed by case number and audit seq. */
import type { Knex } from 'knex';
import type { AuditEntry, CaseProjection } from '../domain/case';

export interface ProjectionInput {
  state: CaseProjection;
  entries: AuditEntry[];
}

/** Applies one projection in a transaction; replays of the same entries change nothing. */
export async function projectCase(db: Knex, { state, entries }: ProjectionInput): Promise<void> {
  const lastSeq = entries.reduce((max, e) => Math.max(max, e.seq), state.projectedSeq);
  await db.transaction(async (trx) => {
    const row = {
      case_number: state.caseNumber,
      province: state.province,
      channel: state.channel,
      stage: state.stage,
      outcome: state.outcome ?? null,
      filed_at: state.filedAt,
      complainant_name: state.complainant.name,
      respondent_name: state.respondent.name,
      overdue: state.overdue,
      escalation_level: state.escalationLevel,
      next_deadline: state.nextDeadline ?? null,
      board_member_ids: state.boardMemberIds,
      last_event_seq: lastSeq,
      stage_entered_at: state.stageEnteredAt,
      summary: JSON.stringify({ claims: state.claimCount, hearingAt: state.hearingAt ?? null }),
      updated_at: trx.fn.now(),
    };
    // An older snapshot arriving late (a retried activity) must not overwrite a newer one.
    await trx('cases').insert(row).onConflict('case_number').merge().where('cases.last_event_seq', '<=', lastSeq);

    const { complainant, respondent } = state;
    await trx('parties')
      .insert([
        {
          case_number: state.caseNumber,
          role: 'complainant',
          name: complainant.name,
          national_id: complainant.nationalId,
          legal_entity_id: null,
          phone: complainant.phone ?? null,
          address: complainant.address ?? null,
        },
        {
          case_number: state.caseNumber,
          role: 'respondent',
          name: respondent.name,
          national_id: respondent.nationalId ?? null,
          legal_entity_id: respondent.legalEntityId ?? null,
          phone: null,
          address: respondent.workshopAddress ?? null,
        },
      ])
      .onConflict(['case_number', 'role'])
      .merge();

    if (state.notices.length) {
      await trx('notices')
        .insert(
          state.notices.map((n) => ({
            idempotency_key: n.key,
            case_number: state.caseNumber,
            document_type: n.documentType,
            recipient: n.recipient,
            notice_id: n.noticeId ?? null,
            status: n.status,
            accepted_at: n.acceptedAt ?? null,
            delivered_at: n.deliveredAt ?? null,
            viewed_at: n.viewedAt ?? null,
            failure_reason: n.failureReason ?? null,
            updated_at: trx.fn.now(),
          })),
        )
        .onConflict('idempotency_key')
        .merge();
    }

    if (state.escalations.length) {
      await trx('escalations')
        .insert(
          state.escalations.map((e) => ({
            id: `${state.caseNumber}:${e.id}`,
            case_number: state.caseNumber,
            province: state.province,
            kind: e.kind,
            level: e.level,
            raised_at: e.raisedAt,
            resolved_at: e.resolvedAt ?? null,
          })),
        )
        .onConflict('id')
        .merge();
    }

    if (entries.length) {
      await trx('audit_log')
        .insert(
          entries.map((e) => ({
            case_number: state.caseNumber,
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
        .ignore();
    }
  });
}

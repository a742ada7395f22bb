/** How the read model differs from what a case's workflow says it should hold: the input of `npm run reconcile`. */
import type { Knex } from 'knex';
import type { AuditEntry } from '../../domain/case';
import type { CaseProjection } from '../../domain/projection';
import type { CaseRow, EscalationRow, NoticeDbRow } from './tables';

const iso = (d: Date | null | undefined) => d?.toISOString();

/** One line per difference; none when the read model is right. */
export async function differences(db: Knex, snapshot: CaseProjection, unprojected: AuditEntry[]): Promise<string[]> {
  const found: string[] = [];
  const row = await db<CaseRow>('cases').where({ case_number: snapshot.caseNumber }).first();
  if (!row) return ['the case is missing from the read model'];
  const expect = (what: string, actual: unknown, wanted: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(wanted))
      found.push(`${what}: read model ${JSON.stringify(actual)}, workflow ${JSON.stringify(wanted)}`);
  };
  expect('stage', row.stage, snapshot.stage);
  expect('outcome', row.outcome ?? undefined, snapshot.outcome);
  expect('overdue', row.overdue, snapshot.overdue);
  expect('escalation level', row.escalation_level, snapshot.escalationLevel);
  expect('next deadline', iso(row.next_deadline), snapshot.nextDeadline);
  expect('board', [...row.board_member_ids].sort(), [...snapshot.boardMemberIds].sort());

  const notices = await db<NoticeDbRow>('notices')
    .where({ case_number: snapshot.caseNumber })
    .select('idempotency_key', 'status');
  for (const notice of snapshot.notices) {
    const stored = notices.find((n) => n.idempotency_key === notice.key);
    expect(`notice ${notice.key}`, stored?.status, notice.status);
  }
  const escalations = await db<EscalationRow>('escalations')
    .where({ case_number: snapshot.caseNumber })
    .select('id', 'level', 'resolved_at');
  for (const escalation of snapshot.escalations) {
    const stored = escalations.find((e) => e.id === `${snapshot.caseNumber}:${escalation.id}`);
    expect(`escalation ${escalation.id}`, stored && { level: stored.level, resolved: Boolean(stored.resolved_at) }, {
      level: escalation.level,
      resolved: Boolean(escalation.resolvedAt),
    });
  }
  if (unprojected.length) {
    const seqs = unprojected.map((e) => e.seq);
    const stored = await db('audit_log')
      .where({ case_number: snapshot.caseNumber })
      .whereIn('event_seq', seqs)
      .pluck('event_seq');
    const missing = seqs.filter((seq) => !stored.includes(seq));
    if (missing.length) found.push(`audit entries missing: ${missing.join(', ')}`);
  }
  return found;
}

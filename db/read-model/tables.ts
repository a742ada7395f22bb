/** The read model's rows, typed once, and their mappers to the items the reader returns. */
import { toJalali } from '../../domain/calendar';
import type { Channel, EscalationKind, Outcome, Role, Stage } from '../../domain/case';
import type { ProvinceCode } from '../../domain/provinces';
import type { auditKinds, CaseListItem, EscalationItem, NoticeRow, TimelineEntry } from './items';

export interface CaseRow {
  case_number: string;
  province: ProvinceCode;
  channel: Channel;
  stage: Stage;
  outcome: Outcome | null;
  filed_at: Date;
  complainant_name: string;
  respondent_name: string;
  overdue: boolean;
  escalation_level: number;
  next_deadline: Date | null;
  board_member_ids: string[];
  last_event_seq: number;
  stage_entered_at: Date;
  updated_at: Date;
}

export interface PartyRow {
  case_number: string;
  role: 'complainant' | 'respondent';
  name: string;
  national_id: string | null;
  legal_entity_id: string | null;
  phone: string | null;
  address: string | null;
}

export interface NoticeDbRow {
  idempotency_key: string;
  case_number: string;
  document_type: NoticeRow['documentType'];
  recipient: NoticeRow['recipient'];
  notice_id: string | null;
  status: NoticeRow['status'];
  accepted_at: Date | null;
  delivered_at: Date | null;
  viewed_at: Date | null;
  failure_reason: string | null;
  updated_at: Date;
}

export interface EscalationRow {
  id: string;
  case_number: string;
  province: ProvinceCode;
  kind: EscalationKind;
  level: number;
  raised_at: Date;
  resolved_at: Date | null;
}

export interface AuditRow {
  case_number: string;
  event_seq: number;
  at: Date;
  kind: (typeof auditKinds)[number];
  summary: string;
  actor_id: string | null;
  actor_role: Role | null;
  data: Record<string, unknown>;
}

export interface IdempotencyRow {
  scope: string;
  key: string;
  request_hash: string;
  case_number: string | null;
  status_code: number | null;
  response: unknown;
  created_at: Date;
}

const iso = (d: Date | null | undefined) => d?.toISOString();
const jalali = (d: Date | null | undefined) => (d ? toJalali(d.toISOString()) : undefined);

/** Engineers list cases without names. */
export function toCaseListItem(row: CaseRow, personalData: boolean): CaseListItem {
  return {
    caseNumber: row.case_number,
    province: row.province,
    channel: row.channel,
    stage: row.stage,
    outcome: row.outcome ?? undefined,
    filedAt: row.filed_at.toISOString(),
    filedAtJalali: toJalali(row.filed_at.toISOString()),
    stageEnteredAt: row.stage_entered_at.toISOString(),
    complainantName: personalData ? row.complainant_name : undefined,
    respondentName: personalData ? row.respondent_name : undefined,
    overdue: row.overdue,
    escalationLevel: row.escalation_level,
    nextDeadline: iso(row.next_deadline),
    nextDeadlineJalali: jalali(row.next_deadline),
    boardMemberIds: row.board_member_ids,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toTimelineEntry(row: Omit<AuditRow, 'case_number'>): TimelineEntry {
  return {
    seq: row.event_seq,
    at: row.at.toISOString(),
    atJalali: toJalali(row.at.toISOString()),
    kind: row.kind,
    summary: row.summary,
    actor: row.actor_id && row.actor_role ? { userId: row.actor_id, role: row.actor_role } : undefined,
    data: row.data,
  };
}

export function toNoticeRow(row: NoticeDbRow): NoticeRow {
  return {
    key: row.idempotency_key,
    documentType: row.document_type,
    recipient: row.recipient,
    status: row.status,
    noticeId: row.notice_id ?? undefined,
    acceptedAt: iso(row.accepted_at),
    deliveredAt: iso(row.delivered_at),
    deliveredAtJalali: jalali(row.delivered_at),
    viewedAt: iso(row.viewed_at),
    failureReason: row.failure_reason ?? undefined,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toEscalationItem(row: Omit<EscalationRow, 'resolved_at'>): EscalationItem {
  return {
    id: row.id,
    caseNumber: row.case_number,
    province: row.province,
    kind: row.kind,
    level: row.level,
    raisedAt: row.raised_at.toISOString(),
    raisedAtJalali: toJalali(row.raised_at.toISOString()),
  };
}

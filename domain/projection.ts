/**
 * What the read model needs of a case, and only what changed: the projection activity's input is in history for
 * every action, so parties, notices and escalations are sent when they change, not with every entry.
 */
import type { AuditEntry, CaseState, Escalation, NoticeRecord } from './case';
import { caseFlags } from './case';
import type { Filing } from './filing';
import type { Channel, Outcome, Stage } from './vocabulary';

export type NoticeProjection = Pick<
  NoticeRecord,
  | 'key'
  | 'documentType'
  | 'recipient'
  | 'status'
  | 'noticeId'
  | 'acceptedAt'
  | 'deliveredAt'
  | 'viewedAt'
  | 'failureReason'
>;
export type EscalationProjection = Pick<Escalation, 'id' | 'kind' | 'level' | 'raisedAt' | 'resolvedAt'>;

export interface CaseProjection {
  caseNumber: string;
  province: string;
  channel: Channel;
  stage: Stage;
  outcome?: Outcome;
  filedAt: string;
  stageEnteredAt: string;
  claimCount: number;
  hearingAt?: string;
  boardMemberIds: string[];
  nextDeadline?: string;
  overdue: boolean;
  escalationLevel: number;
  /** Present when the parties changed (filing, correction) since the last projection of this run. */
  parties?: { complainant: Filing['complainant']; respondent: Filing['respondent'] };
  notices: NoticeProjection[];
  escalations: EscalationProjection[];
}

export interface ProjectionInput {
  snapshot: CaseProjection;
  entries: AuditEntry[];
  /** The audit seq the snapshot reflects, when it is not the last entry's (a repair by `npm run reconcile`). */
  atSeq?: number;
}

/** What this run has already sent, by part: a JSON string per party block, notice key and escalation ID. */
export type SentParts = Map<string, string>;

const noticePart = (n: NoticeRecord): NoticeProjection => ({
  key: n.key,
  documentType: n.documentType,
  recipient: n.recipient,
  status: n.status,
  noticeId: n.noticeId,
  acceptedAt: n.acceptedAt,
  deliveredAt: n.deliveredAt,
  viewedAt: n.viewedAt,
  failureReason: n.failureReason,
});

const escalationPart = ({ id, kind, level, raisedAt, resolvedAt }: Escalation): EscalationProjection => ({
  id,
  kind,
  level,
  raisedAt,
  resolvedAt,
});

/** Keeps the parts that differ from what was sent, and remembers them as sent. */
function changed<T>(sent: SentParts, key: string, part: T): T | undefined {
  const json = JSON.stringify(part);
  if (sent.get(key) === json) return undefined;
  sent.set(key, json);
  return part;
}

/**
 * The snapshot to project now, with the parts that changed since `sent` (which it updates). A first projection of a
 * run sends everything, so a run continued as new, or a read model rebuilt, gets the whole case again.
 */
/** What `projectionOf` reads of a case: the workflow's state, or the view its queries answer. */
export type Projectable = Pick<
  CaseState,
  | 'caseNumber'
  | 'province'
  | 'channel'
  | 'stage'
  | 'outcome'
  | 'filedAt'
  | 'stageEnteredAt'
  | 'filing'
  | 'hearing'
  | 'board'
  | 'notices'
  | 'escalations'
  | 'deadlines'
>;

export function projectionOf(state: Projectable, sent: SentParts = new Map()): CaseProjection {
  const parties = changed(sent, 'parties', {
    complainant: state.filing.complainant,
    respondent: state.filing.respondent,
  });
  return {
    caseNumber: state.caseNumber,
    province: state.province,
    channel: state.channel,
    stage: state.stage,
    outcome: state.outcome,
    filedAt: state.filedAt,
    stageEnteredAt: state.stageEnteredAt,
    claimCount: state.filing.claims.length,
    hearingAt: state.hearing?.at,
    boardMemberIds: state.board?.members.map((m) => m.userId) ?? [],
    ...caseFlags(state),
    ...(parties ? { parties } : {}),
    notices: state.notices.flatMap((n) => changed(sent, `notice:${n.key}`, noticePart(n)) ?? []),
    escalations: state.escalations.flatMap((e) => changed(sent, `escalation:${e.id}`, escalationPart(e)) ?? []),
  };
}

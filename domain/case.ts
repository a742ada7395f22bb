/** The shape of a case: its filing (validated at the door), stages, outcomes, actors and the state a workflow keeps. */
import { z } from 'zod';
import { isValidLegalEntityId, isValidNationalId } from './ids';
import type { Policy } from './policy';
import { toJalali } from './calendar/jalali';
import type { SuggestedRemedy } from './remedies';
import { provinceCodes } from './provinces';

export const stages = [
  'intake',
  'notice',
  'response',
  'hearing',
  'ruling',
  'appeal',
  'compliance',
  'enforcement',
  'closed',
] as const;
export type Stage = (typeof stages)[number];

/**
 * `claim_rejected` is not in CASE-LIFECYCLE.md: a board may reject every claim, and once that ruling is
 * final the case must close with an outcome that says so (see docs/case-lifecycle.md).
 */
export const outcomes = [
  'rejected',
  'abandoned',
  'dismissed',
  'withdrawn',
  'settled',
  'complied',
  'enforced',
  'enforcement_rejected',
  'claim_rejected',
] as const;
export type Outcome = (typeof outcomes)[number];

export const roles = ['clerk', 'officer', 'board_member', 'supervisor', 'engineer', 'party'] as const;
export type Role = (typeof roles)[number];

export const sides = ['complainant', 'respondent'] as const;
export type Side = (typeof sides)[number];

export const channels = ['online', 'counter', 'office'] as const;
export type Channel = (typeof channels)[number];

export const claimKinds = [
  'unpaid_wages',
  'severance',
  'overtime',
  'leave',
  'insurance',
  'wrongful_dismissal',
  'other',
] as const;
export type ClaimKind = (typeof claimKinds)[number];

/** Who acts: carried by every update so the workflow can check roles and write the audit log. */
export interface Actor {
  userId: string;
  role: Role;
  /** For a `party`: which side of the case they are. */
  side?: Side;
}

export const actorSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(roles),
  side: z.enum(sides).optional(),
});

const isoDate = z.iso.date();
const rials = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const complainantSchema = z.object({
  nationalId: z
    .string()
    .regex(/^\d{10}$/, 'must be 10 digits')
    .refine(isValidNationalId, 'national ID check digit is wrong'),
  name: z.string().trim().min(2).max(200),
  phone: z
    .string()
    .regex(/^\+?\d{7,15}$/, 'must be a phone number')
    .optional(),
  address: z.string().max(500).optional(),
});

export const respondentSchema = z
  .object({
    legalEntityId: z
      .string()
      .regex(/^\d{11}$/, 'must be 11 digits')
      .refine(isValidLegalEntityId, 'legal entity ID check digit is wrong')
      .optional(),
    nationalId: z
      .string()
      .regex(/^\d{10}$/, 'must be 10 digits')
      .refine(isValidNationalId, 'national ID check digit is wrong')
      .optional(),
    name: z.string().trim().min(2).max(200),
    workshopAddress: z.string().max(500).optional(),
  })
  .refine((r) => Boolean(r.legalEntityId) !== Boolean(r.nationalId), {
    message: 'give exactly one of legalEntityId or nationalId',
    path: ['legalEntityId'],
  });

export const employmentSchema = z
  .object({
    startedOn: isoDate,
    endedOn: isoDate.optional(),
    jobTitle: z.string().trim().min(1).max(200),
    monthlyWageRials: rials,
  })
  .refine((e) => !e.endedOn || e.endedOn >= e.startedOn, {
    message: 'endedOn is before startedOn',
    path: ['endedOn'],
  });

export const claimSchema = z.object({
  kind: z.enum(claimKinds),
  amountRials: rials.optional(),
  description: z.string().trim().min(1).max(2000),
});

export const filingSchema = z.object({
  channel: z.enum(channels),
  province: z.enum(provinceCodes),
  complainant: complainantSchema,
  respondent: respondentSchema,
  employment: employmentSchema,
  claims: z.array(claimSchema).min(1).max(20),
  statement: z.string().trim().min(1).max(20000),
});
export type Filing = z.infer<typeof filingSchema>;

export const deadlineKinds = [
  'correction',
  'notice_delivery',
  'manual_service',
  'response',
  'hearing_scheduling',
  'ruling',
  'appeal',
  'compliance',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export const escalationKinds = [
  'correction_overdue',
  'notice_undelivered',
  'manual_service_overdue',
  'response_overdue',
  'hearing_not_scheduled',
  'ruling_overdue',
  'compliance_overdue',
] as const;
export type EscalationKind = (typeof escalationKinds)[number];

export interface Deadline {
  /** Unique in the case, e.g. `response` or `appeal:respondent` or `notice_delivery:complaint:respondent:1`. */
  id: string;
  kind: DeadlineKind;
  startedAt: string;
  dueAt: string;
  dueAtJalali: string;
  extensions: number;
  /** Set when the awaited thing happened or the window was closed by a later stage. */
  closedAt?: string;
  overdue: boolean;
}

export type NoticeStatus =
  'sending' | 'accepted' | 'delivered' | 'viewed' | 'failed' | 'not_registered' | 'served_by_hand';

export const documentTypes = [
  'complaint',
  'hearing_summons',
  'ruling',
  'appeal',
  'closure',
  'reminder',
  'escalation',
] as const;
export type DocumentType = (typeof documentTypes)[number];

export interface NoticeRecord {
  key: string;
  /** Why it was sent (`complaint`, `summons:1:2`, `ruling:1`, `reminder:<deadline>`): one notice per purpose. */
  purpose: string;
  documentType: DocumentType;
  recipient: Side;
  status: NoticeStatus;
  noticeId?: string;
  acceptedAt?: string;
  deliveredAt?: string;
  deliveredAtJalali?: string;
  viewedAt?: string;
  failureReason?: string;
  /** When service took effect (gateway delivery or a clerk's record); opens the next window. */
  servedAt?: string;
  servedAtJalali?: string;
  manualMethod?: 'in_person' | 'post' | 'posting';
}

export interface Escalation {
  id: string;
  kind: EscalationKind;
  level: number;
  raisedAt: string;
  resolvedAt?: string;
  deadlineId: string;
}

export interface BoardMember {
  userId: string;
  name: string;
  presiding?: boolean;
}

export interface Board {
  instance: 1 | 2;
  members: BoardMember[];
  assignedAt: string;
}

export type HearingMode = 'in_person' | 'remote';

export interface Hearing {
  instance: 1 | 2;
  at: string;
  atJalali: string;
  mode: HearingMode;
  location?: string;
  adjournments: number;
  resummoned: boolean;
  summonsRound: number;
  held?: { at: string; attendance: { complainant: boolean; respondent: boolean }; minutes: string };
}

export const voteDecisions = ['uphold', 'reject', 'partial'] as const;
export type VoteDecision = (typeof voteDecisions)[number];

export interface Award {
  claimIndex: number;
  amountRials: number;
}

export interface Vote {
  memberId: string;
  decision: VoteDecision;
  awards?: Award[];
  reason: string;
  at: string;
}

export interface Ruling {
  instance: 1 | 2;
  decision: VoteDecision;
  awards: Award[];
  sealedAt: string;
  sealedBy: string;
  votes: Vote[];
  /** Final once no appeal can follow: a second-instance ruling, or a first-instance one whose windows ended. */
  finalAt?: string;
}

export interface Appeal {
  party: Side;
  grounds: string;
  filedAt: string;
  filedBy: string;
}

export interface EnforcementReferral {
  seq: number;
  key: string;
  referralId?: string;
  status: 'sending' | 'accepted' | 'order_issued' | 'executed' | 'closed' | 'rejected';
  events: { event: string; at: string }[];
  decision?: { decision: 'close' | 're_refer'; reason: string; at: string };
}

export interface AuditEntry {
  seq: number;
  at: string;
  kind: 'stage_change' | 'action' | 'notice' | 'escalation' | 'deadline';
  summary: string;
  actor?: Actor;
  requestId?: string;
  data?: Record<string, unknown>;
}

/** The one state object of a case: returned by the `state` query, carried by continueAsNew. */
export interface CaseState {
  caseNumber: string;
  province: string;
  channel: Channel;
  filedAt: string;
  filedAtJalali: string;
  filedBy: Actor;
  policy: Policy;
  filing: Filing;
  stage: Stage;
  stageEnteredAt: string;
  outcome?: Outcome;
  closedAt?: string;
  closingReason?: string;
  correction?: { reason: string; fields: string[]; requestedAt: string; submittedAt?: string };
  corrections: number;
  deadlines: Deadline[];
  notices: NoticeRecord[];
  escalations: Escalation[];
  response?: { text: string; recordedAt: string; defaulted: boolean; attachments: unknown[] };
  conciliationInvitedAt?: string;
  board?: Board;
  hearing?: Hearing;
  votes: Vote[];
  rulings: Ruling[];
  appeals: Appeal[];
  compliance?: { recordedAt: string; evidence?: string };
  enforcement: EnforcementReferral[];
  settlement?: { terms: string; at: string };
  /** Audit entries not yet written to the read model; the log itself lives in PostgreSQL. */
  audit: AuditEntry[];
  /** Seq of the last audit entry made, and of the last one written to the read model. */
  auditSeq: number;
  projectedSeq: number;
}

export interface Tally {
  instance: 1 | 2;
  cast: number;
  quorum: number;
  majority: number;
  uphold: number;
  reject: number;
  partial: number;
}

/** What the `state` query answers: who voted what appears only for members of the case's board. */
export type CaseStateView = Omit<CaseState, 'audit'> & {
  tally?: Tally;
  votesVisible: boolean;
  /** Art. 165 remedies for each wrongful-dismissal claim, to pre-fill a board member's vote. */
  suggestedRemedies: SuggestedRemedy[];
};

export interface NewCaseInput {
  caseNumber: string;
  filing: Filing;
  filedAt: string;
  filedBy: Actor;
  policy: Policy;
}

/** The state of a case just filed: in intake, with its policy recorded so a later policy change never alters it. */
export function newCaseState(input: NewCaseInput): CaseState {
  return {
    caseNumber: input.caseNumber,
    province: input.filing.province,
    channel: input.filing.channel,
    filedAt: input.filedAt,
    filedAtJalali: toJalali(input.filedAt),
    filedBy: input.filedBy,
    policy: input.policy,
    filing: input.filing,
    stage: 'intake',
    stageEnteredAt: input.filedAt,
    corrections: 0,
    deadlines: [],
    notices: [],
    escalations: [],
    votes: [],
    rulings: [],
    appeals: [],
    enforcement: [],
    audit: [],
    auditSeq: 0,
    projectedSeq: 0,
  };
}

/** What the read model needs of a case: the projection activity's input, kept small because it is in history. */
export interface CaseProjection {
  caseNumber: string;
  province: string;
  channel: Channel;
  stage: Stage;
  outcome?: Outcome;
  filedAt: string;
  stageEnteredAt: string;
  complainant: Filing['complainant'];
  respondent: Filing['respondent'];
  claimCount: number;
  hearingAt?: string;
  boardMemberIds: string[];
  nextDeadline?: string;
  overdue: boolean;
  escalationLevel: number;
  notices: NoticeRecord[];
  escalations: Escalation[];
  projectedSeq: number;
}

/** The flags that lists, search attributes and metrics show: is anything overdue, how high, what is next. */
export function caseFlags(state: Pick<CaseState, 'escalations' | 'deadlines'>) {
  const open = state.escalations.filter((e) => !e.resolvedAt);
  return {
    overdue: open.length > 0,
    escalationLevel: Math.max(0, ...open.map((e) => e.level)),
    nextDeadline: state.deadlines
      .filter((d) => !d.closedAt)
      .map((d) => d.dueAt)
      .sort()[0],
  };
}

export function projectionOf(state: CaseState): CaseProjection {
  return {
    caseNumber: state.caseNumber,
    province: state.province,
    channel: state.channel,
    stage: state.stage,
    outcome: state.outcome,
    filedAt: state.filedAt,
    stageEnteredAt: state.stageEnteredAt,
    complainant: state.filing.complainant,
    respondent: state.filing.respondent,
    claimCount: state.filing.claims.length,
    hearingAt: state.hearing?.at,
    boardMemberIds: state.board?.members.map((m) => m.userId) ?? [],
    ...caseFlags(state),
    notices: state.notices,
    escalations: state.escalations,
    projectedSeq: state.projectedSeq,
  };
}

/** The state of a case, one schema per record: the workflow keeps it, the `state` query returns it, the API derives from it. */
import { shared, z } from './schema-cache';
import type { Actor, Filing } from './filing';
import { rialsSchema } from './filing';
import { printableId, safeText } from './text';
import type { Policy } from './policy';
import type { SuggestedRemedy } from './remedies';
import type { Channel, Outcome, Stage } from './vocabulary';
import {
  deadlineKinds,
  documentTypes,
  escalationKinds,
  hearingModes,
  manualServiceMethods,
  noteKinds,
  sides,
  voteDecisions,
} from './vocabulary';

export * from './vocabulary';
export * from './filing';

const instant = shared('case.instant', () => z.string());
const count = shared('case.count', () => z.number().int().nonnegative());
const instanceSchema = shared('case.instanceSchema', () => z.union([z.literal(1), z.literal(2)]));
export type Instance = z.infer<typeof instanceSchema>;

export const durationRuleSchema = shared('case.durationRuleSchema', () =>
  z.object({
    amount: z.number().nonnegative(),
    unit: z.enum(['business_days', 'calendar_days', 'hours', 'minutes', 'seconds']),
  }),
);

export const deadlineSchema = shared('case.deadlineSchema', () =>
  z.object({
    /** Unique in the case; built by `deadlineIds` (domain/deadlines.ts), never spelled by hand. */
    id: z.string(),
    kind: z.enum(deadlineKinds),
    /** Whose deadline it is, for windows that run per party (an appeal). */
    party: z.enum(sides).optional(),
    startedAt: instant,
    dueAt: instant,
    dueAtJalali: z.string(),
    rule: durationRuleSchema,
    /** The notice whose service opened the window: set aside, the window restarts from the new service. */
    basis: z.string().optional(),
    extensions: count,
    restarts: count,
    /** Counted over holidays that are estimates, not yet the official calendar. */
    provisional: z.boolean(),
    /** Set when the awaited thing happened or the window was closed by a later stage. */
    closedAt: instant.optional(),
    overdue: z.boolean(),
  }),
);
export type Deadline = z.infer<typeof deadlineSchema>;

export const noticeStatuses = [
  'sending',
  'accepted',
  'delivered',
  'viewed',
  'failed',
  'not_registered',
  'served_by_hand',
  'set_aside',
  /** Never served, and no longer needed: the session it summoned to was held, moved or renewed. */
  'superseded',
] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export const noticeSchema = shared('case.noticeSchema', () =>
  z.object({
    /** The gateway's idempotency key: `caseNumber:documentType:recipient:seq`. */
    key: z.string(),
    /** Why it was sent (`complaint`, `summons:1:1:2`, `ruling:1`, `reminder:<deadline>`): one live notice per purpose. */
    purpose: z.string(),
    documentType: z.enum(documentTypes),
    recipient: z.enum(sides),
    status: z.enum(noticeStatuses),
    createdAt: instant,
    noticeId: z.string().optional(),
    acceptedAt: instant.optional(),
    deliveredAt: instant.optional(),
    viewedAt: instant.optional(),
    failedAt: instant.optional(),
    failureReason: z.string().optional(),
    /** When service took effect (gateway delivery or a clerk's record); opens the windows that run from it. */
    servedAt: instant.optional(),
    manualMethod: z.enum(manualServiceMethods).optional(),
    setAside: z.object({ reason: z.string(), at: instant, by: z.string() }).optional(),
  }),
);
export type NoticeRecord = z.infer<typeof noticeSchema>;

export const escalationSchema = shared('case.escalationSchema', () =>
  z.object({
    id: z.string(),
    kind: z.enum(escalationKinds),
    level: count,
    raisedAt: instant,
    resolvedAt: instant.optional(),
    deadlineId: z.string().optional(),
    /** When it climbs next, once computed: a run that continues as new waits for the same moment. */
    nextLevelAt: instant.optional(),
  }),
);
export type Escalation = z.infer<typeof escalationSchema>;

export const boardMemberSchema = shared('case.boardMemberSchema', () =>
  z.object({
    userId: printableId(100),
    name: safeText(200, { multiline: false }),
    presiding: z.boolean().optional(),
  }),
);
export type BoardMember = z.infer<typeof boardMemberSchema>;

export const boardSchema = shared('case.boardSchema', () =>
  z.object({
    instance: instanceSchema,
    members: z.array(boardMemberSchema),
    assignedAt: instant,
  }),
);
export type Board = z.infer<typeof boardSchema>;

export const attendanceSchema = shared('case.attendanceSchema', () =>
  z.object({ complainant: z.boolean(), respondent: z.boolean() }),
);
export type Attendance = z.infer<typeof attendanceSchema>;

/** One side's summons to one round of a session, and whether it came in time to count. */
export const summonsSchema = shared('case.summonsSchema', () =>
  z.object({
    side: z.enum(sides),
    round: count,
    noticeKey: z.string(),
    servedAt: instant.optional(),
    /** Served at least the policy's lead time before the session: only then may the party be recorded absent. */
    duly: z.boolean().optional(),
  }),
);
export type Summons = z.infer<typeof summonsSchema>;

/**
 * The hearing of one instance. A session is scheduled, may be adjourned or see a party summoned again (each a
 * new summons round), is held, and is renewed when its vote finds no majority.
 */
export const hearingSchema = shared('case.hearingSchema', () =>
  z.object({
    instance: instanceSchema,
    session: count,
    at: instant.optional(),
    mode: z.enum(hearingModes).optional(),
    location: z.string().optional(),
    adjournments: count,
    round: count,
    summons: z.array(summonsSchema),
    /** The sides the board summoned again in this instance: once each. */
    resummoned: z.array(z.enum(sides)),
    held: z.object({ at: instant, attendance: attendanceSchema, minutes: z.string(), remote: z.boolean() }).optional(),
    /** When the session was renewed for want of a majority: its scheduling window counts from then. */
    renewedAt: instant.optional(),
  }),
);
export type Hearing = z.infer<typeof hearingSchema>;

export const awardSchema = shared('case.awardSchema', () => z.object({ claimIndex: count, amountRials: rialsSchema }));
export type Award = z.infer<typeof awardSchema>;

export const voteSchema = shared('case.voteSchema', () =>
  z.object({
    memberId: z.string(),
    decision: z.enum(voteDecisions),
    awards: z.array(awardSchema).optional(),
    reason: z.string(),
    at: instant,
  }),
);
export type Vote = z.infer<typeof voteSchema>;

export const rulingSchema = shared('case.rulingSchema', () =>
  z.object({
    instance: instanceSchema,
    session: count,
    decision: z.enum(voteDecisions),
    awards: z.array(awardSchema),
    sealedAt: instant,
    votes: z.array(voteSchema),
    /** Final once no appeal can follow: a second-instance ruling, or a first-instance one whose windows ended. */
    finalAt: instant.optional(),
  }),
);
export type Ruling = z.infer<typeof rulingSchema>;

export const appealSchema = shared('case.appealSchema', () =>
  z.object({
    party: z.enum(sides),
    grounds: z.string(),
    filedAt: instant,
    filedBy: z.string(),
  }),
);
export type Appeal = z.infer<typeof appealSchema>;

export const referralStatuses = [
  'sending',
  'accepted',
  'order_issued',
  'executed',
  'closed',
  'rejected',
  'failed',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const referralSchema = shared('case.referralSchema', () =>
  z.object({
    seq: count,
    key: z.string(),
    referralId: z.string().optional(),
    status: z.enum(referralStatuses),
    events: z.array(z.object({ event: z.string(), at: instant })),
    decision: z.object({ decision: z.enum(['close', 're_refer']), reason: z.string(), at: instant }).optional(),
  }),
);
export type EnforcementReferral = z.infer<typeof referralSchema>;

export interface AuditEntry {
  seq: number;
  at: string;
  kind: 'stage_change' | 'action' | 'notice' | 'escalation' | 'deadline';
  summary: string;
  actor?: Actor;
  requestId?: string;
  data?: Record<string, unknown>;
}

/** A fact that ends the case, recorded by an update; the main loop closes the case when it sees one. */
export interface ClosingRequest {
  outcome: Extract<Outcome, 'rejected' | 'withdrawn' | 'settled'>;
  reason: string;
  at: string;
  actor: Actor;
  requestId?: string;
}

export interface SettlementConsent {
  side: (typeof sides)[number];
  terms: string;
  at: string;
  by: string;
}

/** The one state object of a case: returned by the `state` query, carried by continueAsNew. */
export interface CaseState {
  caseNumber: string;
  province: string;
  channel: Channel;
  filedAt: string;
  filedBy: Actor;
  policy: Policy;
  filing: Filing;
  stage: Stage;
  stageEnteredAt: string;
  outcome?: Outcome;
  closedAt?: string;
  closingReason?: string;
  closing?: ClosingRequest;
  acceptedAt?: string;
  correction?: { reason: string; fields: string[]; requestedAt: string; submittedAt?: string };
  corrections: number;
  deadlines: Deadline[];
  notices: NoticeRecord[];
  escalations: Escalation[];
  response?: { text: string; recordedAt: string; defaulted: boolean; attachments: number };
  conciliationInvitedAt?: string;
  board?: Board;
  hearing?: Hearing;
  /** The votes of the current session; a sealed ruling keeps its own copy. */
  votes: Vote[];
  /** Sessions renewed for want of a majority, in the current instance. */
  renewals: number;
  rulings: Ruling[];
  appeals: Appeal[];
  compliance?: { recordedAt: string; evidence?: string };
  enforcement: EnforcementReferral[];
  settlementConsents: SettlementConsent[];
  settlement?: { terms: string; at: string };
  /** Audit entries not yet written to the read model; the log itself lives in PostgreSQL. */
  audit: AuditEntry[];
  /** Entries whose projection failed after its retries, kept (bounded) for `npm run reconcile`. */
  unprojected: AuditEntry[];
  /** Seq of the last audit entry made, and of the last one written to the read model. */
  auditSeq: number;
  projectedSeq: number;
}

/** How the vote stands, as everyone may see it: counts by side only for the board. */
export interface TallyView {
  instance: Instance;
  session: number;
  cast: number;
  quorum: number;
  majority: number;
  award?: number;
  reject?: number;
}

/** What the `state` query answers: who voted what appears only for members of the case's board. */
export type CaseStateView = Omit<CaseState, 'audit' | 'closing' | 'unprojected'> & {
  tally?: TallyView;
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
    renewals: 0,
    rulings: [],
    appeals: [],
    enforcement: [],
    settlementConsents: [],
    audit: [],
    unprojected: [],
    auditSeq: 0,
    projectedSeq: 0,
  };
}

/** A notice counts as served once delivered or served by hand, unless a clerk set that service aside. */
export const isServed = (notice: NoticeRecord): boolean => Boolean(notice.servedAt) && !notice.setAside;

/** The flags that lists, search attributes and metrics show: is anything overdue, how high, what is next. */
export function caseFlags(state: Pick<CaseState, 'escalations' | 'deadlines'>) {
  const open = state.escalations.filter((e) => !e.resolvedAt && !noteKinds.includes(e.kind));
  return {
    overdue: open.length > 0,
    escalationLevel: Math.max(0, ...open.map((e) => e.level)),
    nextDeadline: state.deadlines
      .filter((d) => !d.closedAt)
      .map((d) => d.dueAt)
      .sort()[0],
  };
}

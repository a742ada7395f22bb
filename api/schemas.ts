/** The zod schemas of every query, parameter and response of the API: they validate, type and document it. */
import { z } from 'zod';
import { actionNames, toKebab } from '../domain/actions';
import {
  channels,
  claimKinds,
  deadlineSchema,
  escalationKinds,
  escalationSchema,
  hearingSchema,
  noticeSchema,
  outcomes,
  referralSchema,
  rulingSchema,
  sides,
  stages,
  voteSchema,
} from '../domain/case';
import { CASE_NUMBER_PATTERN } from '../domain/ids';
import { provinceCodes } from '../domain/provinces';
import { printableId, safeText } from '../domain/text';

export { auditKinds } from '../db/read-model/items';

/** The actions' path segments: `acceptComplaint` is `accept-complaint`. */
export const actionSegments = actionNames.map(toKebab) as [string, ...string[]];

const instant = z.iso.datetime({ offset: true });
const jalaliDate = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/);
const count = z.number().int().nonnegative();
const instanceNumber = z.union([z.literal(1), z.literal(2)]);

// ── Parameters, headers and queries ─────────────────────────────────────────────────────────────

export const caseNumberSchema = z
  .string()
  .regex(CASE_NUMBER_PATTERN)
  .meta({ description: 'Province code, Jalali year of filing and sequence', example: 'THR-1405-000123' });

export const caseParamsSchema = z.object({ caseNumber: caseNumberSchema });
export const actionParamsSchema = z.object({
  caseNumber: caseNumberSchema,
  action: z.enum(actionSegments).meta({ description: 'The action, the kebab-case name of a workflow update' }),
});

/** Printable ASCII without spaces: keys end up in logs and as Temporal update IDs. */
export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be 1 to 200 printable ASCII characters without spaces');

export const createCaseHeadersSchema = z.object({
  'idempotency-key': idempotencyKeySchema.meta({ description: 'Required; the same key and body answer the same case' }),
});
export const actionHeadersSchema = z.object({
  'idempotency-key': idempotencyKeySchema
    .optional()
    .meta({ description: 'Recommended; becomes the Temporal update ID, so a retry is applied once' }),
});

const dateOrInstant = z
  .union([z.iso.date(), instant])
  .meta({ description: 'A date (a whole Tehran day) or an ISO 8601 instant with a zone' });
const limit = (byDefault: number) => z.coerce.number().int().min(1).max(200).default(byDefault);
const cursor = printableId(500).meta({ description: 'The `nextCursor` of the previous page' });

export const caseListQuerySchema = z.strictObject({
  stage: z.enum(stages).optional(),
  province: z.enum(provinceCodes).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  boardMemberId: printableId(100).optional(),
  q: safeText(100, { multiline: false })
    .optional()
    .meta({ description: 'A case number prefix, or part of a party name (names are not searched for engineers)' }),
  filedFrom: dateOrInstant.optional(),
  filedTo: dateOrInstant.optional().meta({ description: 'Inclusive; a date covers the whole Tehran day' }),
  cursor: cursor.optional(),
  limit: limit(50),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const escalationListQuerySchema = z.strictObject({
  level: z.coerce.number().int().min(1).max(20).optional(),
  kind: z.enum(escalationKinds).optional(),
  province: z.enum(provinceCodes).optional(),
  cursor: cursor.optional(),
  limit: limit(100),
});
export type EscalationListQuery = z.infer<typeof escalationListQuerySchema>;

/** A read that waits for the case to move past the version the caller has (a long poll), for at most `wait` seconds. */
export const caseReadQuerySchema = z
  .strictObject({
    after: z.coerce.number().int().nonnegative().optional().meta({
      description:
        'Answer once the case’s `version` is above this one, or when `wait` runs out with the case as it is then. A version below the current one answers at once',
    }),
    wait: z.coerce.number().int().min(1).max(30).optional().meta({
      description: 'Seconds to wait with `after` (1–30, 20 if not given)',
    }),
  })
  .refine((q) => q.wait === undefined || q.after !== undefined, {
    message: '`wait` needs `after`: the version to wait past',
    path: ['wait'],
  });
export type CaseReadQuery = z.infer<typeof caseReadQuerySchema>;

export const historyQuerySchema = z.strictObject({
  format: z.enum(['summary', 'raw']).default('summary'),
});

export const statsQuerySchema = z.strictObject({
  province: z.enum(provinceCodes).optional(),
});

// ── Responses ───────────────────────────────────────────────────────────────────────────────────

export const errorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().meta({ description: 'Stable snake_case code' }),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const caseLinksSchema = z.strictObject({
  self: z.string(),
  timeline: z.string(),
  notices: z.string(),
  actions: z.string().meta({ description: 'Append the kebab-case action name' }),
  history: z.string().optional(),
  temporalUi: z.string().optional(),
});

export const createdCaseSchema = z.strictObject({
  caseNumber: caseNumberSchema,
  stage: z.enum(stages),
  links: caseLinksSchema,
});
export type CreatedCase = z.infer<typeof createdCaseSchema>;

const partyViewSchema = z.strictObject({
  side: z.enum(sides),
  name: z.string().optional(),
  nationalId: z.string().optional(),
  legalEntityId: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
});

const claimViewSchema = z.strictObject({
  index: count,
  kind: z.enum(claimKinds),
  amountRials: count.optional(),
  description: z.string().optional(),
});

// The case's records as the workflow keeps them (domain/case.ts), with Jalali dates added and free text optional:
// engineers see a case without personal data.
const deadlineViewSchema = deadlineSchema.extend({ open: z.boolean(), dueAtJalali: jalaliDate });

const noticeViewSchema = noticeSchema.extend({
  deliveredAtJalali: jalaliDate.optional(),
  servedAtJalali: jalaliDate.optional(),
  setAside: z.object({ reason: z.string().optional(), at: instant, by: z.string() }).optional(),
});

const voteViewSchema = voteSchema.extend({ reason: z.string().optional() });

const escalationViewSchema = escalationSchema.extend({ raisedAtJalali: jalaliDate });

const hearingViewSchema = hearingSchema.extend({
  atJalali: jalaliDate.optional(),
  held: hearingSchema.shape.held.unwrap().extend({ minutes: z.string().optional() }).optional(),
});

const rulingViewSchema = rulingSchema.extend({ votes: z.array(voteViewSchema), sealedAtJalali: jalaliDate });

const referralViewSchema = referralSchema.extend({
  decision: referralSchema.shape.decision.unwrap().extend({ reason: z.string().optional() }).optional(),
});

const remedyViewSchema = z.object({
  claimIndex: count,
  reinstatement: z.object({ backPayRials: count, period: z.object({ years: count, months: count, days: count }) }),
  compensation: z.object({ rials: count, service: z.object({ years: count, months: count, days: count }) }),
});

export const availableActionSchema = z.strictObject({
  action: z.enum(actionSegments),
  allowed: z.boolean(),
  reason: z.string().optional(),
});

export const actionPendingSchema = z.strictObject({
  code: z.literal('action_pending'),
  message: z.string(),
  links: caseLinksSchema,
});

export const caseDetailSchema = z
  .strictObject({
    caseNumber: caseNumberSchema,
    version: z.number().int().nonnegative().meta({
      description:
        'Grows with every entry of the case’s audit trail (each action, stage change, notice event, deadline and escalation). Pass it as `after` to wait for the next change',
    }),
    stage: z.enum(stages),
    outcome: z.enum(outcomes).optional(),
    closedAt: instant.optional(),
    closingReason: z.string().optional(),
    province: z.enum(provinceCodes),
    channel: z.enum(channels),
    policy: z.string().meta({ description: 'Name of the policy the case runs under' }),
    filedAt: instant,
    filedAtJalali: jalaliDate,
    stageEnteredAt: instant,
    acceptedAt: instant.optional(),
    parties: z.array(partyViewSchema),
    employment: z
      .strictObject({
        startedOn: z.iso.date(),
        endedOn: z.iso.date().optional(),
        jobTitle: z.string(),
        monthlyWageRials: count,
      })
      .optional(),
    claims: z.array(claimViewSchema),
    statement: z.string().optional(),
    correction: z
      .strictObject({
        reason: z.string().optional(),
        fields: z.array(z.string()),
        requestedAt: instant,
        submittedAt: instant.optional(),
      })
      .optional(),
    corrections: count,
    deadlines: z.array(deadlineViewSchema),
    notices: z.array(noticeViewSchema),
    response: z
      .strictObject({
        recordedAt: instant,
        defaulted: z.boolean(),
        text: z.string().optional(),
        attachments: count.meta({ description: 'How many attachments came with it' }),
      })
      .optional(),
    conciliationInvitedAt: instant.optional(),
    board: z
      .strictObject({
        instance: instanceNumber,
        assignedAt: instant,
        members: z.array(z.strictObject({ userId: z.string(), name: z.string().optional(), presiding: z.boolean() })),
      })
      .optional(),
    hearing: hearingViewSchema.optional(),
    tally: z
      .strictObject({
        instance: instanceNumber,
        session: count,
        cast: count,
        quorum: count,
        majority: count,
        award: count.optional(),
        reject: count.optional(),
      })
      .optional()
      .meta({ description: 'How many have voted; how they voted (award or reject) only for the board' }),
    votesVisible: z.boolean().meta({ description: 'Who voted what is shown only to members of the board' }),
    votes: z.array(voteViewSchema),
    renewals: count.meta({ description: 'Sessions renewed for want of a majority, in this instance' }),
    suggestedRemedies: z.array(remedyViewSchema).meta({ description: 'Art. 165 remedies, to pre-fill a vote' }),
    rulings: z.array(rulingViewSchema),
    appeals: z.array(
      z.strictObject({ party: z.enum(sides), filedAt: instant, filedBy: z.string(), grounds: z.string().optional() }),
    ),
    compliance: z.strictObject({ recordedAt: instant, evidence: z.string().optional() }).optional(),
    enforcement: z.array(referralViewSchema),
    settlementConsents: z.array(z.strictObject({ side: z.enum(sides), at: instant })),
    settlement: z.strictObject({ at: instant, terms: z.string().optional() }).optional(),
    escalations: z.array(escalationViewSchema),
    availableActions: z.array(availableActionSchema),
    links: caseLinksSchema,
  })
  .meta({ description: 'The live state of a case from its workflow; engineers get it without personal data' });
export type CaseDetail = z.infer<typeof caseDetailSchema>;

// The read model's items have their one home in db/read-model/items.ts; the API documents them as they are.
export {
  caseListItemSchema,
  caseListSchema,
  escalationItemSchema,
  escalationListSchema,
  noticeListSchema,
  noticeRowSchema,
  statsSchema,
  timelineEntrySchema,
  timelineSchema,
} from '../db/read-model/items';
export type { CaseListItem, EscalationItem, NoticeRow, Stats, TimelineEntry } from '../db/read-model/items';

export const historySummarySchema = z.strictObject({
  caseNumber: caseNumberSchema,
  workflowId: z.string(),
  events: z.array(
    z.strictObject({
      eventId: count,
      time: instant,
      type: z.string().meta({ example: 'ActivityTaskScheduled' }),
      activityType: z.string().optional(),
      timerId: z.string().optional(),
      name: z.string().optional().meta({ description: 'Signal or update name' }),
      attempt: count.optional(),
      failure: z.string().optional(),
      line: z.string().meta({ description: 'The event as one readable line' }),
    }),
  ),
});
export type HistorySummary = z.infer<typeof historySummarySchema>;

export const rawHistorySchema = z
  .looseObject({ events: z.array(z.looseObject({ eventId: z.string(), eventType: z.string() })) })
  .meta({ description: '`temporal.api.history.v1.History` in proto3 JSON, loadable by `Worker.runReplayHistories`' });

export const historyResponseSchema = z.union([historySummarySchema, rawHistorySchema]);

export const webhookReplySchema = z.strictObject({
  replayed: z.boolean().optional(),
  ignored: z.string().optional().meta({ description: 'Why the event changed nothing, e.g. `case_closed`' }),
});

export const healthSchema = z.strictObject({ status: z.literal('ok') });
export const readySchema = z.strictObject({
  status: z.literal('ready'),
  checks: z.strictObject({ temporal: z.literal('ok'), postgres: z.literal('ok') }),
});

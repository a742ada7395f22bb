/**
 * What the read model answers, as zod schemas: the reader returns these, and the API's OpenAPI document and
 * TypeScript types derive from them (api/schemas.ts), so a list item has one shape in every layer.
 */
import { z } from 'zod';
import { channels, escalationKinds, noticeSchema, outcomes, roles, stages } from '../../domain/case';
import { CASE_NUMBER_PATTERN } from '../../domain/ids';
import { provinceCodes } from '../../domain/provinces';

const instant = z.iso.datetime({ offset: true });
export const jalaliDate = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/);
const count = z.number().int().nonnegative();
const caseNumber = z.string().regex(CASE_NUMBER_PATTERN);

export const auditKinds = ['stage_change', 'action', 'notice', 'escalation', 'deadline'] as const;

export const caseListItemSchema = z.strictObject({
  caseNumber,
  province: z.enum(provinceCodes),
  channel: z.enum(channels),
  stage: z.enum(stages),
  outcome: z.enum(outcomes).optional(),
  filedAt: instant,
  filedAtJalali: jalaliDate,
  stageEnteredAt: instant,
  complainantName: z.string().optional(),
  respondentName: z.string().optional(),
  overdue: z.boolean(),
  escalationLevel: count,
  nextDeadline: instant.optional(),
  nextDeadlineJalali: jalaliDate.optional(),
  boardMemberIds: z.array(z.string()),
  updatedAt: instant,
});
export type CaseListItem = z.infer<typeof caseListItemSchema>;

export const caseListSchema = z.strictObject({ items: z.array(caseListItemSchema), nextCursor: z.string().nullable() });

export const timelineEntrySchema = z.strictObject({
  seq: count,
  at: instant,
  atJalali: jalaliDate,
  kind: z.enum(auditKinds),
  summary: z.string(),
  actor: z.strictObject({ userId: z.string(), role: z.enum(roles) }).optional(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export const timelineSchema = z.strictObject({ caseNumber, items: z.array(timelineEntrySchema) });

/** A notice as the read model keeps it: the workflow's record without its purpose, with times of the row. */
export const noticeRowSchema = noticeSchema
  .pick({ documentType: true, recipient: true, status: true, noticeId: true, failureReason: true })
  .extend({
    key: z.string().meta({ description: 'The idempotency key sent to the gateway' }),
    acceptedAt: instant.optional(),
    deliveredAt: instant.optional(),
    deliveredAtJalali: jalaliDate.optional(),
    viewedAt: instant.optional(),
    updatedAt: instant,
  })
  .strict();
export type NoticeRow = z.infer<typeof noticeRowSchema>;
export const noticeListSchema = z.strictObject({ caseNumber, items: z.array(noticeRowSchema) });

export const escalationItemSchema = z.strictObject({
  id: z.string(),
  caseNumber,
  province: z.enum(provinceCodes),
  kind: z.enum(escalationKinds),
  level: count,
  raisedAt: instant,
  raisedAtJalali: jalaliDate,
});
export type EscalationItem = z.infer<typeof escalationItemSchema>;
export const escalationListSchema = z.strictObject({
  items: z.array(escalationItemSchema),
  nextCursor: z.string().nullable(),
});

export const statsSchema = z
  .strictObject({
    generatedAt: instant,
    byStage: z.array(z.strictObject({ stage: z.enum(stages), count })),
    byProvinceAndStage: z.array(z.strictObject({ province: z.enum(provinceCodes), stage: z.enum(stages), count })),
    overdue: z.strictObject({
      total: count,
      byProvince: z.array(z.strictObject({ province: z.enum(provinceCodes), count })),
    }),
    openEscalations: z.array(z.strictObject({ level: count, count })),
    medianDaysInStage: z
      .array(z.strictObject({ stage: z.enum(stages), cases: count, medianDays: z.number().nonnegative() }))
      .meta({ description: 'For open cases: the median time, in days, since each entered the stage it is in now' }),
  })
  .meta({ description: 'Counts from the read model, limited to the caller’s provinces' });
export type Stats = z.infer<typeof statsSchema>;

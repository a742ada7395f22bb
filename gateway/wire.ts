/** Zod schemas of the gateway's HTTP bodies: requests as the gateway checks them, answers as the client reads them. */
import { z } from 'zod';
import { documentTypes, type NoticeRequest, type NoticeState, type ReferralRequest, type ReferralState } from './port';

// Checked, not trimmed: the gateway keeps what the caller sent, byte for byte.
const nonBlank = z.string().regex(/\S/, 'must not be blank');
const nonEmpty = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

export const noticeStates = ['accepted', 'delivered', 'viewed', 'failed'] as const satisfies readonly NoticeState[];
export const referralStates = [
  'accepted',
  'order_issued',
  'executed',
  'closed',
  'rejected',
] as const satisfies readonly ReferralState[];

const documentTypeSchema = z.enum(documentTypes);

const recipientFields = {
  nationalId: z
    .string()
    .regex(/^\d{10}$/, 'nationalId is 10 digits')
    .optional(),
  legalEntityId: z
    .string()
    .regex(/^\d{11}$/, 'legalEntityId is 11 digits')
    .optional(),
};

const exactlyOneId = (recipient: { nationalId?: string | undefined; legalEntityId?: string | undefined }): boolean =>
  (recipient.nationalId === undefined) !== (recipient.legalEntityId === undefined);
const exactlyOneIdMessage = { message: 'exactly one of nationalId and legalEntityId is required' };

// Requests are strict: an unknown field is more likely a caller's typo than an extension.
export const recipientSchema = z.strictObject(recipientFields).refine(exactlyOneId, exactlyOneIdMessage);

const partySchema = z.strictObject({ ...recipientFields, name: nonBlank }).refine(exactlyOneId, exactlyOneIdMessage);

export const attachmentSchema = z.strictObject({
  name: nonBlank,
  sha256: z.string().regex(/^[0-9a-f]{64}$/i, 'sha256 is 64 hex digits'),
  sizeBytes: z.number().int().nonnegative(),
});

export const noticeRequestSchema = z.strictObject({
  recipient: recipientSchema,
  caseRef: nonBlank,
  documentType: documentTypeSchema,
  title: nonBlank,
  body: nonBlank,
  attachments: z.array(attachmentSchema).optional(),
}) satisfies z.ZodType<NoticeRequest>;

export const referralRequestSchema = z.strictObject({
  caseRef: nonBlank,
  rulingRef: nonBlank,
  creditor: partySchema,
  debtor: partySchema,
  amountRials: z.number().int().positive().optional(),
  // A referral without an order asks the enforcement unit for nothing.
  orders: z.array(nonBlank).min(1),
}) satisfies z.ZodType<ReferralRequest>;

/** Idempotency keys are opaque to the gateway; the bound keeps a runaway caller from filling its table. */
export const idempotencyKeySchema = nonBlank.max(255);

// Answers are read tolerantly: unknown fields are dropped so the gateway may grow without breaking Davar.
export const noticeAcceptedBodySchema = z.object({
  noticeId: nonEmpty,
  status: z.literal('accepted'),
  acceptedAt: instant,
});

export const noticeStatusBodySchema = z.object({
  noticeId: nonEmpty,
  status: z.enum(noticeStates),
  acceptedAt: instant,
  deliveredAt: instant.optional(),
  viewedAt: instant.optional(),
  failureReason: z.string().optional(),
});

export const referralAcceptedBodySchema = z.object({ referralId: nonEmpty });

// GATEWAY.md promises only `status`; the simulator also sends the id and the time of the last change.
export const referralStatusBodySchema = z.object({
  referralId: nonEmpty.optional(),
  status: z.enum(referralStates),
  updatedAt: instant.optional(),
});

export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export interface IssueDetail {
  path: string;
  message: string;
}

/** Zod issues as plain data, for a 400's `details` and for ApplicationFailure details. */
export function issueDetails(error: z.ZodError): IssueDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

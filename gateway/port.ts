/** The port between Davar and the judicial e-notice gateway: what Davar asks, what it gets back, what it is told. */
import { z } from 'zod';
import { printableId } from '../domain/text';

// The document types are the case's own vocabulary (domain/case.ts); the contract uses the same list.
export { documentTypes, type DocumentType } from '../domain/case';
import type { DocumentType } from '../domain/case';

/** Exactly one of the two: a person by national ID (10 digits) or a legal entity by its ID (11 digits). */
export interface Recipient {
  nationalId?: string;
  legalEntityId?: string;
}

export interface Attachment {
  name: string;
  sha256: string;
  sizeBytes: number;
}

export interface NoticeRequest {
  recipient: Recipient;
  caseRef: string;
  documentType: DocumentType;
  title: string;
  body: string;
  attachments?: Attachment[];
}

export type NoticeState = 'accepted' | 'delivered' | 'viewed' | 'failed';

export interface NoticeAcceptance {
  noticeId: string;
  status: 'accepted';
  acceptedAt: string;
  /** True when the gateway answered 200: the key was seen before and no second notice exists. */
  replayed: boolean;
}

export interface NoticeStatus {
  noticeId: string;
  status: NoticeState;
  acceptedAt: string;
  deliveredAt?: string;
  viewedAt?: string;
  failureReason?: string;
}

export interface ReferralRequest {
  caseRef: string;
  rulingRef: string;
  creditor: Recipient & { name: string };
  debtor: Recipient & { name: string };
  amountRials?: number;
  orders: string[];
}

export type ReferralState = 'accepted' | 'order_issued' | 'executed' | 'closed' | 'rejected';

export interface ReferralAcceptance {
  referralId: string;
  /** True when the gateway answered 200: the key was seen before and no second referral exists. */
  replayed: boolean;
}

export interface ReferralStatus {
  referralId: string;
  status: ReferralState;
  updatedAt: string;
}

/**
 * Every method throws `ApplicationFailure` with a type from `GatewayFailureType` (gateway/failures.ts);
 * callers retry the retryable ones with the same idempotency key.
 */
export interface NoticeGateway {
  sendNotice(request: NoticeRequest, idempotencyKey: string): Promise<NoticeAcceptance>;
  getNoticeStatus(noticeId: string): Promise<NoticeStatus>;
  referToEnforcement(request: ReferralRequest, idempotencyKey: string): Promise<ReferralAcceptance>;
  getReferralStatus(referralId: string): Promise<ReferralStatus>;
}

// Callbacks. Notice and referral events are POSTed to the same Davar URL
// (`/api/v1/gateway/notice-events`): GATEWAY.md names only that one, and one signed endpoint with one
// replay table is less to secure than two. The body tells them apart by `noticeId` versus `referralId`.

export interface NoticeEventCallback {
  eventId: string;
  noticeId: string;
  idempotencyKey: string;
  event: 'delivered' | 'viewed' | 'failed';
  at: string;
  failureReason?: string;
}

export interface ReferralEventCallback {
  eventId: string;
  referralId: string;
  idempotencyKey: string;
  event: 'order_issued' | 'executed' | 'closed' | 'rejected';
  at: string;
}

export type GatewayCallback = NoticeEventCallback | ReferralEventCallback;

// Identifiers travel into keys, logs and the read model: printable and bounded. Free text is bounded on the way in.
const nonEmpty = printableId(200);
const instant = z.iso.datetime({ offset: true });

// Unknown fields are dropped rather than refused: a gateway may add fields without breaking Davar.
export const noticeEventCallbackSchema = z.object({
  eventId: nonEmpty,
  noticeId: nonEmpty,
  idempotencyKey: nonEmpty,
  event: z.enum(['delivered', 'viewed', 'failed']),
  at: instant,
  failureReason: z
    .string()
    .max(10_000)
    .transform((text) => text.slice(0, 500))
    .optional(),
}) satisfies z.ZodType<NoticeEventCallback>;

export const referralEventCallbackSchema = z.object({
  eventId: nonEmpty,
  referralId: nonEmpty,
  idempotencyKey: nonEmpty,
  event: z.enum(['order_issued', 'executed', 'closed', 'rejected']),
  at: instant,
}) satisfies z.ZodType<ReferralEventCallback>;

/** What Davar's webhook accepts; the notice shape is tried first. */
export const gatewayCallbackSchema = z.union([noticeEventCallbackSchema, referralEventCallbackSchema]);

export function isNoticeEvent(callback: GatewayCallback): callback is NoticeEventCallback {
  return 'noticeId' in callback;
}

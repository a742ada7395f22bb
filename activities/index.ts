/** Every side effect of a case, built once by the worker: createActivities(deps) returns the activity functions. */
import type { Knex } from 'knex';
import {
  computeDeadline as computeCalendarDeadline,
  computeReminderAt,
  type HolidayCalendar,
} from '../domain/calendar';
import type { DurationRule, Policy } from '../domain/policy';
import type { DocumentType } from '../domain/case';
import { renderNotice, type NoticeContent } from '../domain/notices';
import type { NoticeGateway, NoticeStatus, Recipient, ReferralRequest, ReferralStatus } from '../gateway/port';
import { projectCase } from '../db/read-model/writer';
import type { ProjectionInput } from '../domain/projection';

export interface ActivityLog {
  info(obj: object, message?: string): void;
  warn(obj: object, message?: string): void;
}

export interface ActivityDeps {
  db: Knex;
  gateway: NoticeGateway;
  /** The holidays of a Jalali year (`holidaysForYear`): solar by rule, lunar official or estimated. */
  holidays: HolidayCalendar;
  log: ActivityLog;
}

export interface DeadlineRequest {
  from: string;
  rule: DurationRule;
  policy: Pick<Policy, 'secondsPerDay' | 'weekendDays'>;
}

/** What the workflow knows of a notice: facts, rendered to text here so the workflow never formats dates. */
export interface SendNoticeInput {
  idempotencyKey: string;
  recipient: Recipient;
  caseRef: string;
  documentType: DocumentType;
  content: NoticeContent;
}

export interface ReferInput {
  idempotencyKey: string;
  request: ReferralRequest;
}

export function createActivities({ db, gateway, holidays, log }: ActivityDeps) {
  return {
    /** Deadlines are computed here, not in the workflow, so the result is recorded in history (ARCHITECTURE §3). */
    async computeDeadline({
      from,
      rule,
      policy,
    }: DeadlineRequest): Promise<{ dueAt: string; dueAtJalali: string; provisional: boolean }> {
      const { dueAt, dueAtJalali, provisional } = computeCalendarDeadline(from, rule, policy, holidays);
      if (provisional) log.warn({ from, rule, dueAt }, 'deadline counted over estimated lunar holidays: provisional');
      return { dueAt, dueAtJalali, provisional };
    },

    async computeReminder({
      from: due,
      rule,
      policy,
    }: DeadlineRequest): Promise<{ remindAt: string; provisional: boolean }> {
      const { remindAt, provisional } = computeReminderAt(due, rule, policy, holidays);
      return { remindAt, provisional };
    },

    async sendNotice(input: SendNoticeInput): Promise<{ noticeId: string; acceptedAt: string }> {
      const { idempotencyKey, recipient, caseRef, documentType, content } = input;
      const accepted = await gateway.sendNotice(
        { recipient, caseRef, documentType, ...renderNotice(content) },
        idempotencyKey,
      );
      log.info({ idempotencyKey, noticeId: accepted.noticeId, replayed: accepted.replayed }, 'notice accepted');
      return { noticeId: accepted.noticeId, acceptedAt: accepted.acceptedAt };
    },

    async getNoticeStatus(noticeId: string): Promise<NoticeStatus> {
      return gateway.getNoticeStatus(noticeId);
    },

    async referToEnforcement({ idempotencyKey, request }: ReferInput): Promise<{ referralId: string }> {
      const accepted = await gateway.referToEnforcement(request, idempotencyKey);
      log.info({ idempotencyKey, referralId: accepted.referralId }, 'enforcement referral accepted');
      return { referralId: accepted.referralId };
    },

    async getReferralStatus(referralId: string): Promise<ReferralStatus> {
      return gateway.getReferralStatus(referralId);
    },

    /** Upserts the read model and appends the audit log; idempotent on (caseNumber, eventSeq). */
    async project(input: ProjectionInput): Promise<void> {
      await projectCase(db, input);
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;

/**
 * Service of notices: send through the gateway (once per idempotency key), learn delivery from callbacks or by
 * polling, escalate late delivery, fall back to service by hand, and remind parties before their deadlines.
 * A gateway failure that will not heal (an unknown recipient, a spent schedule-to-close, a 404 on a poll)
 * becomes a fact of the notice, never an error that fails the workflow.
 */
import { ActivityFailure, ApplicationFailure, isCancellation } from '@temporalio/workflow';
import type { DocumentType, NoticeRecord, NoticeStatus, Side } from '../../domain/case';
import { isServed } from '../../domain/case';
import { fixedDurationMs } from '../../domain/calendar/deadline';
import { deadlineIds } from '../../domain/deadlines';
import { GatewayFailureType } from '../../domain/gateway-failures';
import type { NoticeContent } from '../../domain/notices';
import type { ManualServiceMethod } from '../../domain/vocabulary';
import type { CaseContext } from './context';
import type { Deadlines } from './deadlines';
import type { Escalations } from './escalations';
import type { NoticeEvent } from '../messages';
import { TaskGroup, unless } from './tasks';

/** What the content of a notice is made of; given the notice, so that it is the same on every retry. */
export type ContentOf = (notice: NoticeRecord) => NoticeContent | Promise<NoticeContent>;

// Gateway text is bounded on the way in: a long reason must not make the read model refuse the case.
const MAX_REASON = 500;
const bounded = (text: string) => (text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text);

const needsHand = (n: NoticeRecord) => !isServed(n) && (n.status === 'not_registered' || n.status === 'failed');

/** Why an activity failed for good, in words for the case, and its ApplicationFailure type when it has one. */
function failureOf(error: ActivityFailure): { type?: string; reason: string } {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure) return { type: cause.type ?? undefined, reason: cause.message };
  return { reason: cause?.message ?? error.message };
}

export class Notices {
  constructor(
    private readonly c: CaseContext,
    private readonly deadlines: Deadlines,
    private readonly escalations: Escalations,
  ) {}

  /** The live notice for a purpose: the latest one sent to that party and not set aside. */
  current(purpose: string, recipient: Side): NoticeRecord | undefined {
    return this.c.state.notices.filter((n) => n.purpose === purpose && n.recipient === recipient && !n.setAside).pop();
  }

  create(purpose: string, documentType: DocumentType, recipient: Side): NoticeRecord {
    const { state } = this.c;
    const seq = state.notices.filter((n) => n.documentType === documentType && n.recipient === recipient).length + 1;
    const key = `${state.caseNumber}:${documentType}:${recipient}:${seq}`;
    const notice: NoticeRecord = { key, purpose, documentType, recipient, status: 'sending', createdAt: this.c.now() };
    state.notices.push(notice);
    this.record(notice, 'sending');
    return notice;
  }

  private record(notice: NoticeRecord, status: NoticeStatus, data: Record<string, unknown> = {}): void {
    this.c.audit({
      kind: 'notice',
      summary: `${notice.documentType} to ${notice.recipient}: ${status}`,
      data: { key: notice.key, ...data },
    });
  }

  private recipientOf(side: Side) {
    const { complainant, respondent } = this.c.state.filing;
    if (side === 'complainant') return { nationalId: complainant.nationalId };
    return respondent.legalEntityId
      ? { legalEntityId: respondent.legalEntityId }
      : { nationalId: respondent.nationalId };
  }

  /** Hands a notice to the gateway; a refusal or a spent schedule-to-close marks it for service by hand. */
  private async send(notice: NoticeRecord, content: NoticeContent): Promise<void> {
    try {
      const accepted = await this.c.calls.send.sendNotice({
        idempotencyKey: notice.key,
        recipient: this.recipientOf(notice.recipient),
        caseRef: this.c.state.caseNumber,
        documentType: notice.documentType,
        content,
      });
      notice.noticeId = accepted.noticeId;
      notice.acceptedAt = accepted.acceptedAt;
      if (notice.status === 'sending') notice.status = 'accepted';
      this.record(notice, 'accepted');
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      if (isServed(notice)) return; // served by hand while the gateway kept refusing
      const { type, reason } = failureOf(error);
      notice.status = type === GatewayFailureType.RecipientNotRegistered ? 'not_registered' : 'failed';
      notice.failedAt = this.c.now();
      notice.failureReason = bounded(reason);
      this.record(notice, notice.status, { type });
    }
  }

  /**
   * Serves a document on one party and returns once it is served, by delivery or by a clerk's record. Late
   * delivery escalates `notice_undelivered`; no electronic account or a failed delivery opens a task to serve
   * it by hand, with its own deadline and escalation. Found again by purpose after continue-as-new.
   */
  async serve(
    purpose: string,
    documentType: DocumentType,
    recipient: Side,
    contentOf: ContentOf,
  ): Promise<NoticeRecord> {
    const notice = this.current(purpose, recipient) ?? this.create(purpose, documentType, recipient);
    try {
      return await this.deliver(notice, contentOf);
    } catch (error) {
      // Abandoned (the session was held, the stage ended): what was opened for it closes with it. A run that is
      // only continuing as new leaves everything as it is, for the next run to pick up.
      if (isCancellation(error) && !this.c.ending) this.abandon(notice);
      throw error;
    }
  }

  private abandon(notice: NoticeRecord): void {
    for (const id of [deadlineIds.noticeDelivery(notice.key), deadlineIds.manualService(notice.key)]) {
      this.deadlines.close(id);
      this.escalations.resolveFor(id);
    }
    this.supersede(notice);
  }

  /** Never served and no longer needed (its session or window is over): the notice stops being awaited. */
  supersede(notice: NoticeRecord): void {
    if (isServed(notice) || notice.setAside) return;
    notice.status = 'superseded';
    this.record(notice, 'superseded');
  }

  private async deliver(notice: NoticeRecord, contentOf: ContentOf): Promise<NoticeRecord> {
    if (isServed(notice)) return notice;
    const { windows } = this.c.state.policy;
    const deliveryId = deadlineIds.noticeDelivery(notice.key);
    await this.deadlines.open({
      id: deliveryId,
      kind: 'notice_delivery',
      from: notice.createdAt,
      rule: windows.noticeUndelivered,
    });
    // The send runs beside the delivery deadline: a gateway that keeps refusing escalates like one that is silent.
    const sending = new TaskGroup();
    if (!notice.noticeId && notice.status === 'sending')
      sending.spawn(async () => this.send(notice, await contentOf(notice)));
    try {
      await this.track(notice, deliveryId, sending);
    } finally {
      await sending.close();
    }
    sending.rethrow();
    this.deadlines.close(deliveryId);
    this.escalations.resolveFor(deliveryId);
    if (isServed(notice)) return notice;

    const manualId = deadlineIds.manualService(notice.key);
    await this.deadlines.open({
      id: manualId,
      kind: 'manual_service',
      from: notice.failedAt ?? this.c.now(),
      rule: windows.manualService,
    });
    await this.deadlines.meetOrEscalate(manualId, () => isServed(notice), 'manual_service_overdue');
    return notice;
  }

  /** Waits for delivery (callbacks may be lost: polls after each receipt wait), escalating when it is late. */
  private async track(notice: NoticeRecord, deliveryId: string, sending: TaskGroup): Promise<void> {
    const settled = () => isServed(notice) || needsHand(notice) || sending.failed;
    let nextPoll = await this.pollAt();
    for (;;) {
      const deadline = this.deadlines.get(deliveryId);
      const waiting = !deadline.closedAt;
      const due = deadline.dueAt;
      const wake = waiting && due < nextPoll ? due : nextPoll;
      if (await this.c.until(() => settled() || deadline.dueAt !== due, wake)) {
        if (settled()) return;
        continue; // the delivery deadline was extended
      }
      if (waiting && Date.now() >= Date.parse(due)) {
        deadline.overdue = true;
        this.deadlines.close(deliveryId);
        this.escalations.raise('notice_undelivered', deliveryId);
      }
      if (Date.now() >= Date.parse(nextPoll)) {
        await this.poll(notice);
        nextPoll = await this.pollAt();
      }
    }
  }

  private async pollAt(): Promise<string> {
    const { policy } = this.c.state;
    const fixed = fixedDurationMs(policy.windows.receiptWait, policy);
    if (fixed !== undefined) return new Date(Date.now() + fixed).toISOString();
    return (await this.c.dueFrom(this.c.now(), policy.windows.receiptWait)).dueAt;
  }

  private async poll(notice: NoticeRecord): Promise<void> {
    if (!notice.noticeId) return;
    try {
      this.apply(notice, await this.c.calls.poll.getNoticeStatus(notice.noticeId));
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      const { type, reason } = failureOf(error);
      // The gateway does not know the notice, or answers outside its contract: nothing to wait for any more.
      if (type === GatewayFailureType.GatewayNotFound || type === GatewayFailureType.GatewayProtocol) {
        notice.status = 'failed';
        notice.failedAt = this.c.now();
        notice.failureReason = bounded(`status unavailable from the gateway: ${reason}`);
        this.record(notice, 'failed', { type });
      }
      // Anything else is the gateway being unreachable for a while: the next poll tries again.
    }
  }

  /** A delivery report, from a callback or a poll; duplicates and late arrivals change nothing. */
  apply(
    notice: NoticeRecord,
    report: { status: string; deliveredAt?: string; viewedAt?: string; failureReason?: string },
  ): void {
    if (notice.setAside || notice.status === 'superseded') return;
    const before = notice.status;
    notice.deliveredAt ??= report.deliveredAt;
    notice.viewedAt ??= report.viewedAt;
    // Delivery to the party's electronic account is service; viewing is recorded but never awaited.
    if (notice.deliveredAt && !notice.servedAt) notice.servedAt = notice.deliveredAt;
    if (notice.status === 'served_by_hand') return;
    if (notice.viewedAt) notice.status = 'viewed';
    else if (notice.deliveredAt) notice.status = 'delivered';
    else if (report.status === 'failed' && !notice.servedAt) {
      notice.status = 'failed';
      notice.failedAt ??= this.c.now();
      notice.failureReason = bounded(report.failureReason ?? 'delivery failed');
    }
    if (notice.status !== before) this.record(notice, notice.status);
  }

  applyEvent(event: NoticeEvent): void {
    const notice = this.c.state.notices.find((n) => n.key === event.idempotencyKey || n.noticeId === event.noticeId);
    if (!notice) return;
    notice.noticeId ??= event.noticeId;
    const delivered = event.event === 'delivered' || event.event === 'viewed';
    this.apply(notice, {
      status: event.event,
      deliveredAt: delivered ? event.at : undefined,
      viewedAt: event.event === 'viewed' ? event.at : undefined,
      failureReason: event.failureReason,
    });
  }

  /** A clerk served the party by hand: every notice to it still awaiting service is served. */
  serveByHand(recipient: Side, servedAt: string, method: ManualServiceMethod): number {
    const pending = this.c.state.notices.filter(
      (n) =>
        n.recipient === recipient &&
        !isServed(n) &&
        !n.setAside &&
        n.status !== 'superseded' &&
        n.documentType !== 'reminder',
    );
    for (const notice of pending) Object.assign(notice, { servedAt, manualMethod: method, status: 'served_by_hand' });
    return pending.length;
  }

  setAside(noticeKey: string, reason: string, by: string): void {
    const notice = this.c.state.notices.find((n) => n.key === noticeKey);
    if (!notice) return;
    notice.setAside = { reason, at: this.c.now(), by };
    notice.status = 'set_aside';
  }

  /** Sends a notice whose delivery nobody waits for (a reminder): once per purpose. */
  async sendOnce(purpose: string, documentType: DocumentType, recipient: Side, content: NoticeContent): Promise<void> {
    if (this.current(purpose, recipient)) return;
    await this.send(this.create(purpose, documentType, recipient), content);
  }

  /**
   * Sends it (again, under its key, if a previous run left it unsent) until `unwanted()` holds; abandoned (by that or
   * by the stage ending), an unsent notice is superseded, not left `sending` for ever.
   */
  async sendUnless(unwanted: () => boolean, notice: NoticeRecord, content: NoticeContent): Promise<void> {
    try {
      if (!(await unless(unwanted, () => this.send(notice, content)))) this.supersede(notice);
    } catch (error) {
      // A run continuing as new leaves it `sending`, for the next run to send again (runs before 0.3.12 only: a
      // run now waits for its sends before continuing as new, index.ts).
      if (isCancellation(error) && !this.c.ending) this.supersede(notice);
      throw error;
    }
  }
}

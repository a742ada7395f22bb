/** Moves accepted notices and referrals through their statuses on timers and announces each step by callback. */
import { randomUUID } from 'node:crypto';
import type { ReferralEventCallback, ReferralState } from '../port';
import type { CallbackSender } from './callbacks';
import type { SimConfig } from './config';
import type { Scheduler } from './scheduler';
import { recipientIdOf } from './store';
import type { NoticeRecord, ReferralRecord, SimStore } from './store';

export interface LifecycleDeps {
  config: () => SimConfig;
  store: SimStore;
  scheduler: Scheduler;
  callbacks: CallbackSender;
}

export const DELIVERY_FAILURE_REASON = 'recipient_mailbox_unreachable';

type ReferralEvent = ReferralEventCallback['event'];

const nextReferralState: Partial<Record<ReferralState, ReferralEvent>> = {
  accepted: 'order_issued',
  order_issued: 'executed',
  executed: 'closed',
};

const remaining = (sinceIso: string, delayMs: number): number =>
  Math.max(0, Date.parse(sinceIso) + delayMs - Date.now());

export class Lifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  noticeAccepted(record: NoticeRecord): void {
    this.deps.scheduler.after(this.deps.config().deliverAfterMs, () => this.deliver(record.noticeId));
  }

  referralAccepted(record: ReferralRecord): void {
    this.deps.scheduler.after(this.deps.config().referralSteps, () => this.stepReferral(record.referralId));
  }

  /** After loading a saved state, picks every unfinished notice and referral up where its clock left it. */
  resume(): void {
    const { config, store, scheduler } = this.deps;
    for (const notice of store.allNotices()) {
      if (notice.status === 'accepted') {
        scheduler.after(remaining(notice.acceptedAt, config().deliverAfterMs), () => this.deliver(notice.noticeId));
      } else if (notice.status === 'delivered' && notice.deliveredAt !== undefined && !config().neverView) {
        scheduler.after(remaining(notice.deliveredAt, config().viewAfterMs), () => this.view(notice.noticeId));
      }
    }
    for (const referral of store.allReferrals()) {
      if (nextReferralState[referral.status] !== undefined) {
        scheduler.after(remaining(referral.updatedAt, config().referralSteps), () =>
          this.stepReferral(referral.referralId),
        );
      }
    }
  }

  private deliver(noticeId: string): void {
    const { config, store, scheduler, callbacks } = this.deps;
    const notice = store.notice(noticeId);
    if (notice?.status !== 'accepted') return;
    const at = new Date().toISOString();
    const base = { eventId: randomUUID(), noticeId, idempotencyKey: notice.idempotencyKey, at };
    if (config().failDelivery.includes(recipientIdOf(notice.request.recipient))) {
      store.updateNotice(noticeId, { status: 'failed', failureReason: DELIVERY_FAILURE_REASON });
      callbacks.send({ ...base, event: 'failed', failureReason: DELIVERY_FAILURE_REASON });
      return;
    }
    store.updateNotice(noticeId, { status: 'delivered', deliveredAt: at });
    callbacks.send({ ...base, event: 'delivered' });
    // Read at delivery time, so a test can switch viewing off for notices already in flight.
    if (!config().neverView) scheduler.after(config().viewAfterMs, () => this.view(noticeId));
  }

  private view(noticeId: string): void {
    const { store, callbacks } = this.deps;
    const notice = store.notice(noticeId);
    if (notice?.status !== 'delivered') return;
    const at = new Date().toISOString();
    store.updateNotice(noticeId, { status: 'viewed', viewedAt: at });
    callbacks.send({ eventId: randomUUID(), noticeId, idempotencyKey: notice.idempotencyKey, event: 'viewed', at });
  }

  private stepReferral(referralId: string): void {
    const { config, store, scheduler, callbacks } = this.deps;
    const referral = store.referral(referralId);
    if (!referral) return;
    const rejected = referral.status === 'accepted' && config().rejectReferralsFor.includes(referral.request.caseRef);
    const next: ReferralEvent | undefined = rejected ? 'rejected' : nextReferralState[referral.status];
    if (next === undefined) return;
    const at = new Date().toISOString();
    store.updateReferral(referralId, { status: next, updatedAt: at });
    callbacks.send({ eventId: randomUUID(), referralId, idempotencyKey: referral.idempotencyKey, event: next, at });
    if (nextReferralState[next] !== undefined) {
      scheduler.after(config().referralSteps, () => this.stepReferral(referralId));
    }
  }
}

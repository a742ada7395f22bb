/** What the simulator has accepted, and the counters tests assert on; plain data so it can be saved to a file. */
import type { NoticeRequest, NoticeState, ReferralRequest, ReferralState } from '../port';

export type Namespace = 'notices' | 'referrals';

export interface NoticeRecord {
  noticeId: string;
  idempotencyKey: string;
  payloadHash: string;
  request: NoticeRequest;
  status: NoticeState;
  acceptedAt: string;
  deliveredAt?: string;
  viewedAt?: string;
  failureReason?: string;
}

export interface ReferralRecord {
  referralId: string;
  idempotencyKey: string;
  payloadHash: string;
  request: ReferralRequest;
  status: ReferralState;
  acceptedAt: string;
  updatedAt: string;
}

export interface Totals {
  /** Every request to a /v1 route. */
  requests: number;
  /** Notices and referrals created. */
  created: number;
  /** Idempotency keys that created more than one notice or referral: must always be 0. */
  duplicates: number;
  /** Accepted notices whose payload equals an earlier one's under another key: informational, see docs. */
  samePayloadOtherKey: number;
  replayed: number;
  conflicts: number;
  unregistered: number;
  invalid: number;
  unauthorized: number;
  rateLimited: number;
  /** Requests that came back with a key sooner than the Retry-After this simulator gave it: must be 0. */
  retryAfterViolations: number;
  failed503: number;
  ackLost: number;
  /** Callback POSTs Davar answered 2xx. */
  callbacksSent: number;
  /** Callbacks dropped on purpose by `callbackFailRate`. */
  callbacksLost: number;
  /** Callbacks given up after `callbackMaxAttempts` refused or unreachable attempts. */
  callbacksFailed: number;
}

export type CounterName = Exclude<keyof Totals, 'duplicates' | 'created'>;

export interface NoticeListing {
  noticeId: string;
  idempotencyKey: string;
  caseRef: string;
  documentType: NoticeRequest['documentType'];
  recipient: NoticeRequest['recipient'];
  status: NoticeState;
  acceptedAt: string;
  deliveredAt?: string;
  viewedAt?: string;
  failureReason?: string;
  requestCount: number;
  createdCount: number;
}

export interface ReferralListing {
  referralId: string;
  idempotencyKey: string;
  caseRef: string;
  rulingRef: string;
  status: ReferralState;
  acceptedAt: string;
  updatedAt: string;
  requestCount: number;
  createdCount: number;
}

export interface SimListing {
  notices: NoticeListing[];
  referrals: ReferralListing[];
  totals: Totals;
}

export interface StoreSnapshot {
  version: 1;
  notices: NoticeRecord[];
  referrals: ReferralRecord[];
  requestCounts: Record<Namespace, Record<string, number>>;
  createdCounts: Record<Namespace, Record<string, number>>;
  counters: Record<CounterName, number>;
}

const emptyCounters = (): Record<CounterName, number> => ({
  requests: 0,
  samePayloadOtherKey: 0,
  replayed: 0,
  conflicts: 0,
  unregistered: 0,
  invalid: 0,
  unauthorized: 0,
  rateLimited: 0,
  retryAfterViolations: 0,
  failed503: 0,
  ackLost: 0,
  callbacksSent: 0,
  callbacksLost: 0,
  callbacksFailed: 0,
});

const namespaces = (): Record<Namespace, Map<string, number>> => ({ notices: new Map(), referrals: new Map() });

export function recipientIdOf(recipient: { nationalId?: string; legalEntityId?: string }): string {
  return recipient.nationalId ?? recipient.legalEntityId ?? '';
}

export class SimStore {
  private notices = new Map<string, NoticeRecord>();
  private referrals = new Map<string, ReferralRecord>();
  // Keyed by idempotency key, per endpoint: a notice key and a referral key never collide.
  private noticeByKey = new Map<string, string>();
  private referralByKey = new Map<string, string>();
  private noticeHashes = new Set<string>();
  private requestCounts = namespaces();
  private createdCounts = namespaces();
  private counters = emptyCounters();
  // Per idempotency key: the earliest time a retry is welcome after a 429.
  private notBefore = new Map<string, number>();

  constructor(private readonly onChange: () => void = () => {}) {}

  count(name: CounterName): void {
    this.counters[name] += 1;
    this.onChange();
  }

  /** Remembers a 429's Retry-After for `key`; a request with that key before then counts as a violation. */
  rateLimit(idempotencyKey: string, retryAfterMs: number, now: number): void {
    this.notBefore.set(idempotencyKey, now + retryAfterMs);
  }

  /** Retries land on a 1 s timer that may fire a little early; 100 ms of slack keeps the check about intent. */
  checkRetryAfter(idempotencyKey: string, now: number): void {
    const notBefore = this.notBefore.get(idempotencyKey);
    if (notBefore === undefined) return;
    this.notBefore.delete(idempotencyKey);
    if (now < notBefore - 100) this.count('retryAfterViolations');
  }

  requestsWith(namespace: Namespace, idempotencyKey: string): number {
    return this.requestCounts[namespace].get(idempotencyKey) ?? 0;
  }

  countRequest(namespace: Namespace, idempotencyKey: string): void {
    const counts = this.requestCounts[namespace];
    counts.set(idempotencyKey, (counts.get(idempotencyKey) ?? 0) + 1);
    this.onChange();
  }

  findNoticeByKey(idempotencyKey: string): NoticeRecord | undefined {
    const id = this.noticeByKey.get(idempotencyKey);
    return id === undefined ? undefined : this.notices.get(id);
  }

  findReferralByKey(idempotencyKey: string): ReferralRecord | undefined {
    const id = this.referralByKey.get(idempotencyKey);
    return id === undefined ? undefined : this.referrals.get(id);
  }

  notice(noticeId: string): NoticeRecord | undefined {
    return this.notices.get(noticeId);
  }

  referral(referralId: string): ReferralRecord | undefined {
    return this.referrals.get(referralId);
  }

  allNotices(): NoticeRecord[] {
    return [...this.notices.values()];
  }

  allReferrals(): ReferralRecord[] {
    return [...this.referrals.values()];
  }

  addNotice(record: NoticeRecord): void {
    if (this.noticeHashes.has(record.payloadHash)) this.counters.samePayloadOtherKey += 1;
    this.noticeHashes.add(record.payloadHash);
    this.notices.set(record.noticeId, record);
    this.noticeByKey.set(record.idempotencyKey, record.noticeId);
    this.bumpCreated('notices', record.idempotencyKey);
  }

  addReferral(record: ReferralRecord): void {
    this.referrals.set(record.referralId, record);
    this.referralByKey.set(record.idempotencyKey, record.referralId);
    this.bumpCreated('referrals', record.idempotencyKey);
  }

  updateNotice(noticeId: string, change: Partial<Omit<NoticeRecord, 'noticeId'>>): NoticeRecord | undefined {
    const record = this.notices.get(noticeId);
    if (!record) return undefined;
    Object.assign(record, change);
    this.onChange();
    return record;
  }

  updateReferral(referralId: string, change: Partial<Omit<ReferralRecord, 'referralId'>>): ReferralRecord | undefined {
    const record = this.referrals.get(referralId);
    if (!record) return undefined;
    Object.assign(record, change);
    this.onChange();
    return record;
  }

  listing(filter: { caseRef?: string } = {}): SimListing {
    const keep = (caseRef: string): boolean => filter.caseRef === undefined || filter.caseRef === caseRef;
    const notices = this.allNotices()
      .filter((record) => keep(record.request.caseRef))
      .map((record): NoticeListing => {
        const { noticeId, idempotencyKey, status, acceptedAt, deliveredAt, viewedAt, failureReason } = record;
        return {
          noticeId,
          idempotencyKey,
          caseRef: record.request.caseRef,
          documentType: record.request.documentType,
          recipient: record.request.recipient,
          status,
          acceptedAt,
          ...(deliveredAt === undefined ? {} : { deliveredAt }),
          ...(viewedAt === undefined ? {} : { viewedAt }),
          ...(failureReason === undefined ? {} : { failureReason }),
          requestCount: this.requestsWith('notices', idempotencyKey),
          createdCount: this.createdCounts.notices.get(idempotencyKey) ?? 0,
        };
      });
    const referrals = this.allReferrals()
      .filter((record) => keep(record.request.caseRef))
      .map((record): ReferralListing => ({
        referralId: record.referralId,
        idempotencyKey: record.idempotencyKey,
        caseRef: record.request.caseRef,
        rulingRef: record.request.rulingRef,
        status: record.status,
        acceptedAt: record.acceptedAt,
        updatedAt: record.updatedAt,
        requestCount: this.requestsWith('referrals', record.idempotencyKey),
        createdCount: this.createdCounts.referrals.get(record.idempotencyKey) ?? 0,
      }));
    return { notices, referrals, totals: this.totals() };
  }

  totals(): Totals {
    const created = [...this.createdCounts.notices.values(), ...this.createdCounts.referrals.values()];
    return {
      ...this.counters,
      created: created.reduce((sum, count) => sum + count, 0),
      duplicates: created.filter((count) => count > 1).length,
    };
  }

  reset(): void {
    this.load(emptySnapshot());
    this.onChange();
  }

  snapshot(): StoreSnapshot {
    const plain = (map: Map<string, number>): Record<string, number> => Object.fromEntries(map);
    return {
      version: 1,
      notices: this.allNotices(),
      referrals: this.allReferrals(),
      requestCounts: { notices: plain(this.requestCounts.notices), referrals: plain(this.requestCounts.referrals) },
      createdCounts: { notices: plain(this.createdCounts.notices), referrals: plain(this.createdCounts.referrals) },
      counters: { ...this.counters },
    };
  }

  load(snapshot: StoreSnapshot): void {
    const toMap = (record: Record<string, number>): Map<string, number> => new Map(Object.entries(record));
    this.notices = new Map(snapshot.notices.map((record) => [record.noticeId, record]));
    this.referrals = new Map(snapshot.referrals.map((record) => [record.referralId, record]));
    this.noticeByKey = new Map(snapshot.notices.map((record) => [record.idempotencyKey, record.noticeId]));
    this.referralByKey = new Map(snapshot.referrals.map((record) => [record.idempotencyKey, record.referralId]));
    this.noticeHashes = new Set(snapshot.notices.map((record) => record.payloadHash));
    this.requestCounts = {
      notices: toMap(snapshot.requestCounts.notices),
      referrals: toMap(snapshot.requestCounts.referrals),
    };
    this.createdCounts = {
      notices: toMap(snapshot.createdCounts.notices),
      referrals: toMap(snapshot.createdCounts.referrals),
    };
    this.counters = { ...emptyCounters(), ...snapshot.counters };
    this.notBefore = new Map();
  }

  private bumpCreated(namespace: Namespace, idempotencyKey: string): void {
    const counts = this.createdCounts[namespace];
    counts.set(idempotencyKey, (counts.get(idempotencyKey) ?? 0) + 1);
    this.onChange();
  }
}

export function emptySnapshot(): StoreSnapshot {
  return {
    version: 1,
    notices: [],
    referrals: [],
    requestCounts: { notices: {}, referrals: {} },
    createdCounts: { notices: {}, referrals: {} },
    counters: emptyCounters(),
  };
}

/** Deadlines, limits and board sizes as data: a rule change is a data change, never a code change. */

export type DurationUnit = 'business_days' | 'calendar_days' | 'hours' | 'minutes' | 'seconds';

export interface DurationRule {
  amount: number;
  unit: DurationUnit;
}

export interface BoardRule {
  size: number;
  quorum: number;
  majority: number;
}

export type WindowName =
  | 'correction'
  | 'receiptWait'
  | 'noticeUndelivered'
  | 'manualService'
  | 'response'
  | 'reminderBefore'
  | 'hearingScheduling'
  | 'summonsLeadTime'
  | 'rulingDue'
  | 'appeal'
  | 'compliance'
  | 'escalationStep'
  | 'extensionMax'
  | 'enforcementPoll';

/** How long the gateway may take: a send whose schedule-to-close is spent becomes a fact of the case. */
export interface GatewayTiming {
  /** A notice or referral must be accepted within this, retries included; then it falls back to service by hand. */
  sendWithinMs: number;
  /** One status poll, retries included; a poll that runs out is tried again at the next interval. */
  pollWithinMs: number;
  /** The longest pause between two retries (a 429's Retry-After may ask for more). */
  maxBackoffMs: number;
}

export interface Policy {
  name: string;
  /**
   * How long one "day" lasts. `null` means real days on the Iranian calendar (weekends and holidays
   * count as the design says). A number compresses every day to that many seconds and treats every
   * day as a business day, so the fast policy keeps the rule shapes of the real one.
   */
  secondsPerDay: number | null;
  /** Weekend days as JavaScript weekday numbers (0 = Sunday … 5 = Friday, 6 = Saturday), in Tehran time. */
  weekendDays: number[];
  windows: Record<WindowName, DurationRule>;
  limits: {
    maxExtensionsPerDeadline: number;
    maxAdjournments: number;
    maxEscalationLevel: number;
    /** The renewal (a session without a majority) at which `no_majority` is raised to the supervisor. */
    renewalsBeforeEscalation: number;
  };
  boards: { first: BoardRule; second: BoardRule };
  gateway: GatewayTiming;
  /**
   * How hard a projection is retried before the projector raises an alert and lets the case go on. Absent from the
   * policy of cases started before 0.3 (it travels in each case's state): they retry as the default policy does.
   */
  readModel?: { attempts: number; maxBackoffMs: number };
}

/** About five minutes of retries: a database restart is ridden out, a poisoned input is not waited on for ever. */
export const defaultReadModelRetries = { attempts: 12, maxBackoffMs: 30_000 };

const businessDays = (amount: number): DurationRule => ({ amount, unit: 'business_days' });
const calendarDays = (amount: number): DurationRule => ({ amount, unit: 'calendar_days' });

export const defaultPolicy: Policy = {
  name: 'default',
  secondsPerDay: null,
  weekendDays: [5],
  windows: {
    correction: businessDays(10),
    receiptWait: { amount: 1, unit: 'hours' },
    noticeUndelivered: businessDays(3),
    manualService: businessDays(5),
    response: businessDays(10),
    reminderBefore: businessDays(2),
    hearingScheduling: businessDays(15),
    summonsLeadTime: businessDays(5),
    rulingDue: calendarDays(7),
    appeal: calendarDays(15),
    compliance: calendarDays(30),
    escalationStep: businessDays(3),
    extensionMax: businessDays(10),
    enforcementPoll: { amount: 6, unit: 'hours' },
  },
  limits: { maxExtensionsPerDeadline: 2, maxAdjournments: 2, maxEscalationLevel: 3, renewalsBeforeEscalation: 3 },
  boards: {
    first: { size: 3, quorum: 3, majority: 2 },
    second: { size: 9, quorum: 7, majority: 5 },
  },
  gateway: { sendWithinMs: 3 * 86_400_000, pollWithinMs: 3_600_000, maxBackoffMs: 300_000 },
  readModel: defaultReadModelRetries,
};

/**
 * Windows of seconds for tests and benchmarks (`DAVAR_POLICY=fast`). One day lasts one second, so
 * "10 business days" would be 10 s; the amounts are also shortened so that a whole case fits in a
 * test of well under a minute. The dev server has no time skipping: this is the only way time shrinks.
 */
export const fastPolicy: Policy = {
  name: 'fast',
  secondsPerDay: 1,
  weekendDays: [5],
  windows: {
    correction: businessDays(3),
    // Half a fast day: quick enough for tests of lost callbacks, slow enough not to poll the simulator flat out.
    receiptWait: { amount: 12, unit: 'hours' },
    noticeUndelivered: businessDays(4),
    manualService: businessDays(3),
    response: businessDays(3),
    reminderBefore: businessDays(1),
    hearingScheduling: businessDays(4),
    summonsLeadTime: businessDays(1),
    rulingDue: calendarDays(4),
    appeal: calendarDays(3),
    compliance: calendarDays(3),
    escalationStep: businessDays(2),
    extensionMax: businessDays(3),
    enforcementPoll: { amount: 12, unit: 'hours' },
  },
  limits: { maxExtensionsPerDeadline: 2, maxAdjournments: 2, maxEscalationLevel: 3, renewalsBeforeEscalation: 3 },
  boards: {
    first: { size: 3, quorum: 3, majority: 2 },
    second: { size: 9, quorum: 7, majority: 5 },
  },
  // Longer than a minute-long gateway outage, so an outage that ends is ridden out, as it would be in days.
  gateway: { sendWithinMs: 90_000, pollWithinMs: 10_000, maxBackoffMs: 2_000 },
  readModel: { attempts: 6, maxBackoffMs: 2_000 },
};

const policies: Record<string, Policy> = { default: defaultPolicy, fast: fastPolicy };

export function policyByName(name: string | undefined): Policy {
  const policy = policies[name ?? 'default'];
  if (!policy) throw new Error(`Unknown policy "${name}"; known: ${Object.keys(policies).join(', ')}`);
  return policy;
}

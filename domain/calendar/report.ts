/** What the calendar endpoints and `npm run calendar` show: a deadline with how it was counted. */
import type { DurationRule, Policy } from '../policy';
import { computeDeadline, type Deadline } from './deadline';
import { holidaysForYear } from './holidays';
import { instantOf, toJalali } from './jalali';
import type { HolidayCalendar } from './types';

export interface DeadlineReport extends Deadline {
  /** `from` as ISO 8601 UTC. */
  from: string;
  fromJalali: string;
  rule: DurationRule;
  /** The policy's name (`default`, `fast`). */
  policy: string;
}

/** The deadline of `rule` from `fromIso` under `policy`, with the inputs echoed so a reader can check the count. */
export function explainDeadline(
  fromIso: string,
  rule: DurationRule,
  policy: Policy,
  calendar: HolidayCalendar = holidaysForYear,
): DeadlineReport {
  const from = new Date(instantOf(fromIso)).toISOString();
  const { dueAt, dueAtJalali, provisional, skipped } = computeDeadline(from, rule, policy, calendar);
  return {
    from,
    fromJalali: toJalali(from),
    rule: { amount: rule.amount, unit: rule.unit },
    policy: policy.name,
    dueAt,
    dueAtJalali,
    provisional,
    skipped,
  };
}

/** Deadlines and reminders from policy rules: Iranian day counting on the real calendar, plain scaling when fast. */
import type { DurationRule, DurationUnit, Policy } from '../policy';
import type { HolidayLookup } from './holidays';
import { DAY_MS, endOfTehranDay, formatJalali, instantOf, jalaliOfDay, tehranDayOf } from './jalali';

export type CalendarPolicy = Pick<Policy, 'secondsPerDay' | 'weekendDays'>;

export interface Deadline {
  dueAt: string;
  dueAtJalali: string;
  /** Jalali years in the window without a holiday table: only weekends were skipped there. */
  missingYears: number[];
}

export interface Reminder {
  remindAt: string;
  remindAtJalali: string;
  missingYears: number[];
}

function unitMs(unit: DurationUnit, secondsPerDay: number | null): number {
  const dayMs = secondsPerDay === null ? DAY_MS : secondsPerDay * 1000;
  switch (unit) {
    case 'seconds':
      return 1000; // real seconds even under a fast policy: they are already the smallest unit
    case 'minutes':
      return dayMs / 1440;
    case 'hours':
      return dayMs / 24;
    case 'calendar_days':
    case 'business_days':
      return dayMs;
  }
}

/**
 * A rule's length in milliseconds when no calendar is involved (hours, minutes, seconds, or any rule under a
 * fast policy); undefined for day rules on the real calendar, which only `computeDeadline` can answer.
 * Workflows use it for polling intervals, so that waiting an hour costs a timer, not an activity.
 */
export function fixedDurationMs(rule: DurationRule, policy: CalendarPolicy): number | undefined {
  if (isDayUnit(rule.unit) && policy.secondsPerDay === null) return undefined;
  return Math.round(rule.amount * unitMs(rule.unit, policy.secondsPerDay));
}

const isDayUnit = (unit: DurationUnit): boolean => unit === 'calendar_days' || unit === 'business_days';

function checkRule(rule: DurationRule, policy: CalendarPolicy): void {
  const whole = isDayUnit(rule.unit) && policy.secondsPerDay === null;
  if (!Number.isFinite(rule.amount) || rule.amount < 0 || (whole && !Number.isInteger(rule.amount))) {
    throw new Error(`A ${rule.unit} rule needs a ${whole ? 'whole ' : ''}non-negative amount, got ${rule.amount}`);
  }
}

/** Weekdays and holidays of the real calendar, counted in Tehran days (see `tehranDayOf`). */
function businessDays(policy: CalendarPolicy, holidays: HolidayLookup) {
  if ([0, 1, 2, 3, 4, 5, 6].every((w) => policy.weekendDays.includes(w))) {
    throw new Error('Every weekday is a weekend day: no deadline could ever end');
  }
  return {
    isBusinessDay(day: number): boolean {
      const weekday = new Date(day * DAY_MS).getUTCDay();
      if (policy.weekendDays.includes(weekday)) return false;
      const date = jalaliOfDay(day);
      return !holidays(date.jy)?.has(formatJalali(date));
    },
    missingYears(firstDay: number, lastDay: number): number[] {
      const years = new Set<number>();
      for (let day = firstDay; day <= lastDay; day++) years.add(jalaliOfDay(day).jy);
      return [...years].filter((y) => !holidays(y));
    },
  };
}

const deadline = (ms: number, missingYears: number[]): Deadline => {
  const dueAt = new Date(ms).toISOString();
  return { dueAt, dueAtJalali: formatJalali(jalaliOfDay(tehranDayOf(ms))), missingYears };
};

/**
 * When a window opened at `fromIso` closes. On the real calendar the day of `from` is not counted and a
 * day window ends at the end of its last day (Tehran time); a calendar-day window whose last day is a weekend
 * day or holiday ends on the next business day instead. A fast policy scales the amount and rounds nothing.
 */
export function computeDeadline(
  fromIso: string,
  rule: DurationRule,
  policy: CalendarPolicy,
  holidays: HolidayLookup,
): Deadline {
  const from = instantOf(fromIso);
  checkRule(rule, policy);
  if (policy.secondsPerDay !== null || !isDayUnit(rule.unit)) {
    return deadline(from + Math.round(rule.amount * unitMs(rule.unit, policy.secondsPerDay)), []);
  }
  const calendar = businessDays(policy, holidays);
  const start = tehranDayOf(from);
  let last = start;
  if (rule.unit === 'calendar_days') {
    last = start + rule.amount;
    while (!calendar.isBusinessDay(last)) last++;
  } else {
    for (let counted = 0; counted < rule.amount;) if (calendar.isBusinessDay(++last)) counted++;
  }
  return deadline(endOfTehranDay(last), calendar.missingYears(start + 1, last));
}

/**
 * When to remind a party of a deadline: `rule` before `dueIso`, counting business days backwards and keeping
 * the time of day, so that "2 business days before" leaves two whole business days. A calendar-day reminder
 * that lands on a day off moves back to the business day before it, when someone is there to act on it.
 */
export function computeReminderAt(
  dueIso: string,
  rule: DurationRule,
  policy: CalendarPolicy,
  holidays: HolidayLookup,
): Reminder {
  const due = instantOf(dueIso);
  checkRule(rule, policy);
  let at: number;
  let missingYears: number[] = [];
  if (policy.secondsPerDay !== null || !isDayUnit(rule.unit)) {
    at = due - Math.round(rule.amount * unitMs(rule.unit, policy.secondsPerDay));
  } else {
    const calendar = businessDays(policy, holidays);
    const dueDay = tehranDayOf(due);
    let day = dueDay;
    if (rule.unit === 'calendar_days') {
      day = dueDay - rule.amount;
      while (!calendar.isBusinessDay(day)) day--;
    } else {
      for (let counted = 0; counted < rule.amount;) if (calendar.isBusinessDay(--day)) counted++;
    }
    at = due - (dueDay - day) * DAY_MS;
    missingYears = calendar.missingYears(day, dueDay);
  }
  const { dueAt, dueAtJalali } = deadline(at, missingYears);
  return { remindAt: dueAt, remindAtJalali: dueAtJalali, missingYears };
}

/** Deadlines and reminders from policy rules: Iranian day counting on the real calendar, plain scaling when fast. */
import type { DurationRule, DurationUnit, Policy } from '../policy';
import {
  DAY_MS,
  endOfTehranDay,
  formatJalali,
  gregorianOfDay,
  instantOf,
  isoDateOfDay,
  jalaliOfDay,
  tehranDayOf,
} from './jalali';
import type { Holiday, HolidayCalendar, HolidayYear } from './types';

export type CalendarPolicy = Pick<Policy, 'secondsPerDay' | 'weekendDays'>;

/** A day the count passed over, and why. */
export interface SkippedDay {
  /** The ISO date of the Tehran day. */
  date: string;
  jalali: string;
  /** A weekend day of the policy comes first: it is off whatever the holiday tables say. */
  reason: 'weekend' | 'holiday';
  /** The holiday on that day (names of coinciding holidays joined), also when it fell on a weekend day. */
  name?: string;
  fa?: string;
  /** The holiday is an estimate (only for `reason: 'holiday'`, the one case where that matters). */
  provisional?: true;
}

export interface Deadline {
  /** ISO 8601 UTC. */
  dueAt: string;
  /** The Tehran date of `dueAt`, `'1405/09/03'`. */
  dueAtJalali: string;
  /**
   * True when a day the count went through lies in a Jalali year whose lunar holidays are estimates, not Iran's
   * official calendar: an estimated holiday may be a day off in reality (or not), so the date may move by a day.
   * That is the honest answer, and the case says so rather than count on a guess.
   */
  provisional: boolean;
  /** Days not counted (business days) or that pushed the end (calendar days), in date order. */
  skipped: SkippedDay[];
}

export interface Reminder {
  remindAt: string;
  remindAtJalali: string;
  /** As for `Deadline`: a day between the reminder and the deadline lies in a year of estimated holidays. */
  provisional: boolean;
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
function workingCalendar(policy: CalendarPolicy, calendar: HolidayCalendar) {
  if ([0, 1, 2, 3, 4, 5, 6].every((w) => policy.weekendDays.includes(w))) {
    throw new Error('Every weekday is a weekend day: no deadline could ever end');
  }
  const years = new Map<number, { year: HolidayYear; byDate: Map<string, Holiday[]> }>();
  const yearOf = (jy: number) => {
    let entry = years.get(jy);
    if (!entry) {
      const year = calendar(jy);
      const byDate = new Map<string, Holiday[]>();
      for (const h of year.holidays) byDate.set(h.jalali, [...(byDate.get(h.jalali) ?? []), h]);
      entry = { year, byDate };
      years.set(jy, entry);
    }
    return entry;
  };

  /** Why a day is off, or null for a business day. */
  function dayOff(day: number): SkippedDay | null {
    const date = jalaliOfDay(day);
    const jalali = formatJalali(date);
    const holidays = yearOf(date.jy).byDate.get(jalali) ?? [];
    const weekend = policy.weekendDays.includes(gregorianOfDay(day).weekday);
    if (!weekend && !holidays.length) return null;
    const skipped: SkippedDay = { date: isoDateOfDay(day), jalali, reason: weekend ? 'weekend' : 'holiday' };
    if (holidays.length) {
      skipped.name = holidays.map((h) => h.name).join('; ');
      skipped.fa = holidays.map((h) => h.fa).join('، ');
      // One holiday of the day that is certain makes the day off for certain.
      if (!weekend && holidays.every((h) => h.provisional)) skipped.provisional = true;
    }
    return skipped;
  }

  return {
    dayOff,
    /** Whether any of the days lies in a year of estimated lunar holidays. */
    provisional(firstDay: number, lastDay: number): boolean {
      for (let day = firstDay; day <= lastDay; day++) if (!yearOf(jalaliOfDay(day).jy).year.official) return true;
      return false;
    },
  };
}

const jalaliOfInstant = (ms: number): string => formatJalali(jalaliOfDay(tehranDayOf(ms)));

/**
 * When a window opened at `fromIso` closes. On the real calendar the day of `from` is not counted and a
 * day window ends at the end of its last day (Tehran time); business days skip the policy's weekend days and
 * holidays; a calendar-day window whose last day is a weekend day or holiday ends on the next business day
 * instead. A fast policy scales the amount, rounds nothing and skips nothing.
 */
export function computeDeadline(
  fromIso: string,
  rule: DurationRule,
  policy: CalendarPolicy,
  calendar: HolidayCalendar,
): Deadline {
  const from = instantOf(fromIso);
  checkRule(rule, policy);
  if (policy.secondsPerDay !== null || !isDayUnit(rule.unit)) {
    const due = from + Math.round(rule.amount * unitMs(rule.unit, policy.secondsPerDay));
    return { dueAt: new Date(due).toISOString(), dueAtJalali: jalaliOfInstant(due), provisional: false, skipped: [] };
  }
  const days = workingCalendar(policy, calendar);
  const start = tehranDayOf(from);
  const skipped: SkippedDay[] = [];
  let last = start;
  if (rule.unit === 'calendar_days') {
    last = start + rule.amount;
    for (let off = days.dayOff(last); off; off = days.dayOff(++last)) skipped.push(off);
  } else {
    for (let counted = 0; counted < rule.amount;) {
      const off = days.dayOff(++last);
      if (off) skipped.push(off);
      else counted++;
    }
  }
  const due = endOfTehranDay(last);
  return {
    dueAt: new Date(due).toISOString(),
    dueAtJalali: formatJalali(jalaliOfDay(last)),
    provisional: days.provisional(start + 1, last),
    skipped,
  };
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
  calendar: HolidayCalendar,
): Reminder {
  const due = instantOf(dueIso);
  checkRule(rule, policy);
  if (policy.secondsPerDay !== null || !isDayUnit(rule.unit)) {
    const at = due - Math.round(rule.amount * unitMs(rule.unit, policy.secondsPerDay));
    return { remindAt: new Date(at).toISOString(), remindAtJalali: jalaliOfInstant(at), provisional: false };
  }
  const days = workingCalendar(policy, calendar);
  const dueDay = tehranDayOf(due);
  let day = dueDay;
  if (rule.unit === 'calendar_days') {
    day = dueDay - rule.amount;
    while (days.dayOff(day)) day--;
  } else {
    for (let counted = 0; counted < rule.amount;) if (!days.dayOff(--day)) counted++;
  }
  // A deadline at the end of its day reminds at the end of the reminder's day, which in the DST years is not a
  // whole number of 24-hour days earlier; any other time of day moves back by whole 24-hour days.
  const at = due === endOfTehranDay(dueDay) ? endOfTehranDay(day) : due - (dueDay - day) * DAY_MS;
  return {
    remindAt: new Date(at).toISOString(),
    remindAtJalali: jalaliOfInstant(at),
    provisional: days.provisional(day, dueDay),
  };
}

/** Instants as Tehran wall-clock days and Jalali dates: the one place that knows Tehran's offset from UTC. */
import { toGregorian, toJalaali, isValidJalaaliDate } from 'jalaali-js';

/**
 * Tehran is UTC+03:30 all year: Iran abolished daylight saving time in 2022. A fixed offset keeps the domain
 * free of time-zone data, and every date from 2022 on comes out right; earlier summer instants would not.
 */
export const TEHRAN_OFFSET_MS = 3.5 * 3_600_000;
export const DAY_MS = 86_400_000;

export interface JalaliDate {
  jy: number;
  jm: number;
  jd: number;
}

export interface TehranDate {
  gy: number;
  gm: number;
  gd: number;
  /** 0 = Sunday … 5 = Friday, 6 = Saturday, as JavaScript's `getUTCDay` and the policy's `weekendDays`. */
  weekday: number;
}

// Without a zone designator `Date.parse` reads local time, which would make results depend on the machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Milliseconds since the epoch of an ISO 8601 instant with a zone, or of a date (read as UTC midnight). */
export function instantOf(iso: string): number {
  const ms = ISO_INSTANT.test(iso) ? Date.parse(iso) : NaN;
  if (Number.isNaN(ms)) throw new Error(`Not an ISO 8601 instant with a time zone: "${iso}"`);
  return ms;
}

/**
 * Days are counted as whole numbers: day 0 is 1970-01-01 in Tehran. Day arithmetic then needs no calendar,
 * and the calendar is consulted only to name a day.
 */
export function tehranDayOf(ms: number): number {
  return Math.floor((ms + TEHRAN_OFFSET_MS) / DAY_MS);
}

/** The last millisecond of a Tehran day (23:59:59.999 local time). */
export function endOfTehranDay(day: number): number {
  return (day + 1) * DAY_MS - TEHRAN_OFFSET_MS - 1;
}

export function gregorianOfDay(day: number): TehranDate {
  const d = new Date(day * DAY_MS);
  return { gy: d.getUTCFullYear(), gm: d.getUTCMonth() + 1, gd: d.getUTCDate(), weekday: d.getUTCDay() };
}

export function jalaliOfDay(day: number): JalaliDate {
  const { gy, gm, gd } = gregorianOfDay(day);
  return toJalaali(gy, gm, gd);
}

/** The Tehran day on which a Jalali date falls. */
export function dayOfJalali({ jy, jm, jd }: JalaliDate): number {
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return Date.UTC(gy, gm - 1, gd) / DAY_MS;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `{ jy: 1405, jm: 9, jd: 3 }` → `'1405/09/03'`, the form used in the API and the holiday tables. */
export function formatJalali({ jy, jm, jd }: JalaliDate): string {
  return `${jy}/${pad2(jm)}/${pad2(jd)}`;
}

export function parseJalali(s: string): JalaliDate | null {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(s);
  if (!m) return null;
  const [jy, jm, jd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidJalaaliDate(jy, jm, jd) ? { jy, jm, jd } : null;
}

/** The Tehran local date of an instant, e.g. `'2026-11-25T12:00:00Z'` → `'1405/09/04'`. */
export function toJalali(iso: string): string {
  return formatJalali(jalaliOfDay(tehranDayOf(instantOf(iso))));
}

export function jalaliYearOf(iso: string): number {
  return jalaliOfDay(tehranDayOf(instantOf(iso))).jy;
}

export function tehranDateOf(iso: string): TehranDate {
  return gregorianOfDay(tehranDayOf(instantOf(iso)));
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** Replaces ASCII digits with Persian ones for the console: `'1405/09/03'` → `'۱۴۰۵/۰۹/۰۳'`. */
export function persianDigits(s: string): string {
  return s.replace(/\d/g, (d) => PERSIAN_DIGITS.charAt(Number(d)));
}

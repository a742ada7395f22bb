/** Instants as Tehran wall-clock days and Jalali dates: the one place that knows Tehran's time zone. */
import { isLeapJalaaliYear, isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali } from 'jalaali-js';

export const DAY_MS = 86_400_000;
export const TEHRAN_TIME_ZONE = 'Asia/Tehran';

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
 * Tehran's offset comes from the runtime's time-zone data, not a constant: Iran kept daylight saving time
 * (+04:30 in summer) until 2022, and a fixed +03:30 would put summer instants of those years on the wrong day.
 * Only `Intl` is used, so this also runs in Temporal's workflow sandbox. One formatter, made on first use,
 * because building one costs far more than formatting with it.
 */
let formatter: Intl.DateTimeFormat | undefined;
function tehranFormatter(): Intl.DateTimeFormat {
  formatter ??= new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
    timeZone: TEHRAN_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return formatter;
}

/** Tehran's wall clock at `ms`, written as if it were UTC (whole seconds; the milliseconds are kept). */
function wallClockOf(ms: number): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of tehranFormatter().formatToParts(ms)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  if (Number.isNaN(wall)) throw new Error(`The runtime cannot tell Tehran's time at ${ms}`);
  return wall + (((ms % 1000) + 1000) % 1000);
}

const offsetAt = (ms: number): number => wallClockOf(ms) - ms;

/**
 * Days are counted as whole numbers: day 0 is 1970-01-01 in Tehran. Day arithmetic then needs no calendar,
 * and the calendar is consulted only to name a day.
 */
export function tehranDayOf(ms: number): number {
  return Math.floor(wallClockOf(ms) / DAY_MS);
}

/**
 * The first instant of a Tehran day. Iran's clocks changed at midnight, so a day could begin at 01:00 (the
 * spring change skipped 00:00–01:00) and a day could last 25 hours (the autumn change repeated 23:00–24:00).
 * The offsets a day away on either side cover both cases; neither lies near another change.
 */
export function startOfTehranDay(day: number): number {
  const midnight = day * DAY_MS;
  const before = offsetAt(midnight - DAY_MS);
  const after = offsetAt(midnight + DAY_MS);
  const candidates = [midnight - before, midnight - after].filter((ms) => wallClockOf(ms) === midnight);
  // No candidate: midnight was skipped, and the day began when the clocks jumped, at the old offset's midnight.
  return candidates.length ? Math.min(...candidates) : midnight - before;
}

/** The last millisecond of a Tehran day (23:59:59.999 local time, the second one when the hour repeated). */
export function endOfTehranDay(day: number): number {
  return startOfTehranDay(day + 1) - 1;
}

export function gregorianOfDay(day: number): TehranDate {
  const d = new Date(day * DAY_MS);
  return { gy: d.getUTCFullYear(), gm: d.getUTCMonth() + 1, gd: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** `'2026-03-21'`: the ISO date of a Tehran day. */
export function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
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

/** The Tehran day of an ISO date (`'2026-03-21'`), or null when it is not one. */
export function dayOfIsoDate(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  return isoDateOfDay(ms / DAY_MS) === iso ? ms / DAY_MS : null;
}

export const isLeapJalaliYear = (jy: number): boolean => isLeapJalaaliYear(jy);
export const jalaliMonthLength = (jy: number, jm: number): number => jalaaliMonthLength(jy, jm);

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

/** The lunar public holidays: which Hijri days they are, Iran's Hijri calendar estimated, and official tables checked. */
import { shared, z } from '../schema-cache';
import { DAY_MS, dayOfJalali, formatJalali, isoDateOfDay, jalaliOfDay, parseJalali } from './jalali';
import type { Holiday, HolidaySource } from './types';

export interface LunarRule {
  /** Hijri month, 1 = Muharram … 12 = Dhu al-Hijja. */
  month: number;
  /** Day of the month; `'last'` for the 29th or 30th, whichever ends the month. */
  day: number | 'last';
  name: string;
  fa: string;
}

/** The law on official holidays as amended (8 Rabi al-Awwal since 1395); every official calendar lists these. */
export const LUNAR_RULES: readonly LunarRule[] = [
  { month: 1, day: 9, name: 'Tasua', fa: 'تاسوعای حسینی' },
  { month: 1, day: 10, name: 'Ashura', fa: 'عاشورای حسینی' },
  { month: 2, day: 20, name: 'Arbaeen', fa: 'اربعین حسینی' },
  {
    month: 2,
    day: 28,
    name: "Demise of the Prophet and Imam Hasan's martyrdom",
    fa: 'رحلت رسول اکرم و شهادت امام حسن مجتبی',
  },
  { month: 2, day: 'last', name: "Imam Reza's martyrdom", fa: 'شهادت امام رضا' },
  { month: 3, day: 8, name: "Imam Hasan Askari's martyrdom", fa: 'شهادت امام حسن عسکری' },
  { month: 3, day: 17, name: 'Birthday of the Prophet and Imam Sadiq', fa: 'میلاد رسول اکرم و امام جعفر صادق' },
  { month: 6, day: 3, name: "Fatimah's martyrdom", fa: 'شهادت حضرت فاطمه زهرا' },
  { month: 7, day: 13, name: "Imam Ali's birthday", fa: 'ولادت امام علی' },
  { month: 7, day: 27, name: "Mab'ath", fa: 'مبعث رسول اکرم' },
  { month: 8, day: 15, name: "15 Sha'ban (Imam Mahdi's birthday)", fa: 'ولادت حضرت قائم' },
  { month: 9, day: 21, name: "Imam Ali's martyrdom", fa: 'شهادت امام علی' },
  { month: 10, day: 1, name: 'Eid al-Fitr', fa: 'عید سعید فطر' },
  { month: 10, day: 2, name: 'Day after Eid al-Fitr', fa: 'تعطیل به مناسبت عید فطر' },
  { month: 10, day: 25, name: "Imam Sadiq's martyrdom", fa: 'شهادت امام جعفر صادق' },
  { month: 12, day: 10, name: 'Eid al-Adha', fa: 'عید سعید قربان' },
  { month: 12, day: 18, name: 'Eid al-Ghadir', fa: 'عید سعید غدیر خم' },
];

export interface HijriDate {
  hy: number;
  hm: number;
  hd: number;
}

/** One lunar holiday on one day: the Hijri year and rule identify it across Jalali years. */
export interface LunarOccurrence {
  day: number;
  hijri: HijriDate;
  rule: LunarRule;
}

const occurrenceKey = (hy: number, rule: LunarRule): string => `${hy}:${LUNAR_RULES.indexOf(rule)}`;
export const keyOf = (o: LunarOccurrence): string => occurrenceKey(o.hijri.hy, o.rule);

/**
 * How Iran's Hijri calendar is estimated where no official table is kept. Measured against Iran's official month
 * starts of 1430–1447 AH (the table of persian-calendar/calendar), ICU's astronomical calendar (`islamic`) shifted
 * one day later gives the right day for 87% of the lunar holidays and Umm al-Qura shifted one day later for 66%;
 * unshifted, each is mostly a day early. Runtimes without the astronomical calendar fall back to Umm al-Qura.
 */
interface Estimator {
  calendar: 'islamic' | 'islamic-umalqura';
  formatter: Intl.DateTimeFormat;
}

let estimator: Estimator | undefined;
function hijriEstimator(): Estimator {
  if (estimator) return estimator;
  const make = (calendar: Estimator['calendar']) =>
    new Intl.DateTimeFormat(`en-US-u-ca-${calendar}-nu-latn`, {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
  const astronomical = make('islamic');
  estimator =
    astronomical.resolvedOptions().calendar === 'islamic'
      ? { calendar: 'islamic', formatter: astronomical }
      : { calendar: 'islamic-umalqura', formatter: make('islamic-umalqura') };
  return estimator;
}

export function estimateSource(): string {
  return (
    `Estimate, not the official calendar: Intl '${hijriEstimator().calendar}' Hijri dates shifted one day later ` +
    "(against Iran's official calendars of 1430-1447 AH this hits 87% of lunar holidays with 'islamic', " +
    "66% with 'islamic-umalqura'); the real day may differ, usually by one"
  );
}

/** Iran's Hijri date of a Tehran day, estimated: the chosen calendar's date of the day before. */
export function estimatedHijriOfDay(day: number): HijriDate {
  const parts: Record<string, number> = {};
  // Noon UTC keeps the formatted day clear of any midnight rounding.
  for (const { type, value } of hijriEstimator().formatter.formatToParts((day - 1) * DAY_MS + DAY_MS / 2)) {
    if (type === 'year' || type === 'month' || type === 'day') parts[type] = Number(value);
  }
  const { year = NaN, month = NaN, day: hd = NaN } = parts;
  if (![year, month, hd].every(Number.isInteger)) throw new Error(`The runtime has no Hijri calendar for day ${day}`);
  return { hy: year, hm: month, hd };
}

/** The estimated lunar holidays from `firstDay` to `lastDay` (Tehran days, inclusive). */
export function estimateOccurrences(firstDay: number, lastDay: number): LunarOccurrence[] {
  const found: LunarOccurrence[] = [];
  let next = estimatedHijriOfDay(firstDay);
  for (let day = firstDay; day <= lastDay; day++) {
    const hijri = next;
    next = estimatedHijriOfDay(day + 1);
    for (const rule of LUNAR_RULES) {
      if (rule.month !== hijri.hm) continue;
      if (rule.day === 'last' ? next.hm !== hijri.hm : rule.day === hijri.hd) found.push({ day, hijri, rule });
    }
  }
  return found;
}

/** The estimate of a year's lunar holidays, whether or not its official table is kept (to measure the estimate). */
export function estimatedLunarHolidays(jy: number): Holiday[] {
  return estimateOccurrences(firstDayOfYear(jy), firstDayOfYear(jy + 1) - 1).map((o) => toHoliday(o, true));
}

export function firstDayOfYear(jy: number): number {
  return dayOfJalali({ jy, jm: 1, jd: 1 });
}

export function toHoliday({ day, rule }: LunarOccurrence, provisional: boolean): Holiday {
  return {
    date: isoDateOfDay(day),
    jalali: formatJalali(jalaliOfDay(day)),
    name: rule.name,
    fa: rule.fa,
    kind: 'lunar',
    provisional,
  };
}

// ── Official tables ─────────────────────────────────────────────────────────────────────────────

const sourceSchema = shared('lunar.sourceSchema', () =>
  z.strictObject({
    publisher: z.string().min(1),
    url: z.url({ protocol: /^https?$/ }),
    date: z
      .string()
      .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      .optional(),
    note: z.string().min(1).optional(),
  }),
);

/** The shape of `holidays/<year>.json`: the lunar holidays of one year's official calendar. */
export const lunarFileSchema = shared('lunar.lunarFileSchema', () =>
  z.strictObject({
    year: z.number().int().min(1300).max(1500),
    source: z.array(sourceSchema).min(1),
    holidays: z.array(
      z.strictObject({
        date: z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/),
        hijri: z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/),
        name: z.string().min(1),
        fa: z.string().min(1),
      }),
    ),
  }),
);
export type LunarFile = z.infer<typeof lunarFileSchema>;

export interface OfficialLunarYear {
  year: number;
  sources: HolidaySource[];
  occurrences: LunarOccurrence[];
}

/** How far an official date may lie from the estimate before it is taken for a typo. */
const TOLERANCE_DAYS = 2;

/**
 * Checks an official table as it loads, so that a typo fails every test instead of moving a deadline: each entry
 * is a lunar holiday on a date of its year that agrees with its Hijri date, days of one Hijri month are as far
 * apart as their numbers, every date is within two days of the estimate, and no holiday the estimate puts well
 * inside the year is missing.
 */
export function checkLunarFile(data: unknown): OfficialLunarYear {
  const parsed = lunarFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`Holiday file: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const file = parsed.data;
  const fail = (message: string): never => {
    throw new Error(`Holiday file ${file.year}: ${message}`);
  };
  const first = firstDayOfYear(file.year);
  const last = firstDayOfYear(file.year + 1) - 1;
  const estimated = new Map(estimateOccurrences(first - 40, last + 40).map((o) => [keyOf(o), o] as const));

  const byKey = new Map<string, LunarOccurrence>();
  for (const entry of file.holidays) {
    const date = parseJalali(entry.date);
    if (!date || date.jy !== file.year) return fail(`${entry.date} (${entry.name}) is not a date in ${file.year}`);
    const [hy, hm, hd] = entry.hijri.split('/').map(Number) as [number, number, number];
    const rule = LUNAR_RULES.find((r) => r.month === hm && (r.day === 'last' ? hd === 29 || hd === 30 : r.day === hd));
    if (!rule) return fail(`${entry.hijri} is not the Hijri date of a lunar holiday`);
    if (rule.name !== entry.name || rule.fa !== entry.fa) {
      fail(`${entry.hijri} is "${rule.name}" / "${rule.fa}", not "${entry.name}" / "${entry.fa}"`);
    }
    const occurrence = { day: dayOfJalali(date), hijri: { hy, hm, hd }, rule };
    const key = keyOf(occurrence);
    if (byKey.has(key)) fail(`${entry.name} of ${hy} AH is listed twice`);
    const estimate = estimated.get(key);
    if (!estimate || Math.abs(estimate.day - occurrence.day) > TOLERANCE_DAYS) {
      fail(`${entry.date} is too far from ${entry.hijri} (${entry.name}); expected about ${dateOf(estimate)}`);
    }
    byKey.set(key, occurrence);
  }

  const listed = [...byKey.values()];
  for (const a of listed) {
    for (const b of listed) {
      const months = b.hijri.hy * 12 + b.hijri.hm - (a.hijri.hy * 12 + a.hijri.hm);
      const apart = b.day - a.day;
      const days = b.hijri.hd - a.hijri.hd;
      // Days of one month are exactly as far apart as their numbers, and 1 Rabi al-Awwal follows the last of
      // Safar; across months, each month in between has 29 or 30 days.
      const [least, most] =
        months === 1 && a.rule.day === 'last' ? [b.hijri.hd, b.hijri.hd] : [29 * months + days, 30 * months + days];
      if (months >= 0 && (apart < least || apart > most)) {
        const expected = least === most ? `${least}` : `${least} to ${most}`;
        const pair = `${a.rule.name} (${a.hijri.hy} AH) and ${b.rule.name} (${b.hijri.hy} AH)`;
        fail(`${pair} are ${apart} days apart, not ${expected}`);
      }
    }
  }
  for (const [key, o] of estimated) {
    const wellInside = o.day >= first + 3 && o.day <= last - 3;
    if (wellInside && !byKey.has(key)) fail(`${o.rule.name} of ${o.hijri.hy} AH (about ${dateOf(o)}) is missing`);
  }
  return {
    year: file.year,
    sources: file.source,
    occurrences: listed.sort((a, b) => a.day - b.day),
  };
}

function dateOf(o: LunarOccurrence | undefined): string {
  return o ? formatJalali(jalaliOfDay(o.day)) : 'no date in this year';
}

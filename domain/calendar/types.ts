/** The shapes of the holiday calendar, shared by the rules, the data, the deadlines and the API. */

/** Solar holidays are fixed Jalali dates set by law; lunar ones follow the Hijri calendar as Iran reckons it. */
export type HolidayKind = 'solar' | 'lunar';

export interface Holiday {
  /** The ISO date of the Tehran day, `'2026-03-21'`. */
  date: string;
  /** The same day in the Jalali calendar, `'1405/01/01'`. */
  jalali: string;
  name: string;
  fa: string;
  kind: HolidayKind;
  /** An estimate: the official calendar of its year is not kept, so the real day may differ (usually by one). */
  provisional: boolean;
}

export interface HolidayYear {
  /** The Jalali year. */
  year: number;
  /** Whether the lunar holidays come from Iran's official calendar of that year (else they are estimates). */
  official: boolean;
  /** Where the dates come from, one readable line each (publisher, date, address). */
  sources: readonly string[];
  /** Sorted by date; holidays on the same day are separate entries. */
  holidays: readonly Holiday[];
}

/**
 * The holidays of any Jalali year: what deadlines are counted against. The worker passes `holidaysForYear`;
 * tests may pass their own.
 */
export type HolidayCalendar = (jalaliYear: number) => HolidayYear;

/** A published source of an official table, as kept in each `holidays/<year>.json`. */
export interface HolidaySource {
  publisher: string;
  url: string;
  /** When it was published: ISO date (`'2025-10-30'`), month or year; left out only when the page has none. */
  date?: string;
  note?: string;
}

/** Iran's public holidays of any Jalali year: solar ones by rule, lunar ones from official tables or estimated. */
import y1404 from './holidays/1404.json';
import y1405 from './holidays/1405.json';
import {
  checkLunarFile,
  estimateOccurrences,
  estimateSource,
  firstDayOfYear,
  keyOf,
  toHoliday,
  type OfficialLunarYear,
} from './lunar';
import { SOLAR_SOURCES, solarHolidays } from './solar';
import type { HolidayCalendar, HolidaySource, HolidayYear } from './types';

/**
 * One file per year of Iran's official calendar (see docs/calendar.md for adding the next one), checked on first
 * use rather than as the module loads: the case workflow imports this module at the start of every run (each run
 * loads its modules afresh in the worker's sandbox) and never reads a table, so a check at load cost every case
 * about 10 ms of worker CPU for nothing. A bad table still fails every test that counts a deadline.
 */
let officialTables: Map<number, OfficialLunarYear> | undefined;
const tables = (): Map<number, OfficialLunarYear> =>
  (officialTables ??= new Map(
    [y1404, y1405].map((data) => {
      const table = checkLunarFile(data);
      return [table.year, table];
    }),
  ));

export const officialYears = (): number[] => [...tables().keys()].sort((a, b) => a - b);

export const MIN_YEAR = 1;
export const MAX_YEAR = 3000;

const describe = ({ publisher, url, date, note }: HolidaySource): string =>
  `${publisher}${date ? `, ${date}` : ''}: ${url}${note ? ` (${note})` : ''}`;

function lunarHolidays(year: number) {
  const official = tables().get(year);
  if (official) return { official: true, sources: official.sources, holidays: official.occurrences };
  // An estimate next to an official year must not repeat a holiday that year's table already places.
  const known = new Set(
    [tables().get(year - 1), tables().get(year + 1)].flatMap((t) => t?.occurrences.map(keyOf) ?? []),
  );
  const estimated = estimateOccurrences(firstDayOfYear(year), firstDayOfYear(year + 1) - 1).filter(
    (o) => !known.has(keyOf(o)),
  );
  return { official: false, sources: [], holidays: estimated };
}

function buildYear(year: number): HolidayYear {
  const lunar = lunarHolidays(year);
  // On a shared day the solar holiday comes first: 'Nowruz; Eid al-Fitr' reads as people say it.
  const holidays = [
    ...solarHolidays(year),
    ...lunar.holidays.map((occurrence) => toHoliday(occurrence, !lunar.official)),
  ].sort((a, b) => a.date.localeCompare(b.date) || (a.kind === b.kind ? 0 : a.kind === 'solar' ? -1 : 1));
  return {
    year,
    official: lunar.official,
    sources: [
      ...SOLAR_SOURCES.map((s) => `Solar holidays: ${describe(s)}`),
      ...(lunar.official ? lunar.sources.map((s) => `Lunar holidays: ${describe(s)}`) : [estimateSource()]),
    ],
    holidays,
  };
}

// Years are few and never change once built (the tables are compiled in), so they are kept for the process.
const years = new Map<number, HolidayYear>();

/** The holidays of a Jalali year; throws for a year outside 1–3000, which no deadline can reach. */
export const holidaysForYear: HolidayCalendar = (year) => {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new Error(`No holiday calendar for Jalali year ${year}`);
  }
  let built = years.get(year);
  if (!built) {
    built = buildYear(year);
    years.set(year, built);
  }
  return built;
};

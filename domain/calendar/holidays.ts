/** Iran's official public holidays per Jalali year, kept as data in `holidays/<year>.json`. */
import { parseJalali } from './jalali';
import y1404 from './holidays/1404.json';
import y1405 from './holidays/1405.json';
import y1406 from './holidays/1406.json';

export interface HolidayFile {
  year: number;
  /** Where the dates come from; lunar holidays depend on moon sighting and are estimates until announced. */
  source: string;
  holidays: { date: string; name: string; fa: string }[];
}

/** Jalali date (`'1405/01/01'`) → holiday name; one entry per date, names of coinciding holidays joined. */
export type HolidayTable = ReadonlyMap<string, string>;

/** The holiday table of a Jalali year, or undefined when none is kept (only weekends count then). */
export type HolidayLookup = (jalaliYear: number) => HolidayTable | undefined;

/** Checks a file as it loads, so that a typo in the data fails every test instead of moving a deadline. */
export function toHolidayTable(file: HolidayFile): HolidayTable {
  const table = new Map<string, string>();
  for (const { date, name } of file.holidays) {
    if (parseJalali(date)?.jy !== file.year) throw new Error(`Holiday ${date} (${name}) is not a date in ${file.year}`);
    const other = table.get(date);
    table.set(date, other ? `${other}; ${name}` : name);
  }
  return table;
}

const files: HolidayFile[] = [y1404, y1405, y1406];
const tables = new Map<number, HolidayTable>(files.map((f) => [f.year, toHolidayTable(f)]));

export const holidaysForYear: HolidayLookup = (jalaliYear) => tables.get(jalaliYear);

export function hasHolidayTable(jalaliYear: number): boolean {
  return tables.has(jalaliYear);
}

/** The calendar API: Tehran dates, Jalali formatting, holiday tables and deadline computation. */
export {
  jalaliYearOf,
  parseJalali,
  formatJalali,
  persianDigits,
  tehranDateOf,
  toJalali,
  TEHRAN_OFFSET_MS,
} from './jalali';
export type { JalaliDate, TehranDate } from './jalali';
export { hasHolidayTable, holidaysForYear, toHolidayTable } from './holidays';
export type { HolidayFile, HolidayLookup, HolidayTable } from './holidays';
export { computeDeadline, computeReminderAt, fixedDurationMs } from './deadline';
export type { CalendarPolicy, Deadline, Reminder } from './deadline';

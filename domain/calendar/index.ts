/** The calendar API: Tehran days, Jalali dates, Iran's public holidays and deadline computation. */
export {
  DAY_MS,
  TEHRAN_TIME_ZONE,
  dayOfIsoDate,
  dayOfJalali,
  endOfTehranDay,
  formatJalali,
  instantOf,
  isLeapJalaliYear,
  isoDateOfDay,
  jalaliOfDay,
  jalaliYearOf,
  parseJalali,
  persianDigits,
  startOfTehranDay,
  tehranDateOf,
  tehranDayOf,
  toJalali,
} from './jalali';
export type { JalaliDate, TehranDate } from './jalali';
export { MAX_YEAR, MIN_YEAR, holidaysForYear, officialYears } from './holidays';
export { LUNAR_RULES, checkLunarFile, estimatedHijriOfDay, estimatedLunarHolidays } from './lunar';
export type { HijriDate, LunarFile, LunarRule } from './lunar';
export { solarHolidays } from './solar';
export type { Holiday, HolidayCalendar, HolidayKind, HolidaySource, HolidayYear } from './types';
export { computeDeadline, computeReminderAt, fixedDurationMs } from './deadline';
export type { CalendarPolicy, Deadline, Reminder, SkippedDay } from './deadline';
export { explainDeadline } from './report';
export type { DeadlineReport } from './report';

/** The solar public holidays, fixed Jalali dates set by law and so generated for any year rather than stored. */
import { dayOfJalali, formatJalali, isLeapJalaliYear, isoDateOfDay } from './jalali';
import type { Holiday, HolidaySource } from './types';

interface SolarRule {
  month: number;
  day: number;
  name: string;
  fa: string;
}

/**
 * The law on official holidays (لایحه قانونی تعیین تعطیلات رسمی کشور, 1359, as amended) and every official
 * calendar since: Nowruz is 29 Esfand to 4 Farvardin, and 29 Esfand is also Oil Nationalization Day.
 */
const RULES: readonly SolarRule[] = [
  { month: 1, day: 1, name: 'Nowruz', fa: 'عید نوروز' },
  { month: 1, day: 2, name: 'Nowruz', fa: 'عید نوروز' },
  { month: 1, day: 3, name: 'Nowruz', fa: 'عید نوروز' },
  { month: 1, day: 4, name: 'Nowruz', fa: 'عید نوروز' },
  { month: 1, day: 12, name: 'Islamic Republic Day', fa: 'روز جمهوری اسلامی' },
  { month: 1, day: 13, name: 'Nature Day (Sizdah Bedar)', fa: 'روز طبیعت' },
  { month: 3, day: 14, name: 'Demise of Imam Khomeini', fa: 'رحلت امام خمینی' },
  { month: 3, day: 15, name: 'Khordad 15 Uprising', fa: 'قیام ۱۵ خرداد' },
  { month: 11, day: 22, name: 'Victory of the Islamic Revolution', fa: 'پیروزی انقلاب اسلامی' },
  { month: 12, day: 29, name: 'Oil Nationalization Day', fa: 'روز ملی شدن صنعت نفت' },
];

/**
 * A leap year's 30 Esfand lies inside the span "29 Esfand to 4 Farvardin" that the law makes a holiday, and the
 * official calendars of leap years (1399, 1403) mark it so.
 */
const LEAP_DAY: SolarRule = {
  month: 12,
  day: 30,
  name: 'Nowruz holidays (30 Esfand of a leap year)',
  fa: 'تعطیلات نوروز (۳۰ اسفند سال کبیسه)',
};

export const SOLAR_SOURCES: readonly HolidaySource[] = [
  {
    publisher: 'ILNA (Iranian Labour News Agency), "How many official holidays does 1405 have?"',
    url: 'https://www.ilna.ir/%D8%A8%D8%AE%D8%B4-%D8%B3%D8%A7%DB%8C%D8%B1-%D8%B1%D8%B3%D8%A7%D9%86%D9%87-%D9%87%D8%A7-10/1707051-%D8%B3%D8%A7%D9%84-%DA%86%D9%86%D8%AF-%D8%B1%D9%88%D8%B2-%D8%AA%D8%B9%D8%B7%DB%8C%D9%84-%D8%B1%D8%B3%D9%85%DB%8C-%D8%AF%D8%A7%D8%B1%D8%AF',
    date: '2025-10-30',
    note: 'the solar holidays of the official calendar: 1-4, 12 and 13 Farvardin, 14-15 Khordad, 22 Bahman, 29 Esfand',
  },
  {
    publisher: 'Shia News, "Saturday 30 Esfand is an official holiday"',
    url: 'https://www.shia-news.com/fa/news/254199/%D8%B4%D9%86%D8%A8%D9%87-%DB%B3%DB%B0-%D8%A7%D8%B3%D9%81%D9%86%D8%AF%D9%85%D8%A7%D9%87-%D8%AA%D8%B9%D8%B7%DB%8C%D9%84-%D8%B1%D8%B3%D9%85%DB%8C-%D8%A7%D8%B3%D8%AA',
    date: '2021-03-18',
    note: 'the 1359 law makes 29 Esfand to 4 Farvardin holidays, so 30 Esfand of a leap year is one too',
  },
];

/** The solar holidays of a Jalali year, in date order. */
export function solarHolidays(jy: number): Holiday[] {
  const rules = isLeapJalaliYear(jy) ? [...RULES, LEAP_DAY] : RULES;
  return rules.map(({ month, day, name, fa }) => {
    const date = { jy, jm: month, jd: day };
    return {
      date: isoDateOfDay(dayOfJalali(date)),
      jalali: formatJalali(date),
      name,
      fa,
      kind: 'solar',
      provisional: false,
    };
  });
}

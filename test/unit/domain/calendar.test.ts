import {
  checkLunarFile,
  computeDeadline,
  estimatedLunarHolidays,
  computeReminderAt,
  endOfTehranDay,
  holidaysForYear,
  jalaliYearOf,
  officialYears,
  persianDigits,
  startOfTehranDay,
  tehranDateOf,
  tehranDayOf,
  toJalali,
} from '../../../domain/calendar';
import type { HolidayCalendar, HolidayYear } from '../../../domain/calendar';
import y1405 from '../../../domain/calendar/holidays/1405.json';
import { defaultPolicy, fastPolicy } from '../../../domain/policy';
import type { DurationRule } from '../../../domain/policy';

const businessDays = (amount: number): DurationRule => ({ amount, unit: 'business_days' });
const calendarDays = (amount: number): DurationRule => ({ amount, unit: 'calendar_days' });
const tehran = (date: string, time = '10:00'): string => `${date}T${time}:00+03:30`;
/** The end of a Tehran day, 23:59:59.999 local time (+03:30 since 2022), as the UTC instant the API returns. */
const endOf = (date: string): string => new Date(Date.parse(`${date}T23:59:59.999+03:30`)).toISOString();

const deadline = (from: string, rule: DurationRule) => computeDeadline(from, rule, defaultPolicy, holidaysForYear);
const holidayDates = (year: number, kind?: 'solar' | 'lunar') =>
  holidaysForYear(year)
    .holidays.filter((h) => !kind || h.kind === kind)
    .map((h) => h.jalali);

describe('Jalali dates in Tehran time', () => {
  it('puts Nowruz 1405 on Saturday 21 March 2026', () => {
    expect(toJalali('2026-03-21T00:00:00+03:30')).toBe('1405/01/01');
    expect(tehranDateOf('2026-03-21T00:00:00+03:30')).toEqual({ gy: 2026, gm: 3, gd: 21, weekday: 6 });
    expect(toJalali('2026-03-20T23:59:59+03:30')).toBe('1404/12/29');
  });

  it('gives the Tehran local date of an instant, zero-padded', () => {
    expect(toJalali('2026-11-25T12:00:00Z')).toBe('1405/09/04');
    expect(jalaliYearOf('2026-11-25T12:00:00Z')).toBe(1405);
  });

  it('turns the day at midnight Tehran time, 20:30 UTC, with no daylight saving in summer since 2022', () => {
    expect(toJalali('2026-11-24T20:29:59.999Z')).toBe('1405/09/03');
    expect(toJalali('2026-11-24T20:30:00Z')).toBe('1405/09/04');
    expect(tehranDateOf('2026-07-01T20:30:00Z')).toEqual({ gy: 2026, gm: 7, gd: 2, weekday: 4 });
  });

  it('refuses instants without a time zone, whose meaning would depend on the machine', () => {
    expect(() => toJalali('2026-11-25T12:00:00')).toThrow(/time zone/);
    expect(() => toJalali('yesterday')).toThrow();
  });

  it('writes digits in Persian for the console', () => {
    expect(persianDigits('1405/09/03')).toBe('۱۴۰۵/۰۹/۰۳');
  });
});

describe('Tehran days while Iran had daylight saving time (until 2022)', () => {
  it('turns a summer day of 2021 at 19:30 UTC, midnight at +04:30', () => {
    // A fixed +03:30 would still call 19:45 UTC on 1 July "23:15 on Thursday".
    expect(toJalali('2021-07-01T19:29:59.999Z')).toBe('1400/04/10');
    expect(toJalali('2021-07-01T19:45:00Z')).toBe('1400/04/11');
    expect(tehranDateOf('2021-07-01T19:45:00Z')).toEqual({ gy: 2021, gm: 7, gd: 2, weekday: 5 });
    expect(toJalali('2022-06-15T19:45:00Z')).toBe('1401/03/26');
    expect(jalaliYearOf('2021-03-21T20:30:00Z')).toBe(1400);
  });

  it('begins the day the clocks went forward at 01:00 local time, and ends the day before at 24:00', () => {
    // 2 Farvardin 1400 (22 March 2021): 00:00 became 01:00 +04:30.
    const day = tehranDayOf(Date.parse('2021-03-22T12:00:00Z'));
    expect(new Date(startOfTehranDay(day)).toISOString()).toBe('2021-03-21T20:30:00.000Z');
    expect(new Date(endOfTehranDay(day - 1)).toISOString()).toBe('2021-03-21T20:29:59.999Z');
    expect(new Date(endOfTehranDay(day)).toISOString()).toBe('2021-03-22T19:29:59.999Z');
    expect(toJalali('2021-03-21T20:30:00Z')).toBe('1400/01/02');
  });

  it('gives the day the clocks went back 25 hours, its last hour repeated', () => {
    // 30 Shahrivar 1400 (21 September 2021): 24:00 +04:30 became 23:00 +03:30.
    const day = tehranDayOf(Date.parse('2021-09-21T12:00:00Z'));
    expect(new Date(startOfTehranDay(day)).toISOString()).toBe('2021-09-20T19:30:00.000Z');
    expect(new Date(endOfTehranDay(day)).toISOString()).toBe('2021-09-21T20:29:59.999Z');
    expect(endOfTehranDay(day) + 1 - startOfTehranDay(day)).toBe(25 * 3_600_000);
    expect(toJalali('2021-09-21T20:00:00Z')).toBe('1400/06/30');
    expect(toJalali('2021-09-21T20:30:00Z')).toBe('1400/06/31');
  });

  it('does the same on the last changes, in 2022, and none after', () => {
    expect(toJalali('2022-03-21T20:30:00Z')).toBe('1401/01/02');
    expect(toJalali('2022-09-21T19:45:00Z')).toBe('1401/06/30');
    expect(toJalali('2023-03-21T20:29:59Z')).toBe('1402/01/01');
    expect(toJalali('2023-09-21T20:29:59Z')).toBe('1402/06/30');
  });

  it('ends a window on the right summer midnight of 2021', () => {
    // Thursday 1400/04/10; Friday is off; Saturday 1400/04/12 ends at 24:00 +04:30 (19:30 UTC).
    const d = deadline('2021-07-01T10:00:00+04:30', businessDays(1));
    expect(d.dueAt).toBe('2021-07-03T19:29:59.999Z');
    expect(d.dueAtJalali).toBe('1400/04/12');
    expect(d.skipped).toEqual([{ date: '2021-07-02', jalali: '1400/04/11', reason: 'weekend' }]);
  });
});

describe('Iran’s holidays', () => {
  const official1405: [string, string][] = [
    ['1405/01/01', 'Nowruz; Eid al-Fitr'],
    ['1405/01/02', 'Nowruz; Day after Eid al-Fitr'],
    ['1405/01/03', 'Nowruz'],
    ['1405/01/04', 'Nowruz'],
    ['1405/01/12', 'Islamic Republic Day'],
    ['1405/01/13', 'Nature Day (Sizdah Bedar)'],
    ['1405/01/25', "Imam Sadiq's martyrdom"],
    ['1405/03/06', 'Eid al-Adha'],
    ['1405/03/14', 'Demise of Imam Khomeini; Eid al-Ghadir'],
    ['1405/03/15', 'Khordad 15 Uprising'],
    ['1405/04/03', 'Tasua'],
    ['1405/04/04', 'Ashura'],
    ['1405/05/13', 'Arbaeen'],
    ['1405/05/21', "Demise of the Prophet and Imam Hasan's martyrdom"],
    ['1405/05/22', "Imam Reza's martyrdom"],
    ['1405/05/30', "Imam Hasan Askari's martyrdom"],
    ['1405/06/08', 'Birthday of the Prophet and Imam Sadiq'],
    ['1405/08/22', "Fatimah's martyrdom"],
    ['1405/10/02', "Imam Ali's birthday"],
    ['1405/10/16', "Mab'ath"],
    ['1405/11/04', "15 Sha'ban (Imam Mahdi's birthday)"],
    ['1405/11/22', 'Victory of the Islamic Revolution'],
    ['1405/12/09', "Imam Ali's martyrdom"],
    ['1405/12/19', 'Eid al-Fitr'],
    ['1405/12/20', 'Day after Eid al-Fitr'],
    ['1405/12/29', 'Oil Nationalization Day'],
  ];

  it('matches the official calendar of 1405 day for day: 26 days, both Eids al-Fitr', () => {
    const year = holidaysForYear(1405);
    const byDay = new Map<string, string[]>();
    for (const h of year.holidays) byDay.set(h.jalali, [...(byDay.get(h.jalali) ?? []), h.name]);
    expect([...byDay].map(([day, names]) => [day, names.join('; ')])).toEqual(official1405);
    expect(year.official).toBe(true);
    expect(year.holidays.every((h) => !h.provisional)).toBe(true);
    expect(year.sources.join('\n')).toMatch(/pcci\.ir.*\n.*persian-calendar.*\n.*ilna\.ir/s);
  });

  it('keeps official tables for 1404 and 1405 and estimates every other year', () => {
    expect(officialYears()).toEqual([1404, 1405]);
    expect([1403, 1404, 1405, 1406, 1420].map((y) => holidaysForYear(y).official)).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(() => holidaysForYear(1405.5)).toThrow(/No holiday calendar/);
  });

  it('keeps the 1404 dates of its official calendar', () => {
    expect(holidayDates(1404, 'lunar')).toEqual([
      '1404/01/02',
      '1404/01/11',
      '1404/01/12',
      '1404/02/04',
      '1404/03/16',
      '1404/03/24',
      '1404/04/14',
      '1404/04/15',
      '1404/05/23',
      '1404/05/31',
      '1404/06/02',
      '1404/06/10',
      '1404/06/19',
      '1404/09/03',
      '1404/10/13',
      '1404/10/27',
      '1404/11/15',
      '1404/12/20',
    ]);
  });

  it.each([1404, 1405, 1406, 1410, 1420, 1450])('generates the solar holidays of %i by rule', (year) => {
    const solar = ['01/01', '01/02', '01/03', '01/04', '01/12', '01/13', '03/14', '03/15', '11/22', '12/29'];
    // 30 Esfand exists only in a leap year, and then lies in the span 29 Esfand–4 Farvardin the law makes holidays.
    const leap = [1420].includes(year) ? ['12/30'] : [];
    expect(holidayDates(year, 'solar')).toEqual([...solar, ...leap].map((md) => `${year}/${md}`));
    expect(
      holidaysForYear(year)
        .holidays.filter((h) => h.kind === 'solar')
        .every((h) => !h.provisional),
    ).toBe(true);
  });

  it('makes 30 Esfand a holiday in every leap year and only then', () => {
    expect(holidayDates(1403, 'solar')).toContain('1403/12/30');
    expect(holidayDates(1408, 'solar')).toContain('1408/12/30');
    expect(holidayDates(1410, 'solar')).not.toContain('1410/12/30');
    expect(holidaysForYear(1408).holidays.find((h) => h.jalali === '1408/12/30')).toMatchObject({
      date: '2030-03-20',
      kind: 'solar',
    });
  });

  it('estimates the lunar holidays after 1405 and marks them provisional', () => {
    const year = holidaysForYear(1406);
    const lunar = year.holidays.filter((h) => h.kind === 'lunar');
    expect(lunar.every((h) => h.provisional)).toBe(true);
    expect(year.sources.at(-1)).toMatch(/^Estimate, not the official calendar: Intl 'islamic'/);
    const names = lunar.map((h) => h.name);
    for (const name of ['Tasua', 'Ashura', 'Arbaeen', 'Eid al-Adha', 'Eid al-Ghadir', "Mab'ath", 'Eid al-Fitr']) {
      expect(names).toContain(name);
    }
    // 1 Shawwal 1448 is 1405/12/19 officially, so 25 Shawwal follows on 1406/01/14; Eid al-Fitr of 1406 is 1449's.
    expect(lunar.slice(0, 3).map((h) => [h.jalali, h.name])).toEqual([
      ['1406/01/14', "Imam Sadiq's martyrdom"],
      ['1406/02/27', 'Eid al-Adha'],
      ['1406/03/04', 'Eid al-Ghadir'],
    ]);
    expect(lunar.filter((h) => h.name === 'Eid al-Fitr').map((h) => h.jalali)).toEqual(['1406/12/08']);
  });

  it('estimates close to the official calendar: 3 of the 19 lunar days of 1405 a day off, none further', () => {
    const estimate = new Map(estimatedLunarHolidays(1405).map((h) => [h.name + h.date.slice(0, 4), h]));
    const off = holidaysForYear(1405)
      .holidays.filter((h) => h.kind === 'lunar')
      .map((h) => [
        h.name,
        (Date.parse(estimate.get(h.name + h.date.slice(0, 4))?.date ?? '') - Date.parse(h.date)) / 864e5,
      ])
      .filter(([, days]) => days !== 0);
    expect(off).toEqual([
      ['Tasua', 1],
      ['Ashura', 1],
      ["15 Sha'ban (Imam Mahdi's birthday)", -1],
    ]);
  });

  it('lists each holiday with its ISO date, Jalali date, names and kind, in date order', () => {
    const year: HolidayYear = holidaysForYear(1405);
    expect(year.holidays[0]).toEqual({
      date: '2026-03-21',
      jalali: '1405/01/01',
      name: 'Nowruz',
      fa: 'عید نوروز',
      kind: 'solar',
      provisional: false,
    });
    const dates = year.holidays.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
  });
});

describe('checking an official table as it loads', () => {
  type Entry = (typeof y1405.holidays)[number];
  const edited = (change: (holidays: Entry[]) => Entry[]) => ({ ...y1405, holidays: change([...y1405.holidays]) });
  const replace = (date: string, entry: Partial<Entry>) =>
    edited((hs) => hs.map((h) => (h.date === date ? { ...h, ...entry } : h)));

  it('accepts the tables it ships', () => {
    expect(checkLunarFile(y1405).occurrences).toHaveLength(19);
  });

  it('refuses a date outside the year of the file', () => {
    expect(() => checkLunarFile(replace('1405/05/13', { date: '1404/05/13' }))).toThrow(/not a date in 1405/);
  });

  it('refuses a day one off when another holiday of the same Hijri month pins it', () => {
    // Arbaeen (20 Safar) a day early, as the Umm al-Qura estimate had it, is 9 days before 28 Safar, not 8.
    expect(() => checkLunarFile(replace('1405/05/13', { date: '1405/05/12' }))).toThrow(/9 days apart, not 8/);
  });

  it('refuses a month typo, a Hijri date that is no holiday, a wrong name and a holiday listed twice', () => {
    expect(() => checkLunarFile(replace('1405/08/22', { date: '1405/09/22' }))).toThrow(/too far from 1448\/06\/03/);
    expect(() => checkLunarFile(replace('1405/08/22', { hijri: '1448/06/04' }))).toThrow(/not the Hijri date/);
    expect(() => checkLunarFile(replace('1405/05/13', { name: 'Arbain' }))).toThrow(/is "Arbaeen"/);
    expect(() => checkLunarFile(edited((hs) => [...hs, hs[0] as Entry]))).toThrow(/listed twice/);
  });

  it('refuses a table that leaves out a holiday, such as the second day of the Esfand Eid al-Fitr', () => {
    expect(() => checkLunarFile(edited((hs) => hs.filter((h) => h.date !== '1405/12/20')))).toThrow(
      /Day after Eid al-Fitr of 1448 AH .* is missing/,
    );
  });

  it('refuses a file without sources', () => {
    expect(() => checkLunarFile({ ...y1405, source: [] })).toThrow(/Holiday file/);
  });
});

describe('deadlines on the real calendar', () => {
  it('does not count the day of service and ends at the end of the last day, Tehran time', () => {
    // Saturday 1405/01/29; the first day counted is Sunday.
    const d = deadline(tehran('2026-04-18', '09:00'), calendarDays(1));
    expect(d).toEqual({ dueAt: endOf('2026-04-19'), dueAtJalali: '1405/01/30', provisional: false, skipped: [] });
    expect(d.dueAt).toBe('2026-04-19T20:29:59.999Z');
    expect(deadline(tehran('2026-04-18', '23:59'), calendarDays(1)).dueAt).toBe(endOf('2026-04-19'));
  });

  it('takes the day of service in Tehran, not in UTC', () => {
    // 21:00 UTC on Saturday is 00:30 on Sunday in Tehran, so Sunday is the day of service.
    expect(deadline('2026-04-18T21:00:00Z', calendarDays(1)).dueAt).toBe(endOf('2026-04-20'));
  });

  it('skips Fridays when counting business days, and says so', () => {
    // From Tuesday 28 April 2026: Wed, Thu, (Fri), Sat, Sun, Mon.
    const d = deadline(tehran('2026-04-28'), businessDays(5));
    expect(d.dueAt).toBe(endOf('2026-05-04'));
    expect(d.dueAtJalali).toBe('1405/02/14');
    expect(d.skipped).toEqual([{ date: '2026-05-01', jalali: '1405/02/11', reason: 'weekend' }]);
  });

  it('skips Thursdays too when the policy makes them weekend days', () => {
    const policy = { ...defaultPolicy, weekendDays: [4, 5] };
    const d = computeDeadline(tehran('2026-04-28'), businessDays(5), policy, holidaysForYear);
    expect(d.dueAt).toBe(endOf('2026-05-05'));
    expect(d.skipped.map((s) => s.date)).toEqual(['2026-04-30', '2026-05-01']);
  });

  it('moves a calendar-day window whose last day is a Friday to the Saturday after', () => {
    expect(deadline(tehran('2026-04-28'), calendarDays(3)).dueAt).toBe(endOf('2026-05-02'));
  });

  it('moves a window whose last day is a holiday to the next business day', () => {
    // Ten days from Sunday 1404/11/12 is 22 Bahman, a Wednesday holiday; the window ends on Thursday.
    const d = deadline(tehran('2026-02-01'), calendarDays(10));
    expect(d.dueAt).toBe(endOf('2026-02-12'));
    expect(d.dueAtJalali).toBe('1404/11/23');
    expect(d.skipped).toEqual([
      {
        date: '2026-02-11',
        jalali: '1404/11/22',
        reason: 'holiday',
        name: 'Victory of the Islamic Revolution',
        fa: 'پیروزی انقلاب اسلامی',
      },
    ]);
  });

  it('skips the Nowruz holidays in a window that crosses from 1404 into 1405', () => {
    // From Tuesday 1404/12/26: Wed 27, Thu 28 count; 29 Esfand (Friday, holiday) and 1–4 Farvardin do not.
    const d = deadline(tehran('2026-03-17'), businessDays(3));
    expect(d.dueAt).toBe(endOf('2026-03-25'));
    expect(d.dueAtJalali).toBe('1405/01/05');
    expect(d.provisional).toBe(false);
    expect(d.skipped.map((s) => [s.jalali, s.reason, s.name])).toEqual([
      ['1404/12/29', 'weekend', 'Oil Nationalization Day'],
      ['1405/01/01', 'holiday', 'Nowruz; Eid al-Fitr'],
      ['1405/01/02', 'holiday', 'Nowruz; Day after Eid al-Fitr'],
      ['1405/01/03', 'holiday', 'Nowruz'],
      ['1405/01/04', 'holiday', 'Nowruz'],
    ]);
    expect(deadline(tehran('2026-03-17'), calendarDays(5)).dueAtJalali).toBe('1405/01/05');
  });

  it('skips Arbaeen and the end of Safar on the days the official calendar has them', () => {
    // From Saturday 1405/05/10: Arbaeen Tue 05/13, 28 Safar Wed 05/21, Imam Reza Thu 05/22, then Friday.
    const d = deadline(tehran('2026-08-01'), businessDays(10));
    expect(d.dueAtJalali).toBe('1405/05/25');
    expect(d.skipped.map((s) => [s.jalali, s.reason])).toEqual([
      ['1405/05/13', 'holiday'],
      ['1405/05/16', 'weekend'],
      ['1405/05/21', 'holiday'],
      ['1405/05/22', 'holiday'],
      ['1405/05/23', 'weekend'],
    ]);
    // Fifteen days from 1405/04/29 land on Arbaeen, so the window ends the day after.
    expect(deadline(tehran('2026-07-20'), calendarDays(15)).dueAtJalali).toBe('1405/05/14');
  });

  it('skips both days of the second Eid al-Fitr of 1405, in Esfand', () => {
    // From Monday 1405/12/17: Tue 18 counts; Eid Wed 19 and Thu 20, Friday 21 do not; Sat 22, Sun 23 count.
    const d = deadline(tehran('2027-03-08'), businessDays(3));
    expect(d.dueAtJalali).toBe('1405/12/23');
    expect(d.skipped.map((s) => s.name ?? s.reason)).toEqual(['Eid al-Fitr', 'Day after Eid al-Fitr', 'weekend']);
  });

  it('is provisional when the count runs into a year of estimated lunar holidays', () => {
    // From Sunday 1405/12/23, five business days end on 1406/01/05, past Nowruz, in a year without an official table.
    const d = deadline(tehran('2027-03-14'), businessDays(5));
    expect(d.dueAtJalali).toBe('1406/01/05');
    expect(d.provisional).toBe(true);
    expect(deadline(tehran('2027-03-01'), businessDays(5)).provisional).toBe(false);
    // An estimated holiday is flagged on the day it skips.
    const overEstimate = deadline(tehran('2027-06-12'), businessDays(3));
    expect(overEstimate.skipped).toContainEqual(
      expect.objectContaining({ jalali: '1406/03/24', reason: 'holiday', name: 'Tasua', provisional: true }),
    );
  });

  it('adds hours, minutes and seconds exactly, without rounding to the end of a day', () => {
    const from = '2026-04-18T06:00:00.000Z';
    expect(deadline(from, { amount: 6, unit: 'hours' }).dueAt).toBe('2026-04-18T12:00:00.000Z');
    expect(deadline(from, { amount: 90, unit: 'minutes' }).dueAt).toBe('2026-04-18T07:30:00.000Z');
    expect(deadline(from, { amount: 5, unit: 'seconds' })).toEqual({
      dueAt: '2026-04-18T06:00:05.000Z',
      dueAtJalali: '1405/01/29',
      provisional: false,
      skipped: [],
    });
  });

  it('counts against whatever calendar it is given', () => {
    const none: HolidayCalendar = (year) => ({ year, official: true, sources: [], holidays: [] });
    const plain = computeDeadline(tehran('2026-03-17'), businessDays(3), defaultPolicy, none);
    expect(plain.dueAtJalali).toBe('1405/01/01');
    expect(plain.skipped).toEqual([{ date: '2026-03-20', jalali: '1404/12/29', reason: 'weekend' }]);
  });

  it('refuses fractional or negative day counts and weekends that never end', () => {
    expect(() => deadline(tehran('2026-04-28'), businessDays(1.5))).toThrow(/whole/);
    expect(() => deadline(tehran('2026-04-28'), calendarDays(-1))).toThrow(/non-negative/);
    const policy = { ...defaultPolicy, weekendDays: [0, 1, 2, 3, 4, 5, 6] };
    expect(() => computeDeadline(tehran('2026-04-28'), businessDays(1), policy, holidaysForYear)).toThrow(/weekend/);
  });
});

describe('deadlines under the fast policy', () => {
  const fast = (rule: DurationRule) => computeDeadline('2026-03-19T12:00:00.000Z', rule, fastPolicy, holidaysForYear);

  it('makes every day a business day lasting secondsPerDay, with no end-of-day rounding', () => {
    // The window would cross a Friday and Nowruz on the real calendar.
    expect(fast(businessDays(3))).toEqual({
      dueAt: '2026-03-19T12:00:03.000Z',
      dueAtJalali: '1404/12/28',
      provisional: false,
      skipped: [],
    });
    expect(fast(calendarDays(4)).dueAt).toBe('2026-03-19T12:00:04.000Z');
  });

  it('scales hours and minutes with the day but keeps seconds real', () => {
    expect(fast({ amount: 12, unit: 'hours' }).dueAt).toBe('2026-03-19T12:00:00.500Z');
    expect(fast({ amount: 1, unit: 'hours' }).dueAt).toBe('2026-03-19T12:00:00.042Z');
    expect(fast({ amount: 720, unit: 'minutes' }).dueAt).toBe('2026-03-19T12:00:00.500Z');
    expect(fast({ amount: 5, unit: 'seconds' }).dueAt).toBe('2026-03-19T12:00:05.000Z');
  });

  it('scales to any length of day', () => {
    const policy = { secondsPerDay: 10, weekendDays: [5] };
    expect(computeDeadline('2026-03-19T12:00:00Z', businessDays(3), policy, holidaysForYear).dueAt).toBe(
      '2026-03-19T12:00:30.000Z',
    );
  });
});

describe('reminders before a deadline', () => {
  const remind = (due: string, rule: DurationRule) => computeReminderAt(due, rule, defaultPolicy, holidaysForYear);

  it('counts business days backwards, keeping the time of day', () => {
    // Due at the end of Monday 4 May 2026; two business days before is the end of Saturday 2 May.
    const r = remind(endOf('2026-05-04'), businessDays(2));
    expect(r).toEqual({ remindAt: endOf('2026-05-02'), remindAtJalali: '1405/02/12', provisional: false });
  });

  it('skips weekend days and holidays going backwards too', () => {
    // Due Wednesday 1405/01/05: Tuesday back to Saturday are Nowruz, Friday is 29 Esfand; Thursday 1404/12/28 counts.
    expect(remind(endOf('2026-03-25'), businessDays(1)).remindAt).toBe(endOf('2026-03-19'));
  });

  it('moves a calendar-day reminder that lands on a day off back to the business day before', () => {
    // Three days before Monday 4 May 2026 is Friday 1 May; the reminder goes out on Thursday.
    expect(remind(endOf('2026-05-04'), calendarDays(3)).remindAt).toBe(endOf('2026-04-30'));
  });

  it('is provisional when it counts back over a year of estimated holidays', () => {
    expect(remind(endOf('2027-03-25'), businessDays(2)).provisional).toBe(true);
    expect(remind(endOf('2027-03-01'), businessDays(2)).provisional).toBe(false);
  });

  it('keeps the end of a summer day of 2021 at +04:30', () => {
    // Due at the end of Monday 1400/04/14; one business day before is the end of Sunday, 19:29:59.999 UTC.
    expect(remind('2021-07-05T19:29:59.999Z', businessDays(1)).remindAt).toBe('2021-07-04T19:29:59.999Z');
  });

  it('subtracts scaled time under the fast policy', () => {
    const r = computeReminderAt('2026-03-19T12:00:03.000Z', businessDays(1), fastPolicy, holidaysForYear);
    expect(r).toEqual({ remindAt: '2026-03-19T12:00:02.000Z', remindAtJalali: '1404/12/28', provisional: false });
  });
});

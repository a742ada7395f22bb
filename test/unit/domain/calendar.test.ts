import {
  computeDeadline,
  computeReminderAt,
  hasHolidayTable,
  holidaysForYear,
  jalaliYearOf,
  persianDigits,
  tehranDateOf,
  toHolidayTable,
  toJalali,
} from '../../../domain/calendar';
import type { HolidayLookup } from '../../../domain/calendar';
import { defaultPolicy, fastPolicy } from '../../../domain/policy';
import type { DurationRule } from '../../../domain/policy';

const businessDays = (amount: number): DurationRule => ({ amount, unit: 'business_days' });
const calendarDays = (amount: number): DurationRule => ({ amount, unit: 'calendar_days' });
const tehran = (date: string, time = '10:00'): string => `${date}T${time}:00+03:30`;
/** The end of a Tehran day, 23:59:59.999 local time, as the UTC instant the API returns. */
const endOf = (date: string): string => new Date(Date.parse(`${date}T23:59:59.999+03:30`)).toISOString();

const deadline = (from: string, rule: DurationRule) => computeDeadline(from, rule, defaultPolicy, holidaysForYear);

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

  it('turns the day at midnight Tehran time, 20:30 UTC, with no daylight saving in summer', () => {
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

describe('holiday tables', () => {
  it('keeps a table for 1404, 1405 and 1406 and none for other years', () => {
    expect([1403, 1404, 1405, 1406, 1407].map(hasHolidayTable)).toEqual([false, true, true, true, false]);
    expect(holidaysForYear(1407)).toBeUndefined();
  });

  it.each([1404, 1405, 1406])('lists the fixed solar holidays of %i', (year) => {
    const table = holidaysForYear(year);
    for (const md of ['01/01', '01/02', '01/03', '01/04', '01/12', '01/13', '03/14', '03/15', '11/22', '12/29']) {
      expect(table?.has(`${year}/${md}`)).toBe(true);
    }
    expect(table?.get(`${year}/01/01`)).toMatch(/Nowruz/);
  });

  it.each([1404, 1405, 1406])('lists Tasua, Ashura, both Eids and the other lunar holidays of %i', (year) => {
    const names = [...(holidaysForYear(year)?.values() ?? [])].join('; ');
    for (const name of ['Tasua', 'Ashura', 'Arbaeen', 'Eid al-Adha', 'Eid al-Ghadir', 'Mab', "Imam Ali's martyrdom"]) {
      expect(names).toContain(name);
    }
  });

  it('joins the names of holidays that fall on the same day', () => {
    expect(holidaysForYear(1404)?.get('1404/01/02')).toBe("Nowruz; Imam Ali's martyrdom");
  });

  it('refuses a holiday file with a date outside its year', () => {
    const file = { year: 1405, source: 'test', holidays: [{ date: '1404/01/01', name: 'Nowruz', fa: 'نوروز' }] };
    expect(() => toHolidayTable(file)).toThrow(/not a date in 1405/);
  });
});

describe('deadlines on the real calendar', () => {
  it('does not count the day of service and ends at the end of the last day, Tehran time', () => {
    // Saturday 1405/01/29; the first day counted is Sunday.
    const d = deadline(tehran('2026-04-18', '09:00'), calendarDays(1));
    expect(d).toEqual({ dueAt: endOf('2026-04-19'), dueAtJalali: '1405/01/30', missingYears: [] });
    expect(d.dueAt).toBe('2026-04-19T20:29:59.999Z');
    expect(deadline(tehran('2026-04-18', '23:59'), calendarDays(1)).dueAt).toBe(endOf('2026-04-19'));
  });

  it('takes the day of service in Tehran, not in UTC', () => {
    // 21:00 UTC on Saturday is 00:30 on Sunday in Tehran, so Sunday is the day of service.
    expect(deadline('2026-04-18T21:00:00Z', calendarDays(1)).dueAt).toBe(endOf('2026-04-20'));
  });

  it('skips Fridays when counting business days', () => {
    // From Tuesday 28 April 2026: Wed, Thu, (Fri), Sat, Sun, Mon.
    const d = deadline(tehran('2026-04-28'), businessDays(5));
    expect(d.dueAt).toBe(endOf('2026-05-04'));
    expect(d.dueAtJalali).toBe('1405/02/14');
  });

  it('skips Thursdays too when the policy makes them weekend days', () => {
    const policy = { ...defaultPolicy, weekendDays: [4, 5] };
    expect(computeDeadline(tehran('2026-04-28'), businessDays(5), policy, holidaysForYear).dueAt).toBe(
      endOf('2026-05-05'),
    );
  });

  it('moves a calendar-day window whose last day is a Friday to the Saturday after', () => {
    expect(deadline(tehran('2026-04-28'), calendarDays(3)).dueAt).toBe(endOf('2026-05-02'));
  });

  it('moves a window whose last day is a holiday to the next business day', () => {
    // Ten days from Sunday 1404/11/12 is 22 Bahman, a Wednesday holiday; the window ends on Thursday.
    const d = deadline(tehran('2026-02-01'), calendarDays(10));
    expect(d.dueAt).toBe(endOf('2026-02-12'));
    expect(d.dueAtJalali).toBe('1404/11/23');
  });

  it('skips the Nowruz holidays in a window that crosses from 1404 into 1405', () => {
    // From Tuesday 1404/12/26: Wed 27, Thu 28 count; 29 Esfand (Friday, holiday) and 1–4 Farvardin do not.
    const d = deadline(tehran('2026-03-17'), businessDays(3));
    expect(d).toEqual({ dueAt: endOf('2026-03-25'), dueAtJalali: '1405/01/05', missingYears: [] });
    expect(deadline(tehran('2026-03-17'), calendarDays(5)).dueAtJalali).toBe('1405/01/05');
  });

  it('adds hours, minutes and seconds exactly, without rounding to the end of a day', () => {
    const from = '2026-04-18T06:00:00.000Z';
    expect(deadline(from, { amount: 6, unit: 'hours' }).dueAt).toBe('2026-04-18T12:00:00.000Z');
    expect(deadline(from, { amount: 90, unit: 'minutes' }).dueAt).toBe('2026-04-18T07:30:00.000Z');
    expect(deadline(from, { amount: 5, unit: 'seconds' }).dueAt).toBe('2026-04-18T06:00:05.000Z');
  });

  it('reports a Jalali year without a holiday table and counts only weekends there', () => {
    // 1407 begins on 20 March 2028; from Wednesday 15 March 2028 the window runs into it.
    const d = deadline('2028-03-15T08:00:00Z', businessDays(10));
    expect(d.missingYears).toEqual([1407]);
    const noTables: HolidayLookup = () => undefined;
    const plain = computeDeadline(tehran('2026-04-28'), businessDays(5), defaultPolicy, noTables);
    expect(plain.dueAt).toBe(endOf('2026-05-04'));
    expect(plain.missingYears).toEqual([1405]);
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
      missingYears: [],
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
  it('counts business days backwards, keeping the time of day', () => {
    // Due at the end of Monday 4 May 2026; two business days before is the end of Saturday 2 May.
    const r = computeReminderAt(endOf('2026-05-04'), businessDays(2), defaultPolicy, holidaysForYear);
    expect(r).toEqual({ remindAt: endOf('2026-05-02'), remindAtJalali: '1405/02/12', missingYears: [] });
  });

  it('skips weekend days and holidays going backwards too', () => {
    // Due Wednesday 1405/01/05: Tuesday back to Saturday are Nowruz, Friday is 29 Esfand; Thursday 1404/12/28 counts.
    const r = computeReminderAt(endOf('2026-03-25'), businessDays(1), defaultPolicy, holidaysForYear);
    expect(r.remindAt).toBe(endOf('2026-03-19'));
  });

  it('moves a calendar-day reminder that lands on a day off back to the business day before', () => {
    // Three days before Monday 4 May 2026 is Friday 1 May; the reminder goes out on Thursday.
    const r = computeReminderAt(endOf('2026-05-04'), calendarDays(3), defaultPolicy, holidaysForYear);
    expect(r.remindAt).toBe(endOf('2026-04-30'));
  });

  it('subtracts scaled time under the fast policy', () => {
    const r = computeReminderAt('2026-03-19T12:00:03.000Z', businessDays(1), fastPolicy, holidaysForYear);
    expect(r.remindAt).toBe('2026-03-19T12:00:02.000Z');
  });
});

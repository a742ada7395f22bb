/** Holidays from the API's calendar endpoint, and the business days left before a deadline. */
import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { dayOfIsoDate, gregorianOfDay, jalaliOfDay, tehranDayOf } from '../../../domain/calendar/jalali';
import { defaultPolicy } from '../../../domain/policy';
import { api, unwrap, type Schemas } from '../api/client';

export type Holiday = Schemas['HolidayYear']['holidays'][number];

/** The holidays of these Jalali years, by ISO date; empty until they have loaded. */
export function useHolidays(years: number[]): Map<string, Holiday[]> {
  const results = useQueries({
    queries: [...new Set(years)].map((year) => ({
      queryKey: ['holidays', year],
      queryFn: () => unwrap(api.GET('/api/v1/calendar/holidays', { params: { query: { year } } })),
      // A year's holidays do not change while the console is open.
      staleTime: Infinity,
    })),
  });
  const byDate = new Map<string, Holiday[]>();
  for (const result of results) {
    for (const holiday of result.data?.holidays ?? []) {
      byDate.set(holiday.date, [...(byDate.get(holiday.date) ?? []), holiday]);
    }
  }
  return byDate;
}

/** Friday, as the default policy counts it; the weekend the office keeps. */
export const isWeekend = (day: number): boolean => defaultPolicy.weekendDays.includes(gregorianOfDay(day).weekday);

export const isoDateOfInstant = (iso: string): string => {
  const day = tehranDayOf(Date.parse(iso));
  const { gy, gm, gd } = gregorianOfDay(day);
  return `${gy}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
};

export const jalaliYearOfInstant = (iso: string): number => jalaliOfDay(tehranDayOf(Date.parse(iso))).jy;

/**
 * Working days after today up to and including the due day (Tehran days): neither the weekend nor a holiday. Zero
 * on the due day itself; negative means passed (then counted in calendar days).
 */
export function businessDaysLeft(dueAt: string, now: number, holidays: Map<string, Holiday[]>): number {
  const today = tehranDayOf(now);
  const due = tehranDayOf(Date.parse(dueAt));
  if (due < today) return due - today;
  let count = 0;
  for (let day = today + 1; day <= due; day++) {
    const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (!isWeekend(day) && !holidays.has(iso)) count++;
  }
  return count;
}

export { dayOfIsoDate };

/** The time when the component mounted: "today" for counting days, stable across re-renders as React requires. */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}

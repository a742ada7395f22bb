/**
 * A Jalali date (and optionally time) picker: year and month chosen from lists, days in a Saturday-first grid with
 * weekends and the API's holidays marked. It speaks ISO: a date as `YYYY-MM-DD`, a date-time as an instant, both
 * counted in Tehran time.
 */
import { useId, useState } from 'react';
import { Box, Group, Input, NativeSelect, Text, UnstyledButton } from '@mantine/core';
import {
  dayOfIsoDate,
  dayOfJalali,
  gregorianOfDay,
  isoDateOfDay,
  jalaliMonthLength,
  jalaliOfDay,
  startOfTehranDay,
  tehranDayOf,
} from '../../../domain/calendar/jalali';
import { useI18n } from '../i18n';
import { isWeekend, useHolidays, useNow } from '../lib/calendar';

export interface JalaliPickerProps {
  label: string;
  /** `YYYY-MM-DD`, or with `withTime` an ISO instant; empty when nothing is chosen. */
  value: string;
  onChange(value: string): void;
  withTime?: boolean;
  required?: boolean;
  /** Jalali years offered in the year list. */
  years?: [number, number];
  error?: string;
  testId?: string;
}

const MINUTES = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55];

function dayOfValue(value: string, withTime: boolean): number | undefined {
  if (!value) return undefined;
  if (!withTime) return dayOfIsoDate(value) ?? undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : tehranDayOf(ms);
}

/** Hours and minutes of the chosen instant, on Tehran's clock. */
function clockOf(value: string): { hour: number; minute: number } {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return { hour: 9, minute: 0 };
  const minutes = Math.round((ms - startOfTehranDay(tehranDayOf(ms))) / 60_000);
  return { hour: Math.floor(minutes / 60), minute: minutes % 60 };
}

export function JalaliPicker({
  label,
  value,
  onChange,
  withTime = false,
  required,
  years,
  error,
  testId,
}: JalaliPickerProps) {
  const { m, fmt, num, date, dateTime, lang, digits } = useI18n();
  const id = useId();
  const chosenDay = dayOfValue(value, withTime);
  const now = useNow();
  const today = jalaliOfDay(tehranDayOf(now));
  const [shown, setShown] = useState(() => {
    const j = jalaliOfDay(chosenDay ?? tehranDayOf(now));
    return { jy: j.jy, jm: j.jm };
  });
  const [clock, setClock] = useState(() => clockOf(value));
  const holidays = useHolidays([shown.jy]);
  const [fromYear, toYear] = years ?? [today.jy - 1, today.jy + 1];
  const locale = `${lang === 'fa' ? 'fa-IR' : 'en-US'}-u-ca-persian`;
  const monthName = (jm: number) =>
    new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'Asia/Tehran' }).format(
      startOfTehranDay(dayOfJalali({ jy: shown.jy, jm, jd: 15 })) + 12 * 3_600_000,
    );
  const weekdayName = (day: number) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(day * 86_400_000);

  const emit = (day: number, at = clock) => {
    if (!withTime) onChange(isoDateOfDay(day));
    else onChange(new Date(startOfTehranDay(day) + (at.hour * 60 + at.minute) * 60_000).toISOString());
  };

  const first = dayOfJalali({ jy: shown.jy, jm: shown.jm, jd: 1 });
  const length = jalaliMonthLength(shown.jy, shown.jm);
  // Saturday first: getUTCDay() 6 (Saturday) becomes column 0.
  const lead = (gregorianOfDay(first).weekday + 1) % 7;
  const days = Array.from({ length }, (_, i) => first + i);
  const yearOptions = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);

  return (
    <Input.Wrapper
      label={label}
      required={required}
      error={error}
      id={id}
      description={
        value
          ? fmt(m.picker.chosen, { date: withTime ? dateTime(value) : date(`${value}T12:00:00Z`) })
          : m.picker.nothing
      }
      data-testid={testId}
    >
      <Box p="xs" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }} maw={360}>
        <Group gap="xs" mb="xs" grow>
          <NativeSelect
            aria-label={`${label}: ${m.picker.year}`}
            value={String(shown.jy)}
            onChange={(e) => setShown({ ...shown, jy: Number(e.currentTarget.value) })}
            data={yearOptions.map((y) => ({ value: String(y), label: digits(String(y)) }))}
            data-testid={testId && `${testId}-year`}
          />
          <NativeSelect
            aria-label={`${label}: ${m.picker.month}`}
            value={String(shown.jm)}
            onChange={(e) => setShown({ ...shown, jm: Number(e.currentTarget.value) })}
            data={Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: monthName(i + 1) }))}
            data-testid={testId && `${testId}-month`}
          />
        </Group>
        <div className="picker-grid" role="group" aria-label={`${label}: ${monthName(shown.jm)}`}>
          {days.slice(0, 7).map((day) => {
            const column = (gregorianOfDay(day).weekday + 1) % 7;
            return (
              <Text key={`h${day}`} size="xs" ta="center" aria-hidden style={{ gridColumn: column + 1, gridRow: 1 }}>
                {weekdayName(day)}
              </Text>
            );
          })}
          {days.map((day, i) => {
            const iso = isoDateOfDay(day);
            const holiday = holidays.get(iso);
            const off = isWeekend(day) || Boolean(holiday);
            const names = holiday?.map((h) => (lang === 'fa' ? h.fa : h.name)).join('، ');
            const selected = day === chosenDay;
            return (
              <UnstyledButton
                key={day}
                className="picker-day"
                data-off={off}
                data-selected={selected}
                data-date={iso}
                aria-pressed={selected}
                aria-label={`${date(`${iso}T12:00:00Z`)}${holiday ? ` (${m.picker.holiday}: ${names})` : isWeekend(day) ? ` (${m.picker.weekend})` : ''}`}
                title={names}
                onClick={() => emit(day)}
                style={{
                  gridRow: Math.floor((lead + i) / 7) + 2,
                  gridColumn: ((lead + i) % 7) + 1,
                  textAlign: 'center',
                  padding: 4,
                  borderRadius: 4,
                }}
              >
                {num(i + 1)}
              </UnstyledButton>
            );
          })}
        </div>
        {withTime && (
          <Group gap="xs" mt="xs" grow>
            <NativeSelect
              label={m.form.hour}
              value={String(clock.hour)}
              onChange={(e) => {
                const next = { ...clock, hour: Number(e.currentTarget.value) };
                setClock(next);
                if (chosenDay !== undefined) emit(chosenDay, next);
              }}
              data={Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: num(h) }))}
              data-testid={testId && `${testId}-hour`}
            />
            <NativeSelect
              label={m.form.minute}
              value={String(clock.minute)}
              onChange={(e) => {
                const next = { ...clock, minute: Number(e.currentTarget.value) };
                setClock(next);
                if (chosenDay !== undefined) emit(chosenDay, next);
              }}
              data={MINUTES.map((mm) => ({ value: String(mm), label: num(mm) }))}
            />
          </Group>
        )}
      </Box>
    </Input.Wrapper>
  );
}

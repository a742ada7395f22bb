/** The zod schemas of the calendar endpoints' queries and responses: they validate, type and document them. */
import { z } from 'zod';
import { instantOf, jalaliYearOf } from '../domain/calendar';

/** The years the endpoints answer for: the calendar itself covers more, but nothing in a case lies outside. */
export const CALENDAR_YEARS = { min: 1300, max: 1500 } as const;

const instant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const jalaliDate = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/);
const dayUnits = ['calendar_days', 'business_days'] as const;

export const holidaysQuerySchema = z.strictObject({
  year: z.coerce
    .number()
    .int()
    .min(CALENDAR_YEARS.min)
    .max(CALENDAR_YEARS.max)
    .meta({ description: `Jalali year, ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max}`, example: 1405 }),
});

const RULE = /^(\d{1,3})_(calendar_days|business_days)$/;
const isDayUnit = (unit: string | undefined): unit is (typeof dayUnits)[number] => dayUnits.some((u) => u === unit);

/** Whether an instant's Tehran day lies in the years the endpoints answer for (the window may end a year later). */
function inCalendarYears(iso: string): boolean {
  try {
    const year = jalaliYearOf(new Date(instantOf(iso)).toISOString());
    return year >= CALENDAR_YEARS.min && year < CALENDAR_YEARS.max;
  } catch {
    return false;
  }
}

export const deadlineQuerySchema = z.strictObject({
  from: instant
    .refine(inCalendarYears, {
      message: `must lie in Jalali years ${CALENDAR_YEARS.min} to ${CALENDAR_YEARS.max - 1}`,
      // Only an instant the format check let through has a year to speak of.
      when: ({ issues }) => issues.length === 0,
    })
    .meta({
      description: 'When the window opens (the service): an ISO 8601 instant with a zone; its day is not counted',
    }),
  rule: z
    .string()
    .regex(RULE, 'must be <amount>_calendar_days or <amount>_business_days, e.g. 10_business_days')
    .transform((rule, ctx) => {
      const [, amount, unit] = RULE.exec(rule) ?? [];
      if (!isDayUnit(unit) || Number(amount) < 1 || Number(amount) > 365) {
        ctx.addIssue({ code: 'custom', message: 'the amount must be 1 to 365' });
        return z.NEVER;
      }
      return { amount: Number(amount), unit };
    })
    .meta({
      description: 'Amount and unit: `<1..365>_calendar_days` or `<1..365>_business_days`',
      example: '15_calendar_days',
    }),
  policy: z
    .enum(['default', 'fast'])
    .default('default')
    .meta({ description: '`fast` scales each day to seconds and skips nothing (tests and benchmarks)' }),
});

const holidaySchema = z.strictObject({
  date: isoDate,
  jalali: jalaliDate,
  name: z.string(),
  fa: z.string(),
  kind: z.enum(['solar', 'lunar']),
  provisional: z.boolean().meta({ description: 'An estimate: the official calendar of this year is not kept' }),
});

export const holidayYearSchema = z.strictObject({
  year: z.number().int(),
  official: z.boolean().meta({ description: 'Whether the lunar holidays come from Iran’s official calendar' }),
  sources: z.array(z.string()),
  holidays: z.array(holidaySchema).meta({ description: 'Sorted by date; holidays sharing a day are separate entries' }),
});

const skippedDaySchema = z.strictObject({
  date: isoDate,
  jalali: jalaliDate,
  reason: z.enum(['weekend', 'holiday']),
  name: z.string().optional().meta({ description: 'The holiday on that day, also when it fell on a weekend day' }),
  fa: z.string().optional(),
  provisional: z.literal(true).optional().meta({ description: 'The holiday is an estimate' }),
});

export const deadlineReportSchema = z.strictObject({
  from: instant,
  fromJalali: jalaliDate,
  rule: z.strictObject({ amount: z.number().int(), unit: z.enum(dayUnits) }),
  policy: z.string(),
  dueAt: instant,
  dueAtJalali: jalaliDate,
  provisional: z.boolean().meta({
    description: 'The count went through a year whose lunar holidays are estimates: the date may move by a day',
  }),
  skipped: z.array(skippedDaySchema).meta({
    description: 'Days not counted (business days), or that moved the end (calendar days), in date order',
  }),
});

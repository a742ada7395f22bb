/**
 * `npm run calendar -- deadline --from 1405/04/29 --days 15` and `npm run calendar -- holidays --year 1405`: the
 * calendar endpoints on a terminal, counted by the same code and checked by the same schemas.
 */
import { parseArgs } from 'node:util';
import { deadlineQuerySchema, holidaysQuerySchema } from '../api/calendar-schemas';
import {
  dayOfIsoDate,
  dayOfJalali,
  explainDeadline,
  holidaysForYear,
  instantOf,
  parseJalali,
  startOfTehranDay,
  type DeadlineReport,
  type HolidayYear,
} from '../domain/calendar';
import { policyByName } from '../domain/policy';

const usage = `usage:
  npm run -s calendar -- deadline (--days N | --business-days N) [--from DATE] [--policy default|fast] [--json]
  npm run -s calendar -- holidays --year 1405 [--json]

--from is a Jalali date (1405/04/29), a Gregorian date (2026-07-20) or an ISO instant with a zone; a date means
that Tehran day (the day of service is not counted, so its time does not matter). Default: now.`;

class UsageError extends Error {}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const weekdayOf = (isoDate: string): string => WEEKDAYS[new Date(`${isoDate}T00:00:00Z`).getUTCDay()] ?? '';
const asciiDigits = (s: string): string => s.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));

/** An instant on the day `--from` names; Jalali years are told from Gregorian ones by size (1405 vs 2026). */
function fromInstant(given: string | undefined): string {
  if (given === undefined) return new Date().toISOString();
  const text = asciiDigits(given.trim());
  const date = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(text);
  if (date) {
    const [, y, m, d] = date;
    let day: number | null;
    if (Number(y) < 1700) {
      const jalali = parseJalali(`${y}/${m}/${d}`);
      day = jalali && dayOfJalali(jalali);
    } else {
      day = dayOfIsoDate(`${y}-${m}-${d}`);
    }
    if (day === null) throw new UsageError(`--from ${given} is not a date`);
    return new Date(startOfTehranDay(day)).toISOString();
  }
  try {
    return new Date(instantOf(text)).toISOString();
  } catch {
    throw new UsageError(`--from ${given} is neither a date nor an ISO instant with a zone (2026-07-20T09:00+03:30)`);
  }
}

/** The endpoint's own query schema, so the terminal refuses exactly what the API refuses. */
function checked<T>(
  result:
    { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  throw new UsageError(result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
}

function printDeadline(r: DeadlineReport, fast: boolean): void {
  const unit = r.rule.unit.replace('_', ' ').replace(/s$/, r.rule.amount === 1 ? '' : 's');
  console.log(`${r.rule.amount} ${unit} from ${r.fromJalali} (${r.from}), policy ${r.policy}`);
  console.log(`Due:      ${r.dueAtJalali} (${r.dueAt})`);
  if (!r.skipped.length) console.log('Skipped:  none');
  else console.log(`Skipped:  ${r.skipped.length} day${r.skipped.length === 1 ? '' : 's'}`);
  for (const s of r.skipped) {
    const holiday = s.name ? `  ${s.name} (${s.fa ?? ''})${s.provisional ? ' [provisional]' : ''}` : '';
    console.log(`  ${s.jalali}  ${s.date}  ${weekdayOf(s.date)}  ${s.reason.padEnd(7)}${holiday}`);
  }
  if (fast) console.log('Fast policy: a day lasts seconds and nothing is skipped.');
  else if (r.provisional) {
    console.log('PROVISIONAL: the count runs through a year whose lunar holidays are estimates; it may move by a day.');
  } else console.log('Calendar: official holidays throughout.');
}

function printHolidays(y: HolidayYear): void {
  const lunar = y.official ? 'lunar holidays from the official calendar' : 'lunar holidays ESTIMATED (provisional)';
  const days = new Set(y.holidays.map((h) => h.date)).size;
  console.log(`Holidays of ${y.year}: ${y.holidays.length} on ${days} days, ${lunar}`);
  for (const h of y.holidays) {
    const mark = h.provisional ? '  [provisional]' : '';
    console.log(`  ${h.jalali}  ${h.date}  ${weekdayOf(h.date)}  ${h.kind.padEnd(5)}  ${h.name} (${h.fa})${mark}`);
  }
  console.log('Sources:');
  for (const s of y.sources) console.log(`  - ${s}`);
}

function main(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      days: { type: 'string' },
      'business-days': { type: 'string' },
      policy: { type: 'string', default: 'default' },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (values.help) {
    console.log(usage);
    return;
  }
  if (command === 'deadline') {
    const { days, 'business-days': businessDays } = values;
    if ((days === undefined) === (businessDays === undefined)) {
      throw new UsageError('give one of --days N (calendar days) or --business-days N');
    }
    const rule = days !== undefined ? `${days}_calendar_days` : `${businessDays}_business_days`;
    const query = checked(
      deadlineQuerySchema.safeParse({ from: fromInstant(values.from), rule, policy: values.policy }),
    );
    const policy = policyByName(query.policy);
    const report = explainDeadline(query.from, query.rule, policy);
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else printDeadline(report, policy.secondsPerDay !== null);
    return;
  }
  if (command === 'holidays') {
    const { year } = checked(holidaysQuerySchema.safeParse({ year: values.year }));
    const holidays = holidaysForYear(year);
    if (values.json) console.log(JSON.stringify(holidays, null, 2));
    else printHolidays(holidays);
    return;
  }
  throw new UsageError(command ? `unknown command "${command}"` : 'which command?');
}

// `| head` closing the pipe is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError) && !(error instanceof TypeError && 'code' in error)) throw error;
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}

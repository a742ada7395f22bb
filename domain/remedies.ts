/** The two remedies of Labour Law Art. 165 for a wrongful dismissal, measured on the Jalali calendar in exact rials. */
import { DAY_MS, jalaliOfDay, type JalaliDate } from './calendar/jalali';

/** An amount of rials that would be inexact as a JavaScript number, or is not a whole non-negative amount at all. */
export class ImplausibleAmountError extends RangeError {
  override name = 'ImplausibleAmountError';
}

/** A date that is not a real ISO date, lies outside 1300/01/01 (1921-03-21) – 2200, or comes in the wrong order. */
export class ImplausibleDateError extends RangeError {
  override name = 'ImplausibleDateError';
}

/** Whole Jalali years, then months of 30 days (twelve to a year), then days (0–29). */
export interface ServiceLength {
  years: number;
  months: number;
  days: number;
}

export interface DismissalFacts {
  /** ISO dates (`YYYY-MM-DD`), already Tehran dates: first day of employment, dismissal, ruling. */
  startedOn: string;
  endedOn: string;
  rulingOn: string;
  monthlyWageRials: number;
}

export interface DismissalRemedies {
  /** Back pay from dismissal to ruling, if the board orders reinstatement. */
  reinstatement: { backPayRials: number; period: ServiceLength };
  /** 45 days' wage per year of service, if the board orders compensation instead. */
  compensation: { rials: number; service: ServiceLength };
}

export interface SuggestedRemedy extends DismissalRemedies {
  claimIndex: number;
}

export interface Employment {
  startedOn: string;
  endedOn?: string;
  monthlyWageRials: number;
}

const EARLIEST = '1921-03-21'; // 1300/01/01: no Jalali employment record is older
const LATEST = '2200-12-31';
const COMPENSATION_DAYS_PER_YEAR = 45n;
const DAYS_PER_MONTH = 30n;
const DAYS_PER_YEAR = 360n;

function jalaliOfIso(iso: string, field: string): JalaliDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 02-30 over to 03-02; only a date that survives the round trip is real.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== iso) {
    throw new ImplausibleDateError(`${field} must be an ISO date (YYYY-MM-DD), got "${iso}"`);
  }
  if (iso < EARLIEST || iso > LATEST) {
    throw new ImplausibleDateError(`${field} ${iso} is outside ${EARLIEST} (1300/01/01) to ${LATEST}`);
  }
  return jalaliOfDay(ms / DAY_MS);
}

/**
 * Service from `fromIso` up to `toIso`: the first day is the first day worked and the day of dismissal ends
 * service without being counted, so a job begun on 1403/01/01 and ended on 1404/01/01 lasted exactly one year,
 * and the same day twice is no service.
 *
 * The usual borrow on Jalali dates: subtract day, month and year; a negative day borrows a 30-day month, a
 * negative month a 12-month year. So a year is a year whatever its leap days, and a 31-day month or a short
 * Esfand shifts the count by a day or two at a month's end, never making later dates count less. A 30-day
 * remainder (from day 1 to day 31 of a month) is carried into a month so that days stay below 30.
 */
export function serviceLength(fromIso: string, toIso: string): ServiceLength {
  const from = jalaliOfIso(fromIso, 'the start');
  const to = jalaliOfIso(toIso, 'the end');
  if (toIso < fromIso) throw new ImplausibleDateError(`The end (${toIso}) is before the start (${fromIso})`);
  let years = to.jy - from.jy;
  let months = to.jm - from.jm;
  let days = to.jd - from.jd;
  if (days < 0) {
    days += 30;
    months -= 1;
  }
  if (days === 30) {
    days = 0;
    months += 1;
  }
  if (months < 0) {
    months += 12;
    years -= 1;
  }
  return { years, months, days };
}

/** Service in 30-day-month days: 360 a year, 30 a month. */
const dayCount = ({ years, months, days }: ServiceLength): bigint =>
  BigInt(years) * DAYS_PER_YEAR + BigInt(months) * DAYS_PER_MONTH + BigInt(days);

/** `numerator / denominator` rounded half up, once, at the very end; both are non-negative. */
function rialsOf(numerator: bigint, denominator: bigint, what: string): number {
  const rials = (2n * numerator + denominator) / (2n * denominator);
  if (rials > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ImplausibleAmountError(`${what} would be ${rials} rials, past ${Number.MAX_SAFE_INTEGER}: implausible`);
  }
  return Number(rials);
}

function checkWage(wage: number): bigint {
  if (!Number.isSafeInteger(wage) || wage < 0) {
    throw new ImplausibleAmountError(
      `The monthly wage must be a whole number of rials from 0 to ${Number.MAX_SAFE_INTEGER}, got ${wage}`,
    );
  }
  return BigInt(wage);
}

/**
 * Back pay at the monthly wage for each 30-day month from dismissal to ruling, and compensation of 45 days' wage
 * (the daily wage being a thirtieth of the monthly) per year of service, both pro rata for months and days.
 * Everything is computed in BigInt and rounded half up to the rial once, so no amount drifts; an amount past
 * 2^53 − 1 rials is refused rather than rounded.
 */
export function computeDismissalRemedies(facts: DismissalFacts): DismissalRemedies {
  const wage = checkWage(facts.monthlyWageRials);
  // Checked here first so that a refusal names the field, which serviceLength's message cannot.
  for (const field of ['startedOn', 'endedOn', 'rulingOn'] as const) jalaliOfIso(facts[field], field);
  const service = serviceLength(facts.startedOn, facts.endedOn);
  if (facts.rulingOn < facts.endedOn) {
    throw new ImplausibleDateError(`The ruling (${facts.rulingOn}) is before the dismissal (${facts.endedOn})`);
  }
  const period = serviceLength(facts.endedOn, facts.rulingOn);
  return {
    reinstatement: { backPayRials: rialsOf(wage * dayCount(period), DAYS_PER_MONTH, 'Back pay'), period },
    compensation: {
      // wage/30 a day × 45 days × (service days / 360 a year)
      rials: rialsOf(
        wage * COMPENSATION_DAYS_PER_YEAR * dayCount(service),
        DAYS_PER_MONTH * DAYS_PER_YEAR,
        'Compensation',
      ),
      service,
    },
  };
}

/** The remedies, or `undefined` when the facts are missing or implausible: the member then fills the form by hand. */
function remediesIfPlausible(employment: Employment, rulingOn: string): DismissalRemedies | undefined {
  const { startedOn, endedOn, monthlyWageRials } = employment;
  if (endedOn === undefined) return undefined;
  try {
    return computeDismissalRemedies({ startedOn, endedOn, rulingOn, monthlyWageRials });
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

/**
 * The remedies to pre-fill on a vote for each `wrongful_dismissal` claim of a case, as of `rulingOn`. Never throws:
 * a query answers with it, so facts that do not fit (no dismissal date, dates out of order, an absurd wage) give
 * no suggestion.
 */
export function suggestedRemedies(
  claims: readonly { kind: string; amountRials?: number }[],
  employment: Employment,
  rulingOn: string,
): SuggestedRemedy[] {
  if (!claims.some((c) => c.kind === 'wrongful_dismissal')) return [];
  const remedies = remediesIfPlausible(employment, rulingOn);
  if (remedies === undefined) return [];
  return claims.flatMap((claim, claimIndex) =>
    claim.kind === 'wrongful_dismissal' ? [{ claimIndex, ...remedies }] : [],
  );
}

/**
 * The full amount of each claim for the vote count: its amountRials, or for a wrongful_dismissal claim without one,
 * the Art. 165 compensation; undefined when neither is known. Never throws: a wrongful dismissal whose compensation
 * cannot be computed (the same facts `suggestedRemedies` turns down) simply has no full amount.
 */
export function claimBases(
  claims: readonly { kind: string; amountRials?: number }[],
  employment: Employment,
  rulingOn: string,
): { fullAmountRials?: number; maxAmountRials?: number }[] {
  const needsRemedy = claims.some((c) => c.amountRials === undefined && c.kind === 'wrongful_dismissal');
  const remedies = needsRemedy ? remediesIfPlausible(employment, rulingOn) : undefined;
  return claims.map((claim) => {
    if (claim.amountRials !== undefined) return { fullAmountRials: claim.amountRials };
    if (claim.kind !== 'wrongful_dismissal' || !remedies) return {};
    // An uphold means the compensation; a member choosing reinstatement may award the back pay instead.
    const compensation = remedies.compensation.rials;
    return {
      fullAmountRials: compensation,
      maxAmountRials: Math.max(compensation, remedies.reinstatement.backPayRials),
    };
  });
}

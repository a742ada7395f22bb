/** The two remedies of Labour Law Art. 165 for a wrongful dismissal, pre-filled on a board member's vote form. */

export interface DismissalFacts {
  /** ISO dates (`YYYY-MM-DD`): first day of employment, dismissal, ruling. */
  startedOn: string;
  endedOn: string;
  rulingOn: string;
  monthlyWageRials: number;
}

export interface DismissalRemedies {
  /** Back pay from dismissal to ruling, if the board orders reinstatement. */
  reinstatement: { backPayRials: number; months: number };
  /** 45 days' wage per year of service, if the board orders compensation instead. */
  compensation: { rials: number; yearsOfService: number };
}

// Procedure counts a month as 30 days; a year of service is a calendar year, 365 days, pro rata.
const DAYS_PER_MONTH = 30;
const DAYS_PER_YEAR = 365;
const COMPENSATION_DAYS_PER_YEAR = 45;

function dayOf(isoDate: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? Date.parse(`${isoDate}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new Error(`${field} must be an ISO date (YYYY-MM-DD), got "${isoDate}"`);
  }
  return ms / 86_400_000;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

export function computeDismissalRemedies(facts: DismissalFacts): DismissalRemedies {
  const started = dayOf(facts.startedOn, 'startedOn');
  const ended = dayOf(facts.endedOn, 'endedOn');
  const ruling = dayOf(facts.rulingOn, 'rulingOn');
  const wage = facts.monthlyWageRials;
  if (ended < started) throw new Error(`Dismissal (${facts.endedOn}) is before employment began (${facts.startedOn})`);
  if (ruling < ended) throw new Error(`Ruling (${facts.rulingOn}) is before the dismissal (${facts.endedOn})`);
  if (!Number.isFinite(wage) || wage < 0) throw new Error(`Monthly wage must be a non-negative amount, got ${wage}`);

  const daysOut = ruling - ended;
  const daysServed = ended - started;
  // Multiply before dividing so that whole-month and whole-year cases come out exact.
  return {
    reinstatement: {
      backPayRials: Math.round((wage * daysOut) / DAYS_PER_MONTH),
      months: round2(daysOut / DAYS_PER_MONTH),
    },
    compensation: {
      rials: Math.round((wage * COMPENSATION_DAYS_PER_YEAR * daysServed) / (DAYS_PER_MONTH * DAYS_PER_YEAR)),
      yearsOfService: round2(daysServed / DAYS_PER_YEAR),
    },
  };
}

export interface SuggestedRemedy extends DismissalRemedies {
  claimIndex: number;
}

/**
 * The remedies to pre-fill on a vote for each `wrongful_dismissal` claim of a case, as of `rulingOn`; claims
 * without a dismissal date (or with dates that do not fit) get none, and the member fills the form by hand.
 */
export function suggestedRemedies(
  claims: { kind: string }[],
  employment: { startedOn: string; endedOn?: string; monthlyWageRials: number },
  rulingOn: string,
): SuggestedRemedy[] {
  const { startedOn, endedOn, monthlyWageRials } = employment;
  if (!endedOn || rulingOn < endedOn) return [];
  return claims.flatMap((claim, claimIndex) =>
    claim.kind === 'wrongful_dismissal'
      ? [{ claimIndex, ...computeDismissalRemedies({ startedOn, endedOn, rulingOn, monthlyWageRials }) }]
      : [],
  );
}

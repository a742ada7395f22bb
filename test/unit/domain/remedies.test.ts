import {
  ImplausibleAmountError,
  ImplausibleDateError,
  claimBases,
  computeDismissalRemedies,
  serviceLength,
  suggestedRemedies,
} from '../../../domain/remedies';

// Jalali dates of the examples, with their Gregorian (Tehran) equivalents.
const J1398_01_01 = '2019-03-21';
const J1396_04_12 = '2017-07-03';
const J1402_12_29 = '2024-03-19'; // last day of a common Esfand
const J1403_01_01 = '2024-03-20'; // 1403 is a leap year: 366 days
const J1403_01_15 = '2024-04-03';
const J1403_01_30 = '2024-04-18';
const J1403_01_31 = '2024-04-19';
const J1403_02_01 = '2024-04-20';
const J1403_02_02 = '2024-04-21';
const J1403_06_31 = '2024-09-21';
const J1403_07_01 = '2024-09-22';
const J1403_09_25 = '2024-12-15';
const J1403_12_29 = '2025-03-19';
const J1403_12_30 = '2025-03-20'; // leap day
const J1404_01_01 = '2025-03-21'; // 1404 is common: 365 days
const J1404_01_15 = '2025-04-04';
const J1404_04_16 = '2025-07-07';
const J1404_07_11 = '2025-10-03';
const J1404_12_29 = '2026-03-20';
const J1405_01_01 = '2026-03-21';

const wage = 150_000_000; // rials a month

describe('length of service on the Jalali calendar', () => {
  it('is nothing from a day to itself: the day of dismissal ends service', () => {
    expect(serviceLength(J1404_01_01, J1404_01_01)).toEqual({ years: 0, months: 0, days: 0 });
  });

  it('is exactly one year from 1 Farvardin to 1 Farvardin, in a leap year as in a common one', () => {
    expect(serviceLength(J1403_01_01, J1404_01_01)).toEqual({ years: 1, months: 0, days: 0 });
    expect(serviceLength(J1404_01_01, J1405_01_01)).toEqual({ years: 1, months: 0, days: 0 });
  });

  it('measures 6 years 6 months 10 days from 1398/01/01 to 1404/07/11', () => {
    expect(serviceLength(J1398_01_01, J1404_07_11)).toEqual({ years: 6, months: 6, days: 10 });
  });

  it('borrows a 30-day month when the day goes negative, and a year when the month does', () => {
    // 1403/12/30 → 1405/01/01: 2 years −11 months −29 days → 1 year 0 months 1 day.
    expect(serviceLength(J1403_12_30, J1405_01_01)).toEqual({ years: 1, months: 0, days: 1 });
    // 1396/04/12 → 1403/09/25: 7 years 5 months 13 days, no borrow.
    expect(serviceLength(J1396_04_12, J1403_09_25)).toEqual({ years: 7, months: 5, days: 13 });
  });

  it('counts the 31st of a first-half month as a whole month from the 1st, and the next day the same', () => {
    // 30 remaining days are carried into a month, so days stay below 30.
    expect(serviceLength(J1403_01_01, J1403_01_30)).toEqual({ years: 0, months: 0, days: 29 });
    expect(serviceLength(J1403_01_01, J1403_01_31)).toEqual({ years: 0, months: 1, days: 0 });
    expect(serviceLength(J1403_01_01, J1403_02_01)).toEqual({ years: 0, months: 1, days: 0 });
    expect(serviceLength(J1403_01_01, J1403_02_02)).toEqual({ years: 0, months: 1, days: 1 });
  });

  it('counts nothing from the 31st to the 1st of the next month, as 30-day months must', () => {
    expect(serviceLength(J1403_01_31, J1403_02_01)).toEqual({ years: 0, months: 0, days: 0 });
    expect(serviceLength(J1403_06_31, J1403_07_01)).toEqual({ years: 0, months: 0, days: 0 });
    expect(serviceLength(J1403_01_31, J1403_02_02)).toEqual({ years: 0, months: 0, days: 1 });
  });

  it('counts Esfand as 30 days: a step from a leap Esfand 30 is one day, from a common Esfand 29 two', () => {
    expect(serviceLength(J1402_12_29, J1403_01_01)).toEqual({ years: 0, months: 0, days: 2 });
    expect(serviceLength(J1403_12_29, J1403_12_30)).toEqual({ years: 0, months: 0, days: 1 });
    expect(serviceLength(J1403_12_30, J1404_01_01)).toEqual({ years: 0, months: 0, days: 1 });
  });

  it('steps two days over the end of a 29-day Esfand and one over a leap Esfand, never backwards', () => {
    // 1404/01/15 → 1404/12/29 is 11 months 14 days; the next day, 1405/01/01, is 11 months 16 days.
    expect(serviceLength(J1404_01_15, J1404_12_29)).toEqual({ years: 0, months: 11, days: 14 });
    expect(serviceLength(J1404_01_15, J1405_01_01)).toEqual({ years: 0, months: 11, days: 16 });
    // In the leap year the same steps are one day each.
    expect(serviceLength(J1403_01_15, J1403_12_30)).toEqual({ years: 0, months: 11, days: 15 });
    expect(serviceLength(J1403_01_15, J1404_01_01)).toEqual({ years: 0, months: 11, days: 16 });
    // From the leap day to the last day of the following (common) Esfand is one day short of a year.
    expect(serviceLength(J1403_12_30, J1404_12_29)).toEqual({ years: 0, months: 11, days: 29 });
  });

  it('refuses dates that are not real, out of range, or out of order', () => {
    expect(() => serviceLength('2024-02-30', J1404_01_01)).toThrow(/ISO date/);
    expect(() => serviceLength('1403/01/01', J1404_01_01)).toThrow(ImplausibleDateError);
    expect(() => serviceLength('2024-3-20', J1404_01_01)).toThrow(/ISO date/);
    expect(() => serviceLength('1921-03-20', J1404_01_01)).toThrow(/outside 1921-03-21/);
    // 1300 is a leap year: 1301/01/01 is 1922-03-22.
    expect(serviceLength('1921-03-21', '1922-03-22')).toEqual({ years: 1, months: 0, days: 0 });
    expect(() => serviceLength(J1404_01_01, '2201-01-01')).toThrow(/outside/);
    expect(() => serviceLength(J1404_01_01, J1403_01_01)).toThrow(/end \(2024-03-20\) is before the start/);
    expect(() => serviceLength(J1404_01_01, J1403_01_01)).toThrow(RangeError);
  });
});

describe('wrongful dismissal remedies (Labour Law Art. 165)', () => {
  it('pays exactly 45 days of wage for one Jalali year, leap or common', () => {
    const oneYear = (startedOn: string, endedOn: string) =>
      computeDismissalRemedies({ startedOn, endedOn, rulingOn: endedOn, monthlyWageRials: wage }).compensation;
    // 45 days at wage / 30 a day = 1.5 monthly wages.
    expect(oneYear(J1403_01_01, J1404_01_01)).toEqual({
      rials: 225_000_000,
      service: { years: 1, months: 0, days: 0 },
    });
    expect(oneYear(J1404_01_01, J1405_01_01)).toEqual({
      rials: 225_000_000,
      service: { years: 1, months: 0, days: 0 },
    });
  });

  it('pays compensation pro rata for 6 years 6 months 10 days', () => {
    // 6·360 + 6·30 + 10 = 2350 days; 150,000,000 × 45 × 2350 / 10,800 = 1,468,750,000.
    const r = computeDismissalRemedies({
      startedOn: J1398_01_01,
      endedOn: J1404_07_11,
      rulingOn: J1404_07_11,
      monthlyWageRials: wage,
    });
    expect(r.compensation).toEqual({ rials: 1_468_750_000, service: { years: 6, months: 6, days: 10 } });
  });

  it('pays back wages for each 30-day month from dismissal to ruling, pro rata', () => {
    // 1404/01/01 → 1404/04/16 = 3 months 15 days = 3.5 monthly wages.
    const r = computeDismissalRemedies({
      startedOn: J1403_01_01,
      endedOn: J1404_01_01,
      rulingOn: J1404_04_16,
      monthlyWageRials: wage,
    });
    expect(r.reinstatement).toEqual({ backPayRials: 525_000_000, period: { years: 0, months: 3, days: 15 } });
  });

  it('awards nothing when the ruling comes on the day of dismissal and service began that day', () => {
    const r = computeDismissalRemedies({
      startedOn: J1404_01_01,
      endedOn: J1404_01_01,
      rulingOn: J1404_01_01,
      monthlyWageRials: wage,
    });
    expect(r.reinstatement.backPayRials).toBe(0);
    expect(r.compensation.rials).toBe(0);
  });

  it('stays exact for a large wage, matching a BigInt hand computation', () => {
    // 7 years 5 months 13 days = 2520 + 150 + 13 = 2683 days.
    const bigWage = 1_234_567_891;
    const r = computeDismissalRemedies({
      startedOn: J1396_04_12,
      endedOn: J1403_09_25,
      rulingOn: J1404_07_11,
      monthlyWageRials: bigWage,
    });
    const numerator = 1_234_567_891n * 45n * 2683n; // 149,055,554,319,885
    const denominator = 30n * 360n;
    // Half up: remainder 8,685 of 10,800 is past half, so the quotient 13,801,440,214 goes up by one.
    expect(numerator / denominator).toBe(13_801_440_214n);
    expect(numerator % denominator).toBe(8_685n);
    expect(r.compensation).toEqual({ rials: 13_801_440_215, service: { years: 7, months: 5, days: 13 } });
    // 1403/09/25 → 1404/07/11: 9 months 16 days = 286 days, wage × 286 / 30.
    const backPay = 1_234_567_891n * 286n;
    expect(r.reinstatement.backPayRials).toBe(Number((2n * backPay + 30n) / 60n));
    expect(r.reinstatement.period).toEqual({ years: 0, months: 9, days: 16 });
  });

  it('stays exact where products pass 2^53, which floating point would round', () => {
    // 90,000,000,000,007 rials a month for 6y 6m 10d: the product wage × 45 × 2350 is about 9.5 × 10^18.
    const hugeWage = 90_000_000_000_007;
    const r = computeDismissalRemedies({
      startedOn: J1398_01_01,
      endedOn: J1404_07_11,
      rulingOn: J1404_07_11,
      monthlyWageRials: hugeWage,
    });
    const numerator = BigInt(hugeWage) * 45n * 2350n;
    const expected = (2n * numerator + 10_800n) / 21_600n;
    expect(r.compensation.rials).toBe(Number(expected));
    expect(BigInt(r.compensation.rials)).toBe(expected);
  });

  it('rounds half a rial up', () => {
    // 1 rial a month for 4 days of back pay: 4/30 → 0; for 15 days: 15/30 = 0.5 → 1.
    const at = (rulingOn: string) =>
      computeDismissalRemedies({ startedOn: J1404_01_01, endedOn: J1404_01_01, rulingOn, monthlyWageRials: 1 });
    expect(at('2025-03-25').reinstatement.backPayRials).toBe(0);
    expect(at('2025-04-05').reinstatement).toEqual({ backPayRials: 1, period: { years: 0, months: 0, days: 15 } });
  });

  it('refuses an amount past 2^53 rials as implausible instead of rounding it', () => {
    const base = { startedOn: J1403_01_01, endedOn: J1404_01_01, rulingOn: J1404_01_01 };
    // One year of compensation is 1.5 monthly wages.
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: Number.MAX_SAFE_INTEGER })).toThrow(
      ImplausibleAmountError,
    );
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: 2 ** 53 })).toThrow(ImplausibleAmountError);
    // Under the limit by a rial: 6,004,799,503,160,661 × 1.5 = 9,007,199,254,740,991.5 → rounds past it.
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: 6_004_799_503_160_661 })).toThrow(
      /Compensation would be 9007199254740992 rials/,
    );
    expect(computeDismissalRemedies({ ...base, monthlyWageRials: 6_004_799_503_160_660 }).compensation.rials).toBe(
      Number.MAX_SAFE_INTEGER - 1,
    );
    expect(new ImplausibleAmountError('x')).toBeInstanceOf(RangeError);
  });

  it('refuses inverted dates, unreal dates and wages that are not whole non-negative rials', () => {
    const base = { startedOn: J1403_01_01, endedOn: J1404_01_01, rulingOn: J1404_04_16, monthlyWageRials: wage };
    expect(() => computeDismissalRemedies({ ...base, endedOn: '2024-03-19' })).toThrow(/before the start/);
    expect(() => computeDismissalRemedies({ ...base, rulingOn: '2025-03-20' })).toThrow(/before the dismissal/);
    expect(() => computeDismissalRemedies({ ...base, rulingOn: '2025-13-01' })).toThrow(/rulingOn must be an ISO/);
    expect(() => computeDismissalRemedies({ ...base, startedOn: '1900-01-01' })).toThrow(ImplausibleDateError);
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: -1 })).toThrow(ImplausibleAmountError);
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: 1.5 })).toThrow(/whole number of rials/);
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: Number.NaN })).toThrow(ImplausibleAmountError);
  });
});

describe('remedies suggested to the board and the full amounts the vote counts', () => {
  const claims = [
    { kind: 'unpaid_wages', amountRials: 300_000_000 },
    { kind: 'wrongful_dismissal' },
    { kind: 'other' },
    { kind: 'wrongful_dismissal', amountRials: 900_000_000 },
  ];
  const employment = { startedOn: J1398_01_01, endedOn: J1404_07_11, monthlyWageRials: wage };

  it('suggests both remedies for each wrongful dismissal claim', () => {
    const suggested = suggestedRemedies(claims, employment, J1404_07_11);
    expect(suggested.map((s) => s.claimIndex)).toEqual([1, 3]);
    expect(suggested[0]).toEqual({
      claimIndex: 1,
      reinstatement: { backPayRials: 0, period: { years: 0, months: 0, days: 0 } },
      compensation: { rials: 1_468_750_000, service: { years: 6, months: 6, days: 10 } },
    });
  });

  it('never throws: facts that do not fit give no suggestion', () => {
    const odd = [
      { ...employment, endedOn: undefined },
      { ...employment, startedOn: 'yesterday' },
      { ...employment, endedOn: '2019-03-20' },
      { ...employment, startedOn: '1800-01-01' },
      { ...employment, monthlyWageRials: -5 },
      { ...employment, monthlyWageRials: Number.POSITIVE_INFINITY },
      { ...employment, monthlyWageRials: Number.MAX_SAFE_INTEGER },
    ];
    for (const e of odd) expect(suggestedRemedies(claims, e, J1404_07_11)).toEqual([]);
    expect(suggestedRemedies(claims, employment, '2025-10-02')).toEqual([]);
    expect(suggestedRemedies(claims, employment, 'not a date')).toEqual([]);
    expect(suggestedRemedies([{ kind: 'overtime' }], employment, J1404_07_11)).toEqual([]);
  });

  it('takes each claim at its amount, a wrongful dismissal without one at its compensation, else no amount', () => {
    const { reinstatement } = computeDismissalRemedies({
      ...employment,
      endedOn: employment.endedOn ?? '',
      rulingOn: J1404_07_11,
    });
    expect(claimBases(claims, employment, J1404_07_11)).toEqual([
      { fullAmountRials: 300_000_000 },
      // Reinstatement with back pay is the other remedy a member may choose, up to the larger of the two.
      { fullAmountRials: 1_468_750_000, maxAmountRials: Math.max(1_468_750_000, reinstatement.backPayRials) },
      {},
      { fullAmountRials: 900_000_000 },
    ]);
  });

  it('has no full amount for a wrongful dismissal whose compensation cannot be computed, and never throws', () => {
    expect(claimBases(claims, { ...employment, endedOn: undefined }, J1404_07_11)).toEqual([
      { fullAmountRials: 300_000_000 },
      {},
      {},
      { fullAmountRials: 900_000_000 },
    ]);
    expect(claimBases(claims, { ...employment, monthlyWageRials: 0.5 }, J1404_07_11)[1]).toEqual({});
  });
});

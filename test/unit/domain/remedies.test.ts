import { computeDismissalRemedies } from '../../../domain/remedies';

describe('wrongful dismissal remedies (Labour Law Art. 165)', () => {
  const wage = 150_000_000; // rials a month

  it('pays back wages for each 30 days from dismissal to ruling, and 45 days of wage per year of service', () => {
    // 1095 days of service = 3 years; 90 days out of work = 3 months.
    const r = computeDismissalRemedies({
      startedOn: '2022-01-01',
      endedOn: '2024-12-31',
      rulingOn: '2025-03-31',
      monthlyWageRials: wage,
    });
    expect(r.reinstatement).toEqual({ backPayRials: 450_000_000, months: 3 });
    expect(r.compensation).toEqual({ rials: 675_000_000, yearsOfService: 3 });
  });

  it('counts part months and part years pro rata, rounded to the nearest rial', () => {
    // 45 days out = 1.5 months; 500 days of service = 1.3699 years × 225,000,000 a year.
    const r = computeDismissalRemedies({
      startedOn: '2023-08-19',
      endedOn: '2024-12-31',
      rulingOn: '2025-02-14',
      monthlyWageRials: wage,
    });
    expect(r.reinstatement).toEqual({ backPayRials: 225_000_000, months: 1.5 });
    expect(r.compensation.rials).toBe(Math.round((225_000_000 * 500) / 365));
    expect(r.compensation.yearsOfService).toBe(1.37);
  });

  it('awards nothing when the ruling comes on the day of dismissal and service was a single day', () => {
    const r = computeDismissalRemedies({
      startedOn: '2025-01-01',
      endedOn: '2025-01-01',
      rulingOn: '2025-01-01',
      monthlyWageRials: wage,
    });
    expect(r.reinstatement.backPayRials).toBe(0);
    expect(r.compensation.rials).toBe(0);
  });

  it('refuses inverted dates, malformed dates and negative wages', () => {
    const base = { startedOn: '2022-01-01', endedOn: '2024-12-31', rulingOn: '2025-03-31', monthlyWageRials: wage };
    expect(() => computeDismissalRemedies({ ...base, endedOn: '2021-12-31' })).toThrow(/before employment began/);
    expect(() => computeDismissalRemedies({ ...base, rulingOn: '2024-12-30' })).toThrow(/before the dismissal/);
    expect(() => computeDismissalRemedies({ ...base, monthlyWageRials: -1 })).toThrow(/wage/);
    expect(() => computeDismissalRemedies({ ...base, startedOn: '2022-02-30' })).toThrow(/ISO date/);
    expect(() => computeDismissalRemedies({ ...base, startedOn: '1401/01/01' })).toThrow(/ISO date/);
  });
});

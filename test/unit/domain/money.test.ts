import { formatRials, isRialAmount } from '../../../domain/money';

describe('rial amounts', () => {
  it('formats whole rials with thousands separators', () => {
    expect(formatRials(0)).toBe('0');
    expect(formatRials(999)).toBe('999');
    expect(formatRials(1000)).toBe('1,000');
    expect(formatRials(1_234_567_890)).toBe('1,234,567,890');
    expect(formatRials(-45_000)).toBe('-45,000');
  });

  it('refuses fractions and amounts beyond exact arithmetic', () => {
    expect(() => formatRials(1.5)).toThrow();
    expect(() => formatRials(Number.MAX_SAFE_INTEGER + 1)).toThrow();
  });

  it('accepts only whole, non-negative, exactly representable amounts', () => {
    expect(isRialAmount(0)).toBe(true);
    expect(isRialAmount(120_000_000)).toBe(true);
    expect(isRialAmount(-1)).toBe(false);
    expect(isRialAmount(10.5)).toBe(false);
    expect(isRialAmount(Number.NaN)).toBe(false);
    expect(isRialAmount(2 ** 53)).toBe(false);
  });
});

import {
  CASE_NUMBER_PATTERN,
  formatCaseNumber,
  isValidLegalEntityId,
  isValidNationalId,
  makeLegalEntityId,
  makeNationalId,
  parseCaseNumber,
} from '../../../domain/ids';

describe('national IDs of persons', () => {
  it.each(['0499370899', '0013542419', '0076229645', '1583250689'])('accepts %s, whose check digit matches', (id) => {
    expect(isValidNationalId(id)).toBe(true);
  });

  it('rejects an ID whose digits are all the same, although its check digit matches', () => {
    expect(isValidNationalId('1111111111')).toBe(false);
    expect(isValidNationalId('0000000000')).toBe(false);
  });

  it('rejects an ID with a wrong check digit', () => {
    expect(isValidNationalId('0499370898')).toBe(false);
    expect(isValidNationalId('0013542418')).toBe(false);
  });

  it.each(['049937089', '04993708990', '049937089a', ' 0499370899', '۰۴۹۹۳۷۰۸۹۹', ''])(
    'rejects the malformed "%s"',
    (id) => {
      expect(isValidNationalId(id)).toBe(false);
    },
  );

  it('uses the remainder itself as check digit when it is below 2, and 11 minus it otherwise', () => {
    // 1·10 + … + 1·3 + 2·2 = 56, remainder 1; 1·6 + 1·5 = 11, remainder 0; 1·10 = 10, remainder 10.
    expect(makeNationalId('111111112')).toBe('1111111121');
    expect(makeNationalId('000011000')).toBe('0000110000');
    expect(makeNationalId('100000000')).toBe('1000000001');
  });

  it('makes valid IDs from any 9-digit seed that does not repeat one digit', () => {
    for (const seed of ['123456789', '000000001', '987654321', '049937089']) {
      expect(isValidNationalId(makeNationalId(seed))).toBe(true);
    }
    expect(makeNationalId('049937089')).toBe('0499370899');
  });

  it('refuses a seed that would give an ID of one repeated digit', () => {
    expect(() => makeNationalId('111111111')).toThrow(/all the same/);
    expect(() => makeNationalId('12345678')).toThrow(/9 digits/);
  });
});

describe('national IDs of legal entities', () => {
  it('accepts a published legal entity ID', () => {
    expect(isValidLegalEntityId('10380284790')).toBe(true);
  });

  it('rejects 10101376356, often cited as an example, because the check digit by the formula is 2 not 6', () => {
    expect(isValidLegalEntityId('10101376356')).toBe(false);
    expect(isValidLegalEntityId('10101376352')).toBe(true);
  });

  it('counts a remainder of 10 as check digit 0', () => {
    // k = 1 + 2 = 3; (1+3)·29 + 3·(27+23+19+17+29+27+23+19) + (1+3)·17 = 736, and 736 mod 11 = 10.
    expect(makeLegalEntityId('1000000001')).toBe('10000000010');
    expect(isValidLegalEntityId('10000000010')).toBe(true);
  });

  it('rejects wrong check digits and malformed input', () => {
    expect(isValidLegalEntityId('10380284792')).toBe(false);
    expect(isValidLegalEntityId('1038028479')).toBe(false);
    expect(isValidLegalEntityId('103802847900')).toBe(false);
    expect(isValidLegalEntityId('1038028479x')).toBe(false);
  });

  it('makes valid IDs from 10-digit seeds and nothing else', () => {
    for (const seed of ['1010137635', '1400765091', '1086177952', '0000000000']) {
      const id = makeLegalEntityId(seed);
      expect(id).toHaveLength(11);
      expect(isValidLegalEntityId(id)).toBe(true);
      // Every other final digit is wrong.
      const others = [...'0123456789'].filter((c) => c !== id[10]).map((c) => seed + c);
      expect(others.some(isValidLegalEntityId)).toBe(false);
    }
    expect(() => makeLegalEntityId('123')).toThrow(/10 digits/);
  });
});

describe('case numbers', () => {
  it('formats province, Jalali year and a zero-padded sequence', () => {
    expect(formatCaseNumber('THR', 1405, 123)).toBe('THR-1405-000123');
    expect(formatCaseNumber('KHR', 1406, 999_999)).toBe('KHR-1406-999999');
    expect(CASE_NUMBER_PATTERN.test('THR-1405-000123')).toBe(true);
  });

  it('parses what it formats', () => {
    expect(parseCaseNumber(formatCaseNumber('ISF', 1404, 7))).toEqual({ province: 'ISF', jalaliYear: 1404, seq: 7 });
  });

  it('refuses unknown provinces, years without 4 digits and sequences out of range', () => {
    expect(() => formatCaseNumber('XXX', 1405, 1)).toThrow(/province/);
    expect(() => formatCaseNumber('thr', 1405, 1)).toThrow(/province/);
    expect(() => formatCaseNumber('THR', 405, 1)).toThrow(/year/);
    expect(() => formatCaseNumber('THR', 1405, 0)).toThrow(/Sequence/);
    expect(() => formatCaseNumber('THR', 1405, 1_000_000)).toThrow(/Sequence/);
    expect(() => formatCaseNumber('THR', 1405, 1.5)).toThrow(/Sequence/);
  });

  it.each([
    'THR-1405-00123',
    'thr-1405-000123',
    'THR-1405-000123 ',
    'XXX-1405-000123',
    'THR-1405-000000',
    'THR1405000123',
  ])('returns null for "%s"', (s) => {
    expect(parseCaseNumber(s)).toBeNull();
  });
});

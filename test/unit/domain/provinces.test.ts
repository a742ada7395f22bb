import { z } from 'zod';
import { isProvinceCode, provinceByCode, provinceCodes, provinces } from '../../../domain/provinces';

describe('provinces', () => {
  it('lists the 31 provinces of Iran with unique 3-letter codes', () => {
    expect(provinces).toHaveLength(31);
    expect(new Set(provinceCodes).size).toBe(31);
    for (const p of provinces) expect(p.code).toMatch(/^[A-Z]{3}$/);
  });

  it('gives each province a Persian and an English name, none repeated', () => {
    expect(new Set(provinces.map((p) => p.fa)).size).toBe(31);
    expect(new Set(provinces.map((p) => p.en)).size).toBe(31);
    for (const p of provinces) expect(p.fa).toMatch(/^[\u0600-\u06FF ]+$/);
  });

  it('knows Tehran, Isfahan and Khorasan Razavi by the codes the design uses', () => {
    expect(provinceByCode('THR')?.en).toBe('Tehran');
    expect(provinceByCode('ISF')?.fa).toBe('اصفهان');
    expect(provinceByCode('KHR')?.en).toBe('Khorasan Razavi');
    expect(provinceByCode('XXX')).toBeUndefined();
  });

  it('tells province codes from other strings, case-sensitively', () => {
    expect(isProvinceCode('THR')).toBe(true);
    expect(isProvinceCode('thr')).toBe(false);
    expect(isProvinceCode('')).toBe(false);
  });

  it('works as the values of a zod enum', () => {
    const schema = z.enum(provinceCodes);
    expect(schema.parse('ISF')).toBe('ISF');
    expect(schema.safeParse('ABC').success).toBe(false);
  });
});

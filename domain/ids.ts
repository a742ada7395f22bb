/** Identifiers checked at the door: national IDs of persons and legal entities, and case numbers. */
import { isProvinceCode } from './provinces';

function digitsOf(s: string, length: number): number[] | null {
  return s.length === length && /^\d+$/.test(s) ? [...s].map(Number) : null;
}

function nationalCheckDigit(d: number[]): number {
  let s = 0;
  for (let i = 0; i < 9; i++) s += (d[i] ?? 0) * (10 - i);
  const r = s % 11;
  return r < 2 ? r : 11 - r;
}

function legalEntityCheckDigit(d: number[]): number {
  const weights = [29, 27, 23, 19, 17, 29, 27, 23, 19, 17];
  const k = (d[9] ?? 0) + 2;
  let s = 0;
  for (let i = 0; i < 10; i++) s += ((d[i] ?? 0) + k) * (weights[i] ?? 0);
  return (s % 11) % 10; // a remainder of 10 counts as 0
}

/** A person's national ID (کد ملی): 10 ASCII digits, not all the same, with a mod-11 check digit. */
export function isValidNationalId(s: string): boolean {
  const d = digitsOf(s, 10);
  if (!d || /^(\d)\1*$/.test(s)) return false;
  return d[9] === nationalCheckDigit(d);
}

/** A legal entity's national ID (شناسه ملی): 11 ASCII digits with a weighted mod-11 check digit. */
export function isValidLegalEntityId(s: string): boolean {
  const d = digitsOf(s, 11);
  return d !== null && d[10] === legalEntityCheckDigit(d);
}

/** Appends the check digit to 9 digits: valid IDs for tests and benchmarks without real people's numbers. */
export function makeNationalId(seed9Digits: string): string {
  const d = digitsOf(seed9Digits, 9);
  if (!d) throw new Error(`makeNationalId needs 9 digits, got "${seed9Digits}"`);
  const id = seed9Digits + String(nationalCheckDigit(d));
  if (!isValidNationalId(id)) throw new Error(`Seed "${seed9Digits}" gives ${id}, whose digits are all the same`);
  return id;
}

/** Appends the check digit to 10 digits, like `makeNationalId` for legal entities. */
export function makeLegalEntityId(seed10Digits: string): string {
  const d = digitsOf(seed10Digits, 10);
  if (!d) throw new Error(`makeLegalEntityId needs 10 digits, got "${seed10Digits}"`);
  return seed10Digits + String(legalEntityCheckDigit(d));
}

/** `<PROVINCE>-<JALALI YEAR>-<6-digit sequence>`, e.g. `THR-1405-000123`. No `g` flag: it is reused. */
export const CASE_NUMBER_PATTERN = /^[A-Z]{3}-\d{4}-\d{6}$/;

export interface CaseNumberParts {
  province: string;
  jalaliYear: number;
  seq: number;
}

const MAX_SEQ = 999_999;

export function formatCaseNumber(province: string, jalaliYear: number, seq: number): string {
  if (!isProvinceCode(province)) throw new Error(`Unknown province code "${province}"`);
  if (!Number.isInteger(jalaliYear) || jalaliYear < 1000 || jalaliYear > 9999) {
    throw new Error(`Jalali year must have 4 digits, got ${jalaliYear}`);
  }
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new Error(`Sequence must be 1..${MAX_SEQ}, got ${seq}`);
  return `${province}-${jalaliYear}-${String(seq).padStart(6, '0')}`;
}

/** The parts of a case number, or null when it is malformed, names an unknown province or has sequence 0. */
export function parseCaseNumber(s: string): CaseNumberParts | null {
  if (!CASE_NUMBER_PATTERN.test(s)) return null;
  const [province = '', year = '', seq = ''] = s.split('-');
  if (!isProvinceCode(province) || Number(seq) < 1) return null;
  return { province, jalaliYear: Number(year), seq: Number(seq) };
}

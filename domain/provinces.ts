/** The 31 provinces of Iran with the 3-letter codes used in case numbers and the `Province` search attribute. */

const table = [
  { code: 'THR', fa: 'تهران', en: 'Tehran' },
  { code: 'ALB', fa: 'البرز', en: 'Alborz' },
  { code: 'ISF', fa: 'اصفهان', en: 'Isfahan' },
  { code: 'KHR', fa: 'خراسان رضوی', en: 'Khorasan Razavi' },
  { code: 'KHN', fa: 'خراسان شمالی', en: 'North Khorasan' },
  { code: 'KHS', fa: 'خراسان جنوبی', en: 'South Khorasan' },
  { code: 'EAZ', fa: 'آذربایجان شرقی', en: 'East Azerbaijan' },
  { code: 'WAZ', fa: 'آذربایجان غربی', en: 'West Azerbaijan' },
  { code: 'ARD', fa: 'اردبیل', en: 'Ardabil' },
  { code: 'ZNJ', fa: 'زنجان', en: 'Zanjan' },
  { code: 'QZV', fa: 'قزوین', en: 'Qazvin' },
  { code: 'QOM', fa: 'قم', en: 'Qom' },
  { code: 'MKZ', fa: 'مرکزی', en: 'Markazi' },
  { code: 'HMD', fa: 'همدان', en: 'Hamadan' },
  { code: 'KRD', fa: 'کردستان', en: 'Kurdistan' },
  { code: 'KRH', fa: 'کرمانشاه', en: 'Kermanshah' },
  { code: 'ILM', fa: 'ایلام', en: 'Ilam' },
  { code: 'LRS', fa: 'لرستان', en: 'Lorestan' },
  { code: 'KHZ', fa: 'خوزستان', en: 'Khuzestan' },
  { code: 'CHB', fa: 'چهارمحال و بختیاری', en: 'Chaharmahal and Bakhtiari' },
  { code: 'KBA', fa: 'کهگیلویه و بویراحمد', en: 'Kohgiluyeh and Boyer-Ahmad' },
  { code: 'BSH', fa: 'بوشهر', en: 'Bushehr' },
  { code: 'FRS', fa: 'فارس', en: 'Fars' },
  { code: 'HRZ', fa: 'هرمزگان', en: 'Hormozgan' },
  { code: 'KRN', fa: 'کرمان', en: 'Kerman' },
  { code: 'YZD', fa: 'یزد', en: 'Yazd' },
  { code: 'SMN', fa: 'سمنان', en: 'Semnan' },
  { code: 'SBN', fa: 'سیستان و بلوچستان', en: 'Sistan and Baluchestan' },
  { code: 'GLS', fa: 'گلستان', en: 'Golestan' },
  { code: 'MZN', fa: 'مازندران', en: 'Mazandaran' },
  { code: 'GIL', fa: 'گیلان', en: 'Gilan' },
] as const;

export type ProvinceCode = (typeof table)[number]['code'];

export interface Province {
  readonly code: ProvinceCode;
  readonly fa: string;
  readonly en: string;
}

export const provinces: readonly Province[] = table;

// A non-empty tuple type so that `z.enum(provinceCodes)` infers the union of codes.
export const provinceCodes = table.map((p) => p.code) as readonly ProvinceCode[] as readonly [
  ProvinceCode,
  ...ProvinceCode[],
];

const byCode = new Map<string, Province>(table.map((p) => [p.code, p]));

export function isProvinceCode(s: string): s is ProvinceCode {
  return byCode.has(s);
}

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code);
}

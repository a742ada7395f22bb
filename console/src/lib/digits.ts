/** Persian and Arabic-Indic digits typed into a field become ASCII: IDs, amounts and searches are sent in ASCII. */
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';

export function asciiDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (d) => String(Math.max(PERSIAN.indexOf(d), ARABIC.indexOf(d))));
}

/** Only the digits of what was typed, in ASCII. */
export const onlyDigits = (s: string): string => asciiDigits(s).replace(/\D/g, '');

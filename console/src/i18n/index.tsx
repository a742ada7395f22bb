/** The language the console speaks: the catalogue, the direction, and numbers and dates in that language. */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { persianDigits } from '../../../domain/calendar/jalali';
import { en, type Messages } from './en';
import { fa } from './fa';

export type Lang = 'fa' | 'en';
const catalogues: Record<Lang, Messages> = { fa, en };
const STORAGE_KEY = 'davar.lang';

export interface I18n {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  m: Messages;
  setLang(lang: Lang): void;
  /** Fills `{name}` placeholders; numbers are written in the language's digits. */
  fmt(message: string, values?: Record<string, string | number>): string;
  num(n: number): string;
  rials(n: number): string;
  /** A Jalali date (Persian calendar through Intl), in Tehran's time. */
  date(iso: string): string;
  dateTime(iso: string): string;
  /** Latin digits written in the language's digits (case numbers, IDs keep their letters). */
  digits(s: string): string;
}

const localeOf = (lang: Lang) => (lang === 'fa' ? 'fa-IR-u-ca-persian-nu-arabext' : 'en-US-u-ca-persian');

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  const locale = localeOf(lang);
  const numbers = new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US');
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Asia/Tehran' });
  const times = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Tehran' });
  const num = (n: number) => numbers.format(n);
  const digits = (s: string) => (lang === 'fa' ? persianDigits(s) : s);
  const fmt = (message: string, values: Record<string, string | number> = {}) =>
    message.replace(/\{(\w+)\}/g, (whole, key: string) => {
      const value = values[key];
      if (value === undefined) return whole;
      return typeof value === 'number' ? num(value) : value;
    });
  const m = catalogues[lang];
  return {
    lang,
    dir: lang === 'fa' ? 'rtl' : 'ltr',
    m,
    setLang,
    fmt,
    num,
    rials: (n) => fmt(m.app.rials, { n }),
    date: (iso) => dates.format(new Date(iso)),
    dateTime: (iso) => times.format(new Date(iso)),
    digits,
  };
}

const I18nContext = createContext<I18n | null>(null);

export function initialLang(): Lang {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'fa';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const value = useMemo(
    () =>
      makeI18n(lang, (next) => {
        localStorage.setItem(STORAGE_KEY, next);
        setLangState(next);
      }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/**
 * Free text as the door lets it in. Whatever passes here, every later step (the projection, the gateway, the audit
 * log, a terminal) can store and show: no control characters but newline and tab, no bidirectional embeddings,
 * overrides or isolates (they can make a text read differently from what it says), no invisible zero-width
 * characters, no lone surrogates. The zero-width non-joiner (U+200C, نیم‌فاصله) stays: Persian needs it in
 * ordinary words and names. Directional marks (U+200E, U+200F, U+061C) stay too: they only help mixed text.
 */
import { z } from 'zod';

// Matching these characters is the point: the lint rules against them in patterns do not apply here.
const FORBIDDEN: { pattern: RegExp; what: string }[] = [
  // eslint-disable-next-line no-control-regex
  { pattern: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u, what: 'a control character' },
  { pattern: /[\u202A-\u202E\u2066-\u2069]/u, what: 'a bidirectional override' },
  // eslint-disable-next-line no-misleading-character-class
  { pattern: /[\u200B\u200D\u2060-\u2064\uFEFF\u180E]/u, what: 'an invisible zero-width character' },
  { pattern: /\p{Cs}/u, what: 'a broken character (a lone surrogate)' },
];

/** What is wrong with a text, in words, or undefined when the door lets it in. */
export function textProblem(text: string, { multiline = true } = {}): string | undefined {
  if (!multiline && /[\n\r\t]/.test(text)) return 'must be on one line';
  for (const { pattern, what } of FORBIDDEN) {
    const match = pattern.exec(text);
    if (match) {
      const code = match[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
      return `contains ${what} (U+${code}) at position ${match.index}`;
    }
  }
  return undefined;
}

/** A string of 1..max characters (after trimming) that `textProblem` accepts. */
export function safeText(max: number, { min = 1, multiline = true } = {}) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = textProblem(text, { multiline });
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

/** An identifier that travels into logs and keys: printable ASCII, no spaces. */
export const printableId = (max: number) =>
  z
    .string()
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .min(1)
    .max(max);

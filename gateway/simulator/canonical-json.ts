/** A key-order-independent fingerprint of a JSON body, so "same payload" means same data, not same bytes. */
import { createHash } from 'node:crypto';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function canonicalJson(value: unknown): string {
  return canonical(value);
}

export function payloadHash(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex');
}

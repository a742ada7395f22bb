/** Opaque cursors of keyset pagination: base64url of the sort key of the last row served, checked on the way back. */

/** A cursor this API did not give out: the API answers 422 for it, never 500. */
export class InvalidCursor extends Error {
  constructor() {
    super('the cursor is not one this API gave out');
    this.name = 'InvalidCursor';
  }
}

export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

const PRINTABLE = /^[\x20-\x7e]{1,200}$/;

/** The first part is an instant the database can compare, the second a printable ID; anything else is refused. */
export function decodeCursor(cursor: string): [string, string] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursor();
  }
  if (!Array.isArray(key) || key.length !== 2) throw new InvalidCursor();
  const [at, id] = key as unknown[];
  if (typeof at !== 'string' || typeof id !== 'string' || !PRINTABLE.test(at) || !PRINTABLE.test(id)) {
    throw new InvalidCursor();
  }
  // `new Date('2026-02-31')` rolls over instead of failing, so the round trip must give the same instant back.
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(at) ? Date.parse(at) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== at) throw new InvalidCursor();
  return [at, id];
}

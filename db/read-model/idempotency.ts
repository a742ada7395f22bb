/**
 * Idempotency keys, scoped to the caller and the route (API.md): the same key from the same caller with the same
 * body answers the first result; with another body it is a conflict; from another caller it is another request.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { ProvinceCode } from '../../domain/provinces';
import type { IdempotencyRow } from './tables';

/** The same body always hashes the same, whatever the order of its keys. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const hashOf = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** A key's scope: the route it was used on and who used it. */
export const scopeOf = (route: string, callerId: string): string => `${route}|${callerId}`;

export type Allocation<R> =
  | { kind: 'new'; caseNumber: string; filedAt: string }
  | { kind: 'replay'; caseNumber: string; filedAt: string; response: R }
  | { kind: 'conflict' }
  /** The province's numbers for the year are all given (`MAX_CASE_SEQ`): nothing was written. */
  | { kind: 'numbers_used_up'; max: number };

/** Case numbers of a province and year go up to this (`formatCaseNumber`'s six digits). */
const MAX_CASE_SEQ = 999_999;

/**
 * Records the idempotency key and takes the next case number in one statement, so a key never names two cases and
 * a number is never given twice. One statement, not a transaction of several: the province's sequence row is
 * locked only while PostgreSQL runs it, not across the round trips of a busy API (one province's filings queued
 * on it; spreading them over provinces ran 10–40% faster, 2026-11-26). Two requests with the same key at once may both
 * count a number, and one keeps it: a gap, never a number twice. A key that exists is a replay (or a conflict).
 */
export async function allocateCase<R>(
  db: Knex,
  args: {
    scope: string;
    key: string;
    requestHash: string;
    province: ProvinceCode;
    jalaliYear: number;
    filedAt: string;
  },
  response: (caseNumber: string) => R,
): Promise<Allocation<R>> {
  const claimed = await db.raw<{ rows: { case_number: string }[] }>(
    `WITH seq AS (
       INSERT INTO case_sequences AS s (province, jalali_year, last_value)
       SELECT :province, :year, 1
       WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE scope = :scope AND key = :key)
       ON CONFLICT (province, jalali_year) DO UPDATE SET last_value = s.last_value + 1 WHERE s.last_value < :max
       RETURNING last_value
     )
     INSERT INTO idempotency_keys (scope, key, request_hash, created_at, case_number, status_code)
     SELECT :scope, :key, :hash, :filedAt, :province || '-' || :year || '-' || lpad(last_value::text, 6, '0'), 201
     FROM seq
     ON CONFLICT (scope, key) DO NOTHING
     RETURNING case_number`,
    {
      province: args.province,
      year: args.jalaliYear,
      scope: args.scope,
      key: args.key,
      hash: args.requestHash,
      filedAt: args.filedAt,
      max: MAX_CASE_SEQ,
    },
  );
  const caseNumber = claimed.rows[0]?.case_number;
  if (caseNumber) return { kind: 'new', caseNumber, filedAt: args.filedAt };
  const row = await db<IdempotencyRow>('idempotency_keys')
    .where({ scope: args.scope, key: args.key })
    .first('request_hash', 'case_number', 'response', 'created_at');
  if (!row) return { kind: 'numbers_used_up', max: MAX_CASE_SEQ };
  if (row.request_hash !== args.requestHash || !row.case_number) return { kind: 'conflict' };
  return {
    kind: 'replay',
    caseNumber: row.case_number,
    filedAt: row.created_at.toISOString(),
    // Kept before 0.3.2; since then the answer is made again from the number, as the first request made it.
    response: (row.response as R | null) ?? response(row.case_number),
  };
}

export type Claim =
  | { kind: 'new' }
  /** The first request with this key is still running (or died): run it again, under the same update ID. */
  | { kind: 'pending' }
  | { kind: 'answered'; status: number; body: unknown }
  | { kind: 'conflict' };

/** Claims a key for an action; tells whether it is new, answered before, still pending, or used with another body. */
export async function claimKey(
  db: Knex,
  args: { scope: string; key: string; requestHash: string; caseNumber: string },
): Promise<Claim> {
  const inserted = await db('idempotency_keys')
    .insert({ scope: args.scope, key: args.key, request_hash: args.requestHash, case_number: args.caseNumber })
    .onConflict(['scope', 'key'])
    .ignore()
    .returning('key');
  if (inserted.length > 0) return { kind: 'new' };
  const row = await db<IdempotencyRow>('idempotency_keys')
    .where({ scope: args.scope, key: args.key })
    .first('request_hash', 'case_number', 'status_code', 'response');
  if (!row || row.request_hash !== args.requestHash || row.case_number !== args.caseNumber) return { kind: 'conflict' };
  if (row.status_code === null) return { kind: 'pending' };
  return { kind: 'answered', status: row.status_code, body: row.response };
}

/** Keeps the answer a key got, so a retry with it gets the same answer even after the case continued as new. */
export async function recordAnswer(db: Knex, scope: string, key: string, status: number, body: unknown): Promise<void> {
  await db('idempotency_keys')
    .where({ scope, key })
    .update({ status_code: status, response: JSON.stringify(body) });
}

/** Gives a key back when its request was refused or failed: a refused request writes nothing, a retry runs afresh. */
export async function releaseKey(db: Knex, scope: string, key: string): Promise<void> {
  await db('idempotency_keys').where({ scope, key }).whereNull('status_code').delete();
}

/**
 * Idempotency keys, scoped to the caller and the route (API.md): the same key from the same caller with the same
 * body answers the first result; with another body it is a conflict; from another caller it is another request.
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { formatCaseNumber } from '../../domain/ids';
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
  | { kind: 'conflict' };

/**
 * Records the idempotency key and takes the next case number in one transaction, so a key never names two cases
 * and a number is never given twice. A concurrent request with the same key waits on the primary key, then finds
 * the winner's row.
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
  return db.transaction(async (trx) => {
    const inserted = await trx('idempotency_keys')
      .insert({ scope: args.scope, key: args.key, request_hash: args.requestHash, created_at: args.filedAt })
      .onConflict(['scope', 'key'])
      .ignore()
      .returning('key');
    if (inserted.length === 0) {
      const row = await trx<IdempotencyRow>('idempotency_keys')
        .where({ scope: args.scope, key: args.key })
        .first('request_hash', 'case_number', 'response', 'created_at');
      if (!row || row.request_hash !== args.requestHash || !row.case_number || !row.response) {
        return { kind: 'conflict' as const };
      }
      return {
        kind: 'replay' as const,
        caseNumber: row.case_number,
        filedAt: row.created_at.toISOString(),
        response: row.response as R,
      };
    }
    const [sequence] = await trx('case_sequences')
      .insert({ province: args.province, jalali_year: args.jalaliYear, last_value: 1 })
      .onConflict(['province', 'jalali_year'])
      .merge({ last_value: trx.raw('case_sequences.last_value + 1') })
      .returning<{ last_value: number }[]>('last_value');
    if (!sequence) throw new Error('case_sequences upsert returned no row');
    const caseNumber = formatCaseNumber(args.province, args.jalaliYear, sequence.last_value);
    await trx('idempotency_keys')
      .where({ scope: args.scope, key: args.key })
      .update({ case_number: caseNumber, status_code: 201, response: JSON.stringify(response(caseNumber)) });
    return { kind: 'new' as const, caseNumber, filedAt: args.filedAt };
  });
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

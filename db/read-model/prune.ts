/** Keeps the stores of keys bounded: idempotency keys for 7 days, gateway event IDs for 30 (API.md). */
import type { Knex } from 'knex';

export const KEEP_IDEMPOTENCY_KEYS_DAYS = 7;
export const KEEP_GATEWAY_EVENTS_DAYS = 30;

export async function pruneKeys(db: Knex, now = new Date()): Promise<{ keys: number; events: number }> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const keys = await db('idempotency_keys').where('created_at', '<', daysAgo(KEEP_IDEMPOTENCY_KEYS_DAYS)).delete();
  const events = await db('gateway_events').where('received_at', '<', daysAgo(KEEP_GATEWAY_EVENTS_DAYS)).delete();
  return { keys, events };
}

/**
 * Prunes now and then every `everyMs` (an hour by default) until the returned function stops it. Every API replica
 * may run it: deleting the same expired rows twice is harmless.
 */
export function schedulePruning(
  db: Knex,
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void },
  everyMs = 3_600_000,
): () => void {
  const run = () =>
    pruneKeys(db).then(
      (pruned) => {
        if (pruned.keys || pruned.events) log.info(pruned, 'pruned expired idempotency keys and gateway event IDs');
      },
      (err: unknown) => log.warn({ err }, 'pruning idempotency keys failed; will retry'),
    );
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

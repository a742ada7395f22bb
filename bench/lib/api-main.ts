/**
 * Davar's API as a process of its own for the bench (`startDavarApiProcess`): `api/main.ts`'s server with the bench's
 * policy, which no policy name selects. Serves on PORT until SIGTERM.
 */
import { createDb } from '../../db/knex';
import { startApi } from '../../api/main';
import { connectClient } from '../../scripts/lib/stack';
import { apiLogger } from '../../api/logger';
import { benchPolicy, DAVAR_TASK_QUEUE, JWT_SECRET, WEBHOOK_SECRET } from './bench-stack';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (set by startDavarApiProcess)`);
  return value;
}

async function main(): Promise<void> {
  const db = createDb({ url: required('DATABASE_URL') });
  const temporal = await connectClient({
    address: required('TEMPORAL_ADDRESS'),
    namespace: process.env.TEMPORAL_NAMESPACE,
  });
  const api = await startApi({
    client: temporal.client,
    db,
    taskQueue: DAVAR_TASK_QUEUE,
    policy: benchPolicy,
    jwtSecret: JWT_SECRET,
    webhookSecret: WEBHOOK_SECRET,
    logger: apiLogger(),
    port: Number(required('PORT')),
    host: '127.0.0.1',
  });
  process.once('SIGTERM', () => {
    void api
      .close()
      .then(() => Promise.all([temporal.close(), db.destroy()]))
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

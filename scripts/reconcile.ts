/**
 * `npm run reconcile [-- --dry-run] [-- --case THR-1405-000001]`: prints how the read model differs from the open
 * cases' workflows, and repairs it by projecting those cases again. Reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and
 * DATABASE_URL (else the local or embedded PostgreSQL of `npm start`).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createDb } from '../db/knex';
import { resolveDatabase } from '../db/resolve';
import { dataDir } from './lib/paths';
import { reconcile } from './lib/reconcile';
import { dataConverterFromEnv } from '../codec/keys';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'dry-run': { type: 'boolean' }, case: { type: 'string', multiple: true } },
  });
  const database = await resolveDatabase({
    database: 'davar',
    embeddedDir: path.join(dataDir, 'pg'),
    log: () => undefined,
  });
  const db = createDb({ url: database.url });
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const client = new Client({
    connection,
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    dataConverter: dataConverterFromEnv(),
  });
  try {
    const report = await reconcile(client, db, {
      repair: !values['dry-run'],
      caseNumbers: values.case,
      log: console.log,
    });
    console.log(
      `${report.checked} open case(s) checked, ${report.differing.length} with differences, ${report.repaired} repaired`,
    );
  } finally {
    await connection.close();
    await db.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

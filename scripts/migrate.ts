/** `npm run migrate`: applies the knex migrations to the database that `npm start` would use. */
import path from 'node:path';
import { createDb, migrate } from '../db/knex';
import { resolveDatabase } from '../db/resolve';
import { dataDir } from './lib/paths';

async function main(): Promise<void> {
  const database = await resolveDatabase({ database: 'davar', embeddedDir: path.join(dataDir, 'pg') });
  const db = createDb({ url: database.url });
  try {
    const applied = await migrate(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Already up to date.');
  } finally {
    await db.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

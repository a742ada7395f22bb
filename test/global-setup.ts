/**
 * One Temporal (the engine of DAVAR_ENGINE: the dev server by default, Temporal Server on PostgreSQL with
 * `server`), one database and one workflow bundle for the whole run, started with the same module as
 * `npm start` (scripts/lib/stack.ts). Each is real; if one cannot start, the run fails here with the reason
 * instead of skipping tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from '../scripts/lib/paths';
import { engineFromEnv, resolvePostgres, startTemporal } from '../scripts/lib/stack';
import { writeCaseBundle } from '../worker/bundle';

declare global {
  var __davarTestEnv: { stop: () => Promise<void> } | undefined;
}

function fail(what: string, error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`Integration tests need ${what}, and it could not start: ${reason}`);
}

/**
 * A run ended by SIGTERM or SIGHUP (a CI job's time limit, `kill`, a closed terminal) never reaches globalTeardown,
 * and Temporal would outlive it holding its ports and databases: stop what this started, then end as the signal would.
 */
function stopOnTermination(stop: () => Promise<void>): void {
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the test stack`);
      void stop().finally(() => process.exit(code));
    });
  }
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const testDir = path.join(dataDir, 'test');
  fs.mkdirSync(testDir, { recursive: true });
  const engine = engineFromEnv();
  const say = (m: string) => console.log(m);

  // PostgreSQL first: the server engine keeps Temporal's (throw-away) databases on the same server.
  const database = await resolvePostgres({
    database: 'davar_test',
    embeddedDir: path.join(testDir, 'pg'),
    log: say,
  }).catch((e: unknown) => fail('PostgreSQL', e));

  const temporal = await startTemporal({
    engine,
    mode: 'ephemeral',
    dataDir: testDir,
    postgresUrl: database.url,
    log: say,
  }).catch(async (e: unknown) => {
    await database.stop();
    return fail(engine === 'server' ? 'Temporal Server (DAVAR_ENGINE=server)' : 'the Temporal dev server', e);
  });

  const bundlePath = path.join(testDir, 'workflow-bundle.js');
  await writeCaseBundle(bundlePath);

  const stop = async (): Promise<void> => {
    await temporal.stop();
    await database.stop();
  };
  globalThis.__davarTestEnv = { stop };
  stopOnTermination(stop);
  process.env.DAVAR_TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.DAVAR_TEST_DATABASE_URL = database.url;
  process.env.DAVAR_TEST_WORKFLOW_BUNDLE = bundlePath;
  if (temporal.databases) process.env.DAVAR_TEST_TEMPORAL_DATABASES = JSON.stringify(temporal.databases);
  console.log(
    `\nTest stack ready in ${Date.now() - started} ms: Temporal ${temporal.address} (${engine} engine), ` +
      `PostgreSQL (${database.source})`,
  );
}

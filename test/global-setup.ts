/**
 * One Temporal dev server, one database and one workflow bundle for the whole integration run. Each is
 * real; if one cannot start, the run fails here with the reason instead of skipping tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { resolveDatabase } from '../db/resolve';
import { dataDir } from '../scripts/lib/paths';
import { resolveTemporalCli } from '../scripts/lib/temporal-cli';
import { caseSearchAttributes } from '../workflows/search-attributes';
import { workflowsPath } from '../worker/create-worker';

declare global {
  var __davarTestEnv: { temporal: TestWorkflowEnvironment; stopDatabase: () => Promise<void> } | undefined;
}

function fail(what: string, error: unknown): never {
  const reason = error instanceof Error ? error.message : String(error);
  throw new Error(`Integration tests need ${what}, and it could not start: ${reason}`);
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const testDir = path.join(dataDir, 'test');
  fs.mkdirSync(testDir, { recursive: true });

  const cli = await resolveTemporalCli((m) => console.log(m)).catch((e: unknown) => fail('the Temporal CLI', e));
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli },
      ip: '127.0.0.1',
      searchAttributes: caseSearchAttributes,
      log: { format: 'pretty', level: 'never' },
    },
  }).catch((e: unknown) => fail(`the Temporal dev server (${cli})`, e));

  const database = await resolveDatabase({
    database: 'davar_test',
    embeddedDir: path.join(testDir, 'pg'),
    log: (m) => console.log(m),
  }).catch((e: unknown) => fail('PostgreSQL', e));

  const bundlePath = path.join(testDir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: undefined });
  fs.writeFileSync(bundlePath, code);

  globalThis.__davarTestEnv = { temporal, stopDatabase: database.stop };
  process.env.DAVAR_TEST_TEMPORAL_ADDRESS = temporal.address;
  process.env.DAVAR_TEST_DATABASE_URL = database.url;
  process.env.DAVAR_TEST_WORKFLOW_BUNDLE = bundlePath;
  console.log(
    `\nTest stack ready in ${Date.now() - started} ms: Temporal ${temporal.address}, PostgreSQL (${database.source})`,
  );
}

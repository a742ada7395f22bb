/**
 * The chaos suite's short version (`npm run chaos` is the long one, docs/chaos.md): a handful of cases through the
 * HTTP API while a worker process is killed -9, or while the gateway is down, on the run's Temporal and a database
 * of this file's own; then no notice twice, every case at the hearing, reconcile finding no difference.
 */
import path from 'node:path';
import { Client } from 'pg';
import type { ChaosPostgres } from '../../chaos/postgres';
import { databaseOn } from '../../chaos/postgres';
import { runScenario, type ScenarioResult } from '../../chaos/scenario-run';
import { gatewayOutage, killWorker, type Scenario } from '../../chaos/scenarios';
import { givenTemporal } from '../../chaos/temporal';
import { dataDir } from '../../scripts/lib/paths';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through jest, whose global setup starts the stack`);
  return value;
}

/**
 * This file's cases share the run's Temporal with every other test file, whose stacks number their cases from
 * blocks of a run-wide sequence (test/helpers/stack.ts): this file takes a block too, or its first case would be
 * `case-THR-<year>-000001`, which another file's case may already be on a task queue nobody polls any more.
 */
async function caseNumberBlock(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE SEQUENCE IF NOT EXISTS public.davar_test_stack_block');
    const { rows } = await client.query<{ n: string }>("SELECT nextval('public.davar_test_stack_block') AS n");
    return (Number(rows[0]?.n ?? 1) % 998) * 1000;
  } finally {
    await client.end();
  }
}

let postgres: ChaosPostgres;
let caseNumbersAfter: number;
beforeAll(async () => {
  const url = required('DAVAR_TEST_DATABASE_URL');
  caseNumbersAfter = await caseNumberBlock(url);
  postgres = await databaseOn(url, `davar_chaos_${process.pid}`).catch((error: unknown) => {
    throw new Error(`the chaos test needs a database of its own on ${new URL(url).host}: ${String(error)}`);
  });
});
afterAll(async () => {
  await postgres?.close();
});

async function run(scenario: Scenario, cases: number): Promise<ScenarioResult> {
  const result = await runScenario(scenario, {
    temporal: givenTemporal(required('DAVAR_TEST_TEMPORAL_ADDRESS')),
    postgres,
    bundlePath: required('DAVAR_TEST_WORKFLOW_BUNDLE'),
    logDir: path.join(dataDir, 'test', 'chaos', scenario.name),
    cases,
    concurrency: cases,
    caseNumbersAfter,
    log: () => undefined,
  });
  console.log(`${scenario.name} in ${result.seconds} s: ${JSON.stringify(result.counts)}`);
  return result;
}

describe('chaos (short)', () => {
  it('sends no notice twice and loses no case when a worker is killed -9 mid-send with 20% of acknowledgements lost', async () => {
    const result = await run(killWorker(1), 6);
    expect(result.failures).toEqual([]);
    expect(result.counts).toMatchObject({
      cases: 6,
      workerKills: 1,
      duplicateNotices: 0,
      sameDocumentTwice: 0,
      'stage:hearing': 6,
    });
  }, 120_000);

  it('serves every case once the gateway is back from an outage that escalated them, each escalation once', async () => {
    const result = await run(gatewayOutage(), 6);
    expect(result.failures).toEqual([]);
    expect(result.counts).toMatchObject({
      cases: 6,
      duplicateNotices: 0,
      'stage:hearing': 6,
    });
    expect(result.counts.gateway503).toBeGreaterThan(0);
    expect(result.counts['escalated:notice_undelivered']).toBeGreaterThanOrEqual(6);
  }, 120_000);
});

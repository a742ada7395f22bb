/**
 * `npm run chaos [-- --scenario kill-worker] [-- --cases 60] [-- --concurrency 20]`: breaks one piece of a real
 * Davar stack at a time (chaos/scenarios.ts) while cases move through the HTTP API, and prints what it counted.
 * Temporal (a dev server on a SQLite file, or with DAVAR_ENGINE=server Temporal Server on PostgreSQL) and the read
 * model's PostgreSQL (embedded) are the run's own, so it may stop them.
 * Exits 1 when any scenario finds a duplicate notice, a case out of place, or a read model that differs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir } from '../scripts/lib/paths';
import { engineFromEnv, resolvePostgres } from '../scripts/lib/stack';
import { ownedPostgres } from './postgres';
import { runScenario, type ScenarioResult } from './scenario-run';
import { scenarioNamed, scenarios } from './scenarios';
import { writeCaseBundle } from '../worker/bundle';
import { ownedDevServer, ownedServerEngine, type ChaosTemporal } from './temporal';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    cases: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '20' },
  },
});

function print(result: ScenarioResult): void {
  console.log(`\n== ${result.name}: ${result.failures.length ? 'FAILED' : 'passed'} in ${result.seconds} s`);
  const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
  for (const [key, value] of Object.entries(result.counts)) console.log(`   ${key.padEnd(width)}  ${value}`);
  for (const failure of result.failures.slice(0, 20)) console.log(`   ✗ ${failure}`);
  if (result.failures.length > 20) console.log(`   … and ${result.failures.length - 20} more`);
}

/** The engine of DAVAR_ENGINE, the run's own; the server engine keeps its databases on the machine's PostgreSQL. */
async function ownedTemporal(
  root: string,
  log: (line: string) => void,
  stops: (() => Promise<void>)[],
): Promise<ChaosTemporal> {
  if (engineFromEnv() === 'dev') return ownedDevServer(path.join(root, 'temporal'), log);
  const server = await resolvePostgres({ database: 'postgres', embeddedDir: path.join(root, 'pg-temporal'), log });
  stops.push(() => server.stop());
  return ownedServerEngine(server.url, path.join(root, 'temporal-server'), log);
}

async function main(): Promise<void> {
  const chosen = values.scenario?.length ? values.scenario.map(scenarioNamed) : scenarios;
  const cases = Number(values.cases);
  const concurrency = Number(values.concurrency);
  const root = path.join(dataDir, 'chaos');
  const log = (line: string) => console.log(line);
  const began = Date.now();

  log(`Chaos: ${chosen.map((s) => s.name).join(', ')}; ${cases} cases each, ${concurrency} at a time`);
  // Built once per run and shared by every worker process (WORKFLOW_BUNDLE_PATH).
  const bundlePath = await writeCaseBundle(path.join(root, 'workflow-bundle.js'));
  const postgres = await ownedPostgres(path.join(root, 'pg'), 'davar_chaos');
  const stops: (() => Promise<void>)[] = [() => postgres.close()];
  const temporal = await ownedTemporal(root, log, stops).catch(async (error: unknown) => {
    for (const stop of stops.reverse()) await stop();
    throw error;
  });
  stops.push(() => temporal.close());
  log(`Temporal ${temporal.address} (${temporal.description}); PostgreSQL ${new URL(postgres.url).port} (embedded)`);

  const results: ScenarioResult[] = [];
  try {
    for (const scenario of chosen) {
      log(`\n-- ${scenario.name}: ${scenario.summary}`);
      const result = await runScenario(scenario, {
        temporal,
        postgres,
        bundlePath,
        logDir: path.join(root, 'logs', scenario.name),
        cases,
        concurrency,
      }).catch((error: unknown): ScenarioResult => ({
        name: scenario.name,
        seconds: 0,
        counts: {},
        failures: [`could not run: ${error instanceof Error ? error.message : String(error)}`],
      }));
      results.push(result);
      print(result);
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
  const failed = results.filter((r) => r.failures.length);
  console.log(
    `\nChaos done in ${Math.round((Date.now() - began) / 1000)} s: ${results.length - failed.length} of ${results.length} scenarios passed` +
      (failed.length ? ` (failed: ${failed.map((r) => r.name).join(', ')})` : ''),
  );
  // Explicitly: a library's open handle must neither keep the run alive nor turn a failure into exit code 0.
  process.exit(failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

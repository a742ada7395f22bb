/**
 * Runs one scenario: a fresh stack on the run's Temporal and PostgreSQL, its cases driven through the API while
 * the fault strikes, then the checks. Used by `npm run chaos` and by the short version in jest alike.
 */
import { verify, type Verdict } from './checks';
import type { Knex } from 'knex';
import { jalaliYearOf } from '../domain/calendar';
import { provinces } from '../domain/provinces';
import { driveCase } from './flow';
import { ApiCaller } from './http';
import { Progress } from './progress';
import type { Scenario } from './scenarios';
import type { ChaosPostgres } from './postgres';
import { startChaosStack } from './stack';
import type { ChaosTemporal } from './temporal';
import { Watcher } from './watch';

export interface ScenarioResult extends Verdict {
  name: string;
  seconds: number;
}

export interface RunOptions {
  temporal: ChaosTemporal;
  postgres: ChaosPostgres;
  bundlePath: string;
  logDir: string;
  cases: number;
  /** Cases in flight at once. */
  concurrency: number;
  /**
   * Case numbers start after this one (this year, every province): on a Temporal server other stacks share, as in
   * `npm test`, a workflow ID (`case-<caseNumber>`) must not be one another stack's case already holds.
   */
  caseNumbersAfter?: number;
  log?: (line: string) => void;
}

async function startCaseNumbersAfter(db: Knex, after: number): Promise<void> {
  const year = jalaliYearOf(new Date().toISOString());
  await db('case_sequences')
    .insert(provinces.map((p) => ({ province: p.code, jalali_year: year, last_value: after })))
    .onConflict(['province', 'jalali_year'])
    .merge({ last_value: db.raw('GREATEST(case_sequences.last_value, EXCLUDED.last_value)') });
}

export async function runScenario(scenario: Scenario, options: RunOptions): Promise<ScenarioResult> {
  const log = options.log ?? ((line: string) => console.log(`  [${scenario.name}] ${line}`));
  const started = Date.now();
  if (scenario.needs.ownTemporal && !options.temporal.owned)
    throw new Error(`${scenario.name} needs a Temporal it may stop`);
  if (scenario.needs.ownPostgres && !options.postgres.owned)
    throw new Error(`${scenario.name} needs a PostgreSQL it may stop`);
  const stack = await startChaosStack({
    temporal: options.temporal,
    postgres: options.postgres,
    policy: scenario.policy,
    sim: scenario.sim ?? {},
    workers: scenario.workers,
    bundlePath: options.bundlePath,
    logDir: options.logDir,
  });
  const watcher = new Watcher(stack.client);
  try {
    if (options.caseNumbersAfter !== undefined) await startCaseNumbersAfter(stack.db, options.caseNumbersAfter);
    const caller = new ApiCaller(stack.api.url);
    const progress = new Progress(options.cases);
    let release = () => undefined as void;
    const gate = scenario.holdAfterServing ? new Promise<void>((resolve) => (release = resolve)) : undefined;
    const counts: Record<string, number> = {};
    const ticker = setInterval(() => log(progress.line()), 15_000);

    const caseNumbers: string[] = [];
    const errors: string[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < options.cases; i = next++) {
        try {
          const { caseNumber } = await driveCase(caller, watcher, {
            serveByHandWhenFailed: scenario.serveByHand,
            gate,
            onStep: (step, caseNumber) => progress.set(i, step, caseNumber),
          });
          caseNumbers.push(caseNumber);
        } catch (error) {
          progress.set(i, 'failed');
          errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    const fault = scenario
      .inject({ stack, progress, counts, log, watcher, release: () => release() })
      .then(() => undefined)
      .catch((error: unknown) => `the fault failed: ${error instanceof Error ? error.message : String(error)}`);
    // Cases held after service keep their lane: every case must have one, or those waiting for a lane never come.
    const lanes = scenario.holdAfterServing ? options.cases : Math.min(options.concurrency, options.cases);
    await Promise.all(Array.from({ length: lanes }, lane));
    release();
    // Each fault waits for conditions with its own time limit, so this ends; a fault that failed fails the scenario.
    const faultError = await fault;
    clearInterval(ticker);
    log(`cases driven: ${progress.line()}`);

    const verdict = await verify(stack, watcher, caseNumbers, scenario.expect);
    if (faultError) verdict.failures.unshift(faultError);
    verdict.failures.unshift(...errors.slice(0, 10).map((e) => `a case failed: ${e}`));
    if (errors.length > 10) verdict.failures.unshift(`${errors.length} cases failed in all`);
    Object.assign(verdict.counts, counts, {
      casesFailed: errors.length,
      workerStarts: stack.workers.starts,
      workerUnplannedExits: stack.workers.unplannedExits,
      api503: caller.counts.unavailable503,
      api202Pending: caller.counts.pending202,
      apiConnectionErrors: caller.counts.connectionErrors,
      apiUnexpected: caller.counts.unexpected,
      httpRequests: caller.counts.requests,
    });
    if (stack.workers.unplannedExits > 0) {
      verdict.failures.push(
        `${stack.workers.unplannedExits} worker exit(s) nobody asked for (see the worker logs in ${options.logDir})`,
      );
    }
    return { name: scenario.name, seconds: Math.round((Date.now() - started) / 1000), ...verdict };
  } finally {
    watcher.stop();
    await stack.close();
  }
}

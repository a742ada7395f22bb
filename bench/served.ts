/**
 * `npm run bench:served` (the first bench, kept for its table in RESULTS.md): files N cases with the fast policy on a real Temporal (the engine of DAVAR_ENGINE: the dev
 * server by default, Temporal Server on PostgreSQL with `server`), PostgreSQL and the gateway simulator, started
 * by the same module as `npm start` (scripts/lib/stack.ts), and measures how fast they move: start latency,
 * update latency, time to service, throughput and memory. Results go to bench/results/<date>-<name>.json and a
 * line in bench/RESULTS.md.
 *
 *   npm run bench:served -- --cases 200 --fail-rate 0.1 --name baseline
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { makeLegalEntityId, makeNationalId } from '../domain/ids';
import { fastPolicy } from '../domain/policy';
import { dataDir } from '../scripts/lib/paths';
import {
  connectClient,
  engineFromEnv,
  openDatabase,
  resolvePostgres,
  startGatewaySim,
  startTemporal,
  startWorker,
} from '../scripts/lib/stack';
import type { CaseWorkflow } from '../workflows/case';
import { acceptComplaintUpdate, stateQuery } from '../workflows/messages';
import { filedSearchAttributes } from '../workflows/search-attributes';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '50' },
    'fail-rate': { type: 'string', default: '0' },
    'ack-loss-rate': { type: 'string', default: '0' },
    name: { type: 'string', default: 'baseline' },
  },
});

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const stats = (xs: number[]) => ({ p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });

function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return Math.round(Number(out.trim()) / 1024);
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const total = Number(values.cases);
  const concurrency = Number(values.concurrency);
  const engine = engineFromEnv();
  const database = await resolvePostgres({ database: 'davar_bench', embeddedDir: path.join(dataDir, 'pg-bench') });
  const temporal = await startTemporal({
    engine,
    mode: 'ephemeral',
    dataDir: path.join(dataDir, 'bench'),
    postgresUrl: database.url,
    log: (m) => console.error(m),
  });
  const schema = `bench_${Date.now()}`;
  const { db } = await openDatabase({ url: database.url, schema, poolMax: 10 });
  const sim = await startGatewaySim({
    port: 0,
    config: {
      failRate: Number(values['fail-rate']),
      ackLossRate: Number(values['ack-loss-rate']),
      deliverAfterMs: 100,
      callbackFailRate: 1, // no API in the bench: delivery is learnt by polling, the slower path
    },
  });
  const taskQueue = 'bench';
  const worker = await startWorker({
    address: temporal.address,
    taskQueue,
    db,
    gatewayUrl: sim.url,
    gatewayToken: sim.config().token,
    log: pino({ level: 'warn' }),
  });
  const { client, close: closeClient } = await connectClient({ address: temporal.address });

  const startMs: number[] = [];
  const acceptMs: number[] = [];
  const serviceMs: number[] = [];
  const began = Date.now();
  let next = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);

  async function oneCase(i: number): Promise<void> {
    const caseNumber = `THR-1399-${String(i + 1).padStart(6, '0')}`;
    const seed = String(100000000 + i);
    let t = Date.now();
    const handle = await client.workflow.start<typeof CaseWorkflow>('CaseWorkflow', {
      workflowId: `case-${caseNumber}`,
      taskQueue,
      typedSearchAttributes: filedSearchAttributes({ province: 'THR', channel: 'counter' }), // as the API starts a case
      args: [
        {
          kind: 'new',
          case: {
            caseNumber,
            filedAt: new Date().toISOString(),
            filedBy: { userId: 'bench', role: 'clerk' },
            policy: fastPolicy,
            filing: {
              channel: 'counter',
              province: 'THR',
              complainant: { nationalId: makeNationalId(seed.slice(0, 9)), name: 'Bench Worker' },
              respondent: { legalEntityId: makeLegalEntityId(`1${seed}`.slice(0, 10)), name: 'Bench Employer' },
              employment: { startedOn: '2020-01-01', jobTitle: 'Welder', monthlyWageRials: 100_000_000 },
              claims: [{ kind: 'unpaid_wages', amountRials: 1, description: 'bench' }],
              statement: 'bench',
            },
          },
        },
      ],
    });
    startMs.push(Date.now() - t);
    t = Date.now();
    await handle.executeUpdate(acceptComplaintUpdate, {
      args: [{ actor: { userId: 'bench', role: 'clerk' }, body: {} }],
    });
    acceptMs.push(Date.now() - t);
    for (;;) {
      const state = await handle.query(stateQuery);
      if (state.stage !== 'intake' && state.stage !== 'notice') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    serviceMs.push(Date.now() - t);
    await handle.terminate('benchmark done');
  }

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await oneCase(next++);
    }),
  );
  const elapsedS = (Date.now() - began) / 1000;
  clearInterval(sampler);
  const totals = sim.notices().totals;
  const result = {
    name: values.name,
    engine,
    date: new Date().toISOString(),
    machine: `${execFileSync('nproc', { encoding: 'utf8' }).trim()} cores`,
    cases: total,
    concurrency,
    faults: { failRate: Number(values['fail-rate']), ackLossRate: Number(values['ack-loss-rate']) },
    elapsedS: Math.round(elapsedS * 10) / 10,
    casesServedPerSecond: Math.round((total / elapsedS) * 10) / 10,
    startMs: stats(startMs),
    acceptUpdateMs: stats(acceptMs),
    acceptToServedMs: stats(serviceMs),
    processPeakRssMb: Math.round(peakRss / 1024 / 1024),
    temporalServerRssMb: rssOf(temporal.pid),
    gateway: {
      requests: totals.requests,
      created: totals.created,
      duplicates: totals.duplicates,
      failed503: totals.failed503,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  const stamp = result.date.slice(0, 10);
  fs.writeFileSync(
    path.join(__dirname, 'results', `${stamp}-${values.name}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  fs.appendFileSync(
    path.join(__dirname, 'RESULTS.md'),
    `| ${stamp} | ${values.name} | ${total} | ${concurrency} | ${result.faults.failRate}/${result.faults.ackLossRate} | ` +
      `${result.casesServedPerSecond} | ${result.acceptUpdateMs.p50}/${result.acceptUpdateMs.p95} | ` +
      `${result.acceptToServedMs.p50}/${result.acceptToServedMs.p95} | ${result.processPeakRssMb} | ${result.temporalServerRssMb ?? '?'} | ${totals.duplicates} |\n`,
  );

  await worker.stop();
  await sim.close();
  await closeClient();
  await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
  await db.destroy();
  await temporal.stop();
  await database.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

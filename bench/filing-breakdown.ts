/**
 * Where a filing's time goes under concurrency 50 (`npm run bench:filing`, about 3 minutes): the same burst of
 * starts three ways, each on a quiet machine, in rounds — the baseline's bare `workflow.start`; Davar's own start
 * from this process (`startCase`: the codec, the search attributes, the case's first tasks on Davar's worker; no
 * HTTP, no PostgreSQL); and `POST /cases` to the API in a process of its own. For each: starts per second, latency,
 * and the CPU each process spent per filing until the machine was quiet again (PostgreSQL's backends included), so
 * a gap in rate can be read as work somebody did. Prints a table; writes bench/results/<date>-filing-<name>.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCase } from '../api/temporal';
import { filingSchema } from '../domain/filing';
import { startBare } from './lib/bare-case';
import { startDavarApiProcess } from './lib/api-process';
import { DAVAR_TASK_QUEUE, startBenchStack, type BenchStack } from './lib/bench-stack';
import { cpuMeter, cpuSecondsOf, untilQuiet } from './lib/cpu';
import { benchFiling, davarDriver, fileOverHttp, runDavarCase } from './lib/davar-case';
import { shapeOf, type EventLike } from './lib/shape';
import { runPool, Samples, summarize, type Summary } from './lib/stats';
import { startDavarWorkerProcess } from './lib/worker-process';
import type { Child } from '../scripts/lib/processes';

const { values } = parseArgs({
  options: {
    filings: { type: 'string', default: '300' },
    rounds: { type: 'string', default: '3' },
    name: { type: 'string', default: 'run' },
  },
});
const FILINGS = Number(values.filings);
const CONCURRENCY = 50;
const log = (message: string) => console.log(`[filing ${new Date().toISOString().slice(11, 19)}] ${message}`);

/** Busy CPU seconds of the whole machine (user, nice, system, irq, softirq, steal), from /proc/stat. */
function machineCpuS(): number {
  const fields = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
}

/** CPU seconds of every live PostgreSQL process (the server's backends serve the API's and the worker's pools). */
function postgresCpuS(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSecondsOf(Number(pid));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return total;
}

interface Measured {
  perSecond: number;
  ms: Summary;
  cpuMsPerFiling: Record<string, number>;
}

/** The three ways, in rounds, on the stack with Davar's worker and API in processes of their own. */
async function measure(stack: BenchStack, worker: Child, served: { api: Child; stack: BenchStack }): Promise<void> {
  const api = served.api;
  const driver = await davarDriver(served.stack);
  const probe = await runDavarCase(driver, new Samples());
  const history = await stack.client.workflow.getHandle(`case-${probe.caseNumber}`).fetchHistory();
  const shape = shapeOf((history.events ?? []) as EventLike[]);
  const pids = { temporal: stack.temporal.pid, bench: process.pid, worker: worker.pid, api: api.pid };
  let sequence = 0;
  const ways: Record<string, () => Promise<unknown>> = {
    'bare workflow.start': () => startBare(stack.bareClient, shape),
    'Davar startCase (no HTTP, no PostgreSQL)': () =>
      startCase(stack.client, DAVAR_TASK_QUEUE, {
        caseNumber: `KRD-1399-${String((sequence += 1)).padStart(6, '0')}`,
        filing: filingSchema.parse(benchFiling()),
        filedAt: new Date().toISOString(),
        filedBy: { userId: 'bench-clerk', role: 'clerk' },
        policy: stack.policy,
      }),
    'POST /cases (the API in its own process)': () => fileOverHttp(driver),
  };
  const results: Record<string, Measured[]> = {};
  for (let round = 1; round <= Number(values.rounds); round += 1) {
    for (const [way, file] of Object.entries(ways)) {
      await runPool(CONCURRENCY, CONCURRENCY, async () => void (await file())); // warm, unmeasured
      await untilQuiet(pids);
      const processes = cpuMeter(pids);
      const machine = machineCpuS();
      const postgres = postgresCpuS();
      const ms: number[] = [];
      const began = performance.now();
      await runPool(FILINGS, CONCURRENCY, async () => {
        const start = performance.now();
        await file();
        ms.push(performance.now() - start);
      });
      const seconds = (performance.now() - began) / 1000;
      await untilQuiet(pids);
      const perFiling = (cpuS: number) => Math.round(((cpuS * 1000) / FILINGS) * 10) / 10;
      const measured: Measured = {
        perSecond: Math.round((FILINGS / seconds) * 10) / 10,
        ms: summarize(ms),
        cpuMsPerFiling: {
          machine: perFiling(machineCpuS() - machine),
          postgres: perFiling(postgresCpuS() - postgres),
          ...Object.fromEntries(Object.entries(processes()).map(([k, cpuS]) => [k, perFiling(cpuS)])),
        },
      };
      (results[way] ??= []).push(measured);
      log(
        `round ${round} ${way}: ${measured.perSecond}/s, p50 ${measured.ms.p50} ms, CPU ms per filing ${JSON.stringify(measured.cpuMsPerFiling)}`,
      );
    }
  }
  const file = path.join(__dirname, 'results', `${new Date().toISOString().slice(0, 10)}-filing-${values.name}.json`);
  fs.writeFileSync(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), filings: FILINGS, concurrency: CONCURRENCY, results }, null, 2)}\n`,
  );
  console.log('\n| way | starts/s per round | p50 ms per round | machine CPU ms per filing per round |');
  console.log('| --- | --- | --- | --- |');
  for (const [way, rounds] of Object.entries(results)) {
    const each = (pick: (m: Measured) => number) => rounds.map(pick).join(', ');
    console.log(
      `| ${way} | ${each((m) => m.perSecond)} | ${each((m) => m.ms.p50)} | ${each((m) => m.cpuMsPerFiling.machine ?? 0)} |`,
    );
  }
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ log, davarWorker: false, ownDatabase: `davar_bench_filing_${process.pid}` });
  // Each piece is stopped even when the next fails to start (a leaked Temporal outlived a failed start, stop 30).
  try {
    const worker = await startDavarWorkerProcess(stack);
    try {
      const served = await startDavarApiProcess(stack);
      try {
        await measure(stack, worker, served);
      } finally {
        await served.api.stop();
      }
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

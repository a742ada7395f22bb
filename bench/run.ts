/**
 * `npm run bench` (small, minutes) and `npm run bench -- --full`: Davar against a bare Temporal baseline of the
 * same shape, open cases escalating at scale, and the case list on a large read model (docs/bench.md says what
 * each number is). Results go to bench/results/<date>-<name>.json and a section of bench/RESULTS.md.
 *
 *   npm run bench -- --sections speed,list --name small
 *   npm run bench -- --workflows /tmp/davar-before/workflows/case --name before   # another checkout's workflows
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { workflowThreadsOfOwnProcess } from '../worker/create-worker';
import { startBenchStack, type BenchStack } from './lib/bench-stack';
import { davarDriver } from './lib/davar-case';
import { markdownOf, type RunResult } from './lib/report';
import { startDavarApiProcess } from './lib/api-process';
import { startDavarWorkerProcess } from './lib/worker-process';
import { runList } from './sections/list';
import { runScale } from './sections/scale';
import { runIdle, runSpeed } from './sections/speed';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    sections: { type: 'string', default: 'speed,idle,scale,list' },
    name: { type: 'string' },
    workflows: { type: 'string' },
    cases: { type: 'string' },
    concurrency: { type: 'string' },
    filings: { type: 'string' },
    'open-cases': { type: 'string' },
    'idle-cases': { type: 'string' },
    'list-rows': { type: 'string' },
    'ramp-per-second': { type: 'string' },
    rounds: { type: 'string' },
    'no-markdown': { type: 'boolean', default: false },
  },
});

const full = values.full;
const size = (given: string | undefined, small: number, big: number) => Number(given ?? (full ? big : small));
const sections = new Set(values.sections.split(','));
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

function save(result: RunResult): void {
  const file = path.join(__dirname, 'results', `${result.date.slice(0, 10)}-${result.name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

const failures: Record<string, string> = {};

/** One section's failure is reported and the others still run: an hour of measurements is not thrown away. */
async function section<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    failures[name] = error instanceof Error ? error.message : String(error);
    log(`section ${name} failed: ${failures[name]}`);
    return undefined;
  }
}

/**
 * Runs a section on a stack of its own for a Davar worker process: no worker in this process, and a database of its
 * own, since a worker process projects into the public schema of DATABASE_URL. The stack is closed after it.
 */
async function withWorkerProcessStack<T>(name: string, run: (stack: BenchStack) => Promise<T>): Promise<T | undefined> {
  const stack = await startBenchStack({ davarWorker: false, ownDatabase: `davar_bench_${name}_${process.pid}`, log });
  try {
    return await section(name, () => run(stack));
  } finally {
    await stack.close();
  }
}

async function main(): Promise<void> {
  const workflows = values.workflows ? path.resolve(values.workflows) : undefined;
  const result: RunResult = {
    name: values.name ?? (full ? 'full' : 'small'),
    date: new Date().toISOString(),
    engine: process.env.DAVAR_ENGINE || 'dev',
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? '?'}`,
    davarWorkflows: workflows ?? 'this checkout',
    workflowThreads: workflowThreadsOfOwnProcess(),
    // Other work on the machine skews every figure: the load before and after the run says how much there was.
    loadAverage: { atStart: os.loadavg()[0] ?? 0, atEnd: 0 },
  };
  if (sections.has('speed') || sections.has('list')) {
    const stack = await startBenchStack({ davarWorkflowsPath: workflows, log });
    try {
      if (sections.has('speed')) {
        result.speed = await section('speed', () =>
          runSpeed(stack, {
            idleCases: 5,
            filings: size(values.filings, 300, 500),
            cases: size(values.cases, 100, 300),
            concurrency: size(values.concurrency, 50, 100),
            rounds: size(values.rounds, 2, 2),
            log,
          }),
        );
      }
      if (sections.has('list')) {
        result.list = await section('list', () =>
          runList(stack, { rows: size(values['list-rows'], 100_000, 1_000_000), repeats: 50, log }),
        );
      }
    } finally {
      await stack.close();
    }
  }
  if (sections.has('idle')) {
    // Davar's worker and API in processes of their own, as deployed.
    result.idle = await withWorkerProcessStack('idle', async (stack) => {
      const worker = await startDavarWorkerProcess(stack, { davarWorkflowsPath: workflows });
      const served = await startDavarApiProcess(stack).catch(async (error: unknown) => {
        await worker.stop();
        throw error;
      });
      try {
        const driver = await davarDriver(served.stack);
        return await runIdle(served.stack, driver, {
          idleCases: size(values['idle-cases'], 3, 10),
          log,
          pids: { worker: worker.pid, api: served.api.pid },
        });
      } finally {
        await served.api.stop();
        await worker.stop();
      }
    });
  }
  if (sections.has('scale')) {
    result.scale = await withWorkerProcessStack('scale', (stack) =>
      runScale(stack, {
        cases: size(values['open-cases'], 1_000, 100_000),
        concurrency: 50,
        assumedRampPerSecond: Number(values['ramp-per-second'] ?? 10),
        log,
        davarWorkflowsPath: workflows,
      }),
    );
  }

  result.loadAverage.atEnd = os.loadavg()[0] ?? 0;
  if (Object.keys(failures).length) result.failures = failures;
  save(result);
  const markdown = markdownOf(result);
  console.log(markdown);
  if (!values['no-markdown']) fs.appendFileSync(path.join(__dirname, 'RESULTS.md'), `\n${markdown}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

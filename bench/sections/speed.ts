/**
 * Item 5 of issue 12: Davar through its HTTP API against the bare baseline of the same shape, on one Temporal.
 * Three measurements, each Davar's side first, then the baseline's, never both at once:
 *  - idle: one case at a time, each action's latency, against a bare update on a waiting workflow;
 *  - filing: POST /cases at concurrency 50 against a bare workflow.start at concurrency 50;
 *  - full cases: N cases to closed/complied at concurrency C against N bare cases at C.
 * Filing and full cases run in rounds, Davar then bare in each: this machine's speed drifts over minutes (the bare
 * side alone moved 1.7–2.3 cases/s between runs), and alternating puts both sides under the same drift.
 */
import type { Client } from '@temporalio/client';
import type { Shape } from '../baseline/shape-types';
import { bareUpdate } from '../baseline/workflow';
import { runBareCase, startBare } from '../lib/bare-case';
import type { BenchStack } from '../lib/bench-stack';
import { cpuMeter, totalCpuS, untilQuiet } from '../lib/cpu';
import { davarDriver, fileOverHttp, runDavarCase, workflowIdOf, type DavarDriver } from '../lib/davar-case';
import { activitiesByName, countEvents, messagesOf, shapeOf, workOf, workOfShape, type EventLike } from '../lib/shape';
import { ratio, runPool, Samples, summarize, type Summary } from '../lib/stats';

export interface SpeedOptions {
  idleCases: number;
  filings: number;
  cases: number;
  concurrency: number;
  /** How many times filing and full cases run, each round Davar's side then the baseline's. */
  rounds: number;
  log: (message: string) => void;
}

interface Side {
  cases: number;
  failed: number;
  elapsedS: number;
  casesPerSecond: number;
  caseMs: Summary;
  actionsMs: Record<string, Summary>;
  cpuSeconds: Record<string, number>;
}

/** The shape of one Davar case, read from its history, and the work both sides do per case. */
async function probeShape(client: Client, caseNumber: string) {
  const history = await client.workflow.getHandle(workflowIdOf(caseNumber)).fetchHistory();
  const events = (history.events ?? []) as EventLike[];
  const shape = shapeOf(events);
  return {
    shape,
    eventCounts: countEvents(events),
    davarWork: workOf(events),
    activities: activitiesByName(shape),
    bareWork: workOfShape(shape),
  };
}

/** One side's cases over the rounds of a run, added up. */
class Tally {
  readonly actions = new Samples();
  readonly caseMs: number[] = [];
  readonly cpuSeconds: Record<string, number> = {};
  cases = 0;
  failed = 0;
  elapsedS = 0;

  side(): Side {
    const cpuSeconds = Object.fromEntries(
      Object.entries(this.cpuSeconds).map(([name, seconds]) => [name, Math.round(seconds * 100) / 100]),
    );
    return {
      cases: this.cases,
      failed: this.failed,
      elapsedS: Math.round(this.elapsedS * 10) / 10,
      casesPerSecond: perSecond(this.cases - this.failed, this.elapsedS),
      caseMs: summarize(this.caseMs),
      actionsMs: this.actions.summaries(),
      cpuSeconds,
    };
  }
}

const perSecond = (count: number, seconds: number): number => Math.round((count / seconds) * 100) / 100;

/** Runs `total` cases at `concurrency` into `tally`; returns this round's cases per second. */
async function measure(
  tally: Tally,
  total: number,
  concurrency: number,
  pids: Record<string, number | undefined>,
  one: (actions: Samples) => Promise<number>,
  log: (message: string) => void,
): Promise<number> {
  let failed = 0;
  const cpu = cpuMeter(pids);
  const elapsedS = await runPool(total, concurrency, async () => {
    try {
      tally.caseMs.push(await one(tally.actions));
    } catch (error) {
      failed += 1;
      log(`case failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  for (const [name, seconds] of Object.entries(cpu())) tally.cpuSeconds[name] = (tally.cpuSeconds[name] ?? 0) + seconds;
  tally.cases += total;
  tally.failed += failed;
  tally.elapsedS += elapsedS;
  return perSecond(total - failed, elapsedS);
}

/** Each round's rates and their ratio, so a run shows its own spread. */
interface Round {
  davar: number;
  bare: number;
  ratio: number | null;
}

/** Runs `count` rounds, each Davar's side then the baseline's (each returns its rate); the rounds' rates and ratios. */
async function inRounds(
  count: number,
  davarRound: (round: number) => Promise<number>,
  bareRound: (round: number) => Promise<number>,
): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let round = 1; round <= count; round += 1) {
    const davar = await davarRound(round);
    const bare = await bareRound(round);
    rounds.push({ davar, bare, ratio: ratio(davar, bare) });
  }
  return rounds;
}

/** Core-seconds of the Temporal server and the bench process together, per case: where the machine's time went. */
const perCase = (side: Side): number => Math.round((totalCpuS(side.cpuSeconds) / side.cases) * 100) / 100;

/** A bare update on a workflow that waits for it: the baseline of "one action on an idle stack". */
async function bareIdleUpdates(client: Client, count: number): Promise<Summary> {
  const waiting: Shape = {
    steps: [
      { awaits: [], commands: [] },
      ...Array.from({ length: count }, () => ({ awaits: [{ kind: 'update' as const, name: 'idle' }], commands: [] })),
    ],
  };
  const handle = await startBare(client, waiting);
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const began = performance.now();
    await handle.executeUpdate(bareUpdate, { args: ['idle'] });
    samples.push(performance.now() - began);
  }
  await handle.result();
  return summarize(samples.slice(1)); // the first pays for the workflow's first task to be cached
}

/**
 * Filings at concurrency 50 against bare starts, in rounds. Each side begins warm (one unmeasured wave opened the
 * database pool and the sockets) and on a quiet machine (`untilQuiet`: the workflow tasks and projections the other
 * side's filings left behind are done), so neither side's rate carries the other's leftovers; the CPU of a side's
 * filings until the machine is quiet again is its cost per filing. Until 0.3.6 a round was 100 filings, two waves,
 * straight after the other side's: rounds of one run swung from 0.45 to 0.74 (bench/RESULTS.md).
 */
async function filingRace(stack: BenchStack, driver: DavarDriver, shape: Shape, options: SpeedOptions) {
  const concurrency = 50;
  const pids = { temporal: stack.temporal.pid, bench: process.pid };
  // The API's phases of each measured filing (`Server-Timing`): which of PostgreSQL and Temporal the wait is in.
  const phases = new Samples();
  let warm = false;
  const fileDavar = async () => {
    const filed = await fileOverHttp(driver);
    if (warm) phases.addAll(filed.serverTiming);
    return filed.ms;
  };
  const fileBare = async () => {
    const began = performance.now();
    await startBare(stack.bareClient, shape);
    return performance.now() - began;
  };
  await runPool(concurrency, concurrency, async () => void (await fileDavar()));
  await runPool(concurrency, concurrency, async () => void (await fileBare()));
  await untilQuiet(pids);
  warm = true;
  const sides = { davar: { ms: [] as number[], s: 0, cpuS: 0 }, bare: { ms: [] as number[], s: 0, cpuS: 0 } };
  const round = (side: keyof typeof sides, file: () => Promise<number>) => async () => {
    const cpu = cpuMeter(pids);
    const elapsedS = await runPool(options.filings, concurrency, async () => void sides[side].ms.push(await file()));
    await untilQuiet(pids);
    sides[side].s += elapsedS;
    sides[side].cpuS += totalCpuS(cpu());
    return perSecond(options.filings, elapsedS);
  };
  const rounds = await inRounds(options.rounds, round('davar', fileDavar), round('bare', fileBare));
  const total = options.filings * options.rounds;
  const summary = (side: keyof typeof sides) => ({
    perSecond: Math.round((total / sides[side].s) * 10) / 10,
    ms: summarize(sides[side].ms),
    // Temporal and the bench process, from the first filing until the machine was quiet again.
    cpuMsPerFiling: Math.round((sides[side].cpuS / total) * 1000 * 10) / 10,
  });
  const davar = summary('davar');
  const bare = summary('bare');
  return {
    concurrency,
    filings: options.filings,
    rounds,
    davar,
    bare,
    ratio: ratio(total / sides.davar.s, total / sides.bare.s),
    goal: '>= 0.7',
    davarPhasesMs: phases.summaries(),
  };
}

/** One per workflow thread of Davar's worker (two on this machine's two cores, in the bench and a worker of its own). */
const WARM_UP_CASES = 2;

/**
 * One action on an idle stack: Davar's cases one at a time, each action's latency over HTTP (the median of the
 * actions' p50s), against a bare update on a waiting workflow. Wherever Davar's worker and API run: in the bench's
 * process (the speed section) or in processes of their own (the idle section, as production runs them). Both sides are
 * measured warm: the bare side drops its first update, and Davar first runs one unmeasured case per workflow thread
 * (each thread's first case builds the schema cache and is compiled afresh; until 0.3.6 it was measured, and its
 * first action after filing took 140–230 ms against 35–60 ms for a later case's).
 *
 * Each action goes the instant the previous step answered, so it may wait for the case's own work from that step,
 * which a bare update never has; since 0.3.9 as many cases again send each action to a case at rest
 * (`untilAtRest`), reported beside the ratio: 0–8 ms lower in four runs, mostly the action right after filing.
 */
export async function runIdle(
  stack: BenchStack,
  driver: DavarDriver,
  options: { idleCases: number; log: (message: string) => void; pids?: { worker: number; api: number } },
) {
  const { idleCases, log } = options;
  log(`idle: ${WARM_UP_CASES} Davar case(s) to warm up, then ${idleCases} one at a time, ${idleCases} at rest`);
  await runPool(WARM_UP_CASES, WARM_UP_CASES, async () => void (await runDavarCase(driver, new Samples())));
  const pids = { temporal: stack.temporal.pid, bench: process.pid, ...options.pids };
  const side = async (atRest: boolean) => {
    const tally = new Tally();
    const phases = new Samples();
    const run = async (actions: Samples) => (await runDavarCase(driver, actions, { phases, atRest })).ms;
    await measure(tally, idleCases, 1, pids, run, log);
    const davar = tally.side();
    const actions = Object.entries(davar.actionsMs).filter(([name]) => !name.startsWith('file'));
    return { davar, actionP50Ms: summarize(actions.map(([, s]) => s.p50)).p50, serverPhasesMs: phaseP50s(phases) };
  };
  const { davar, actionP50Ms, serverPhasesMs } = await side(false);
  const atRest = await side(true);
  const bareUpdateMs = await bareIdleUpdates(stack.bareClient, 21);
  // The Temporal update alone, as the API timed it: what of the ratio is the workflow's, and what the API's own.
  const updates = Object.values(serverPhasesMs).flatMap((p) => (p.update === undefined ? [] : [p.update]));
  const updateP50Ms = summarize(updates).p50;
  return {
    davar,
    bareUpdateMs,
    actionP50Ms,
    ratio: ratio(actionP50Ms, bareUpdateMs.p50),
    goal: '<= 2',
    serverPhasesMs,
    updateP50Ms,
    updateRatio: ratio(updateP50Ms, bareUpdateMs.p50),
    atRest: {
      actionsMs: atRest.davar.actionsMs,
      actionP50Ms: atRest.actionP50Ms,
      ratio: ratio(atRest.actionP50Ms, bareUpdateMs.p50),
    },
  };
}

/** `<action> <phase>` samples → each action's p50 per phase (ms). */
function phaseP50s(phases: Samples): Record<string, Record<string, number>> {
  const byAction: Record<string, Record<string, number>> = {};
  for (const [name, s] of Object.entries(phases.summaries())) {
    const [action = name, phase = ''] = name.split(' ');
    byAction[action] = { ...byAction[action], [phase]: s.p50 };
  }
  return byAction;
}

export type IdleResult = Awaited<ReturnType<typeof runIdle>>;

export async function runSpeed(stack: BenchStack, options: SpeedOptions) {
  const { log } = options;
  const driver = await davarDriver(stack);
  const pids = { temporal: stack.temporal.pid, bench: process.pid };

  const idle = await runIdle(stack, driver, { idleCases: options.idleCases, log });
  const probe = await runDavarCase(driver, new Samples());
  const { shape, eventCounts, davarWork, bareWork, activities } = await probeShape(stack.client, probe.caseNumber);
  const messages = messagesOf(shape);
  log(`shape: ${shape.steps.length} workflow tasks, ${JSON.stringify(davarWork)}`);

  log(
    `filing: ${options.rounds} round(s) of ${options.filings} POST /cases at concurrency 50, then as many bare starts`,
  );
  const filing = await filingRace(stack, driver, shape, options);

  const davarTally = new Tally();
  const bareTally = new Tally();
  driver.readsByWait = {};
  const rounds = await inRounds(
    options.rounds,
    (round) => {
      log(
        `full cases, round ${round} of ${options.rounds}: ${options.cases} at concurrency ${options.concurrency}, Davar then bare`,
      );
      return measure(
        davarTally,
        options.cases,
        options.concurrency,
        pids,
        async (actions) => (await runDavarCase(driver, actions)).ms,
        log,
      );
    },
    () =>
      measure(
        bareTally,
        options.cases,
        options.concurrency,
        pids,
        (actions) => runBareCase(stack.bareClient, shape, messages, actions),
        log,
      ),
  );
  const reads = Object.values(driver.readsByWait).reduce((a, b) => a + b, 0);
  const readsPerCase = Math.round(reads / davarTally.cases);
  const readsPerWait = Object.fromEntries(
    Object.entries(driver.readsByWait).map(([what, n]) => [what, Math.round((n / davarTally.cases) * 10) / 10]),
  );
  const davar = davarTally.side();
  const bare = bareTally.side();
  return {
    shape: {
      workflowTasks: shape.steps.length,
      davarWork,
      bareWork,
      activities,
      davarEventCounts: eventCounts,
      messages,
    },
    idle,
    filing,
    api: { retried503: driver.retried503, pending202: driver.pending202 },
    fullCases: {
      concurrency: options.concurrency,
      rounds,
      davar,
      bare,
      throughputRatio: ratio(davar.casesPerSecond, bare.casesPerSecond),
      coreSecondsPerCase: { davar: perCase(davar), bare: perCase(bare) },
      davarReadsPerCase: readsPerCase,
      davarReadsPerWait: readsPerWait,
      goal: '>= 0.8',
    },
  };
}

export type SpeedResult = Awaited<ReturnType<typeof runSpeed>>;

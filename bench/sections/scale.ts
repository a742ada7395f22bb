/**
 * Item 6 (open cases): N cases waiting in their response window at once, Davar's worker in a process of its own
 * (as in production, so its memory is its own): how long to get them there, the worker's memory, then all of
 * them escalating `response_overdue` as their windows end — how long that takes, and that each case escalated
 * exactly once, counted in PostgreSQL. The cases are started and accepted through the Temporal client (the way
 * the API does it, without HTTP), because the thing measured is the waiting and the escalating, not the filing.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { formatCaseNumber, makeLegalEntityId, makeNationalId } from '../../domain/ids';
import { fastPolicy, type Policy } from '../../domain/policy';
import type { CaseWorkflow } from '../../workflows/case';
import { acceptComplaintUpdate } from '../../workflows/messages';
import { filedSearchAttributes } from '../../workflows/search-attributes';
import { DAVAR_TASK_QUEUE, type BenchStack } from '../lib/bench-stack';
import { startDavarWorkerProcess } from '../lib/worker-process';
import { rssMbOf } from '../lib/cpu';
import { sleepMs } from '../lib/http';
import { runPool, summarize } from '../lib/stats';

export interface ScaleOptions {
  cases: number;
  concurrency: number;
  /** Cases per second the ramp is assumed to reach; the response window is sized so the ramp ends first. */
  assumedRampPerSecond: number;
  log: (message: string) => void;
  /** Another checkout's workflow code (`--workflows`), as the other sections take it. */
  davarWorkflowsPath?: string;
}

/**
 * The fast policy with a response window of `responseS` seconds and nothing else due for a long while: the
 * escalation wave measured is the response window's alone (no hearing-scheduling escalations, no level climbs).
 */
export function scalePolicy(responseS: number): Policy {
  const far = { amount: 1_000_000, unit: 'seconds' as const };
  return {
    ...fastPolicy,
    name: 'bench-scale',
    windows: {
      ...fastPolicy.windows,
      response: { amount: responseS, unit: 'seconds' },
      noticeUndelivered: far,
      hearingScheduling: far,
      escalationStep: far,
    },
  };
}

async function startAccepted(client: Client, i: number, policy: Policy): Promise<void> {
  const caseNumber = formatCaseNumber('THR', 1398, i + 1);
  const seed = String(200_000_000 + i);
  const handle = await client.workflow.start<typeof CaseWorkflow>('CaseWorkflow', {
    workflowId: `case-${caseNumber}`,
    taskQueue: DAVAR_TASK_QUEUE,
    typedSearchAttributes: filedSearchAttributes({ province: 'THR', channel: 'counter' }), // as the API starts a case
    args: [
      {
        kind: 'new',
        case: {
          caseNumber,
          filedAt: new Date().toISOString(),
          filedBy: { userId: 'bench', role: 'clerk' },
          policy,
          filing: {
            channel: 'counter',
            province: 'THR',
            complainant: { nationalId: makeNationalId(seed.slice(0, 9)), name: `Scale Worker ${i}` },
            respondent: { legalEntityId: makeLegalEntityId(`1${seed}`.slice(0, 10)), name: `Scale Employer ${i}` },
            employment: { startedOn: '2020-01-01', jobTitle: 'Welder', monthlyWageRials: 100_000_000 },
            claims: [{ kind: 'unpaid_wages', amountRials: 1, description: 'bench' }],
            statement: 'bench',
          },
        },
      },
    ],
  });
  await handle.executeUpdate(acceptComplaintUpdate, {
    args: [{ actor: { userId: 'bench', role: 'clerk' }, body: {} }],
  });
}

/**
 * When each case's response window ends, as the read model shows it once the case is in `response` (its next
 * deadline: nothing else is due). Not the stage's entry plus the window: the window runs from the complaint's
 * service, a moment before the case enters `response`, so that estimate had escalations "raised before" it.
 */
async function responseDeadlines(db: Knex, seen: Map<string, number>): Promise<void> {
  const rows = await db('cases').where({ stage: 'response' }).select('case_number', 'next_deadline');
  for (const row of rows as { case_number: string; next_deadline: Date | null }[]) {
    if (row.next_deadline && !seen.has(row.case_number)) seen.set(row.case_number, row.next_deadline.getTime());
  }
}

const countOf = async (query: Knex.QueryBuilder): Promise<number> =>
  Number(((await query.count({ n: '*' }).first()) as { n: string } | undefined)?.n ?? 0);

export async function runScale(stack: BenchStack, options: ScaleOptions) {
  const { log, cases } = options;
  const responseS = Math.max(60, Math.ceil((cases / options.assumedRampPerSecond) * 1.3));
  const policy = scalePolicy(responseS);
  const worker = await startDavarWorkerProcess(stack, { davarWorkflowsPath: options.davarWorkflowsPath });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMbOf(worker.pid))), 1000);
  const dueAt = new Map<string, number>();
  try {
    const idleRss = rssMbOf(worker.pid);
    log(`scale: ${cases} cases to their response window (${responseS} s), worker pid ${worker.pid}`);
    const began = Date.now();
    let started = 0;
    // A case that could not be started or accepted (Temporal overloaded) is counted, not fatal: the rest go on.
    const failed: string[] = [];
    const poller = setInterval(() => void responseDeadlines(stack.db, dueAt).catch(() => undefined), 2000);
    const startS = await runPool(cases, options.concurrency, async (i) => {
      try {
        await startAccepted(stack.client, i, policy);
      } catch (error) {
        failed.push(error instanceof Error ? error.message : String(error));
      }
      started += 1;
      if (started % 100 === 0) log(`  ${started} started (${failed.length} failed)`);
    }).finally(() => clearInterval(poller));
    const expected = cases - failed.length;
    const reachBy = Date.now() + responseS * 1000;
    for (;;) {
      const reached = await countOf(stack.db('cases').whereIn('stage', ['response', 'hearing']));
      if (reached >= expected || Date.now() > reachBy) break;
      await sleepMs(1000);
    }
    await responseDeadlines(stack.db, dueAt);
    const reachS = (Date.now() - began) / 1000;
    const rssAtRest = rssMbOf(worker.pid);
    const temporalRss = rssMbOf(stack.temporal.pid);
    const early = await countOf(stack.db('escalations').where({ kind: 'response_overdue' }));
    log(`  all ${cases} in their window after ${reachS.toFixed(0)} s (${early} already escalated); waiting`);

    // A loop, not a spread: a spread passes one argument per case, too many for a call at 100,000 cases.
    let lastDue = -Infinity;
    let firstDue = Infinity;
    for (const due of dueAt.values()) {
      lastDue = Math.max(lastDue, due);
      firstDue = Math.min(firstDue, due);
    }
    let counted = 0;
    const giveUp = lastDue + Math.max(600_000, responseS * 1000);
    while (Date.now() < giveUp) {
      counted = await countOf(stack.db('escalations').where({ kind: 'response_overdue' }));
      if (counted >= expected) break;
      await sleepMs(1000);
    }
    const allCountedAt = Date.now();
    const rows = (await stack
      .db('escalations')
      .where({ kind: 'response_overdue' })
      .select('case_number', 'raised_at')) as { case_number: string; raised_at: Date }[];
    const perCase = new Map<string, number>();
    for (const row of rows) perCase.set(row.case_number, (perCase.get(row.case_number) ?? 0) + 1);
    const lags = rows
      .map((row) => {
        const due = dueAt.get(row.case_number);
        return due === undefined ? undefined : row.raised_at.getTime() - due;
      })
      .filter((x): x is number => x !== undefined);
    return {
      cases,
      failedToStart: failed.length,
      engine: stack.engine,
      responseWindowS: responseS,
      startAndAcceptS: Math.round(startS),
      timeToReachS: Math.round(reachS),
      reachPerSecond: Math.round((cases / reachS) * 10) / 10,
      workerRssMb: { idle: idleRss, allWaiting: rssAtRest, peak: peakRss },
      temporalRssMb: temporalRss,
      escalation: {
        escalatedBeforeAllReached: early,
        casesEscalated: perCase.size,
        rows: rows.length,
        casesEscalatedMoreThanOnce: [...perCase.values()].filter((n) => n > 1).length,
        casesNotEscalated: expected - perCase.size,
        windowsEndSpreadS: Math.round((lastDue - firstDue) / 1000),
        lastCountedAfterLastWindowEndS: Math.round((allCountedAt - lastDue) / 1000),
        raisedAfterWindowEndMs: summarize(lags),
      },
    };
  } finally {
    clearInterval(sampler);
    await worker.stop();
  }
}

export type ScaleResult = Awaited<ReturnType<typeof runScale>>;

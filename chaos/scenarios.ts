/**
 * The chaos scenarios: each names its gateway knobs and policy, strikes once its cases have notices in flight,
 * ends the fault, and says where every case must end up. The run (chaos/scenario-run.ts) does the rest.
 */
import type { CaseStateView, Escalation } from '../domain/case';
import { fastPolicy, type Policy } from '../domain/policy';
import type { SimConfig } from '../gateway/simulator/config';
import type { Expectation } from './checks';
import { complaintOf, flowDone } from './flow';
import { when, type Progress } from './progress';
import type { ChaosStack } from './stack';
import type { Watcher } from './watch';

export interface FaultContext {
  stack: ChaosStack;
  progress: Progress;
  /** Counts the fault adds to the scenario's report (kills, seconds away…). */
  counts: Record<string, number>;
  log(line: string): void;
  watcher: Watcher;
  /** Lets cases held after service go on (scenarios with `holdAfterServing`). */
  release(): void;
}

export interface Scenario {
  name: string;
  summary: string;
  sim?: Partial<SimConfig>;
  policy: Policy;
  workers: number;
  needs: { ownTemporal?: boolean; ownPostgres?: boolean };
  /** The complaint may be served by hand (its send gives up): the flow's clerk does so once it has escalated. */
  serveByHand?: boolean;
  /** Cases wait after service until the fault calls `release` (summons must not meet the outage). */
  holdAfterServing?: boolean;
  inject(ctx: FaultContext): Promise<void>;
  expect: Expectation;
}

/**
 * The fast policy with the windows a case waits in made long, so that a case stays at the hearing the suite
 * expects however slow the run; the windows a fault should trip (notice undelivered, manual service) stay short.
 * The read model retries about as long as production does relative to an outage (~50 s): the fast policy's few
 * seconds would give up on a 30 s database stop that production's five minutes ride out.
 */
const chaosPolicy: Policy = {
  ...fastPolicy,
  name: 'chaos',
  windows: {
    ...fastPolicy.windows,
    response: { amount: 3600, unit: 'business_days' },
    hearingScheduling: { amount: 3600, unit: 'business_days' },
  },
  readModel: { attempts: 12, maxBackoffMs: 5_000 },
};

const open = (s: CaseStateView): Escalation[] => s.escalations.filter((e) => !e.resolvedAt);

/**
 * At the hearing with both summons served, the complaint served as `complaint` says, nothing left escalated, and
 * only `allowed` kinds raised (at most once per deadline; `required` kinds exactly once).
 */
function expectHearing(options: {
  complaint: 'gateway' | 'by_hand';
  allowed: Escalation['kind'][];
  required?: Escalation['kind'][];
}): Expectation {
  return (s) => {
    if (!flowDone(s)) return `at ${s.stage}, not at the hearing with both summons served`;
    const status = complaintOf(s)?.status;
    const wanted = options.complaint === 'gateway' ? ['delivered', 'viewed'] : ['served_by_hand'];
    if (!status || !wanted.includes(status)) return `complaint ${status ?? 'missing'}, expected ${wanted.join(' or ')}`;
    if (open(s).length)
      return `open escalations: ${open(s)
        .map((e) => `${e.kind}@${e.level}`)
        .join(', ')}`;
    const stray = s.escalations.filter(
      (e) => !options.allowed.includes(e.kind) && !(options.required ?? []).includes(e.kind),
    );
    if (stray.length) return `unexpected escalations: ${stray.map((e) => e.kind).join(', ')}`;
    // Once per deadline is checked for every scenario (chaos/checks.ts); here: raised at all.
    for (const kind of options.required ?? []) {
      if (!s.escalations.some((e) => e.kind === kind)) return `${kind} never raised`;
    }
    return undefined;
  };
}

/** A delivery can be late under any fault (the 4-fast-day window is short): raised and resolved is fine. */
const servedByGateway = expectHearing({ complaint: 'gateway', allowed: ['notice_undelivered'] });

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Strike when a third of the cases have had their complaint sent: notices are in flight, others still filing. */
const inFlight = (ctx: FaultContext) =>
  when('a third of the cases serving their complaint', () => ctx.progress.atLeast('serving') >= ctx.progress.total / 3);

/**
 * `kill -9` each of two workers in turn while notices are in flight (20% of acknowledgements lost), each time
 * letting the other go on alone until it has called the gateway, then starting the killed one again.
 */
export function killWorker(kills: 1 | 2 = 2): Scenario {
  return {
    name: 'kill-worker',
    summary:
      kills === 2
        ? 'kill -9 each of two workers in turn while notices are in flight, 20% of acknowledgements lost'
        : 'kill -9 one of two workers while complaints are in flight, 20% of acknowledgements lost',
    sim: { ackLossRate: 0.2 },
    policy: chaosPolicy,
    workers: 2,
    needs: {},
    async inject(ctx) {
      const { workers, sim } = ctx.stack;
      const summoning = () =>
        when('a third of the cases summoning', () => ctx.progress.atLeast('summoning') >= ctx.progress.total / 3);
      const allDone = () => ctx.progress.atLeast('done') + ctx.progress.failed() >= ctx.progress.total;
      const strikes = [
        ['worker-1', () => inFlight(ctx)],
        ['worker-2', summoning],
      ] as const;
      for (const [name, moment] of strikes.slice(0, kills)) {
        await moment();
        await workers.kill(name);
        const requests = sim.notices().totals.requests;
        ctx.log(`killed ${name} (kill -9) with ${ctx.progress.line()}`);
        // The other worker goes on alone before this one comes back (unless nothing is left for it to send).
        await when(
          'the remaining worker calling the gateway',
          () => sim.notices().totals.requests >= requests + 3 || allDone(),
          120_000,
        );
        await workers.start(name);
        ctx.log(`restarted ${name}`);
      }
      ctx.counts.workerKills = workers.kills;
    },
    expect: servedByGateway,
  };
}

/**
 * The gateway answers 503 to everything, then comes back: for `outageMs` from the moment a third of the cases are
 * serving, or (the short version) from the start until every case has escalated `notice_undelivered`, which is what
 * an outage of days looks like to a case: a condition to wait for, not a time.
 */
export function gatewayOutage(outageMs?: number): Scenario {
  const untilEscalated = outageMs === undefined;
  return {
    name: 'gateway-outage',
    summary: untilEscalated
      ? 'the gateway answers 503 to everything until every complaint has escalated, then comes back'
      : `the gateway answers 503 to everything for ${outageMs / 1000} s, then comes back (within the send's schedule-to-close)`,
    policy: chaosPolicy,
    sim: untilEscalated ? { outage: true } : {},
    workers: 2,
    needs: {},
    async inject(ctx) {
      let began = Date.now();
      if (untilEscalated) {
        const { watcher, progress } = ctx;
        await when('every case escalated notice_undelivered', async () => {
          const serving = progress.casesAt('serving');
          if (serving.length < progress.total) return false;
          const states = await Promise.all(serving.map((n) => watcher.state(n).catch(() => undefined)));
          return states.every((s) => s?.escalations.some((e) => e.kind === 'notice_undelivered'));
        });
      } else {
        await inFlight(ctx);
        ctx.stack.sim.setConfig({ outage: true });
        began = Date.now();
        ctx.log(`gateway outage on with ${ctx.progress.line()}`);
        await pause(outageMs);
      }
      ctx.stack.sim.setConfig({ outage: false });
      ctx.counts.gatewayDownMs = Date.now() - began;
      ctx.log(`gateway outage off after ${Math.round(ctx.counts.gatewayDownMs / 1000)} s (${ctx.progress.line()})`);
    },
    expect: untilEscalated
      ? expectHearing({ complaint: 'gateway', allowed: ['notice_undelivered'], required: ['notice_undelivered'] })
      : servedByGateway,
  };
}

export const scenarios: Scenario[] = [
  killWorker(),
  {
    name: 'temporal-restart',
    summary:
      'stop the Temporal server mid-run for 15 s and start it again on the same storage (the dev server on its SQLite file; with DAVAR_ENGINE=server, Temporal Server on PostgreSQL)',
    policy: chaosPolicy,
    workers: 2,
    needs: { ownTemporal: true },
    async inject(ctx) {
      await inFlight(ctx);
      const stopped = Date.now();
      await ctx.stack.temporal.stop();
      ctx.log(`Temporal stopped with ${ctx.progress.line()}`);
      await pause(15_000); // the fault itself: how long the server stays away
      await ctx.stack.temporal.start();
      ctx.counts.temporalDownMs = Date.now() - stopped;
      ctx.log(`Temporal started again after ${Math.round(ctx.counts.temporalDownMs / 1000)} s`);
    },
    expect: servedByGateway,
  },
  {
    name: 'postgres-outage',
    summary: 'stop the (owned) PostgreSQL for 30 s while cases are filed and act',
    policy: chaosPolicy,
    workers: 2,
    needs: { ownPostgres: true },
    async inject(ctx) {
      await inFlight(ctx);
      const stopped = Date.now();
      await ctx.stack.postgres.stopServer();
      ctx.log(`PostgreSQL stopped with ${ctx.progress.line()}`);
      await pause(30_000);
      await ctx.stack.postgres.startServer();
      ctx.counts.postgresDownMs = Date.now() - stopped;
      ctx.log(
        `PostgreSQL started again after ${Math.round(ctx.counts.postgresDownMs / 1000)} s (${ctx.progress.line()})`,
      );
    },
    expect: servedByGateway,
  },
  gatewayOutage(60_000),
  {
    name: 'outage-past-schedule-to-close',
    summary:
      'the gateway is down from the start for longer than a send may take (20 s schedule-to-close): each case ' +
      'escalates, a clerk serves the employer by hand, and the summons go out once the gateway is back',
    policy: { ...chaosPolicy, gateway: { ...chaosPolicy.gateway, sendWithinMs: 20_000 } },
    sim: { outage: true },
    workers: 2,
    needs: {},
    serveByHand: true,
    holdAfterServing: true,
    async inject(ctx) {
      // Down until every case's complaint has given up and been served by hand; then the summons may go out.
      await when(
        'every case served by hand',
        () => ctx.progress.atLeast('answering') + ctx.progress.failed() >= ctx.progress.total,
        600_000,
      );
      ctx.stack.sim.setConfig({ outage: false });
      ctx.log(`gateway back (${ctx.progress.line()})`);
      ctx.release();
    },
    expect: expectHearing({
      complaint: 'by_hand',
      allowed: ['notice_undelivered'],
      required: ['notice_undelivered', 'manual_service_overdue'],
    }),
  },
  {
    name: 'callbacks-lost',
    summary: 'every delivery callback is lost: each case learns of delivery by polling the gateway',
    sim: { callbackFailRate: 1 },
    policy: chaosPolicy,
    workers: 2,
    needs: {},
    async inject(ctx) {
      await when(
        'every case done',
        () => ctx.progress.atLeast('done') + ctx.progress.failed() >= ctx.progress.total,
        600_000,
      );
      const { callbacksSent, callbacksLost } = ctx.stack.sim.notices().totals;
      if (callbacksSent > 0) throw new Error(`${callbacksSent} callbacks reached the API although all should be lost`);
      ctx.counts.callbacksLostChecked = callbacksLost;
    },
    expect: servedByGateway,
  },
];

export function scenarioNamed(name: string): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no scenario "${name}"; known: ${scenarios.map((s) => s.name).join(', ')}`);
  return found;
}

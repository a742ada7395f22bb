/** The Markdown section a bench run adds to bench/RESULTS.md: the ratios against the goals first, then detail. */
import type { ListResult } from '../sections/list';
import type { ScaleResult } from '../sections/scale';
import type { IdleResult, SpeedResult } from '../sections/speed';
import type { Summary } from './stats';

export interface RunResult {
  name: string;
  date: string;
  engine: string;
  machine: string;
  davarWorkflows: string;
  /** Threads running workflow code in each worker (Davar's and the baseline's alike); older results lack it. */
  workflowThreads?: number;
  loadAverage: { atStart: number; atEnd: number };
  speed?: SpeedResult;
  /** One action on an idle stack with Davar's worker in a process of its own, as deployed. */
  idle?: IdleResult;
  scale?: ScaleResult;
  list?: ListResult;
  /** Sections that failed, with the reason. */
  failures?: Record<string, string>;
}

const ms = (s: Summary) => `${Math.round(s.p50)} / ${Math.round(s.p95)} / ${Math.round(s.p99)}`;
const verdict = (value: number | null, goal: string) => {
  if (value === null) return 'not measured';
  const [op, bound] = goal.split(' ');
  const met = op === '>=' ? value >= Number(bound) : value <= Number(bound);
  return met ? 'met' : 'not met';
};

/** Older results have no rounds: one round of each side. */
type Rounds = SpeedResult['fullCases']['rounds'] | undefined;
const roundsOf = (rounds: Rounds) => `${rounds?.length ?? 1} round${(rounds?.length ?? 1) === 1 ? '' : 's'}`;
const ratiosOf = (rounds: Rounds) =>
  (rounds ?? []).map((r) => `${r.ratio} (${r.davar} vs ${r.bare}/s)`).join(', ') || '–';

function speedSection(speed: SpeedResult): string[] {
  const { idle, filing, fullCases } = speed;
  const lines = [
    '| measurement | Davar | bare | ratio | goal | |',
    '| --- | --- | --- | --- | --- | --- |',
    `| full cases/s at concurrency ${fullCases.concurrency} (${fullCases.davar.cases} cases a side in ${roundsOf(fullCases.rounds)}) | ${fullCases.davar.casesPerSecond} | ${fullCases.bare.casesPerSecond} | ${fullCases.throughputRatio} | ${fullCases.goal} | ${verdict(fullCases.throughputRatio, fullCases.goal)} |`,
    `| one action on an idle stack, p50 ms (Davar: median of the actions' p50s over HTTP; bare: an update) | ${Math.round(idle.actionP50Ms)} | ${Math.round(idle.bareUpdateMs.p50)} | ${idle.ratio} | ${idle.goal} | ${verdict(idle.ratio, idle.goal)} |`,
    `| filings/s at concurrency ${filing.concurrency} (POST /cases vs workflow.start, ${filing.filings} each round, ${roundsOf(filing.rounds)}) | ${filing.davar.perSecond} | ${filing.bare.perSecond} | ${filing.ratio} | ${filing.goal} | ${verdict(filing.ratio, filing.goal)} |`,
    '',
    `Case latency p50 / p95 / p99 ms: Davar ${ms(fullCases.davar.caseMs)}, bare ${ms(fullCases.bare.caseMs)}` +
      ` (failed: Davar ${fullCases.davar.failed}, bare ${fullCases.bare.failed}). CPU seconds during the full-case run:` +
      ` Davar ${JSON.stringify(fullCases.davar.cpuSeconds)}, bare ${JSON.stringify(fullCases.bare.cpuSeconds)};` +
      ` per case ${fullCases.coreSecondsPerCase.davar} core-s against ${fullCases.coreSecondsPerCase.bare}.` +
      ` The Davar driver read each case ${fullCases.davarReadsPerCase} times while waiting to act (a GET, one query each: a long poll while the case moves, as the console's case page waits since 0.3.7, and every 200 ms while it waits for the clock)` +
      (fullCases.davarReadsPerWait ? `, waiting for ${JSON.stringify(fullCases.davarReadsPerWait)}.` : '.'),
    `Each round's ratio (Davar's side, then the baseline's): full cases ${ratiosOf(fullCases.rounds)}; filing ${ratiosOf(filing.rounds)}.`,
    `API answers retried after 503: ${speed.api.retried503}; 202 action_pending: ${speed.api.pending202}.`,
    `Filing latency p50 / p95 / p99 ms: POST /cases ${ms(filing.davar.ms)}, workflow.start ${ms(filing.bare.ms)}. CPU per filing until the machine was quiet again (Temporal and the bench process): Davar ${filing.davar.cpuMsPerFiling} ms, bare ${filing.bare.cpuMsPerFiling} ms. The API's phases of a filing (\`Server-Timing\`, p50 / p95 / p99 ms): ${
      Object.entries(filing.davarPhasesMs)
        .map(([phase, s]) => `${phase} ${ms(s)}`)
        .join(', ') || 'none'
    }.`,
    `Work per case (from the Davar case's history; the bare case mirrors it): ${JSON.stringify(speed.shape.davarWork)};` +
      ` activities by type: ${JSON.stringify(speed.shape.activities)}.`,
    '',
    '| action | idle p50 / p95 / p99 ms | under load p50 / p95 / p99 ms |',
    '| --- | --- | --- |',
  ];
  for (const [action, loaded] of Object.entries(fullCases.davar.actionsMs)) {
    const quiet = idle.davar.actionsMs[action];
    lines.push(`| ${action} | ${quiet ? ms(quiet) : '–'} | ${ms(loaded)} |`);
  }
  for (const [action, loaded] of Object.entries(fullCases.bare.actionsMs)) {
    const note = action.startsWith('update') ? ' (sent at once: includes waiting for its step)' : '';
    lines.push(`| bare: ${action}${note} | – | ${ms(loaded)} |`);
  }
  lines.push(`| bare: update on a waiting workflow | ${ms(idle.bareUpdateMs)} | – |`);
  return lines;
}

function idleSection(idle: IdleResult): string[] {
  const lines = [
    `One action on an idle stack with Davar's worker and API in processes of their own (as production runs them;` +
      ` the driver and the baseline's worker in the bench's process): Davar ${Math.round(idle.actionP50Ms)} ms (median of` +
      ` the actions' p50s over HTTP, ${idle.davar.cases} cases one at a time), bare update` +
      ` ${Math.round(idle.bareUpdateMs.p50)} ms: **${idle.ratio}×** (goal ${idle.goal}: ${verdict(idle.ratio, idle.goal)}).`,
    '',
    `The API's account of each action (\`Server-Timing\`, p50 ms): the Temporal update alone ${Math.round(idle.updateP50Ms)} ms` +
      ` (median of the actions'), **${idle.updateRatio}×** the bare update; the rest of the ratio is the API's own` +
      ` (authentication and the body, the idempotency claim, the answer) and HTTP.`,
    '',
    `Each action sent to a case at rest instead (no workflow task or activity of the case in flight; as sent above,` +
      ` an action may wait for the case's own work from the step before): ${Math.round(idle.atRest.actionP50Ms)} ms,` +
      ` ${idle.atRest.ratio}×.`,
    '',
    '| action | p50 / p95 / p99 ms | server p50 ms: parse / claim / update / answer (filing: parse / allocate / start) | at rest p50 / p95 / p99 ms |',
    '| --- | --- | --- | --- |',
  ];
  for (const [action, s] of Object.entries(idle.davar.actionsMs)) {
    const filing = action.startsWith('file');
    const p = idle.serverPhasesMs[filing ? 'file' : action] ?? {};
    const names = filing ? ['parse', 'allocate', 'start'] : ['parse', 'claim', 'update', 'answer'];
    const rested = idle.atRest.actionsMs[action];
    lines.push(
      `| ${action} | ${ms(s)} | ${names.map((name) => p[name] ?? '–').join(' / ')} | ${rested ? ms(rested) : '–'} |`,
    );
  }
  lines.push(`| bare: update on a waiting workflow | ${ms(idle.bareUpdateMs)} | – | – |`);
  return lines;
}

function scaleSection(scale: ScaleResult): string[] {
  const e = scale.escalation;
  return [
    `${scale.cases} open cases in their response window (${scale.responseWindowS} s) on the ${scale.engine} engine:` +
      ` started and accepted in ${scale.startAndAcceptS} s, all in the window after ${scale.timeToReachS} s` +
      ` (${scale.reachPerSecond} cases/s). Worker RSS MB idle / all waiting / peak:` +
      ` ${scale.workerRssMb.idle} / ${scale.workerRssMb.allWaiting} / ${scale.workerRssMb.peak}; Temporal RSS ${scale.temporalRssMb} MB.`,
    `Escalation: ${e.casesEscalated} of ${scale.cases} cases escalated \`response_overdue\` (${e.rows} rows;` +
      ` more than once: ${e.casesEscalatedMoreThanOnce}; never: ${e.casesNotEscalated}); windows ended over` +
      ` ${e.windowsEndSpreadS} s; the last escalation was counted in PostgreSQL ${e.lastCountedAfterLastWindowEndS} s` +
      ` after the last window ended; raised after its window ended p50 / p95 / p99 ms: ${ms(e.raisedAfterWindowEndMs)}.`,
  ];
}

function listSection(list: ListResult): string[] {
  const lines = [
    `\`GET /cases\` as a Tehran clerk on ${list.rows.toLocaleString('en')} seeded rows (seeded in ${list.seedSeconds} s),` +
      ` ${list.repeats} requests per query after two warm-ups:`,
    '',
    '| query | p50 ms | p99 ms | items |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, s] of Object.entries(list.queriesMs)) lines.push(`| ${name} | ${s.p50} | ${s.p99} | ${s.items} |`);
  return lines;
}

export function markdownOf(result: RunResult): string {
  const lines = [
    `### ${result.date.slice(0, 16).replace('T', ' ')} UTC — ${result.name}`,
    '',
    `Engine ${result.engine}, ${result.machine}; Davar's workflow code: ${result.davarWorkflows}${result.workflowThreads ? `; ${result.workflowThreads} workflow thread(s) per worker` : ''}; load average` +
      ` (1 min) ${result.loadAverage.atStart.toFixed(1)} at the start, ${result.loadAverage.atEnd.toFixed(1)} at the end.`,
    '',
  ];
  if (result.speed) lines.push(...speedSection(result.speed), '');
  if (result.idle) lines.push(...idleSection(result.idle), '');
  if (result.scale) lines.push(...scaleSection(result.scale), '');
  if (result.list) lines.push(...listSection(result.list), '');
  for (const [name, reason] of Object.entries(result.failures ?? {}))
    lines.push(`Section ${name} failed: ${reason}`, '');
  return `${lines.join('\n')}\n`;
}

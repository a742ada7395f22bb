/**
 * One Davar case from filing to `closed/complied`, only through the HTTP API, as staff, parties and the board
 * would drive it (the sequence of test/e2e/flow.test.ts): file, accept, answer, assign a board, schedule and hold
 * the hearing, three votes, and once both appeal windows pass, record compliance. Between steps the driver reads
 * the case (GET, a workflow query) until the next action is possible, as the console would.
 */
import { randomUUID } from 'node:crypto';
import { makeLegalEntityId, makeNationalId } from '../../domain/ids';
import { stages, type Stage } from '../../domain/vocabulary';
import type { BenchStack } from './bench-stack';
import { at, request, sleepMs, type Reply } from './http';
import type { Samples } from './stats';
import { untilAtRest } from './at-rest';

/** How often the driver reads a case while it waits for the case to move on. */
const POLL_MS = 200;
/**
 * How far ahead the hearing is scheduled: the fast policy's summons lead time (1 s) and room for a busy machine. The
 * case checks the time again after its lead-time activity, and under the full-case load that took up to 6.8 s
 * (p99) on stop 29's machine: with 6 s, 5 of 200 cases were refused "at is in the past". The bare driver waits the
 * same time (`clockGates`), though in stop 29's runs the longer wait did not lengthen both sides' cases alike
 * (bench/RESULTS.md).
 */
export const HEARING_AHEAD_MS = 15_000;
const WAIT_LIMIT_MS = 120_000;
const RETRIES_503 = 10;

export interface DavarDriver {
  stack: BenchStack;
  clerk: string;
  officer: string;
  members: { userId: string; token: string }[];
  /** How often the API answered 503 (retried) or 202 (accepted, still running): load the report should show. */
  retried503: number;
  pending202: number;
  /** How many times the driver read a case (GET, one workflow query each) while waiting to act, by what it waited for. */
  readsByWait: Record<string, number>;
}

export async function davarDriver(stack: BenchStack): Promise<DavarDriver> {
  const members = await Promise.all(
    ['member-a', 'member-b', 'member-c'].map(async (userId) => ({
      userId,
      token: await stack.token({ role: 'board_member', sub: userId }),
    })),
  );
  return {
    stack,
    clerk: await stack.token({ role: 'clerk', sub: 'bench-clerk' }),
    officer: await stack.token({ role: 'officer', sub: 'bench-officer' }),
    members,
    retried503: 0,
    pending202: 0,
    readsByWait: {},
  };
}

let seed = 100_000_000 + Math.floor(Math.random() * 800_000_000);

/** A valid filing with fresh IDs (check digits computed; never a real person's number). */
export function benchFiling() {
  seed += 1;
  return {
    channel: 'counter',
    province: 'THR',
    complainant: { nationalId: makeNationalId(String(seed)), name: `Bench Worker ${seed}` },
    respondent: { legalEntityId: makeLegalEntityId(`1${seed}`), name: `Bench Employer ${seed}` },
    employment: { startedOn: '2022-03-21', endedOn: '2025-06-01', jobTitle: 'Machine operator', monthlyWageRials: 1e8 },
    claims: [{ kind: 'unpaid_wages', amountRials: 300_000_000, description: 'Three months of unpaid wages' }],
    statement: 'I was not paid for the last three months.',
  };
}

/** A POST as the API asks clients to make it: a 503 is retried with the same Idempotency-Key. */
async function post(driver: DavarDriver, path: string, token: string, body: unknown): Promise<Reply> {
  const key = randomUUID();
  const began = performance.now();
  for (let attempt = 1; ; attempt += 1) {
    const reply = await request(driver.stack.apiUrl, 'POST', path, token, body, key);
    if (reply.status !== 503 || attempt >= RETRIES_503) return { ...reply, ms: performance.now() - began };
    driver.retried503 += 1;
    await sleepMs(500);
  }
}

function ok(reply: Reply, what: string): Reply {
  if (reply.status !== 200 && reply.status !== 201)
    throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
  return reply;
}

/** Files a case over HTTP and returns its number and the request's time. */
export async function fileOverHttp(
  driver: DavarDriver,
): Promise<{ caseNumber: string; ms: number; serverTiming: Record<string, number> }> {
  const filing = benchFiling();
  const reply = ok(await post(driver, '/api/v1/cases', driver.clerk, filing), 'file');
  const caseNumber = at(reply.body, 'caseNumber');
  if (typeof caseNumber !== 'string') throw new Error(`no case number in ${JSON.stringify(reply.body)}`);
  return { caseNumber, ms: reply.ms, serverTiming: reply.serverTiming };
}

export interface CaseRunOptions {
  /** The API's account of each action's phases (`Server-Timing`), under `<action> <phase>`. */
  phases?: Samples;
  /** Each action waits for the case to be at rest first (`untilAtRest`); the wait is not in the action's time. */
  atRest?: boolean;
}

/** Runs one case to `closed/complied`; each action's time goes into `actions`; returns the whole case's time. */
export async function runDavarCase(
  driver: DavarDriver,
  actions: Samples,
  { phases, atRest = false }: CaseRunOptions = {},
): Promise<{ caseNumber: string; ms: number }> {
  const { stack, clerk, officer } = driver;
  const began = performance.now();
  const filing = benchFiling();
  const filed = ok(await post(driver, '/api/v1/cases', clerk, filing), 'file');
  actions.add('file (POST /cases)', filed.ms);
  phases?.addAll(filed.serverTiming, 'file');
  const caseNumber = at(filed.body, 'caseNumber') as string;
  const base = `/api/v1/cases/${caseNumber}`;
  const respondent = await stack.token({
    role: 'party',
    side: 'respondent',
    sub: `employer-${caseNumber}`,
    nationalId: filing.respondent.legalEntityId,
  });

  // As the API asks a client to: a 503 is retried with the same Idempotency-Key; a 202 was accepted by the case.
  const act = async (action: string, token: string, body: unknown = {}): Promise<Reply> => {
    if (atRest) await untilAtRest(stack.client, workflowIdOf(caseNumber));
    const reply = await post(driver, `${base}/actions/${action}`, token, body);
    if (reply.status === 202) driver.pending202 += 1;
    else ok(reply, action);
    actions.add(action, reply.ms);
    phases?.addAll(reply.serverTiming, action);
    return reply;
  };
  // Waiting for the case to move (a notice delivered, a timer fired): a long poll that the API answers when the
  // case's version passes the one last read (`after`), one read per change. Waiting for the clock (a session
  // that sits at a set time: no entry marks it) reads every POLL_MS, as before 0.3.6 every wait did.
  const waitUntil = async (
    what: string,
    token: string,
    done: (view: unknown) => boolean,
    by: 'change' | 'clock' = 'change',
  ): Promise<unknown> => {
    const deadline = performance.now() + WAIT_LIMIT_MS;
    let version: unknown;
    for (;;) {
      const path = by === 'change' && typeof version === 'number' ? `${base}?after=${version}&wait=10` : base;
      const reply = await request(stack.apiUrl, 'GET', path, token);
      driver.readsByWait[what] = (driver.readsByWait[what] ?? 0) + 1;
      if (reply.status === 200 && done(reply.body)) return reply.body;
      if (performance.now() > deadline) throw new Error(`${caseNumber}: ${what} not reached`);
      if (reply.status === 200 && by === 'change') version = at(reply.body, 'version');
      else await sleepMs(POLL_MS);
    }
  };
  const reached = (stage: Stage) => (view: unknown) =>
    stages.indexOf(at(view, 'stage') as Stage) >= stages.indexOf(stage);
  const allowed = (action: string) => (view: unknown) =>
    ((at(view, 'availableActions') as { action: string; allowed: boolean }[] | undefined) ?? []).some(
      (a) => a.action === action && a.allowed,
    );

  await act('accept-complaint', clerk);
  await waitUntil('response', clerk, reached('response'));
  await act('record-response', respondent, { text: 'The wages were paid in cash.' });
  await waitUntil('hearing', clerk, reached('hearing'));
  await act('assign-board', officer, {
    members: driver.members.map((m, i) => ({ userId: m.userId, name: `Member ${i + 1}`, presiding: i === 0 })),
  });
  const sitsAt = Date.now() + HEARING_AHEAD_MS;
  await act('schedule-hearing', officer, { at: new Date(sitsAt).toISOString(), mode: 'in_person' });
  // The driver chose the time, so it waits for it before reading, as the bare driver waits (`clockGates`).
  await sleepMs(sitsAt - Date.now());
  await waitUntil('the session sitting', officer, allowed('record-hearing-held'), 'clock');
  await act('record-hearing-held', officer, {
    attendance: { complainant: true, respondent: true },
    minutes: 'Both parties heard.',
  });
  const [a, b, c] = driver.members;
  if (!a || !b || !c) throw new Error('three board members expected');
  await act('cast-vote', a.token, { decision: 'uphold', reason: 'Owed.' });
  await act('cast-vote', b.token, { decision: 'uphold', reason: 'Owed.' });
  await act('cast-vote', c.token, { decision: 'reject', reason: 'Paid.' });
  // The appeal windows open as the ruling is served; once the case shows both, when they end is known.
  const ruled = await waitUntil(
    'the appeal windows',
    clerk,
    (view) => appealWindowEnds(view).length >= 2 || reached('compliance')(view),
  );
  await sleepMs(Math.max(0, ...appealWindowEnds(ruled)) - Date.now());
  await waitUntil('compliance', clerk, reached('compliance'));
  const done = await act('record-compliance', officer, { evidence: 'Receipt 42' });
  if (done.status === 202) await waitUntil('closed', clerk, reached('closed'));
  else if (at(done.body, 'outcome') !== 'complied')
    throw new Error(`${caseNumber}: closed as ${String(at(done.body, 'outcome'))}`);
  return { caseNumber, ms: performance.now() - began };
}

/** When the case's open appeal windows end (ms since the epoch), as `GET /cases/{n}` shows them. */
function appealWindowEnds(view: unknown): number[] {
  const deadlines = (at(view, 'deadlines') as { kind: string; open: boolean; dueAt: string }[] | undefined) ?? [];
  return deadlines.filter((d) => d.kind === 'appeal' && d.open).map((d) => Date.parse(d.dueAt));
}

/** The workflow ID of a case filed through the API. */
export const workflowIdOf = (caseNumber: string) => `case-${caseNumber}`;

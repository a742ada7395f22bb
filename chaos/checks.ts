/**
 * What every scenario asserts once its fault is over, from three independent witnesses: the gateway simulator
 * (notices per idempotency key, per person and document), each case's workflow (stage, notices, escalations)
 * and PostgreSQL (reconcile's comparison, escalation rows, the audit log without gaps).
 */
import type { CaseStateView } from '../domain/case';
import { reconcile } from '../scripts/lib/reconcile';
import type { ChaosStack } from './stack';
import type { Watcher } from './watch';

export interface Verdict {
  counts: Record<string, number>;
  failures: string[];
}

/** A scenario's expectation of one case: undefined when the case is where it should be, else why not. */
export type Expectation = (state: CaseStateView) => string | undefined;

function add(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** Exactly one notice per idempotency key, and one per person and document (a second key is a second notice too). */
function gatewayChecks(stack: ChaosStack, states: CaseStateView[], verdict: Verdict): void {
  const ours = new Set(states.map((s) => s.caseNumber));
  const listing = stack.sim.notices();
  const notices = listing.notices.filter((n) => ours.has(n.caseRef));
  const { totals } = listing;
  Object.assign(verdict.counts, {
    gatewayNotices: notices.length,
    gatewayRequests: totals.requests,
    gateway503: totals.failed503,
    ackLost: totals.ackLost,
    replayedByKey: totals.replayed,
    callbacksSent: totals.callbacksSent,
    callbacksLost: totals.callbacksLost,
    duplicateNotices: totals.duplicates,
  });
  if (totals.duplicates > 0)
    verdict.failures.push(`${totals.duplicates} idempotency key(s) created more than one notice`);
  const perDocument = new Map<string, number>();
  for (const n of notices) {
    const who = n.recipient.nationalId ?? n.recipient.legalEntityId ?? '';
    const id = `${n.caseRef}:${n.documentType}:${who}`;
    perDocument.set(id, (perDocument.get(id) ?? 0) + 1);
  }
  const twice = [...perDocument].filter(([, count]) => count > 1);
  verdict.counts.sameDocumentTwice = twice.length;
  if (twice.length)
    verdict.failures.push(
      `a person got the same document twice: ${twice
        .slice(0, 5)
        .map(([id]) => id)
        .join(', ')}`,
    );
  // A notice the gateway holds but its case never learnt was accepted: sent, yet the case may serve it again by hand.
  const known = new Set(states.flatMap((s) => s.notices.filter((n) => n.noticeId).map((n) => n.key)));
  const orphans = notices.filter((n) => !known.has(n.idempotencyKey));
  verdict.counts.noticesUnknownToCase = orphans.length;
  if (orphans.length) {
    verdict.failures.push(
      `${orphans.length} notice(s) accepted by the gateway that their case does not know were sent: ${orphans
        .slice(0, 5)
        .map((n) => `${n.idempotencyKey} (${n.status})`)
        .join(', ')}`,
    );
  }
}

/** Escalations: each raised once per deadline in the case, and PostgreSQL holding exactly the case's rows. */
async function escalationChecks(stack: ChaosStack, states: CaseStateView[], verdict: Verdict): Promise<void> {
  const rows = await stack
    .db('escalations')
    .whereIn(
      'case_number',
      states.map((s) => s.caseNumber),
    )
    .select<{ id: string; case_number: string; kind: string }[]>('id', 'case_number', 'kind');
  verdict.counts.escalationRows = rows.length;
  for (const state of states) {
    const seen = new Set<string>();
    for (const e of state.escalations) {
      add(verdict.counts, `escalated:${e.kind}`);
      const once = `${e.kind}:${e.deadlineId ?? e.id}`;
      if (seen.has(once)) verdict.failures.push(`${state.caseNumber}: ${e.kind} raised twice for one deadline`);
      seen.add(once);
    }
    const wanted = new Set(state.escalations.map((e) => `${state.caseNumber}:${e.id}`));
    const stored = rows.filter((r) => r.case_number === state.caseNumber).map((r) => r.id);
    const extra = stored.filter((id) => !wanted.has(id));
    const missing = [...wanted].filter((id) => !stored.includes(id));
    if (extra.length || missing.length) {
      verdict.failures.push(
        `${state.caseNumber}: escalations in PostgreSQL differ (extra ${extra.join(', ') || 'none'}, missing ${missing.join(', ') || 'none'})`,
      );
    }
  }
}

/**
 * The audit log holds every entry 1..auditSeq of each case, once: the read model has caught up, with no gap. The
 * case goes on while this runs (a notice viewed, a met window closed), so it may hold more than the state read
 * earlier did: entries past it are fine, a gap or one missing is not.
 */
async function auditChecks(stack: ChaosStack, states: CaseStateView[], verdict: Verdict): Promise<void> {
  const rows = await stack
    .db('audit_log')
    .whereIn(
      'case_number',
      states.map((s) => s.caseNumber),
    )
    .groupBy('case_number')
    .select<{ case_number: string; n: string; top: number }[]>(
      'case_number',
      stack.db.raw('count(*) as n'),
      stack.db.raw('max(event_seq) as top'),
    );
  let gaps = 0;
  for (const state of states) {
    const row = rows.find((r) => r.case_number === state.caseNumber);
    const top = Number(row?.top ?? 0);
    if (Number(row?.n ?? 0) !== top || top < state.auditSeq) {
      gaps += 1;
      verdict.failures.push(
        `${state.caseNumber}: audit log holds ${row?.n ?? 0} entries (up to ${row?.top ?? 0}), the case ${state.auditSeq}`,
      );
    }
  }
  verdict.counts.auditEntries = rows.reduce((sum, r) => sum + Number(r.n), 0);
  verdict.counts.casesWithAuditGaps = gaps;
}

export async function verify(
  stack: ChaosStack,
  watcher: Watcher,
  caseNumbers: string[],
  expectation: Expectation,
): Promise<Verdict> {
  const verdict: Verdict = { counts: { cases: caseNumbers.length }, failures: [] };
  // The read model follows each action (answer-before-projection): wait until every case has projected all it has.
  const states = await Promise.all(
    caseNumbers.map((n) => watcher.until(n, 'the read model caught up', (s) => s.projectedSeq === s.auditSeq, 120_000)),
  );
  for (const state of states) {
    const wrong = expectation(state);
    if (wrong) verdict.failures.push(`${state.caseNumber}: ${wrong}`);
    add(verdict.counts, `stage:${state.stage}`);
  }
  for (const n of caseNumbers) {
    const { status } = await stack.client.workflow.getHandle(`case-${n}`).describe();
    if (status.name !== 'RUNNING') verdict.failures.push(`case-${n} is ${status.name}, not RUNNING`);
  }
  gatewayChecks(stack, states, verdict);
  await escalationChecks(stack, states, verdict);
  await auditChecks(stack, states, verdict);
  await reconcileChecks(stack, watcher, caseNumbers, verdict);
  return verdict;
}

/**
 * `npm run reconcile --dry-run` over the run's cases. The cases go on while it runs (the simulator reports a
 * notice viewed a second after its delivery), so a case may be compared between recording a fact and projecting
 * it. A difference is drift only if it outlives the case's next catch-up: a differing case is compared again once
 * it has projected all it has, up to three times. Since 'audit-deadline-close' a met window reaches the read model
 * too: every lasting difference fails the run.
 */
async function reconcileChecks(stack: ChaosStack, watcher: Watcher, caseNumbers: string[], verdict: Verdict) {
  const first = await reconcile(stack.client, stack.db, { repair: false, caseNumbers });
  verdict.counts.reconcileChecked = first.checked;
  if (first.checked !== caseNumbers.length)
    verdict.failures.push(`reconcile checked ${first.checked} of ${caseNumbers.length} cases`);
  let differing = first.differing;
  for (let round = 0; round < 3 && differing.length; round++) {
    const moving = differing.map((d) => d.caseNumber);
    await Promise.all(
      moving.map((n) => watcher.until(n, 'the read model caught up', (s) => s.projectedSeq === s.auditSeq, 120_000)),
    );
    differing = (await reconcile(stack.client, stack.db, { repair: false, caseNumbers: moving })).differing;
  }
  verdict.counts.reconcileCaughtUpLater = first.differing.length - differing.length;
  verdict.counts.reconcileDifferences = differing.length;
  for (const { caseNumber, differences } of differing)
    verdict.failures.push(`reconcile: ${caseNumber}: ${differences.join('; ')}`);
}

/** CaseWorkflow: the life of one labor complaint, from intake to a closed outcome. Read top to bottom. */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  type RetryPolicy,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Handler } from '@temporalio/workflow/lib/interfaces';
import type { CaseActivities } from '../activities';
import { actionBodySchemas, openDeadline, refusalFor, type ActionName } from '../domain/actions';
import { fixedDurationMs } from '../domain/calendar/deadline';
import { toJalali } from '../domain/calendar/jalali';
import type {
  Actor,
  AuditEntry,
  CaseState,
  CaseStateView,
  Deadline,
  DeadlineKind,
  DocumentType,
  EnforcementReferral,
  EscalationKind,
  NoticeRecord,
  Outcome,
  Ruling,
  Side,
  Stage,
} from '../domain/case';
import { caseFlags, newCaseState, projectionOf, sides } from '../domain/case';
import type { DurationRule } from '../domain/policy';
import { suggestedRemedies } from '../domain/remedies';
import { majorityDecision, presidingDecision, rulingAwards, tally } from '../domain/voting';
import { GatewayFailureType, nonRetryableGatewayFailureTypes } from '../domain/gateway-failures';
import * as messages from './messages';
import type { ActionCall, CaseWorkflowInput, EnforcementEvent, NoticeEvent } from './messages';
import { CaseStage, Channel, EscalationLevel, NextDeadline, Overdue, Province } from './search-attributes';

// ── Activity options, one object per kind of work ────────────────────────────────────────────────

/** Gateway calls: retried with backoff inside a 3-day schedule-to-close; contract errors are final. */
const gatewayRetry: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '5 minutes',
  nonRetryableErrorTypes: [...nonRetryableGatewayFailureTypes],
};
const gateway = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: gatewayRetry,
});
/** The fast policy squeezes days into seconds, so its gateway backoff tops out in seconds too. */
const gatewayFast = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '3 days',
  retry: { ...gatewayRetry, maximumInterval: '2 seconds' },
});
/** Read-model projections: short attempts, retried until the database answers. */
const projections = proxyActivities<CaseActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});
/** Calendar arithmetic: pure and quick, recorded in history so a calendar update never breaks replay. */
const calendar = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumInterval: '10 seconds' },
});

/** Thrown inside waits once the case is closed (settled, withdrawn, rejected…); caught where a stage runs. */
class CaseClosed extends Error {}

export async function CaseWorkflow(input: CaseWorkflowInput): Promise<CaseStateView> {
  const state: CaseState = input.kind === 'new' ? newCaseState(input.case) : input.state;
  const gw = state.policy.secondsPerDay === null ? gateway : gatewayFast;
  const now = () => new Date(Date.now()).toISOString();
  const isClosed = () => state.stage === 'closed';
  /**
   * Stage code awaits activities; an update may close the case meanwhile. Every step that would move the case
   * on (a stage change, a deadline, an escalation, a new notice) checks first, so a closed case stays closed.
   */
  // Cases recorded before this guard existed replay without it (their history shows the late steps).
  const closedMeanwhile = () => isClosed() && patched('closed-case-stays-closed');
  const ensureOpen = () => {
    if (closedMeanwhile()) throw new CaseClosed();
  };

  // ── Audit, projection, search attributes ──────────────────────────────────────────────────────

  function audit(entry: Omit<AuditEntry, 'seq' | 'at'>): number {
    state.auditSeq += 1;
    state.audit.push({ ...entry, seq: state.auditSeq, at: now() });
    refreshSearchAttributes();
    return state.auditSeq;
  }

  let lastAttributes = '';
  function refreshSearchAttributes(): void {
    const { overdue, escalationLevel, nextDeadline } = caseFlags(state);
    const key = JSON.stringify([state.stage, overdue, escalationLevel, nextDeadline]);
    if (key === lastAttributes) return;
    lastAttributes = key;
    upsertSearchAttributes({
      [CaseStage.name]: [state.stage],
      [Province.name]: [state.province],
      [Channel.name]: [state.channel],
      [Overdue.name]: [overdue],
      [EscalationLevel.name]: [escalationLevel],
      [NextDeadline.name]: nextDeadline ? [new Date(nextDeadline)] : [],
    });
  }

  /** One projector at a time keeps read-model writes in order; everything else just appends audit entries. */
  async function projector(): Promise<never> {
    for (;;) {
      await condition(() => state.audit.length > 0);
      const entries = state.audit.slice();
      await projections.project({ state: projectionOf(state), entries });
      state.projectedSeq = entries[entries.length - 1]?.seq ?? state.projectedSeq;
      state.audit = state.audit.filter((e) => e.seq > state.projectedSeq);
    }
  }
  const projected = (seq: number) => condition(() => state.projectedSeq >= seq);

  function background(task: () => Promise<unknown>): void {
    task().catch((error: unknown) => {
      if (!(error instanceof CaseClosed)) throw error;
    });
  }

  // ── Waiting ───────────────────────────────────────────────────────────────────────────────────

  /** Waits for `done` until `untilIso` (or for ever); false when the time ran out. Throws once the case closes. */
  async function waitFor(done: () => boolean, untilIso?: string): Promise<boolean> {
    const finished = () => done() || isClosed();
    const ok = untilIso
      ? await condition(finished, Math.max(1, Date.parse(untilIso) - Date.now()))
      : (await condition(finished), true);
    if (done()) return true;
    if (isClosed()) throw new CaseClosed();
    return ok;
  }

  function findDeadline(id: string): Deadline | undefined {
    return state.deadlines.find((d) => d.id === id);
  }

  async function computeDue(from: string, rule: DurationRule) {
    return calendar.computeDeadline({
      from,
      rule,
      policy: { secondsPerDay: state.policy.secondsPerDay, weekendDays: state.policy.weekendDays },
    });
  }

  /**
   * When to poll next. A polling interval in hours needs no calendar, so since the patch below it is a plain
   * timer instead of an activity; cases started before it replay the activity they recorded.
   */
  async function nextPollAt(rule: DurationRule): Promise<string> {
    const fixed = fixedDurationMs(rule, state.policy);
    if (fixed !== undefined && patched('poll-interval-as-timer')) return new Date(Date.now() + fixed).toISOString();
    return (await computeDue(now(), rule)).dueAt;
  }

  async function openWindow(id: string, kind: DeadlineKind, from: string, rule: DurationRule): Promise<Deadline> {
    const existing = findDeadline(id);
    if (existing) return existing; // re-entered after continueAsNew
    const { dueAt, dueAtJalali } = await computeDue(from, rule);
    ensureOpen();
    const deadline: Deadline = { id, kind, startedAt: from, dueAt, dueAtJalali, extensions: 0, overdue: false };
    state.deadlines.push(deadline);
    audit({ kind: 'deadline', summary: `${kind} due ${dueAtJalali}`, data: { id, dueAt } });
    return deadline;
  }

  function closeWindow(id: string): void {
    const deadline = findDeadline(id);
    if (deadline && !deadline.closedAt) deadline.closedAt = now();
  }

  /**
   * Waits for `done` until the deadline `id` passes, following extensions; true if done in time. A passed
   * deadline is marked overdue and closed.
   */
  async function meetDeadline(id: string, done: () => boolean): Promise<boolean> {
    for (;;) {
      const deadline = findDeadline(id);
      if (!deadline) throw ApplicationFailure.nonRetryable(`no deadline ${id}`, 'Bug');
      if (done()) break;
      if (deadline.closedAt) return false;
      const dueAt = deadline.dueAt;
      if (await waitFor(() => done() || deadline.dueAt !== dueAt, dueAt)) {
        if (done()) break;
        continue; // extended: wait for the new due time
      }
      deadline.overdue = true;
      deadline.closedAt = now();
      audit({ kind: 'deadline', summary: `${deadline.kind} deadline passed`, data: { id } });
      return false;
    }
    closeWindow(id);
    return true;
  }

  // ── Escalations ───────────────────────────────────────────────────────────────────────────────

  /** Raises an escalation at level 1; it climbs a level per escalation step until resolved or at the top. */
  function raiseEscalation(kind: EscalationKind, deadlineId: string): void {
    ensureOpen();
    const id = `${kind}:${state.escalations.filter((e) => e.kind === kind).length + 1}`;
    const escalation = { id, kind, level: 1, raisedAt: now(), deadlineId };
    state.escalations.push(escalation);
    audit({ kind: 'escalation', summary: `escalated ${kind} to level 1`, data: { id, level: 1 } });
    watchEscalation(id);
  }

  function watchEscalation(id: string): void {
    background(async () => {
      const escalation = state.escalations.find((e) => e.id === id);
      while (escalation && !escalation.resolvedAt && escalation.level < state.policy.limits.maxEscalationLevel) {
        const { dueAt } = await computeDue(now(), state.policy.windows.escalationStep);
        if (await waitFor(() => Boolean(escalation.resolvedAt), dueAt)) return;
        escalation.level += 1;
        audit({
          kind: 'escalation',
          summary: `escalated ${escalation.kind} to level ${escalation.level}`,
          data: { id, level: escalation.level },
        });
      }
    });
  }

  function resolveEscalations(match: (e: CaseState['escalations'][number]) => boolean): void {
    for (const escalation of state.escalations.filter((e) => !e.resolvedAt && match(e))) {
      escalation.resolvedAt = now();
      audit({ kind: 'escalation', summary: `resolved ${escalation.kind}`, data: { id: escalation.id } });
    }
  }

  // ── Stages ────────────────────────────────────────────────────────────────────────────────────

  function enterStage(stage: Stage): void {
    ensureOpen();
    const from = state.stage;
    state.stage = stage;
    state.stageEnteredAt = now();
    audit({ kind: 'stage_change', summary: `${from} → ${stage}`, data: { from, to: stage } });
  }

  function closeCase(outcome: Outcome, reason: string, actor?: Actor, requestId?: string): void {
    if (closedMeanwhile()) return;
    state.outcome = outcome;
    state.closedAt = now();
    state.closingReason = reason;
    for (const deadline of state.deadlines) if (!deadline.closedAt) deadline.closedAt = state.closedAt;
    resolveEscalations(() => true);
    state.stage = 'closed';
    state.stageEnteredAt = state.closedAt;
    audit({ kind: 'stage_change', summary: `closed: ${outcome}`, actor, requestId, data: { outcome, reason } });
  }

  // ── Notices ───────────────────────────────────────────────────────────────────────────────────

  function recipientOf(side: Side) {
    const { complainant, respondent } = state.filing;
    return side === 'complainant'
      ? { nationalId: complainant.nationalId }
      : respondent.legalEntityId
        ? { legalEntityId: respondent.legalEntityId }
        : { nationalId: respondent.nationalId };
  }

  function applyNoticeStatus(
    notice: NoticeRecord,
    status: { status: string; deliveredAt?: string; viewedAt?: string; failureReason?: string },
  ): void {
    const before = notice.status;
    if (status.deliveredAt && !notice.deliveredAt) {
      notice.deliveredAt = status.deliveredAt;
      notice.deliveredAtJalali = toJalali(status.deliveredAt);
    }
    if (status.viewedAt && !notice.viewedAt) notice.viewedAt = status.viewedAt;
    // Delivery to the party's electronic account is service; viewing is recorded but never awaited.
    if (notice.deliveredAt && !notice.servedAt) {
      notice.servedAt = notice.deliveredAt;
      notice.servedAtJalali = toJalali(notice.deliveredAt);
    }
    if (notice.viewedAt) notice.status = 'viewed';
    else if (notice.deliveredAt) notice.status = notice.status === 'served_by_hand' ? notice.status : 'delivered';
    else if (status.status === 'failed' && !notice.servedAt) {
      notice.status = 'failed';
      notice.failureReason = status.failureReason ?? 'delivery failed';
    }
    if (notice.status !== before) {
      audit({
        kind: 'notice',
        summary: `${notice.documentType} to ${notice.recipient}: ${notice.status}`,
        data: { key: notice.key },
      });
    }
  }

  const needsHand = (n: NoticeRecord) => !n.servedAt && (n.status === 'not_registered' || n.status === 'failed');

  /**
   * Sends a notice through the gateway, then learns its delivery from callbacks or polling. `purpose` names
   * why it is sent (e.g. `summons:1:2`), so a stage re-entered after continueAsNew finds its notice again
   * instead of sending a second one.
   */
  function dispatch(documentType: DocumentType, recipient: Side, title: string, purpose: string): NoticeRecord {
    const existing = state.notices.find((n) => n.purpose === purpose && n.recipient === recipient);
    if (existing) {
      if (!existing.servedAt && !needsHand(existing)) background(() => deliver(existing, title));
      return existing;
    }
    ensureOpen();
    const seq = state.notices.filter((n) => n.documentType === documentType && n.recipient === recipient).length + 1;
    const key = `${state.caseNumber}:${documentType}:${recipient}:${seq}`;
    const notice: NoticeRecord = { key, purpose, documentType, recipient, status: 'sending' };
    state.notices.push(notice);
    audit({ kind: 'notice', summary: `${documentType} to ${recipient}: sending`, data: { key } });
    background(() => deliver(notice, title));
    return notice;
  }

  async function deliver(notice: NoticeRecord, title: string): Promise<void> {
    if (!notice.noticeId) {
      try {
        const accepted = await gw.sendNotice({
          idempotencyKey: notice.key,
          request: {
            recipient: recipientOf(notice.recipient),
            caseRef: state.caseNumber,
            documentType: notice.documentType,
            title,
            body: `${title} — case ${state.caseNumber}`,
          },
        });
        notice.noticeId = accepted.noticeId;
        notice.acceptedAt = accepted.acceptedAt;
        if (notice.status === 'sending') notice.status = 'accepted';
        audit({
          kind: 'notice',
          summary: `${notice.documentType} to ${notice.recipient}: accepted`,
          data: { key: notice.key },
        });
      } catch (error) {
        const cause = error instanceof ActivityFailure ? error.cause : undefined;
        const type = cause instanceof ApplicationFailure ? cause.type : undefined;
        if (notice.servedAt) return;
        notice.status = type === GatewayFailureType.RecipientNotRegistered ? 'not_registered' : 'failed';
        notice.failureReason = cause?.message ?? String(error);
        audit({
          kind: 'notice',
          summary: `${notice.documentType} to ${notice.recipient}: ${notice.status}`,
          data: { key: notice.key, type },
        });
        return;
      }
    }
    // Callbacks may be lost: after the receipt interval, ask the gateway, and keep asking until it settles.
    const settled = () => Boolean(notice.deliveredAt) || notice.status === 'failed' || Boolean(notice.servedAt);
    while (!settled()) {
      const dueAt = await nextPollAt(state.policy.windows.receiptWait);
      if (await waitFor(settled, dueAt)) break;
      if (notice.noticeId) applyNoticeStatus(notice, await gw.getNoticeStatus(notice.noticeId));
    }
  }

  /**
   * Serves a document on one party and returns once it is served: by delivery through the gateway or by a
   * clerk's record. Overdue delivery escalates `notice_undelivered`; no electronic account or a failed
   * delivery opens a manual-service task with its own deadline and escalation.
   */
  async function serve(
    documentType: DocumentType,
    recipient: Side,
    title: string,
    purpose: string,
  ): Promise<NoticeRecord> {
    const notice = dispatch(documentType, recipient, title, purpose);
    const served = () => Boolean(notice.servedAt);
    const deliveryId = `notice_delivery:${notice.key}`;
    await openWindow(deliveryId, 'notice_delivery', now(), state.policy.windows.noticeUndelivered);
    if (!(await meetDeadline(deliveryId, () => served() || needsHand(notice)))) {
      raiseEscalation('notice_undelivered', deliveryId);
      await waitFor(() => served() || needsHand(notice));
    }
    closeWindow(deliveryId);
    if (needsHand(notice)) {
      resolveEscalations((e) => e.deadlineId === deliveryId);
      const manualId = `manual_service:${notice.key}`;
      await openWindow(manualId, 'manual_service', now(), state.policy.windows.manualService);
      if (!(await meetDeadline(manualId, served))) {
        raiseEscalation('manual_service_overdue', manualId);
        await waitFor(served);
      }
      resolveEscalations((e) => e.deadlineId === manualId);
    }
    resolveEscalations((e) => e.deadlineId === deliveryId);
    return notice;
  }

  /** A reminder shortly before a party's deadline; sent once, its delivery is not awaited. */
  function remindBefore(deadlineId: string, recipient: Side, title: string): void {
    background(async () => {
      const deadline = findDeadline(deadlineId);
      if (!deadline) return;
      const { remindAt } = await calendar.computeReminder({
        from: deadline.dueAt,
        rule: state.policy.windows.reminderBefore,
        policy: { secondsPerDay: state.policy.secondsPerDay, weekendDays: state.policy.weekendDays },
      });
      if (await waitFor(() => Boolean(deadline.closedAt), remindAt)) return;
      dispatch('reminder', recipient, title, `reminder:${deadlineId}`);
    });
  }

  // ── The stages, one function each ─────────────────────────────────────────────────────────────

  async function intake(): Promise<void> {
    for (;;) {
      const awaitingCorrection = () => Boolean(state.correction && !state.correction.submittedAt);
      await waitFor(() => state.stage !== 'intake' || awaitingCorrection());
      if (state.stage !== 'intake') return;
      const id = `correction:${state.corrections}`;
      await openWindow(id, 'correction', state.correction?.requestedAt ?? now(), state.policy.windows.correction);
      remindBefore(id, 'complainant', 'Reminder: your complaint needs a correction');
      if (!(await meetDeadline(id, () => !awaitingCorrection()))) {
        raiseEscalation('correction_overdue', id);
        closeCase('abandoned', 'the complainant did not correct the complaint in time');
        return;
      }
    }
  }

  async function notice(): Promise<void> {
    const served = await serve('complaint', 'respondent', 'Labor complaint filed against you', 'complaint');
    const openResponseWindow = () =>
      openWindow('response', 'response', served.servedAt ?? now(), state.policy.windows.response);
    // The window is opened before the stage changes, so nobody sees a response stage without its deadline.
    const windowFirst = patched('response-window-before-stage');
    if (windowFirst) await openResponseWindow();
    state.conciliationInvitedAt ??= now();
    enterStage('response');
    if (!windowFirst) await openResponseWindow();
  }

  async function response(): Promise<void> {
    await openWindow('response', 'response', now(), state.policy.windows.response);
    remindBefore('response', 'respondent', 'Reminder: the response window closes soon');
    if (!(await meetDeadline('response', () => Boolean(state.response)))) {
      // An overdue response does not block the case: note the default, escalate, go on to the hearing.
      state.response = { text: '', recordedAt: now(), defaulted: true, attachments: [] };
      raiseEscalation('response_overdue', 'response');
    }
    enterStage('hearing');
  }

  const instance = (): 1 | 2 => (state.rulings.length === 0 ? 1 : 2);

  async function hearing(): Promise<void> {
    const n = instance();
    const schedulingId = `hearing_scheduling:${n}`;
    await openWindow(schedulingId, 'hearing_scheduling', now(), state.policy.windows.hearingScheduling);
    if (!(await meetDeadline(schedulingId, () => Boolean(state.hearing)))) {
      raiseEscalation('hearing_not_scheduled', schedulingId);
      await waitFor(() => Boolean(state.hearing));
    }
    resolveEscalations((e) => e.deadlineId === schedulingId);

    // Each (re)scheduling summons both parties again; the hearing goes ahead whether or not they come.
    while (!state.hearing?.held) {
      const current = state.hearing;
      if (!current) throw ApplicationFailure.nonRetryable('hearing vanished', 'Bug');
      const purpose = `summons:${n}:${current.summonsRound}`;
      const title = `Summons to the hearing of ${current.atJalali}`;
      for (const side of sides) background(() => serve('hearing_summons', side, title, purpose));
      const round = current.summonsRound;
      const movedOrHeld = () => Boolean(current.held) || current.summonsRound !== round;
      if (current.mode === 'remote') {
        // A remote review opens for votes at its scheduled time.
        if (!(await waitFor(movedOrHeld, current.at))) {
          current.held = { at: now(), attendance: { complainant: false, respondent: false }, minutes: 'remote review' };
          audit({ kind: 'action', summary: 'remote review opened for votes' });
        }
      } else {
        await waitFor(movedOrHeld);
      }
    }
    resolveEscalations((e) => e.kind === 'response_overdue');

    const rulingId = `ruling:${n}`;
    await openWindow(rulingId, 'ruling', state.hearing.held.at, state.policy.windows.rulingDue);
    const sealed = () => state.rulings.length >= n;
    if (!(await meetDeadline(rulingId, sealed))) {
      raiseEscalation('ruling_overdue', rulingId);
      await waitFor(sealed);
    }
    resolveEscalations((e) => e.deadlineId === rulingId);
    enterStage('ruling');
  }

  async function ruling(): Promise<void> {
    const current = lastRuling();
    if (current.instance === 2) {
      const title = 'Final ruling of the Dispute Resolution Board';
      await Promise.all(sides.map((side) => serve('ruling', side, title, 'ruling:2')));
      return finalise(current);
    }
    // Each party's appeal window opens when the ruling is served on that party.
    const appealed = () => state.appeals.length > 0;
    for (const side of sides) {
      background(async () => {
        const notice = await serve('ruling', side, 'Ruling of the Diagnosis Board', 'ruling:1');
        if (!appealed())
          await openWindow(`appeal:${side}`, 'appeal', notice.servedAt ?? now(), state.policy.windows.appeal);
      });
    }
    await waitFor(() => appealed() || sides.every((side) => findDeadline(`appeal:${side}`)));
    if (!appealed()) enterStage('appeal');
  }

  async function appeal(): Promise<void> {
    const appealed = () => state.appeals.length > 0;
    await Promise.all(sides.map((side) => meetDeadline(`appeal:${side}`, appealed)));
    if (appealed()) return;
    finalise(lastRuling());
  }

  function startSecondInstance(): void {
    for (const side of sides) closeWindow(`appeal:${side}`);
    delete state.board;
    delete state.hearing;
    state.votes = [];
    enterStage('hearing');
  }

  function finalise(current: Ruling): void {
    current.finalAt = now();
    audit({
      kind: 'action',
      summary: `ruling of instance ${current.instance} is final`,
      data: { decision: current.decision },
    });
    if (current.decision === 'reject') closeCase('claim_rejected', 'the final ruling rejects the claims');
    else enterStage('compliance');
  }

  async function compliance(): Promise<void> {
    const current = lastRuling();
    await openWindow('compliance', 'compliance', current.finalAt ?? now(), state.policy.windows.compliance);
    if (await meetDeadline('compliance', () => Boolean(state.compliance))) {
      closeCase('complied', 'the employer complied with the final ruling');
      return;
    }
    raiseEscalation('compliance_overdue', 'compliance');
    enterStage('enforcement');
  }

  async function enforcement(): Promise<void> {
    const complied = () => Boolean(state.compliance);
    for (;;) {
      let referral = state.enforcement[state.enforcement.length - 1];
      if (!referral || referral.decision?.decision === 're_refer') {
        const seq = state.enforcement.length + 1;
        referral = { seq, key: `${state.caseNumber}:enforcement:respondent:${seq}`, status: 'sending', events: [] };
        state.enforcement.push(referral);
        audit({ kind: 'action', summary: `referred to enforcement (#${seq})`, data: { key: referral.key } });
      }
      await refer(referral);
      resolveEscalations((e) => e.kind === 'compliance_overdue');
      const terminal = () => ['executed', 'closed', 'rejected'].includes(referral.status) || complied();
      while (!terminal()) {
        const dueAt = await nextPollAt(state.policy.windows.enforcementPoll);
        if (await waitFor(terminal, dueAt)) break;
        if (referral.referralId)
          applyReferralStatus(referral, (await gw.getReferralStatus(referral.referralId)).status);
      }
      if (complied()) return closeCase('complied', 'the employer complied during enforcement');
      if (referral.status !== 'rejected') return closeCase('enforced', 'the enforcement unit executed the ruling');
      await waitFor(() => Boolean(referral.decision));
      if (referral.decision?.decision === 'close') {
        return closeCase('enforcement_rejected', referral.decision.reason);
      }
    }
  }

  async function refer(referral: EnforcementReferral): Promise<void> {
    if (referral.referralId) return;
    const current = lastRuling();
    const { complainant, respondent } = state.filing;
    const total = current.awards.reduce((sum, a) => sum + a.amountRials, 0);
    try {
      const { referralId } = await gw.referToEnforcement({
        idempotencyKey: referral.key,
        request: {
          caseRef: state.caseNumber,
          rulingRef: `${state.caseNumber}/R${current.instance}`,
          creditor: { ...recipientOf('complainant'), name: complainant.name },
          debtor: { ...recipientOf('respondent'), name: respondent.name },
          amountRials: total || undefined,
          orders: current.awards.map((a) => `pay ${a.amountRials} rials for claim ${a.claimIndex + 1}`),
        },
      });
      referral.referralId = referralId;
      if (referral.status === 'sending') referral.status = 'accepted';
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      referral.status = 'rejected';
      referral.events.push({ event: `referral failed: ${error.cause?.message ?? error.message}`, at: now() });
    }
    audit({
      kind: 'action',
      summary: `enforcement referral #${referral.seq}: ${referral.status}`,
      data: { key: referral.key },
    });
  }

  function applyReferralStatus(referral: EnforcementReferral, status: EnforcementReferral['status']): void {
    const order = ['sending', 'accepted', 'order_issued', 'executed', 'closed'];
    const terminal = ['executed', 'closed', 'rejected'];
    if (terminal.includes(referral.status) || referral.status === status) return;
    if (status !== 'rejected' && order.indexOf(status) < order.indexOf(referral.status)) return; // out of order
    referral.status = status;
    referral.events.push({ event: status, at: now() });
    audit({ kind: 'action', summary: `enforcement: ${status}`, data: { key: referral.key } });
  }

  function lastRuling(): Ruling {
    const current = state.rulings[state.rulings.length - 1];
    if (!current) throw ApplicationFailure.nonRetryable('no ruling', 'Bug');
    return current;
  }

  // ── Messages: updates (validated), signals, queries ───────────────────────────────────────────

  function validate<A extends ActionName>(action: A, call: ActionCall<A>): void {
    const parsed = actionBodySchemas[action].safeParse(call.body);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
      throw ApplicationFailure.create({ type: 'InvalidInput', message: detail, nonRetryable: true });
    }
    const refusal = refusalFor(state, action, call.actor, Date.now());
    if (refusal) throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
  }

  const refuse = (type: string, message: string): never => {
    throw ApplicationFailure.create({ type, message, nonRetryable: true });
  };

  /** Registers an update whose handler changes state, records who did it, and answers once projected. */
  function onAction<A extends ActionName>(
    definition: messages.UpdateOf<A>,
    action: A,
    check: (call: ActionCall<A>) => void,
    apply: (call: ActionCall<A>) => Promise<string> | string,
  ): void {
    const handler = async (call: ActionCall<A>): Promise<CaseStateView> => {
      const summary = await apply(call);
      const seq = audit({
        kind: 'action',
        summary,
        actor: call.actor,
        requestId: call.requestId,
        data: { action, note: call.body.note },
      });
      await projected(seq);
      return view(call.actor);
    };
    // The SDK's Handler<> is a conditional type that TypeScript cannot resolve for a generic A.
    setHandler(definition, handler as unknown as Handler<CaseStateView, [ActionCall<A>], messages.UpdateOf<A>>, {
      validator: (call: ActionCall<A>) => {
        validate(action, call);
        check(call);
      },
    });
  }

  const noCheck = () => undefined;

  onAction(messages.acceptComplaintUpdate, 'acceptComplaint', noCheck, () => {
    enterStage('notice');
    return 'complaint accepted';
  });

  onAction(messages.requestCorrectionUpdate, 'requestCorrection', noCheck, ({ body }) => {
    state.corrections += 1;
    state.correction = { reason: body.reason, fields: body.fields ?? [], requestedAt: now() };
    return `correction requested: ${body.reason}`;
  });

  onAction(messages.submitCorrectionUpdate, 'submitCorrection', noCheck, ({ body }) => {
    state.filing = { ...state.filing, ...body.changes } as CaseState['filing'];
    if (state.correction) state.correction.submittedAt = now();
    return 'correction submitted';
  });

  onAction(messages.rejectComplaintUpdate, 'rejectComplaint', noCheck, ({ body, actor, requestId }) => {
    closeCase('rejected', body.reason, actor, requestId);
    return `complaint rejected: ${body.reason}`;
  });

  onAction(
    messages.recordManualServiceUpdate,
    'recordManualService',
    ({ body }) => {
      if (!state.notices.some((n) => n.recipient === body.recipient && !n.servedAt && n.documentType !== 'reminder')) {
        refuse('WrongStage', `no notice to the ${body.recipient} is awaiting service`);
      }
      if (Date.parse(body.servedAt) > Date.now() + 60_000) refuse('InvalidInput', 'servedAt is in the future');
    },
    ({ body }) => {
      for (const n of state.notices.filter(
        (x) => x.recipient === body.recipient && !x.servedAt && x.documentType !== 'reminder',
      )) {
        n.servedAt = body.servedAt;
        n.servedAtJalali = toJalali(body.servedAt);
        n.manualMethod = body.method;
        n.status = 'served_by_hand';
      }
      return `service on the ${body.recipient} recorded by hand (${body.method})`;
    },
  );

  onAction(messages.recordResponseUpdate, 'recordResponse', noCheck, ({ body }) => {
    state.response = { text: body.text, recordedAt: now(), defaulted: false, attachments: body.attachments ?? [] };
    resolveEscalations((e) => e.kind === 'response_overdue');
    return 'response recorded';
  });

  onAction(
    messages.assignBoardUpdate,
    'assignBoard',
    ({ body }) => {
      const rule = instance() === 1 ? state.policy.boards.first : state.policy.boards.second;
      if (body.members.length !== rule.size) {
        refuse(
          'InvalidInput',
          `a ${instance() === 1 ? 'first' : 'second'}-instance board has ${rule.size} members, not ${body.members.length}`,
        );
      }
      if (body.members.filter((m) => m.presiding).length !== 1) refuse('InvalidInput', 'exactly one member presides');
      if (new Set(body.members.map((m) => m.userId)).size !== body.members.length) {
        refuse('InvalidInput', 'a member appears twice');
      }
    },
    ({ body }) => {
      state.board = { instance: instance(), members: body.members, assignedAt: now() };
      state.votes = [];
      return `board assigned (instance ${instance()})`;
    },
  );

  /** A hearing must leave time to serve the summons: the lead time is computed, then checked. */
  async function checkLeadTime(at: string): Promise<void> {
    const { dueAt, dueAtJalali } = await computeDue(now(), state.policy.windows.summonsLeadTime);
    if (closedMeanwhile()) refuse('WrongStage', 'the case was closed meanwhile');
    if (Date.parse(at) < Date.parse(dueAt)) {
      refuse('InvalidInput', `the hearing must be on or after ${dueAtJalali} so that summons can be served in time`);
    }
  }

  onAction(
    messages.scheduleHearingUpdate,
    'scheduleHearing',
    ({ body }) => {
      if (Date.parse(body.at) <= Date.now()) refuse('InvalidInput', 'the hearing time is in the past');
    },
    async ({ body }) => {
      await checkLeadTime(body.at);
      state.hearing = {
        instance: instance(),
        at: body.at,
        atJalali: toJalali(body.at),
        mode: body.mode,
        location: body.location,
        adjournments: 0,
        resummoned: false,
        summonsRound: 1,
      };
      return `hearing scheduled for ${state.hearing.atJalali} (${body.mode})`;
    },
  );

  onAction(
    messages.adjournHearingUpdate,
    'adjournHearing',
    ({ body }) => {
      if (Date.parse(body.newAt) <= Date.now()) refuse('InvalidInput', 'the new hearing time is in the past');
    },
    async ({ body }) => {
      await checkLeadTime(body.newAt);
      const current = state.hearing;
      if (!current) return refuse('WrongStage', 'no hearing is pending');
      current.adjournments += 1;
      current.at = body.newAt;
      current.atJalali = toJalali(body.newAt);
      current.summonsRound += 1;
      return `hearing adjourned to ${current.atJalali}: ${body.reason}`;
    },
  );

  onAction(
    messages.recordHearingHeldUpdate,
    'recordHearingHeld',
    ({ body }) => {
      if (body.resummonAt && state.hearing?.resummoned) {
        refuse('LimitReached', 'the complainant has already been summoned again once');
      }
      if (body.resummonAt && body.attendance.complainant)
        refuse('InvalidInput', 'the complainant attended: no re-summons');
    },
    async ({ body, actor, requestId }) => {
      const current = state.hearing;
      if (!current) return refuse('WrongStage', 'no hearing is pending');
      if (!body.attendance.complainant && current.resummoned) {
        closeCase('dismissed', 'the complainant was absent again after a second summons', actor, requestId);
        return 'complainant absent after a second summons: dismissed';
      }
      if (body.resummonAt) {
        await checkLeadTime(body.resummonAt);
        current.resummoned = true;
        current.at = body.resummonAt;
        current.atJalali = toJalali(body.resummonAt);
        current.summonsRound += 1;
        return `the board finds the complainant's presence necessary: summoned again for ${current.atJalali}`;
      }
      current.held = { at: now(), attendance: body.attendance, minutes: body.minutes };
      return 'hearing held';
    },
  );

  function boardRule() {
    return state.board?.instance === 2 ? state.policy.boards.second : state.policy.boards.first;
  }

  function seal(decision: Ruling['decision'], sealedBy: string): void {
    const claims = state.filing.claims.map((c) => c.amountRials);
    state.rulings.push({
      instance: instance(),
      decision,
      awards: rulingAwards(state.votes, decision, claims),
      sealedAt: now(),
      sealedBy,
      votes: state.votes.slice(),
    });
  }

  onAction(
    messages.castVoteUpdate,
    'castVote',
    ({ body }) => {
      if (body.decision === 'partial' && !body.awards?.length)
        refuse('InvalidInput', 'a partial decision needs awards');
      for (const award of body.awards ?? []) {
        if (award.claimIndex >= state.filing.claims.length)
          refuse('InvalidInput', `there is no claim ${award.claimIndex}`);
      }
    },
    ({ body, actor }) => {
      const vote = {
        memberId: actor.userId,
        decision: body.decision,
        awards: body.awards,
        reason: body.reason,
        at: now(),
      };
      const changed = state.votes.some((v) => v.memberId === actor.userId);
      state.votes = [...state.votes.filter((v) => v.memberId !== actor.userId), vote];
      const decision = majorityDecision(state.votes, boardRule());
      if (decision) seal(decision, 'majority');
      return `${changed ? 'vote changed' : 'vote cast'}${decision ? `; ruling sealed by majority: ${decision}` : ''}`;
    },
  );

  onAction(messages.sealRulingUpdate, 'sealRuling', noCheck, ({ actor }) => {
    const decision = majorityDecision(state.votes, boardRule()) ?? presidingDecision(state.votes, actor.userId);
    seal(decision, actor.userId);
    return `ruling sealed by the presiding member: ${decision}`;
  });

  onAction(
    messages.fileAppealUpdate,
    'fileAppeal',
    ({ body, actor }) => {
      if (actor.role === 'party' && actor.side !== body.party)
        refuse('NotAllowed', 'a party appeals only for themselves');
      const window = openDeadline(state, `appeal:${body.party}`);
      if (!window || Date.parse(window.dueAt) < Date.now()) {
        refuse('WrongStage', `the appeal window of the ${body.party} is not open`);
      }
    },
    ({ body, actor }) => {
      state.appeals.push({ party: body.party, grounds: body.grounds, filedAt: now(), filedBy: actor.userId });
      startSecondInstance();
      return `appeal filed by the ${body.party}`;
    },
  );

  onAction(
    messages.extendDeadlineUpdate,
    'extendDeadline',
    ({ body }) => {
      const deadline = extendable(body.deadline, body.party);
      if (!deadline) return refuse('WrongStage', `no open ${body.deadline} deadline`);
      if (deadline.extensions >= state.policy.limits.maxExtensionsPerDeadline) {
        refuse('LimitReached', `the ${body.deadline} deadline was already extended ${deadline.extensions} times`);
      }
      const max = state.policy.windows.extensionMax.amount;
      if (body.businessDays > max) refuse('LimitReached', `an extension is at most ${max} business days`);
    },
    async ({ body }) => {
      const deadline = extendable(body.deadline, body.party);
      if (!deadline) return refuse('WrongStage', `no open ${body.deadline} deadline`);
      const { dueAt, dueAtJalali } = await computeDue(deadline.dueAt, {
        amount: body.businessDays,
        unit: 'business_days',
      });
      if (closedMeanwhile()) refuse('WrongStage', `the ${body.deadline} deadline closed meanwhile`);
      deadline.dueAt = dueAt;
      deadline.dueAtJalali = dueAtJalali;
      deadline.extensions += 1;
      return `${body.deadline} deadline extended to ${dueAtJalali}: ${body.reason}`;
    },
  );

  function extendable(kind: DeadlineKind, party?: Side): Deadline | undefined {
    const open = state.deadlines.filter((d) => d.kind === kind && !d.closedAt && Date.parse(d.dueAt) > Date.now());
    return kind === 'appeal' ? open.find((d) => d.id === `appeal:${party ?? ''}`) : open[open.length - 1];
  }

  onAction(messages.recordComplianceUpdate, 'recordCompliance', noCheck, ({ body }) => {
    state.compliance = { recordedAt: now(), evidence: body.evidence };
    return 'compliance recorded';
  });

  onAction(messages.recordEnforcementDecisionUpdate, 'recordEnforcementDecision', noCheck, ({ body }) => {
    const referral = state.enforcement[state.enforcement.length - 1];
    if (referral) referral.decision = { decision: body.decision, reason: body.reason, at: now() };
    return `enforcement decision: ${body.decision} (${body.reason})`;
  });

  onAction(messages.settleUpdate, 'settle', noCheck, ({ body, actor, requestId }) => {
    state.settlement = { terms: body.terms, at: now() };
    closeCase('settled', body.terms, actor, requestId);
    return 'settled';
  });

  onAction(messages.withdrawUpdate, 'withdraw', noCheck, ({ body, actor, requestId }) => {
    closeCase('withdrawn', body.reason, actor, requestId);
    return 'withdrawn';
  });

  setHandler(messages.noticeEventSignal, (event: NoticeEvent) => {
    const notice = state.notices.find((n) => n.key === event.idempotencyKey || n.noticeId === event.noticeId);
    if (!notice) return;
    notice.noticeId ??= event.noticeId;
    applyNoticeStatus(notice, {
      status: event.event,
      deliveredAt: event.event === 'delivered' || event.event === 'viewed' ? event.at : undefined,
      viewedAt: event.event === 'viewed' ? event.at : undefined,
      failureReason: event.failureReason,
    });
  });

  setHandler(messages.enforcementEventSignal, (event: EnforcementEvent) => {
    const referral = state.enforcement.find((r) => r.key === event.idempotencyKey || r.referralId === event.referralId);
    if (referral) applyReferralStatus(referral, event.event);
  });

  function view(viewer?: Actor): CaseStateView {
    const { audit: _pending, ...rest } = state;
    const votesVisible = Boolean(viewer && state.board?.members.some((m) => m.userId === viewer.userId));
    const hide = <T extends { votes: unknown[] }>(x: T): T => (votesVisible ? x : { ...x, votes: [] });
    return {
      ...rest,
      votes: votesVisible ? state.votes : [],
      rulings: state.rulings.map(hide),
      tally: state.board ? tally(state.votes, boardRule(), state.board.instance) : undefined,
      votesVisible,
      suggestedRemedies: state.board
        ? suggestedRemedies(state.filing.claims, state.filing.employment, now().slice(0, 10))
        : [],
    };
  }

  setHandler(messages.stateQuery, (viewer?: Actor) => view(viewer));
  setHandler(messages.availableActionsQuery, (actor: Actor) =>
    (Object.keys(actionBodySchemas) as ActionName[]).map((action) => {
      const refusal = refusalFor(state, action, actor, Date.now());
      return refusal ? { action, allowed: false, reason: refusal.message } : { action, allowed: true };
    }),
  );

  // ── The body: run the stages until the case is closed ─────────────────────────────────────────

  background(projector);
  for (const escalation of state.escalations.filter((e) => !e.resolvedAt)) watchEscalation(escalation.id);
  if (input.kind === 'new') audit({ kind: 'stage_change', summary: 'filed: intake', actor: state.filedBy });
  else audit({ kind: 'action', summary: 'history compacted (continue-as-new)' });

  /**
   * Before this run ends (completion or continue-as-new): every update handler finished and every audit entry
   * projected. An update admitted while the last projection was in flight would otherwise fail with "workflow
   * completed", so the handlers are checked again once the projection is in.
   */
  async function settleHandlersAndProjection(): Promise<void> {
    for (;;) {
      await condition(allHandlersFinished);
      await projected(state.auditSeq);
      // Entries made meanwhile (a late callback) are projected too; runs recorded before this patch did not.
      const unprojected = state.projectedSeq < state.auditSeq;
      if (allHandlersFinished() && (!unprojected || !patched('project-late-entries'))) return;
    }
  }

  const stages: Record<Exclude<Stage, 'closed'>, () => Promise<void>> = {
    intake,
    notice,
    response,
    hearing,
    ruling,
    appeal,
    compliance,
    enforcement,
  };
  while (!isClosed()) {
    if (workflowInfo().continueAsNewSuggested) {
      await settleHandlersAndProjection();
      await continueAsNew<typeof CaseWorkflow>({ kind: 'continued', state });
    }
    const stage = state.stage as Exclude<Stage, 'closed'>;
    try {
      await stages[stage]();
    } catch (error) {
      if (!(error instanceof CaseClosed)) throw error;
    }
  }
  await settleHandlersAndProjection();
  return view();
}

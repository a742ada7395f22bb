/**
 * Compliance and enforcement: the employer has a window to comply with the final ruling; past it, the ruling is
 * referred to the courts' enforcement unit and followed until executed, or rejected and decided by the officer.
 */
import { ActivityFailure, ApplicationFailure, isCancellation } from '@temporalio/workflow';
import type { EnforcementReferral, ReferralStatus } from '../../../domain/case';
import { fixedDurationMs } from '../../../domain/calendar/deadline';
import { deadlineIds } from '../../../domain/deadlines';
import { GatewayFailureType } from '../../../domain/gateway-failures';
import type { StageExit } from '../../../domain/lifecycle';
import { remind } from '../reminders';
import type { Services, StageKit } from './kit';

const complied: StageExit = { close: 'complied', reason: 'the employer complied with the final ruling' };

export async function compliance(kit: StageKit): Promise<StageExit> {
  const { c, state, deadlines, escalations, tasks } = kit;
  const final = state.rulings.find((r) => r.finalAt);
  const id = deadlineIds.compliance();
  await deadlines.open({
    id,
    kind: 'compliance',
    from: final?.finalAt ?? c.now(),
    rule: state.policy.windows.compliance,
  });
  tasks.spawn(() => remind(kit, id));
  if ((await deadlines.meet(id, () => Boolean(state.compliance))) === 'done') return complied;
  escalations.raise('compliance_overdue', id);
  return { to: 'enforcement' };
}

const terminal: ReferralStatus[] = ['executed', 'closed', 'rejected', 'failed'];
const order: ReferralStatus[] = ['sending', 'accepted', 'order_issued', 'executed', 'closed'];

/** An event or a poll about a referral; out-of-order and repeated reports change nothing. */
export function applyReferral(kit: Services, referral: EnforcementReferral, status: ReferralStatus): void {
  if (terminal.includes(referral.status) || referral.status === status) return;
  if (status !== 'rejected' && order.indexOf(status) < order.indexOf(referral.status)) return;
  referral.status = status;
  referral.events.push({ event: status, at: kit.c.now() });
  kit.c.audit({ kind: 'action', summary: `enforcement: ${status}`, data: { key: referral.key } });
}

/** The gateway lost or refused the referral for good: a fact for the officer to decide on, raised to them. */
function failed(kit: Services, referral: EnforcementReferral, error: ActivityFailure): void {
  const cause = error.cause;
  const reason = cause instanceof ApplicationFailure ? cause.message : (cause?.message ?? error.message);
  referral.status = 'failed';
  referral.events.push({ event: `failed: ${reason.slice(0, 300)}`, at: kit.c.now() });
  kit.c.audit({ kind: 'action', summary: `enforcement referral #${referral.seq} failed`, data: { key: referral.key } });
  kit.escalations.raise('enforcement_failed', undefined);
}

function currentReferral({ c, state }: Services): EnforcementReferral {
  const last = state.enforcement[state.enforcement.length - 1];
  if (last && last.decision?.decision !== 're_refer') return last;
  const seq = state.enforcement.length + 1;
  const referral: EnforcementReferral = {
    seq,
    key: `${state.caseNumber}:enforcement:respondent:${seq}`,
    status: 'sending',
    events: [],
  };
  state.enforcement.push(referral);
  c.audit({ kind: 'action', summary: `referred to enforcement (#${seq})`, data: { key: referral.key } });
  return referral;
}

async function refer(kit: Services, referral: EnforcementReferral): Promise<void> {
  const { c, state } = kit;
  const ruling = state.rulings.find((r) => r.finalAt) ?? state.rulings[state.rulings.length - 1];
  const { complainant, respondent } = state.filing;
  const total = ruling?.awards.reduce((sum, a) => sum + a.amountRials, 0) ?? 0;
  const debtorId = respondent.legalEntityId
    ? { legalEntityId: respondent.legalEntityId }
    : { nationalId: respondent.nationalId };
  try {
    const { referralId } = await c.calls.send.referToEnforcement({
      idempotencyKey: referral.key,
      request: {
        caseRef: state.caseNumber,
        rulingRef: `${state.caseNumber}/R${ruling?.instance ?? 1}`,
        creditor: { nationalId: complainant.nationalId, name: complainant.name },
        debtor: { ...debtorId, name: respondent.name },
        amountRials: total || undefined,
        orders: (ruling?.awards ?? []).map((a) => `pay ${a.amountRials} rials for claim ${a.claimIndex + 1}`),
      },
    });
    referral.referralId = referralId;
    applyReferral(kit, referral, 'accepted');
  } catch (error) {
    if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
    failed(kit, referral, error);
  }
}

/** Follows a referral until it ends (callbacks may be lost, so it polls) or the employer complies meanwhile. */
async function follow(kit: Services, referral: EnforcementReferral): Promise<void> {
  const { c, state } = kit;
  const done = () => terminal.includes(referral.status) || Boolean(state.compliance);
  const interval = fixedDurationMs(state.policy.windows.enforcementPoll, state.policy);
  while (!done()) {
    const next =
      interval !== undefined
        ? new Date(Date.now() + interval).toISOString()
        : (await c.dueFrom(c.now(), state.policy.windows.enforcementPoll)).dueAt;
    if (await c.until(done, next)) return;
    if (!referral.referralId) continue;
    try {
      applyReferral(kit, referral, (await c.calls.poll.getReferralStatus(referral.referralId)).status);
    } catch (error) {
      if (isCancellation(error) || !(error instanceof ActivityFailure)) throw error;
      const type = error.cause instanceof ApplicationFailure ? error.cause.type : undefined;
      if (type === GatewayFailureType.GatewayNotFound || type === GatewayFailureType.GatewayProtocol)
        failed(kit, referral, error);
      // Otherwise the gateway is unreachable for now: poll again at the next interval.
    }
  }
}

export async function enforcement(kit: StageKit): Promise<StageExit> {
  const { c, state, escalations } = kit;
  const compliedNow = () => Boolean(state.compliance);
  for (;;) {
    const referral = currentReferral(kit);
    if (referral.status === 'sending') await refer(kit, referral);
    if (referral.referralId) escalations.resolve((e) => e.kind === 'compliance_overdue');
    await follow(kit, referral);
    if (compliedNow()) return { close: 'complied', reason: 'the employer complied during enforcement' };
    if (referral.status === 'executed' || referral.status === 'closed') {
      return { close: 'enforced', reason: 'the enforcement unit executed the ruling' };
    }
    await c.until(() => Boolean(referral.decision) || compliedNow());
    escalations.resolve((e) => e.kind === 'enforcement_failed');
    if (compliedNow()) return { close: 'complied', reason: 'the employer complied during enforcement' };
    if (referral.decision?.decision === 'close')
      return { close: 'enforcement_rejected', reason: referral.decision.reason };
  }
}

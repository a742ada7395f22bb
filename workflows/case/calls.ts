/** The activities a case calls, with their options: one named set per kind of work, nothing scattered. */
import type { ActivityOptions } from '@temporalio/workflow';
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import { nonRetryableGatewayFailureTypes } from '../../domain/gateway-failures';
import { defaultReadModelRetries, type Policy } from '../../domain/policy';

/**
 * Gateway sends (notices, referrals): retried with backoff, with the same idempotency key, until the policy's
 * `sendWithinMs` is spent; contract errors are final. What fails for good becomes a fact of the case.
 */
function sendOptions(policy: Policy): ActivityOptions {
  return {
    startToCloseTimeout: policy.secondsPerDay === null ? '30 seconds' : '10 seconds',
    scheduleToCloseTimeout: policy.gateway.sendWithinMs,
    retry: {
      initialInterval: Math.min(1000, policy.gateway.maxBackoffMs),
      backoffCoefficient: 2,
      maximumInterval: policy.gateway.maxBackoffMs,
      nonRetryableErrorTypes: [...nonRetryableGatewayFailureTypes],
    },
  };
}

/** Status polls: one poll may retry briefly; a poll that runs out is simply tried again at the next interval. */
function pollOptions(policy: Policy): ActivityOptions {
  return { ...sendOptions(policy), scheduleToCloseTimeout: policy.gateway.pollWithinMs };
}

/**
 * Read-model projections: short attempts, retried for a while (a database restart); past that the projector raises
 * an alert and the case goes on, so no input can hold a case up for ever.
 */
function projectionOptions(policy: Policy): ActivityOptions {
  const { attempts, maxBackoffMs } = policy.readModel ?? defaultReadModelRetries;
  return {
    startToCloseTimeout: '15 seconds',
    retry: { initialInterval: Math.min(500, maxBackoffMs), maximumInterval: maxBackoffMs, maximumAttempts: attempts },
  };
}

/**
 * Calendar arithmetic: recorded in history, so a calendar update never changes a running case (principle 3). A
 * regular activity, not a local one: as local activities these hit nondeterminism on a loaded worker (0.2), and the
 * marker of a local activity would change every recorded history.
 */
const calendarOptions: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { maximumInterval: '10 seconds' },
};

export interface CaseCalls {
  send: Pick<CaseActivities, 'sendNotice' | 'referToEnforcement'>;
  poll: Pick<CaseActivities, 'getNoticeStatus' | 'getReferralStatus'>;
  calendar: Pick<CaseActivities, 'computeDeadline' | 'computeReminder'>;
  projection: Pick<CaseActivities, 'project'>;
}

export function caseCalls(policy: Policy): CaseCalls {
  return {
    send: proxyActivities<CaseActivities>(sendOptions(policy)),
    poll: proxyActivities<CaseActivities>(pollOptions(policy)),
    calendar: proxyActivities<CaseActivities>(calendarOptions),
    projection: proxyActivities<CaseActivities>(projectionOptions(policy)),
  };
}

/** Every signal, query and update of CaseWorkflow, defined once: the API imports these, so names and types agree. */
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActionBody, ActionName } from '../domain/actions';
import type { Actor, AuditEntry, CaseState, CaseStateView, NewCaseInput } from '../domain/case';

export type { NewCaseInput };

/** A case either starts fresh or carries its state over a continueAsNew. */
export type CaseWorkflowInput = { kind: 'new'; case: NewCaseInput } | { kind: 'continued'; state: CaseState };

export interface ActionCall<A extends ActionName> {
  actor: Actor;
  /** The API's request ID, written to the audit log. */
  requestId?: string;
  body: ActionBody<A>;
}

export interface AvailableAction {
  action: ActionName;
  allowed: boolean;
  reason?: string;
}

/** What an action answers and what the `case` query returns: everything the API shows, in one round trip. */
export interface CaseAnswer {
  state: CaseStateView;
  availableActions: AvailableAction[];
}

export interface NoticeEvent {
  noticeId: string;
  idempotencyKey: string;
  event: 'delivered' | 'viewed' | 'failed';
  at: string;
  failureReason?: string;
}

export interface EnforcementEvent {
  referralId: string;
  idempotencyKey: string;
  event: 'order_issued' | 'executed' | 'closed' | 'rejected';
  at: string;
}

export type UpdateOf<A extends ActionName> = UpdateDefinition<CaseAnswer, [ActionCall<A>], A>;

const update = <A extends ActionName>(name: A): UpdateOf<A> => defineUpdate<CaseAnswer, [ActionCall<A>], A>(name);

export const acceptComplaintUpdate = update('acceptComplaint');
export const requestCorrectionUpdate = update('requestCorrection');
export const submitCorrectionUpdate = update('submitCorrection');
export const rejectComplaintUpdate = update('rejectComplaint');
export const recordManualServiceUpdate = update('recordManualService');
export const recordResponseUpdate = update('recordResponse');
export const assignBoardUpdate = update('assignBoard');
export const scheduleHearingUpdate = update('scheduleHearing');
export const adjournHearingUpdate = update('adjournHearing');
export const recordHearingHeldUpdate = update('recordHearingHeld');
export const castVoteUpdate = update('castVote');
export const fileAppealUpdate = update('fileAppeal');
export const extendDeadlineUpdate = update('extendDeadline');
export const recordComplianceUpdate = update('recordCompliance');
export const recordEnforcementDecisionUpdate = update('recordEnforcementDecision');
export const settleUpdate = update('settle');
export const withdrawUpdate = update('withdraw');
export const setAsideServiceUpdate = update('setAsideService');

/** Gateway events as signals: how the webhook handed them over until 0.3.5; histories that hold them still replay. */
export const noticeEventSignal = defineSignal<[NoticeEvent]>('noticeEvent');
export const enforcementEventSignal = defineSignal<[EnforcementEvent]>('enforcementEvent');

export type GatewayEvent = { kind: 'notice'; event: NoticeEvent } | { kind: 'referral'; event: EnforcementEvent };
/** The refusal of a gateway event whose idempotency key names none of the case's notices or referrals. */
export const UNKNOWN_GATEWAY_KEY = 'UnknownGatewayKey';
/**
 * A gateway callback handed to its case in one round trip: recorded in history, or refused by the validator
 * (`UnknownGatewayKey`) with nothing recorded. A signal cannot be refused, so the webhook used to ask a query first.
 */
export const gatewayEventUpdate = defineUpdate<void, [GatewayEvent]>('gatewayEvent');

/** The live state; votes are shown with who voted what only when `viewer` sits on the case's board. */
export const stateQuery = defineQuery<CaseStateView, [viewer?: Actor]>('state');
/**
 * A query sees the workflow's clock as of its last task, so the rules that depend on time (an appeal window,
 * a session that has begun) are judged at `asOf`, the caller's time, when it gives one.
 */
export const availableActionsQuery = defineQuery<AvailableAction[], [actor: Actor, asOf?: string]>('availableActions');
/** Audit entries whose projection failed for good, for `npm run reconcile` to write. */
export const unprojectedQuery = defineQuery<AuditEntry[]>('unprojected');
/** State and the viewer's actions together: `GET /cases/{n}` is this one query. */
export const caseQuery = defineQuery<CaseAnswer, [viewer: Actor, asOf?: string]>('case');

/** Each action's update, by action name: the API and the tests look updates up here, never by spelling a name. */
export const actionUpdates: { [A in ActionName]: UpdateOf<A> } = {
  acceptComplaint: acceptComplaintUpdate,
  requestCorrection: requestCorrectionUpdate,
  submitCorrection: submitCorrectionUpdate,
  rejectComplaint: rejectComplaintUpdate,
  recordManualService: recordManualServiceUpdate,
  recordResponse: recordResponseUpdate,
  assignBoard: assignBoardUpdate,
  scheduleHearing: scheduleHearingUpdate,
  adjournHearing: adjournHearingUpdate,
  recordHearingHeld: recordHearingHeldUpdate,
  castVote: castVoteUpdate,
  fileAppeal: fileAppealUpdate,
  extendDeadline: extendDeadlineUpdate,
  recordCompliance: recordComplianceUpdate,
  recordEnforcementDecision: recordEnforcementDecisionUpdate,
  settle: settleUpdate,
  withdraw: withdrawUpdate,
  setAsideService: setAsideServiceUpdate,
};

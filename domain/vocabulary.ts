/** The words of a case, as closed lists: stages, outcomes, roles, sides, channels, claims, documents and votes. */

export const stages = [
  'intake',
  'notice',
  'response',
  'hearing',
  'ruling',
  'appeal',
  'compliance',
  'enforcement',
  'closed',
] as const;
export type Stage = (typeof stages)[number];
export type OpenStage = Exclude<Stage, 'closed'>;

/**
 * `claim_rejected` is not in CASE-LIFECYCLE.md: a board may reject every claim, and once that ruling is
 * final the case must close with an outcome that says so (see docs/case-lifecycle.md).
 */
export const outcomes = [
  'rejected',
  'abandoned',
  'dismissed',
  'withdrawn',
  'settled',
  'complied',
  'enforced',
  'enforcement_rejected',
  'claim_rejected',
] as const;
export type Outcome = (typeof outcomes)[number];

export const roles = ['clerk', 'officer', 'board_member', 'supervisor', 'engineer', 'party'] as const;
export type Role = (typeof roles)[number];

export const sides = ['complainant', 'respondent'] as const;
export type Side = (typeof sides)[number];
export const otherSide = (side: Side): Side => (side === 'complainant' ? 'respondent' : 'complainant');

export const channels = ['online', 'counter', 'office'] as const;
export type Channel = (typeof channels)[number];

export const claimKinds = [
  'unpaid_wages',
  'severance',
  'overtime',
  'leave',
  'insurance',
  'wrongful_dismissal',
  'other',
] as const;
export type ClaimKind = (typeof claimKinds)[number];

/** The gateway's document types (GATEWAY.md). */
export const documentTypes = [
  'complaint',
  'hearing_summons',
  'ruling',
  'appeal',
  'closure',
  'reminder',
  'escalation',
] as const;
export type DocumentType = (typeof documentTypes)[number];

export const voteDecisions = ['uphold', 'reject', 'partial'] as const;
export type VoteDecision = (typeof voteDecisions)[number];

export const hearingModes = ['in_person', 'remote'] as const;
export type HearingMode = (typeof hearingModes)[number];

export const manualServiceMethods = ['in_person', 'post', 'posting'] as const;
export type ManualServiceMethod = (typeof manualServiceMethods)[number];

/** The windows a case waits on; every deadline is one of these. */
export const deadlineKinds = [
  'correction',
  'notice_delivery',
  'manual_service',
  'response',
  'hearing_scheduling',
  'ruling',
  'appeal',
  'compliance',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

/**
 * What is raised to someone. `no_majority` climbs from level 2 (the supervisor); `calendar_unconfirmed` is a
 * note for the supervisor that a deadline counted over estimated holidays, and never makes a case overdue;
 * `enforcement_failed` (not in the design) is a referral the gateway lost or refused to take, awaiting the officer.
 */
export const escalationKinds = [
  'correction_overdue',
  'notice_undelivered',
  'manual_service_overdue',
  'response_overdue',
  'hearing_not_scheduled',
  'ruling_overdue',
  'no_majority',
  'compliance_overdue',
  'enforcement_failed',
  'calendar_unconfirmed',
] as const;
export type EscalationKind = (typeof escalationKinds)[number];

/** Escalation kinds that are notes, not missed deadlines: they never set `Overdue`. */
export const noteKinds: readonly EscalationKind[] = ['calendar_unconfirmed'];

/** Staff and party actions: their bodies (zod), who may take them, and the stage each needs. */
import { z } from 'zod';
import type { Actor, CaseState, Role, Side } from './case';
import { deadlineKinds, sides, voteDecisions } from './case';
import { filingSchema } from './case';

const note = { note: z.string().max(2000).optional() };
const reason = z.string().trim().min(3).max(2000);
const isoDateTime = z.iso.datetime({ offset: true });

export const actionBodySchemas = {
  acceptComplaint: z.object({ ...note }),
  requestCorrection: z.object({ ...note, reason, fields: z.array(z.string().max(100)).max(50).optional() }),
  submitCorrection: z.object({ ...note, changes: filingSchema.omit({ province: true, channel: true }).partial() }),
  rejectComplaint: z.object({ ...note, reason }),
  recordManualService: z.object({
    ...note,
    recipient: z.enum(sides),
    servedAt: isoDateTime,
    method: z.enum(['in_person', 'post', 'posting']),
  }),
  recordResponse: z.object({
    ...note,
    text: z.string().trim().min(1).max(20000),
    attachments: z
      .array(
        z.object({
          name: z.string().min(1).max(200),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          sizeBytes: z.number().int().nonnegative(),
        }),
      )
      .max(50)
      .optional(),
  }),
  assignBoard: z.object({
    ...note,
    members: z
      .array(
        z.object({
          userId: z.string().min(1).max(100),
          name: z.string().min(1).max(200),
          presiding: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(20),
  }),
  scheduleHearing: z.object({
    ...note,
    at: isoDateTime,
    mode: z.enum(['in_person', 'remote']),
    location: z.string().max(500).optional(),
  }),
  adjournHearing: z.object({ ...note, reason, newAt: isoDateTime }),
  recordHearingHeld: z.object({
    ...note,
    attendance: z.object({ complainant: z.boolean(), respondent: z.boolean() }),
    minutes: z.string().trim().min(1).max(20000),
    /** The board finds the complainant's presence necessary: summon again for this time (once). */
    resummonAt: isoDateTime.optional(),
  }),
  castVote: z.object({
    ...note,
    decision: z.enum(voteDecisions),
    awards: z
      .array(z.object({ claimIndex: z.number().int().nonnegative(), amountRials: z.number().int().nonnegative() }))
      .max(20)
      .optional(),
    reason,
  }),
  sealRuling: z.object({ ...note }),
  fileAppeal: z.object({ ...note, party: z.enum(sides), grounds: z.string().trim().min(3).max(20000) }),
  extendDeadline: z.object({
    ...note,
    deadline: z.enum(deadlineKinds),
    /** For a per-party deadline (`appeal`), which party's. */
    party: z.enum(sides).optional(),
    businessDays: z.number().int().min(1).max(365),
    reason,
  }),
  recordCompliance: z.object({ ...note, evidence: z.string().max(20000).optional() }),
  recordEnforcementDecision: z.object({ ...note, decision: z.enum(['close', 're_refer']), reason }),
  settle: z.object({ ...note, terms: z.string().trim().min(3).max(20000) }),
  withdraw: z.object({ ...note, reason }),
} as const;

export type ActionName = keyof typeof actionBodySchemas;
export type ActionBody<A extends ActionName> = z.infer<(typeof actionBodySchemas)[A]>;
export const actionNames = Object.keys(actionBodySchemas) as ActionName[];

/** `acceptComplaint` ⇄ `accept-complaint`: the API's path segment is the kebab-case of the update's name. */
export const toKebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export function actionFromKebab(segment: string): ActionName | undefined {
  return actionNames.find((name) => toKebab(name) === segment);
}

/** Who may take an action: `supervisor` ⊇ `officer` ⊇ `clerk`; parties and board members as listed. */
const staff = (minimum: 'clerk' | 'officer'): Role[] =>
  minimum === 'clerk' ? ['clerk', 'officer', 'supervisor'] : ['officer', 'supervisor'];

export const actionRoles: Record<ActionName, Role[]> = {
  acceptComplaint: staff('clerk'),
  requestCorrection: staff('clerk'),
  submitCorrection: ['party', ...staff('clerk')],
  rejectComplaint: staff('clerk'),
  recordManualService: staff('clerk'),
  recordResponse: ['party', ...staff('clerk')],
  assignBoard: staff('officer'),
  scheduleHearing: staff('officer'),
  adjournHearing: staff('officer'),
  recordHearingHeld: staff('officer'),
  castVote: ['board_member'],
  sealRuling: ['board_member'],
  fileAppeal: ['party', ...staff('clerk')],
  extendDeadline: staff('officer'),
  recordCompliance: staff('officer'),
  recordEnforcementDecision: staff('officer'),
  settle: ['party', ...staff('clerk')],
  withdraw: ['party', ...staff('clerk')],
};

/** A party may act only for their own side; these actions belong to one side. */
const sideOf: Partial<Record<ActionName, Side>> = {
  submitCorrection: 'complainant',
  recordResponse: 'respondent',
  withdraw: 'complainant',
};

export type RefusalType = 'WrongStage' | 'NotAllowed' | 'LimitReached' | 'InvalidInput';

export interface Refusal {
  type: RefusalType;
  message: string;
}

const wrongStage = (message: string): Refusal => ({ type: 'WrongStage', message });
const notAllowed = (message: string): Refusal => ({ type: 'NotAllowed', message });
const limit = (message: string): Refusal => ({ type: 'LimitReached', message });

const isOpen = (state: CaseState) => state.stage !== 'closed';
const finalRuling = (state: CaseState) => state.rulings.some((r) => r.finalAt);
export const openDeadline = (state: CaseState, id: string) => state.deadlines.find((d) => d.id === id && !d.closedAt);

function onBoard(state: CaseState, actor: Actor) {
  return state.board?.members.find((m) => m.userId === actor.userId);
}

/**
 * Why `actor` may not take `action` now, without looking at the body; undefined when it may.
 * The workflow's validators and the `availableActions` query both use this, so the console's buttons
 * and the API's refusals always agree.
 */
export function refusalFor(state: CaseState, action: ActionName, actor: Actor, nowMs: number): Refusal | undefined {
  if (!actionRoles[action].includes(actor.role)) {
    return notAllowed(`${actor.role} may not ${toKebab(action)}; it needs ${actionRoles[action].join(' or ')}`);
  }
  const side = sideOf[action];
  if (actor.role === 'party' && side && actor.side !== side) {
    return notAllowed(`only the ${side} may ${toKebab(action)}`);
  }
  if (!isOpen(state)) return wrongStage(`the case is closed (${state.outcome ?? 'closed'})`);
  const stage = state.stage;
  switch (action) {
    case 'acceptComplaint':
    case 'rejectComplaint':
    case 'requestCorrection':
      if (stage !== 'intake') return wrongStage(`the case is in ${stage}, not intake`);
      if (state.correction && !state.correction.submittedAt) {
        if (action === 'requestCorrection') return wrongStage('a correction is already awaited from the complainant');
      }
      return undefined;
    case 'submitCorrection':
      if (stage !== 'intake' || !state.correction || state.correction.submittedAt) {
        return wrongStage('no correction has been requested');
      }
      return undefined;
    case 'recordManualService':
      if (!state.notices.some((n) => !n.servedAt && n.documentType !== 'reminder')) {
        return wrongStage('no notice is awaiting service');
      }
      return undefined;
    case 'recordResponse':
      if (stage !== 'response' && !(stage === 'hearing' && state.response?.defaulted && !state.hearing?.held)) {
        return wrongStage(`the response window is not open (stage ${stage})`);
      }
      return undefined;
    case 'assignBoard':
      if (stage !== 'hearing') return wrongStage(`boards are assigned in the hearing stage, not ${stage}`);
      if (state.hearing?.held) return wrongStage('the hearing has been held');
      return undefined;
    case 'scheduleHearing':
      if (stage !== 'hearing') return wrongStage(`hearings are scheduled in the hearing stage, not ${stage}`);
      if (!state.board) return wrongStage('assign a board first');
      if (state.hearing) return wrongStage('a hearing is already scheduled; adjourn it to move it');
      return undefined;
    case 'adjournHearing':
      if (stage !== 'hearing' || !state.hearing || state.hearing.held) return wrongStage('no hearing is pending');
      if (state.hearing.adjournments >= state.policy.limits.maxAdjournments) {
        return limit(`the hearing has been adjourned ${state.hearing.adjournments} times, the most allowed`);
      }
      return undefined;
    case 'recordHearingHeld':
      if (stage !== 'hearing' || !state.hearing || state.hearing.held) return wrongStage('no hearing is pending');
      if (state.hearing.mode === 'remote') return wrongStage('a remote review is not held in a room; members vote');
      return undefined;
    case 'castVote':
    case 'sealRuling': {
      if (!onBoard(state, actor)) return notAllowed('only members of this case’s board may vote');
      if (stage !== 'hearing' || !state.hearing?.held) return wrongStage('votes open once the hearing is held');
      if (state.rulings.length >= (state.board?.instance ?? 1)) return wrongStage('the ruling is already sealed');
      if (action === 'sealRuling') {
        if (!onBoard(state, actor)?.presiding) return notAllowed('only the presiding member may seal the ruling');
        const rule = state.board?.instance === 2 ? state.policy.boards.second : state.policy.boards.first;
        if (state.votes.length < rule.quorum) {
          return wrongStage(`quorum not met: ${state.votes.length} of ${rule.quorum} votes`);
        }
      }
      return undefined;
    }
    case 'fileAppeal':
      return appealRefusal(state, actor, nowMs);
    case 'extendDeadline':
      if (!state.deadlines.some((d) => !d.closedAt)) return wrongStage('no deadline is open');
      return undefined;
    case 'recordCompliance':
      if (stage !== 'compliance' && stage !== 'enforcement') return wrongStage(`the case is in ${stage}`);
      return undefined;
    case 'recordEnforcementDecision': {
      const last = state.enforcement[state.enforcement.length - 1];
      if (stage !== 'enforcement' || last?.status !== 'rejected' || last.decision) {
        return wrongStage('no rejected enforcement referral awaits a decision');
      }
      return undefined;
    }
    case 'settle':
    case 'withdraw':
      if (finalRuling(state)) return wrongStage('the ruling is final; settle or withdraw only before a final ruling');
      return undefined;
  }
}

function appealRefusal(state: CaseState, actor: Actor, nowMs: number): Refusal | undefined {
  if (state.stage !== 'ruling' && state.stage !== 'appeal') {
    return wrongStage(`appeals are filed against a first-instance ruling, the case is in ${state.stage}`);
  }
  if (state.rulings.length !== 1) return wrongStage('a second-instance ruling cannot be appealed');
  const open = sides.filter((side) => {
    const window = openDeadline(state, `appeal:${side}`);
    return window && Date.parse(window.dueAt) >= nowMs;
  });
  if (actor.role === 'party' && actor.side && !open.includes(actor.side)) {
    return wrongStage(`the appeal window of the ${actor.side} is not open`);
  }
  if (open.length === 0) return wrongStage('no appeal window is open');
  return undefined;
}

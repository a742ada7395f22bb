/**
 * Every staff and party action in one table: its body (zod), who may take it, when, and what the body must
 * satisfy. The workflow's validators and its `availableActions` query both read this table, so what the console
 * offers and what the workflow accepts cannot differ.
 */
import { shared, z } from './schema-cache';
import type { Actor, CaseState } from './case';
import { awardSchema, boardMemberSchema, isServed } from './case';
import { deadlineIds, statutoryDeadlines } from './deadlines';
import { filingChangesSchema, implausibleDates } from './filing';
import { printableId, safeText } from './text';
import { ballotProblem } from './voting';
import {
  awaitingService,
  boardRuleOf,
  claimBasesOf,
  currentRulingOf,
  hearingState,
  tehranIsoDate,
} from './case-queries';
import type { Role, Side } from './vocabulary';
import { deadlineKinds, hearingModes, manualServiceMethods, sides, voteDecisions } from './vocabulary';

export const actionBodySchemas = shared('actions.bodies', () => {
  const note = { note: safeText(2000).optional() };
  const reason = safeText(2000, { min: 3 });
  const isoDateTime = z.iso.datetime({ offset: true });
  return {
    acceptComplaint: z.object({ ...note }),
    requestCorrection: z.object({
      ...note,
      reason,
      fields: z
        .array(safeText(100, { multiline: false }))
        .max(50)
        .optional(),
    }),
    submitCorrection: z.object({ ...note, changes: filingChangesSchema }),
    rejectComplaint: z.object({ ...note, reason }),
    recordManualService: z.object({
      ...note,
      recipient: z.enum(sides),
      servedAt: isoDateTime,
      method: z.enum(manualServiceMethods),
    }),
    recordResponse: z.object({
      ...note,
      text: safeText(20000),
      attachments: z
        .array(
          z.object({
            name: safeText(200, { multiline: false }),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
            sizeBytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
          }),
        )
        .max(50)
        .optional(),
    }),
    assignBoard: z.object({ ...note, members: z.array(boardMemberSchema).min(1).max(20) }),
    scheduleHearing: z.object({
      ...note,
      at: isoDateTime,
      mode: z.enum(hearingModes),
      location: safeText(500).optional(),
    }),
    adjournHearing: z.object({ ...note, reason, newAt: isoDateTime }),
    recordHearingHeld: z.object({
      ...note,
      attendance: z.object({ complainant: z.boolean(), respondent: z.boolean() }),
      minutes: safeText(20000),
      /** The board finds an absent party's presence necessary: summon it once more, for this time. */
      resummon: z.object({ sides: z.array(z.enum(sides)).min(1).max(2), at: isoDateTime }).optional(),
    }),
    castVote: z.object({
      ...note,
      decision: z.enum(voteDecisions),
      awards: z.array(awardSchema).max(20).optional(),
      reason,
    }),
    fileAppeal: z.object({ ...note, party: z.enum(sides), grounds: safeText(20000, { min: 3 }) }),
    extendDeadline: z.object({
      ...note,
      deadline: z.enum(deadlineKinds),
      /** For a per-party deadline, whose. */
      party: z.enum(sides).optional(),
      businessDays: z.number().int().min(1).max(365),
      reason,
    }),
    recordCompliance: z.object({ ...note, evidence: safeText(20000).optional() }),
    recordEnforcementDecision: z.object({ ...note, decision: z.enum(['close', 're_refer']), reason }),
    settle: z.object({ ...note, terms: safeText(20000, { min: 3 }) }),
    withdraw: z.object({ ...note, reason }),
    setAsideService: z.object({ ...note, noticeKey: printableId(200), reason }),
  } as const;
});

export type ActionName = keyof typeof actionBodySchemas;
export type ActionBody<A extends ActionName> = z.infer<(typeof actionBodySchemas)[A]>;
export const actionNames = Object.keys(actionBodySchemas) as ActionName[];

/** `acceptComplaint` ⇄ `accept-complaint`: the API's path segment is the kebab-case of the update's name. */
export const toKebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export function actionFromKebab(segment: string): ActionName | undefined {
  return actionNames.find((name) => toKebab(name) === segment);
}

export type RefusalType = 'WrongStage' | 'NotAllowed' | 'LimitReached' | 'InvalidInput';
export interface Refusal {
  type: RefusalType;
  message: string;
}

const wrongStage = (message: string): Refusal => ({ type: 'WrongStage', message });
const notAllowed = (message: string): Refusal => ({ type: 'NotAllowed', message });
const limit = (message: string): Refusal => ({ type: 'LimitReached', message });
const invalid = (message: string): Refusal => ({ type: 'InvalidInput', message });

interface ActionRule<A extends ActionName> {
  roles: readonly Role[];
  /** A party may take it only for this side; `body` means for the side the body names. */
  side?: Side | 'body';
  /** Why the action does not fit the case now, whatever the body; undefined when it does. */
  when(state: CaseState, actor: Actor, now: number): Refusal | undefined;
  /** Why this body does not fit the case now; undefined when it does. */
  check?(state: CaseState, body: ActionBody<A>, actor: Actor, now: number): Refusal | undefined;
}

/** `supervisor` ⊇ `officer` ⊇ `clerk`. */
const clerks: Role[] = ['clerk', 'officer', 'supervisor'];
const officers: Role[] = ['officer', 'supervisor'];

const finalRuling = (state: CaseState) => state.rulings.some((r) => r.finalAt);
const awaitingCorrection = (state: CaseState) => Boolean(state.correction && !state.correction.submittedAt);
const inStage = (state: CaseState, stage: CaseState['stage'], what: string): Refusal | undefined =>
  state.stage === stage ? undefined : wrongStage(`${what} in the ${stage} stage; the case is in ${state.stage}`);
const inFuture = (iso: string, now: number, field: string): Refusal | undefined =>
  Date.parse(iso) > now ? undefined : invalid(`${field} is in the past`);
const notInFuture = (iso: string, now: number, field: string): Refusal | undefined =>
  Date.parse(iso) <= now + 60_000 ? undefined : invalid(`${field} is in the future`);
const first = (...refusals: (Refusal | undefined)[]) => refusals.find(Boolean);

function hearingPending(state: CaseState): Refusal | undefined {
  const h = hearingState(state);
  if (state.stage !== 'hearing') return wrongStage(`no hearing is pending; the case is in ${state.stage}`);
  if (!h?.at) return wrongStage('no session is scheduled');
  if (h.held) return wrongStage('the session has been held');
  return undefined;
}

function openAppealWindow(state: CaseState, party: Side, now: number): Refusal | undefined {
  if (state.appeals.some((a) => a.party === party)) return wrongStage(`the ${party} has already appealed`);
  const window = state.deadlines.find((d) => d.id === deadlineIds.appeal(party));
  if (!window) return wrongStage(`the ruling has not been served on the ${party} yet: its appeal window is not open`);
  if (window.closedAt || Date.parse(window.dueAt) < now) {
    return wrongStage(`the appeal window of the ${party} closed on ${window.dueAtJalali}`);
  }
  return undefined;
}

/** The notices a clerk may set aside: served, and with something still running from that service. */
export function setAsideProblem(state: CaseState, noticeKey: string): string | undefined {
  const notice = state.notices.find((n) => n.key === noticeKey);
  if (!notice) return `there is no notice ${noticeKey} in this case`;
  if (notice.documentType === 'reminder') return 'a reminder is not service: nothing to set aside';
  if (notice.setAside) return 'that service has already been set aside';
  if (!isServed(notice)) return 'that notice has not been served: there is no service to set aside';
  const window = state.deadlines.some((d) => d.basis === noticeKey && !d.closedAt);
  const h = hearingState(state);
  const summons = h && !h.held && h.summons.some((s) => s.noticeKey === noticeKey && s.round === h.round);
  if (!window && !summons)
    return 'the windows that ran from that service have closed: setting it aside changes nothing';
  return undefined;
}

export const actionRules: { [A in ActionName]: ActionRule<A> } = {
  acceptComplaint: {
    roles: clerks,
    when: (s) => inStage(s, 'intake', 'complaints are accepted'),
  },
  rejectComplaint: {
    roles: clerks,
    when: (s) => inStage(s, 'intake', 'complaints are rejected'),
  },
  requestCorrection: {
    roles: clerks,
    when: (s) =>
      first(
        inStage(s, 'intake', 'corrections are requested'),
        awaitingCorrection(s) ? wrongStage('a correction is already awaited from the complainant') : undefined,
      ),
  },
  submitCorrection: {
    roles: ['party', ...clerks],
    side: 'complainant',
    when: (s) =>
      first(
        inStage(s, 'intake', 'corrections are submitted'),
        awaitingCorrection(s) ? undefined : wrongStage('no correction has been requested'),
      ),
    check: (_s, body, _a, now) => {
      if (Object.keys(body.changes).length === 0) return invalid('changes: nothing to change');
      const [problem] = implausibleDates(body.changes.employment, tehranIsoDate(new Date(now).toISOString()));
      return problem ? invalid(`changes.${problem.path}: ${problem.message}`) : undefined;
    },
  },
  recordManualService: {
    roles: clerks,
    when: (s) => (awaitingService(s).length ? undefined : wrongStage('no notice is awaiting service')),
    check: (s, body, _a, now) =>
      first(
        awaitingService(s).some((n) => n.recipient === body.recipient)
          ? undefined
          : wrongStage(`no notice to the ${body.recipient} is awaiting service`),
        notInFuture(body.servedAt, now, 'servedAt'),
      ),
  },
  recordResponse: {
    roles: ['party', ...clerks],
    side: 'respondent',
    when: (s) => {
      if (s.stage === 'response') return undefined;
      const late = s.stage === 'hearing' && s.rulings.length === 0 && s.response?.defaulted && !s.hearing?.held;
      return late ? undefined : wrongStage(`the response window is not open; the case is in ${s.stage}`);
    },
  },
  assignBoard: {
    roles: officers,
    when: (s) =>
      first(
        inStage(s, 'hearing', 'boards are assigned'),
        s.hearing?.held ? wrongStage('the session has been held; the board can no longer change') : undefined,
        s.votes.length ? wrongStage('votes have been cast in this session; the board can no longer change') : undefined,
      ),
    check: (s, body) => {
      const instance = s.rulings.length === 0 ? 1 : 2;
      const rule = boardRuleOf(s.policy, instance);
      const name = instance === 1 ? 'first-instance (Diagnosis)' : 'second-instance (Dispute Resolution)';
      if (body.members.length !== rule.size)
        return invalid(`a ${name} board has ${rule.size} members, not ${body.members.length}`);
      if (body.members.filter((m) => m.presiding).length !== 1) return invalid('exactly one member presides');
      if (new Set(body.members.map((m) => m.userId)).size !== body.members.length)
        return invalid('a member appears twice');
      return undefined;
    },
  },
  scheduleHearing: {
    roles: officers,
    when: (s) =>
      first(
        inStage(s, 'hearing', 'hearings are scheduled'),
        s.board ? undefined : wrongStage('assign a board first'),
        s.hearing?.at ? wrongStage('a session is already scheduled; adjourn it to move it') : undefined,
      ),
    check: (_s, body, _a, now) => inFuture(body.at, now, 'at'),
  },
  adjournHearing: {
    roles: officers,
    when: (s) => {
      const pending = hearingPending(s);
      if (pending) return pending;
      const { adjournments } = s.hearing ?? { adjournments: 0 };
      const max = s.policy.limits.maxAdjournments;
      return adjournments >= max
        ? limit(`the session has been adjourned ${adjournments} times, the most allowed`)
        : undefined;
    },
    check: (_s, body, _a, now) => inFuture(body.newAt, now, 'newAt'),
  },
  recordHearingHeld: {
    roles: officers,
    when: (s, _a, now) => {
      const pending = hearingPending(s);
      if (pending) return pending;
      const h = s.hearing;
      if (h?.mode === 'remote')
        return wrongStage('a remote review is not held in a room: the members vote once it opens');
      if (h?.at && Date.parse(h.at) > now)
        return wrongStage(`the session sits at ${h.at}; it cannot be recorded before`);
      return undefined;
    },
    check: (s, body, _a, now) => {
      const h = s.hearing;
      if (!h) return wrongStage('no session is scheduled');
      for (const side of sides) {
        if (body.attendance[side]) continue;
        const summons = h.summons.find((x) => x.side === side && x.round === h.round);
        if (!summons?.duly) {
          const why = !summons?.servedAt ? 'its summons has not been served' : 'its summons was served too late';
          return wrongStage(
            `the ${side} was not duly summoned (${why}): it cannot be recorded absent; adjourn the session`,
          );
        }
      }
      const again = body.resummon;
      if (!again) return undefined;
      for (const side of again.sides) {
        if (body.attendance[side]) return invalid(`the ${side} attended: there is no one to summon again`);
        if (h.resummoned.includes(side)) return limit(`the ${side} has already been summoned again once`);
      }
      return inFuture(again.at, now, 'resummon.at');
    },
  },
  castVote: {
    roles: ['board_member'],
    when: (s, actor, now) => {
      if (!s.board?.members.some((m) => m.userId === actor.userId))
        return notAllowed('only members of this case’s board vote');
      if (currentRulingOf(s)) return wrongStage('the ruling of this instance is sealed; votes can no longer change');
      if (s.stage !== 'hearing') return wrongStage(`there is no vote in the ${s.stage} stage`);
      const h = s.hearing;
      if (h?.held) return undefined;
      if (h?.mode === 'remote' && h.at) {
        return wrongStage(
          Date.parse(h.at) > now ? `the remote review opens for votes at ${h.at}` : 'the remote review is opening',
        );
      }
      return wrongStage('votes open once the session is held');
    },
    check: (s, body, actor, now) => {
      const ballot = { memberId: actor.userId, decision: body.decision, awards: body.awards };
      const problem = ballotProblem(ballot, claimBasesOf(s, new Date(now).toISOString()));
      return problem ? invalid(problem) : undefined;
    },
  },
  fileAppeal: {
    roles: ['party', ...clerks],
    side: 'body',
    when: (s, actor, now) => {
      if (s.rulings.length === 0) return wrongStage('there is no ruling to appeal');
      if (s.rulings.length > 1 || s.rulings.some((r) => r.finalAt))
        return wrongStage('the ruling is final: it cannot be appealed');
      if (s.stage !== 'ruling' && s.stage !== 'appeal')
        return wrongStage(`appeals are filed against a ruling; the case is in ${s.stage}`);
      if (actor.role === 'party' && actor.side) return openAppealWindow(s, actor.side, now);
      const refusals = sides.map((side) => openAppealWindow(s, side, now));
      return refusals.every(Boolean) ? (refusals[0] ?? wrongStage('no appeal window is open')) : undefined;
    },
    check: (s, body, _a, now) => openAppealWindow(s, body.party, now),
  },
  extendDeadline: {
    roles: officers,
    when: (s) => {
      const open = s.deadlines.filter((d) => !d.closedAt);
      if (open.length === 0) return wrongStage('no deadline is open');
      if (open.some((d) => !statutoryDeadlines.includes(d.kind))) return undefined;
      const kinds = [...new Set(open.map((d) => d.kind))];
      const one = kinds.length === 1;
      return limit(
        `the ${kinds.join(' and ')} window${one ? ' is' : 's are'} statutory: no one may extend ${one ? 'it' : 'them'}`,
      );
    },
    check: (s, body, _a, now) => {
      if (statutoryDeadlines.includes(body.deadline))
        return limit(`the ${body.deadline} window is statutory: no one may extend it`);
      const deadline = extendableDeadline(s, body.deadline, body.party, now);
      if (!deadline) return wrongStage(`no open ${body.deadline} deadline${body.party ? ` of the ${body.party}` : ''}`);
      const max = s.policy.limits.maxExtensionsPerDeadline;
      if (deadline.extensions >= max)
        return limit(`the ${body.deadline} deadline was already extended ${deadline.extensions} times`);
      const most = s.policy.windows.extensionMax.amount;
      return body.businessDays > most ? limit(`an extension is at most ${most} business days`) : undefined;
    },
  },
  recordCompliance: {
    roles: officers,
    when: (s) =>
      s.stage === 'compliance' || s.stage === 'enforcement'
        ? undefined
        : wrongStage(`compliance is recorded once a ruling is final; the case is in ${s.stage}`),
  },
  recordEnforcementDecision: {
    roles: officers,
    when: (s) => {
      const last = s.enforcement[s.enforcement.length - 1];
      const waiting =
        s.stage === 'enforcement' && (last?.status === 'rejected' || last?.status === 'failed') && !last.decision;
      return waiting ? undefined : wrongStage('no enforcement referral awaits a decision');
    },
  },
  settle: {
    roles: ['party', ...clerks],
    when: (s, actor) => {
      if (finalRuling(s))
        return wrongStage('the ruling is final; a settlement closes a case only before a final ruling');
      if (actor.role === 'party' && s.settlementConsents.some((c) => c.side === actor.side)) {
        return wrongStage(`the ${actor.side} has already consented; the case settles when the other side does`);
      }
      return undefined;
    },
  },
  withdraw: {
    roles: ['party', ...clerks],
    side: 'complainant',
    when: (s) =>
      finalRuling(s)
        ? wrongStage('the ruling is final; a complaint is withdrawn only before a final ruling')
        : undefined,
  },
  setAsideService: {
    roles: clerks,
    when: (s) =>
      s.notices.some((n) => !setAsideProblem(s, n.key))
        ? undefined
        : wrongStage('no served notice has anything still running from it'),
    check: (s, body) => {
      const problem = setAsideProblem(s, body.noticeKey);
      return problem ? wrongStage(problem) : undefined;
    },
  },
};

/** The open deadline of a kind (and party) that an extension would move. */
export function extendableDeadline(
  state: CaseState,
  kind: CaseState['deadlines'][number]['kind'],
  party: Side | undefined,
  now: number,
) {
  return state.deadlines.find(
    (d) => d.kind === kind && !d.closedAt && Date.parse(d.dueAt) > now && (party === undefined || d.party === party),
  );
}

/** A party acts on a case only as the party its national ID is, on that side. */
function isPartyOfCase(state: CaseState, actor: Actor): boolean {
  const { complainant, respondent } = state.filing;
  const id =
    actor.side === 'complainant' ? complainant.nationalId : (respondent.legalEntityId ?? respondent.nationalId);
  return Boolean(actor.nationalId) && actor.nationalId === id;
}

/** Who may act, ignoring the case's state: role, and for a party its side. */
function actorRefusal(action: ActionName, actor: Actor): Refusal | undefined {
  const rule = actionRules[action];
  if (!rule.roles.includes(actor.role)) {
    return notAllowed(`${actor.role} may not ${toKebab(action)}; it needs ${rule.roles.join(' or ')}`);
  }
  if (actor.role === 'party') {
    if (!actor.side) return notAllowed('a party acts for a side of the case');
    if (rule.side && rule.side !== 'body' && actor.side !== rule.side)
      return notAllowed(`only the ${rule.side} may ${toKebab(action)}`);
  }
  return undefined;
}

/** Why `actor` may not take `action` now, whatever the body; undefined when it may. Feeds `availableActions`. */
export function refusalFor(state: CaseState, action: ActionName, actor: Actor, now: number): Refusal | undefined {
  const refusal = actorRefusal(action, actor);
  if (refusal) return refusal;
  if (actor.role === 'party' && !isPartyOfCase(state, actor)) {
    return notAllowed(`you are not the ${actor.side ?? 'party'} of this case`);
  }
  if (state.stage === 'closed') return wrongStage(`the case is closed (${state.outcome ?? 'closed'})`);
  if (state.closing) return wrongStage(`the case is closing (${state.closing.outcome})`);
  return actionRules[action].when(state, actor, now);
}

/**
 * Why this call may not run: the body against its schema, then `refusalFor` (so the reason is the one the
 * console showed beside the button), then the body against the case. The update validators run exactly this.
 */
export function callRefusal<A extends ActionName>(
  state: CaseState,
  action: A,
  actor: Actor,
  body: unknown,
  now: number,
): Refusal | undefined {
  const parsed = actionBodySchemas[action].safeParse(body);
  if (!parsed.success) {
    return invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  }
  const rule = actionRules[action] as ActionRule<A>;
  const typed = parsed.data as ActionBody<A>;
  const general = refusalFor(state, action, actor, now);
  if (general) return general;
  if (rule.side === 'body' && actor.role === 'party' && 'party' in typed && typed.party !== actor.side) {
    return notAllowed('a party acts only for itself');
  }
  return rule.check?.(state, typed, actor, now);
}

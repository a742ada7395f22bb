/**
 * What each action records: one small function per action, writing facts into the case's state. None moves the
 * stage. A few need the calendar first (a session's lead time, an extended due date): their preparers ask it.
 */
import type { ActionName, Refusal } from '../../domain/actions';
import { extendableDeadline } from '../../domain/actions';
import { boardRuleOf, claimBasesOf, instanceOf } from '../../domain/case-queries';
import { countVotes } from '../../domain/voting';
import type { ActionCall } from '../messages';
import type { Services } from './stages/kit';

export interface Recorded {
  /** The audit line. */
  summary: string;
  /** The reaction the caller should see before the update answers; it happens in the same workflow task. */
  settled?: () => boolean;
  /** Leaves the actor and note out of the audit trail (a vote, until the ruling is sealed). */
  secret?: boolean;
}

type Recorder<A extends ActionName> = (s: Services, call: ActionCall<A>) => Recorded;
type Preparer<A extends ActionName> = (s: Services, call: ActionCall<A>) => Promise<Refusal | undefined>;

const closed = (s: Services) => () => s.state.stage === 'closed';

/** Extended due dates, computed by the preparer and used by the recorder in the same update. */
const extensions = new WeakMap<object, { dueAt: string; dueAtJalali: string }>();

/** A session must leave time to serve the summons: its time is checked against the computed lead time. */
async function leadTime({ c, state }: Services, at: string, field: string): Promise<Refusal | undefined> {
  const { dueAt, dueAtJalali } = await c.dueFrom(c.now(), state.policy.windows.summonsLeadTime);
  if (Date.parse(at) >= Date.parse(dueAt)) return undefined;
  return {
    type: 'InvalidInput',
    message: `${field}: the session must be on or after ${dueAtJalali} so that summons can be served in time`,
  };
}

export const preparers: { [A in ActionName]?: Preparer<A> } = {
  scheduleHearing: (s, { body }) => leadTime(s, body.at, 'at'),
  adjournHearing: (s, { body }) => leadTime(s, body.newAt, 'newAt'),
  recordHearingHeld: async (s, { body }) => (body.resummon ? leadTime(s, body.resummon.at, 'resummon.at') : undefined),
  extendDeadline: async (s, call) => {
    const { body } = call;
    const deadline = extendableDeadline(s.state, body.deadline, body.party, Date.now());
    if (!deadline) return undefined; // refused by the rules, checked again after this
    extensions.set(call, await s.c.dueFrom(deadline.dueAt, { amount: body.businessDays, unit: 'business_days' }));
    return undefined;
  },
};

function hearingOf(s: Services) {
  const h = s.state.hearing;
  if (!h) throw new Error('a hearing action passed its rules without a hearing');
  return h;
}

export const recorders: { [A in ActionName]: Recorder<A> } = {
  acceptComplaint: (s) => {
    s.state.acceptedAt = s.c.now();
    return { summary: 'complaint accepted', settled: () => s.state.stage !== 'intake' };
  },
  requestCorrection: (s, { body }) => {
    s.state.corrections += 1;
    s.state.correction = { reason: body.reason, fields: body.fields ?? [], requestedAt: s.c.now() };
    return { summary: `correction requested: ${body.reason}` };
  },
  submitCorrection: (s, { body }) => {
    s.state.filing = { ...s.state.filing, ...body.changes };
    if (s.state.correction) s.state.correction.submittedAt = s.c.now();
    return { summary: 'correction submitted' };
  },
  rejectComplaint: (s, { body, actor, requestId }) => {
    s.state.closing = { outcome: 'rejected', reason: body.reason, at: s.c.now(), actor, requestId };
    return { summary: `complaint rejected: ${body.reason}`, settled: closed(s) };
  },
  recordManualService: (s, { body }) => {
    const served = s.notices.serveByHand(body.recipient, body.servedAt, body.method);
    return { summary: `${served} notice(s) to the ${body.recipient} served by hand (${body.method})` };
  },
  recordResponse: (s, { body }) => {
    const inWindow = s.state.stage === 'response';
    s.state.response = {
      text: body.text,
      recordedAt: s.c.now(),
      defaulted: false,
      attachments: body.attachments?.length ?? 0,
    };
    s.escalations.resolve((e) => e.kind === 'response_overdue');
    return {
      summary: inWindow ? 'response recorded' : 'late response recorded',
      settled: () => s.state.stage !== 'response',
    };
  },
  assignBoard: (s, { body }) => {
    const instance = instanceOf(s.state);
    s.state.board = { instance, members: body.members, assignedAt: s.c.now() };
    return { summary: `board assigned (instance ${instance})` };
  },
  scheduleHearing: (s, { body }) => {
    const h = hearingOf(s);
    Object.assign(h, { at: body.at, mode: body.mode, location: body.location, round: h.round + 1 });
    return { summary: `session ${h.session} scheduled for ${body.at} (${body.mode})` };
  },
  adjournHearing: (s, { body }) => {
    const h = hearingOf(s);
    Object.assign(h, { at: body.newAt, adjournments: h.adjournments + 1, round: h.round + 1 });
    return { summary: `session adjourned to ${body.newAt}: ${body.reason}` };
  },
  recordHearingHeld: (s, { body }) => {
    const h = hearingOf(s);
    const again = body.resummon;
    if (again) {
      Object.assign(h, { at: again.at, round: h.round + 1, resummoned: [...h.resummoned, ...again.sides] });
      return { summary: `the board summons the ${again.sides.join(' and the ')} again, for ${again.at}` };
    }
    h.held = { at: s.c.now(), attendance: body.attendance, minutes: body.minutes, remote: false };
    const dismissal = !body.attendance.complainant && h.resummoned.includes('complainant');
    return { summary: `session ${h.session} held`, settled: dismissal ? closed(s) : undefined };
  },
  castVote: (s, { body, actor }) => {
    const { state, c } = s;
    const vote = {
      memberId: actor.userId,
      decision: body.decision,
      awards: body.awards,
      reason: body.reason,
      at: c.now(),
    };
    state.votes = [...state.votes.filter((v) => v.memberId !== actor.userId), vote];
    const rule = boardRuleOf(state.policy, instanceOf(state));
    const pending = () => countVotes(state.votes, claimBasesOf(state, c.now()), rule).kind === 'pending';
    return {
      summary: `a vote was cast (${state.votes.length} of ${rule.quorum} for quorum)`,
      secret: true,
      settled: () => state.stage !== 'hearing' || pending(),
    };
  },
  fileAppeal: (s, { body, actor }) => {
    s.state.appeals.push({ party: body.party, grounds: body.grounds, filedAt: s.c.now(), filedBy: actor.userId });
    return { summary: `appeal filed by the ${body.party}` };
  },
  extendDeadline: (s, call) => {
    const { body } = call;
    const deadline = extendableDeadline(s.state, body.deadline, body.party, Date.now());
    const due = extensions.get(call);
    if (!deadline || !due) throw new Error('an extension passed its rules without a deadline or a due date');
    Object.assign(deadline, { dueAt: due.dueAt, dueAtJalali: due.dueAtJalali, extensions: deadline.extensions + 1 });
    return { summary: `${body.deadline} deadline extended to ${due.dueAtJalali}: ${body.reason}` };
  },
  recordCompliance: (s, { body }) => {
    s.state.compliance = { recordedAt: s.c.now(), evidence: body.evidence };
    return { summary: 'compliance recorded', settled: closed(s) };
  },
  recordEnforcementDecision: (s, { body }) => {
    const referral = s.state.enforcement[s.state.enforcement.length - 1];
    if (referral) referral.decision = { decision: body.decision, reason: body.reason, at: s.c.now() };
    return {
      summary: `enforcement decision: ${body.decision} (${body.reason})`,
      settled: body.decision === 'close' ? closed(s) : undefined,
    };
  },
  settle: (s, { body, actor, requestId }) => {
    const { state, c } = s;
    const concluded = (terms: string) => {
      state.settlement = { terms, at: c.now() };
      state.closing = { outcome: 'settled', reason: terms, at: c.now(), actor, requestId };
    };
    if (actor.role !== 'party' || !actor.side) {
      concluded(body.terms);
      return { summary: 'settlement signed by both sides recorded', settled: closed(s) };
    }
    state.settlementConsents.push({ side: actor.side, terms: body.terms, at: c.now(), by: actor.userId });
    if (state.settlementConsents.length < 2) return { summary: `the ${actor.side} consents to a settlement` };
    concluded(body.terms);
    return { summary: `the ${actor.side} consents to a settlement: both sides have`, settled: closed(s) };
  },
  withdraw: (s, { body, actor, requestId }) => {
    s.state.closing = { outcome: 'withdrawn', reason: body.reason, at: s.c.now(), actor, requestId };
    return { summary: `complaint withdrawn: ${body.reason}`, settled: closed(s) };
  },
  setAsideService: (s, { body, actor }) => {
    s.notices.setAside(body.noticeKey, body.reason, actor.userId);
    return { summary: `service of ${body.noticeKey} set aside: ${body.reason}` };
  },
};

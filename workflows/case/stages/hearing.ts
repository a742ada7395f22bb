/**
 * Hearing: a board is assigned and a session scheduled; both parties are summoned for each round (a new time
 * after an adjournment or a re-summons); the session is held, or a remote review opens at its time; the board
 * votes until a majority seals the ruling, or the session is renewed for want of one.
 */
import type { Hearing, Instance, Side } from '../../../domain/case';
import { sides } from '../../../domain/case';
import { boardRuleOf, claimBasesOf, instanceOf } from '../../../domain/case-queries';
import { deadlineIds } from '../../../domain/deadlines';
import type { StageExit } from '../../../domain/lifecycle';
import type { Verdict } from '../../../domain/voting';
import { countVotes } from '../../../domain/voting';
import { TaskGroup } from '../tasks';
import type { StageKit } from './kit';

export async function hearing(kit: StageKit): Promise<StageExit> {
  const { state, escalations } = kit;
  const h = begin(kit, instanceOf(state));
  for (;;) {
    await scheduled(kit, h);
    if ((await sit(kit, h)) === 'dismissed') {
      return { close: 'dismissed', reason: 'the complainant, summoned again, was absent again' };
    }
    escalations.resolve((e) => e.kind === 'response_overdue');
    const verdict = await deliberation(kit, h);
    if (verdict.kind === 'sealed') {
      seal(kit, h, verdict);
      return { to: 'ruling' };
    }
    renew(kit, h);
  }
}

/** The hearing of this instance; a second instance starts with a new board, session and votes. */
function begin({ state }: StageKit, instance: Instance): Hearing {
  if (state.hearing?.instance === instance) return state.hearing;
  state.hearing = { instance, session: 1, adjournments: 0, round: 0, summons: [], resummoned: [] };
  if (state.board?.instance !== instance) delete state.board;
  state.votes = [];
  state.renewals = 0;
  return state.hearing;
}

/** The scheduling window counts from the response window's end (first instance), the appeal's, or the renewal. */
function schedulingFrom({ state, c }: StageKit, h: Hearing): string {
  if (h.renewedAt) return h.renewedAt;
  if (h.instance === 1) return state.deadlines.find((d) => d.id === deadlineIds.response())?.dueAt ?? c.now();
  return state.stageEnteredAt;
}

async function scheduled(kit: StageKit, h: Hearing): Promise<void> {
  const id = deadlineIds.hearingScheduling(h.instance, h.session);
  const rule = kit.state.policy.windows.hearingScheduling;
  await kit.deadlines.open({ id, kind: 'hearing_scheduling', from: schedulingFrom(kit, h), rule });
  await kit.deadlines.meetOrEscalate(id, () => Boolean(h.at), 'hearing_not_scheduled');
}

/**
 * Summons both parties for each round and waits for the session to be held; a remote review opens for votes at
 * its scheduled time. A complainant summoned again and absent again has abandoned the claim.
 */
async function sit(kit: StageKit, h: Hearing): Promise<'held' | 'dismissed'> {
  const { c } = kit;
  for (;;) {
    const round = h.round;
    // The round's summons end with it: a new time needs new summons.
    const summonses = new TaskGroup();
    for (const side of sides) summonses.spawn(() => summon(kit, h, side, round));
    const moved = () => h.round !== round || Boolean(h.held) || summonses.failed;
    try {
      if (h.mode === 'remote' && !(await c.until(moved, h.at))) {
        h.held = {
          at: c.now(),
          attendance: { complainant: false, respondent: false },
          minutes: 'remote review',
          remote: true,
        };
        c.audit({ kind: 'action', summary: `remote review of session ${h.session} opened for votes` });
      } else {
        await c.until(moved);
      }
    } finally {
      await summonses.close();
    }
    summonses.rethrow();
    if (!h.held) continue;
    const absentAgain = !h.held.remote && !h.held.attendance.complainant && h.resummoned.includes('complainant');
    return absentAgain ? 'dismissed' : 'held';
  }
}

/** Serves one party's summons for one round and records whether it came the policy's lead time before the session. */
async function summon(kit: StageKit, h: Hearing, side: Side, round: number): Promise<void> {
  const { c, state, notices } = kit;
  const at = h.at;
  if (!at) return;
  const purpose = `summons:${h.instance}:${h.session}:${round}`;
  const content = {
    kind: 'summons',
    caseNumber: state.caseNumber,
    instance: h.instance,
    session: h.session,
    at,
    mode: h.mode ?? 'in_person',
    location: h.location,
    recipient: side,
  } as const;
  for (;;) {
    const notice = await notices.serve(purpose, 'hearing_summons', side, () => content);
    let entry = h.summons.find((s) => s.side === side && s.round === round);
    if (!entry || entry.noticeKey !== notice.key) {
      h.summons = h.summons.filter((s) => s !== entry);
      entry = { side, round, noticeKey: notice.key, servedAt: notice.servedAt };
      h.summons.push(entry);
    }
    if (entry.duly === undefined && notice.servedAt) {
      const { dueAt } = await c.dueFrom(notice.servedAt, state.policy.windows.summonsLeadTime);
      entry.duly = Date.parse(dueAt) <= Date.parse(at);
    }
    // Set aside by a clerk: served again, and judged again.
    await c.until(() => Boolean(notice.setAside));
  }
}

/** Waits for the board's verdict, escalating a ruling that is late. */
async function deliberation(kit: StageKit, h: Hearing): Promise<Verdict> {
  const { c, state, deadlines } = kit;
  const held = h.held;
  if (!held) throw new Error('deliberation before the session was held');
  const id = deadlineIds.ruling(h.instance, h.session);
  await deadlines.open({ id, kind: 'ruling', from: held.at, rule: state.policy.windows.rulingDue });
  const rule = boardRuleOf(state.policy, h.instance);
  const verdict = () => countVotes(state.votes, claimBasesOf(state, c.now()), rule);
  await deadlines.meetOrEscalate(id, () => verdict().kind !== 'pending', 'ruling_overdue');
  return verdict();
}

function seal({ c, state, escalations }: StageKit, h: Hearing, verdict: Extract<Verdict, { kind: 'sealed' }>): void {
  const { decision, awards } = verdict;
  state.rulings.push({
    instance: h.instance,
    session: h.session,
    decision,
    awards,
    sealedAt: c.now(),
    votes: state.votes,
  });
  state.votes = [];
  escalations.resolve((e) => e.kind === 'no_majority');
  c.audit({
    kind: 'action',
    summary: `ruling of instance ${h.instance} sealed by majority: ${decision}`,
    data: { decision },
  });
}

/** No majority (art. 68): the votes are cleared and a new session must be scheduled; repeated, it escalates. */
function renew({ c, state, escalations }: StageKit, h: Hearing): void {
  state.renewals += 1;
  state.votes = [];
  Object.assign(h, {
    session: h.session + 1,
    at: undefined,
    mode: undefined,
    location: undefined,
    adjournments: 0,
    round: 0,
    summons: [],
    resummoned: [],
    held: undefined,
    renewedAt: c.now(),
  });
  c.audit({ kind: 'action', summary: `no majority: session renewed (${state.renewals} renewal(s))` });
  const open = state.escalations.some((e) => e.kind === 'no_majority' && !e.resolvedAt);
  if (state.renewals >= state.policy.limits.renewalsBeforeEscalation && !open)
    escalations.raise('no_majority', undefined, 2);
}

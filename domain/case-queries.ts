/** Questions asked of a case's state by the rules, the workflow and the views alike: answered once, here. */
import type { CaseState, Hearing, Instance, NoticeRecord, Ruling } from './case';
import { isServed } from './case';
import { tehranDateOf } from './calendar';
import type { BoardRule, Policy } from './policy';
import { claimBases } from './remedies';
import type { ClaimBasis } from './voting';

/** The instance a hearing now would be: the first until a ruling exists, then the second. */
export const instanceOf = (state: Pick<CaseState, 'rulings'>): Instance => (state.rulings.length === 0 ? 1 : 2);

export function boardRuleOf(policy: Policy, instance: Instance): BoardRule {
  return instance === 1 ? policy.boards.first : policy.boards.second;
}

/** The hearing of the instance under way, if one has begun. */
export function hearingState(state: CaseState): Hearing | undefined {
  return state.hearing?.instance === instanceOf(state) ? state.hearing : undefined;
}

/** The ruling sealed by the board of the instance under way (a second-instance case has two rulings). */
export function currentRulingOf(state: CaseState): Ruling | undefined {
  const instance = state.stage === 'hearing' ? instanceOf(state) : undefined;
  if (instance === undefined) return state.rulings[state.rulings.length - 1];
  return state.rulings.find((r) => r.instance === instance);
}

/** Notices a clerk could serve by hand: not served, not replaced, and not reminders (their delivery is not awaited). */
export function awaitingService(state: CaseState): NoticeRecord[] {
  return state.notices.filter(
    (n) => !isServed(n) && !n.setAside && n.status !== 'superseded' && n.documentType !== 'reminder',
  );
}

/** `2026-11-25T21:00:00Z` → `2026-11-26`, the date in Tehran. */
export function tehranIsoDate(iso: string): string {
  const { gy, gm, gd } = tehranDateOf(iso);
  return `${gy}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

/** Each claim's full amount for the vote count, as of `atIso` (Art. 165 compensation for an unpriced dismissal). */
export function claimBasesOf(state: CaseState, atIso: string): ClaimBasis[] {
  return claimBases(state.filing.claims, state.filing.employment, tehranIsoDate(atIso));
}

/** Board votes: the tally, when a ruling is sealed, and the awards a sealed ruling carries. */
import type { Award, Tally, Vote, VoteDecision } from './case';
import type { BoardRule } from './policy';

export function tally(votes: Vote[], rule: BoardRule, instance: 1 | 2): Tally {
  const count = (decision: VoteDecision) => votes.filter((v) => v.decision === decision).length;
  return {
    instance,
    cast: votes.length,
    quorum: rule.quorum,
    majority: rule.majority,
    uphold: count('uphold'),
    reject: count('reject'),
    partial: count('partial'),
  };
}

/** The decision a majority agrees on, once quorum has voted; undefined while there is none. */
export function majorityDecision(votes: Vote[], rule: BoardRule): VoteDecision | undefined {
  if (votes.length < rule.quorum) return undefined;
  const decisions: VoteDecision[] = ['uphold', 'reject', 'partial'];
  return decisions.find((d) => votes.filter((v) => v.decision === d).length >= rule.majority);
}

/**
 * What the presiding member seals without a majority: the most common decision, ties going to the
 * presiding member's own vote (the chair's casting vote).
 */
export function presidingDecision(votes: Vote[], presidingId: string): VoteDecision {
  const counts = new Map<VoteDecision, number>();
  for (const v of votes) counts.set(v.decision, (counts.get(v.decision) ?? 0) + 1);
  const best = Math.max(...counts.values());
  const leaders = [...counts.entries()].filter(([, n]) => n === best).map(([d]) => d);
  const own = votes.find((v) => v.memberId === presidingId)?.decision;
  return own && leaders.includes(own) ? own : (leaders[0] ?? 'reject');
}

/** A sealed ruling's awards: per claim, the mean of what the members who voted for the decision awarded. */
export function rulingAwards(votes: Vote[], decision: VoteDecision, claimAmounts: (number | undefined)[]): Award[] {
  if (decision === 'reject') return [];
  if (decision === 'uphold') {
    return claimAmounts.flatMap((amount, claimIndex) =>
      amount === undefined ? [] : [{ claimIndex, amountRials: amount }],
    );
  }
  const sums = new Map<number, { total: number; n: number }>();
  for (const vote of votes.filter((v) => v.decision === 'partial')) {
    for (const award of vote.awards ?? []) {
      const entry = sums.get(award.claimIndex) ?? { total: 0, n: 0 };
      sums.set(award.claimIndex, { total: entry.total + award.amountRials, n: entry.n + 1 });
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a - b)
    .map(([claimIndex, { total, n }]) => ({ claimIndex, amountRials: Math.round(total / n) }));
}

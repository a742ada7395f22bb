/** The law of board votes: whether a ballot is admissible, and what ruling (if any) a set of ballots reaches. */
import type { BoardRule } from './policy';

export type { BoardRule } from './policy';

export type VoteDecision = 'uphold' | 'reject' | 'partial';

const decisions: readonly VoteDecision[] = ['uphold', 'reject', 'partial'];

export interface Award {
  claimIndex: number;
  amountRials: number;
}

/** One member's current vote. Changing a vote means the caller replaces that member's ballot. */
export interface Ballot {
  memberId: string;
  decision: VoteDecision;
  awards?: Award[];
}

/**
 * What a claim is worth in full, for counting: its amount claimed, or the Art. 165 compensation for a
 * wrongful dismissal claimed without an amount (see `claimBases` in remedies.ts). `undefined`: no sum is known.
 */
export interface ClaimBasis {
  fullAmountRials?: number;
  /**
   * The most a member may award, when it differs from the full amount: an unpriced wrongful dismissal may be
   * remedied by reinstatement with back pay or by compensation, whichever the board chooses (Art. 165).
   */
  maxAmountRials?: number;
}

/**
 * `awards` of a sealed ruling list only the claims awarded a positive amount, by claimIndex: a claim the
 * board gives nothing is simply absent, as on the ruling's notice. A rejection has no awards.
 */
export type Verdict =
  | { kind: 'pending'; cast: number; quorum: number }
  | { kind: 'no_majority'; award: number; reject: number }
  | { kind: 'sealed'; decision: VoteDecision; awards: Award[] };

/** How the votes stand, without who cast them: what parties and staff outside the board may see. */
export interface Tally {
  cast: number;
  quorum: number;
  majority: number;
  /** `uphold` and `partial` ballots together: both are votes to award something. */
  award: number;
  reject: number;
}

const isRials = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/**
 * Why a ballot cannot be cast on these claims, as a sentence for the member; `undefined` when it can.
 * Claims are named by their `claimIndex`, as in the vote form.
 *
 * A member may award at most a claim's full amount when it has one: a board rules on what was claimed and
 * cannot award more (no ruling ultra petita). A claim with no known full amount takes any whole amount.
 * A `partial` vote must award a positive amount on some claim, otherwise it is a rejection counted on the
 * awarding side.
 */
export function ballotProblem(ballot: Ballot, claims: readonly ClaimBasis[]): string | undefined {
  if (typeof ballot.memberId !== 'string' || ballot.memberId.trim() === '') return 'the vote names no board member';
  if (!decisions.includes(ballot.decision))
    return `"${String(ballot.decision)}" is not a decision: uphold, reject or partial`;
  const awards = ballot.awards ?? [];
  if (!Array.isArray(awards)) return 'the awards must be a list';
  if (ballot.decision !== 'partial') {
    return awards.length > 0
      ? `${ballot.decision === 'uphold' ? 'an' : 'a'} ${ballot.decision} vote carries no awards: only a partial vote names amounts per claim`
      : undefined;
  }
  if (awards.length === 0) return 'a partial vote must award an amount on at least one claim';
  const seen = new Set<number>();
  for (const { claimIndex, amountRials } of awards) {
    if (!Number.isInteger(claimIndex) || claimIndex < 0 || claimIndex >= claims.length) {
      return `claim ${String(claimIndex)} does not exist: the case has ${claims.length} claim${claims.length === 1 ? '' : 's'}, numbered from 0`;
    }
    if (seen.has(claimIndex)) return `claim ${claimIndex} appears twice in the vote`;
    seen.add(claimIndex);
    if (!isRials(amountRials)) {
      return `the award on claim ${claimIndex} must be a whole number of rials from 0 to ${Number.MAX_SAFE_INTEGER}, not ${String(amountRials)}`;
    }
    const basis = claims[claimIndex];
    const most = basis?.maxAmountRials ?? basis?.fullAmountRials;
    if (most !== undefined && amountRials > most) {
      return `claim ${claimIndex} is awarded ${amountRials} rials, more than the ${most} it can be awarded: a board awards at most what was claimed`;
    }
  }
  if (!awards.some((a) => a.amountRials > 0)) {
    return 'a partial vote must award a positive amount on at least one claim: to award nothing, vote reject';
  }
  return undefined;
}

// Two opposite majorities could otherwise coexist, and a ruling would depend on which side is counted first.
function checkRule(rule: BoardRule): void {
  const { size, quorum, majority } = rule;
  const whole = [size, quorum, majority].every((n) => Number.isSafeInteger(n));
  if (!whole || majority < 1 || majority > quorum || quorum > size || 2 * majority <= size) {
    throw new RangeError(
      `Board rule ${size}/${quorum}/${majority} (size/quorum/majority) cannot decide: it needs 1 ≤ majority ≤ quorum ≤ size and a majority of more than half the board`,
    );
  }
}

/** A member counts once: when the same member appears twice, the later ballot is the member's changed vote. */
function latestPerMember(ballots: readonly Ballot[]): Ballot[] {
  return [...new Map(ballots.map((b) => [b.memberId, b] as const)).values()];
}

export function tallyOf(ballots: readonly Ballot[], rule: BoardRule): Tally {
  checkRule(rule);
  const current = latestPerMember(ballots);
  const reject = current.filter((b) => b.decision === 'reject').length;
  return { cast: current.length, quorum: rule.quorum, majority: rule.majority, award: current.length - reject, reject };
}

/** What one ballot awards on one claim: an `uphold` the full amount (nothing when none is known), a `reject` nothing. */
function amountVoted(ballot: Ballot, claimIndex: number, claim: ClaimBasis): number {
  switch (ballot.decision) {
    case 'uphold':
      return claim.fullAmountRials ?? 0;
    case 'reject':
      return 0;
    case 'partial':
      return ballot.awards?.find((a) => a.claimIndex === claimIndex)?.amountRials ?? 0;
  }
}

/**
 * The ruling a set of ballots reaches, one current ballot per member (see `Ballot`).
 *
 * Nothing is decided before quorum has voted. Then `reject` counts against `uphold` + `partial`; whichever
 * reaches `rule.majority` decides, and if neither does the verdict is `no_majority` (the session is renewed:
 * no one seals a minority). When the awarding side wins, each claim gets the largest amount that at least a
 * majority of the voting members awarded, i.e. the `majority`-th largest of their amounts on it, rejecters
 * counting zero: an amount someone in that majority found too high never carries.
 *
 * A claim with no known full amount has no sum an `uphold` could stand for: an `uphold` awards nothing on it,
 * `partial` votes may name sums, and it is in the awards only if a majority named a positive one. It counts as
 * granted in full only when a majority voted `uphold`; a claim with a full amount, when awarded that amount.
 * The ruling upholds when every claim is granted in full, and is `partial` otherwise, except when the awarding
 * majority agrees on nothing (each wanted to award, but on different claims): every claim is then left at zero
 * and the ruling rejects, since a `partial` ruling awarding nothing would have nothing to comply with.
 *
 * Throws `RangeError` for a ballot `ballotProblem` refuses, a claim basis that is not a whole rial amount, or a
 * board rule that cannot decide: these are the caller's bugs, and no ruling should be sealed over them.
 */
export function countVotes(ballots: readonly Ballot[], claims: readonly ClaimBasis[], rule: BoardRule): Verdict {
  checkRule(rule);
  claims.forEach((claim, i) => {
    if (claim.fullAmountRials !== undefined && !isRials(claim.fullAmountRials)) {
      throw new RangeError(`Claim ${i} has a full amount of ${claim.fullAmountRials}, not a whole number of rials`);
    }
  });
  const current = latestPerMember(ballots);
  for (const ballot of current) {
    const problem = ballotProblem(ballot, claims);
    if (problem !== undefined) throw new RangeError(`The vote of ${ballot.memberId} cannot be counted: ${problem}`);
  }

  const { cast, award, reject, majority, quorum } = tallyOf(current, rule);
  if (cast < quorum) return { kind: 'pending', cast, quorum };
  if (reject >= majority) return { kind: 'sealed', decision: 'reject', awards: [] };
  if (award < majority) return { kind: 'no_majority', award, reject };

  const upheldOutright = current.filter((b) => b.decision === 'uphold').length >= majority;
  let allInFull = true;
  let anyGranted = false;
  const awards: Award[] = [];
  claims.forEach((claim, claimIndex) => {
    const amounts = current.map((b) => amountVoted(b, claimIndex, claim)).sort((a, b) => b - a);
    // cast ≥ quorum ≥ majority, so the majority-th amount always exists.
    const amountRials = amounts[majority - 1] ?? 0;
    const full = claim.fullAmountRials;
    const inFull = full === undefined ? upheldOutright : amountRials >= full;
    allInFull &&= inFull;
    anyGranted ||= inFull || amountRials > 0;
    if (amountRials > 0) awards.push({ claimIndex, amountRials });
  });
  const decision: VoteDecision = allInFull ? 'uphold' : anyGranted ? 'partial' : 'reject';
  return { kind: 'sealed', decision, awards };
}

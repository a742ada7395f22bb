import type { Ballot, ClaimBasis } from '../../../domain/voting';
import { ballotProblem, countVotes, tallyOf } from '../../../domain/voting';

const diagnosis = { size: 3, quorum: 3, majority: 2 };
const dispute = { size: 9, quorum: 7, majority: 5 };

const uphold = (memberId: string): Ballot => ({ memberId, decision: 'uphold' });
const reject = (memberId: string): Ballot => ({ memberId, decision: 'reject' });
const partial = (memberId: string, amounts: Record<number, number>): Ballot => ({
  memberId,
  decision: 'partial',
  awards: Object.entries(amounts).map(([claimIndex, amountRials]) => ({ claimIndex: Number(claimIndex), amountRials })),
});

/** Unpaid wages of 500 rials and overtime of 300. */
const twoClaims: ClaimBasis[] = [{ fullAmountRials: 500 }, { fullAmountRials: 300 }];

describe('counting a three-member Diagnosis Board (quorum 3, majority 2)', () => {
  it('decides nothing before quorum, even when two members already agree', () => {
    expect(countVotes([uphold('a'), uphold('b')], twoClaims, diagnosis)).toEqual({
      kind: 'pending',
      cast: 2,
      quorum: 3,
    });
  });

  it('rejects when reject has the majority, with no awards', () => {
    expect(countVotes([reject('a'), partial('b', { 0: 500 }), reject('c')], twoClaims, diagnosis)).toEqual({
      kind: 'sealed',
      decision: 'reject',
      awards: [],
    });
  });

  it('upholds every claim in full when two members uphold', () => {
    expect(countVotes([uphold('a'), reject('b'), uphold('c')], twoClaims, diagnosis)).toEqual({
      kind: 'sealed',
      decision: 'uphold',
      awards: [
        { claimIndex: 0, amountRials: 500 },
        { claimIndex: 1, amountRials: 300 },
      ],
    });
  });

  it('awards each claim the second-largest amount when an uphold and a partial outvote a reject', () => {
    // Claim 0: a 500 (uphold), b 400, c 0 → sorted 500, 400, 0: two members awarded at least 400.
    // Claim 1: a 300 (uphold), b 100, c 0 → 300, 100, 0: two members awarded at least 100.
    const verdict = countVotes([uphold('a'), partial('b', { 0: 400, 1: 100 }), reject('c')], twoClaims, diagnosis);
    expect(verdict).toEqual({
      kind: 'sealed',
      decision: 'partial',
      awards: [
        { claimIndex: 0, amountRials: 400 },
        { claimIndex: 1, amountRials: 100 },
      ],
    });
  });

  it('counts a claim left out of a partial vote as zero and leaves a claim awarded nothing out of the ruling', () => {
    // Claim 0: 500, 450, 0 → 450. Claim 1: a 300, b left it out (0), c 0 → 300, 0, 0 → 0, so it is absent.
    const verdict = countVotes([uphold('a'), partial('b', { 0: 450 }), reject('c')], twoClaims, diagnosis);
    expect(verdict).toEqual({ kind: 'sealed', decision: 'partial', awards: [{ claimIndex: 0, amountRials: 450 }] });
  });

  it('upholds when partial votes award every claim in full, although no one voted uphold', () => {
    // Claim 0: 500, 500, 0 → 500 (full). Claim 1: 300, 300, 0 → 300 (full).
    const votes = [partial('a', { 0: 500, 1: 300 }), partial('b', { 0: 500, 1: 300 }), partial('c', { 1: 100 })];
    expect(countVotes(votes, twoClaims, diagnosis)).toMatchObject({ kind: 'sealed', decision: 'uphold' });
  });

  it('rejects when the awarding majority agrees on no claim', () => {
    // Claim 0: 200, 0, 0 → 0. Claim 1: 0, 300, 0 → 0. Two members wanted to award, but never the same thing.
    const votes = [partial('a', { 0: 200 }), partial('b', { 1: 300 }), reject('c')];
    expect(countVotes(votes, twoClaims, diagnosis)).toEqual({ kind: 'sealed', decision: 'reject', awards: [] });
  });

  it('seals a three-way split of uphold, partial and reject, both awarding votes counting together', () => {
    // 2 to 1 for awarding. Claim 0: 500, 1, 0 → 1. Claim 1: 300, 0, 0 → 0.
    expect(countVotes([uphold('a'), partial('b', { 0: 1 }), reject('c')], twoClaims, diagnosis)).toEqual({
      kind: 'sealed',
      decision: 'partial',
      awards: [{ claimIndex: 0, amountRials: 1 }],
    });
  });

  it('counts the set of ballots it is given, so a changed vote replaces the old one', () => {
    const before = [uphold('a'), reject('b'), reject('c')];
    expect(countVotes(before, twoClaims, diagnosis)).toMatchObject({ decision: 'reject' });
    const after = before.map((b) => (b.memberId === 'b' ? uphold('b') : b));
    expect(countVotes(after, twoClaims, diagnosis)).toMatchObject({ decision: 'uphold' });
  });

  it('counts a member once, taking the later of two ballots by the same member as the changed vote', () => {
    const ballots = [uphold('a'), reject('b'), reject('c'), uphold('b')];
    expect(tallyOf(ballots, diagnosis)).toEqual({ cast: 3, quorum: 3, majority: 2, award: 2, reject: 1 });
    expect(countVotes(ballots, twoClaims, diagnosis)).toMatchObject({ decision: 'uphold' });
  });
});

describe('counting a nine-member Dispute Resolution Board (quorum 7, majority 5)', () => {
  const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'];
  const claims: ClaimBasis[] = [{ fullAmountRials: 1000 }, { fullAmountRials: 600 }];

  it('stays pending below quorum although five members already reject', () => {
    const ballots = members.slice(0, 6).map((m, i) => (i < 5 ? reject(m) : uphold(m)));
    expect(countVotes(ballots, claims, dispute)).toEqual({ kind: 'pending', cast: 6, quorum: 7 });
  });

  it('rejects once quorum has voted and five reject', () => {
    const ballots = members.slice(0, 7).map((m, i) => (i < 5 ? reject(m) : uphold(m)));
    expect(countVotes(ballots, claims, dispute)).toEqual({ kind: 'sealed', decision: 'reject', awards: [] });
  });

  it('has no majority on a 4–3 split at quorum, and seals nothing', () => {
    const ballots = members.slice(0, 7).map((m, i) => (i < 4 ? uphold(m) : reject(m)));
    expect(countVotes(ballots, claims, dispute)).toEqual({ kind: 'no_majority', award: 4, reject: 3 });
  });

  it('has no majority on a 4–4 split with eight present', () => {
    const ballots = members.slice(0, 8).map((m, i) => (i % 2 === 0 ? partial(m, { 0: 10 }) : reject(m)));
    expect(countVotes(ballots, claims, dispute)).toEqual({ kind: 'no_majority', award: 4, reject: 4 });
  });

  it('awards each claim the fifth-largest amount of the seven members present', () => {
    // Claim 0: m1 1000, m2 1000, m3 800, m4 700, m5 900, m6 300, m7 0
    //   → 1000, 1000, 900, 800, 700, 300, 0: five members awarded at least 700.
    // Claim 1: m1 600, m2 600, m3 600, m4 200, m5 0 (left out), m6 600, m7 0
    //   → 600, 600, 600, 600, 200, 0, 0: five members awarded at least 200.
    const ballots = [
      uphold('m1'),
      uphold('m2'),
      partial('m3', { 0: 800, 1: 600 }),
      partial('m4', { 0: 700, 1: 200 }),
      partial('m5', { 0: 900 }),
      partial('m6', { 0: 300, 1: 600 }),
      reject('m7'),
    ];
    expect(countVotes(ballots, claims, dispute)).toEqual({
      kind: 'sealed',
      decision: 'partial',
      awards: [
        { claimIndex: 0, amountRials: 700 },
        { claimIndex: 1, amountRials: 200 },
      ],
    });
  });

  it('upholds in full when five of nine uphold and four reject', () => {
    const ballots = members.map((m, i) => (i < 5 ? uphold(m) : reject(m)));
    expect(countVotes(ballots, claims, dispute)).toEqual({
      kind: 'sealed',
      decision: 'uphold',
      awards: [
        { claimIndex: 0, amountRials: 1000 },
        { claimIndex: 1, amountRials: 600 },
      ],
    });
  });

  it('reports the tally without names: awarding votes together against rejections', () => {
    const ballots = [uphold('m1'), partial('m2', { 0: 5 }), reject('m3')];
    expect(tallyOf(ballots, dispute)).toEqual({ cast: 3, quorum: 7, majority: 5, award: 2, reject: 1 });
  });
});

describe('counting a claim with no known full amount', () => {
  // A 500-rial wage claim and an unquantified claim (e.g. a certificate of employment).
  const claims: ClaimBasis[] = [{ fullAmountRials: 500 }, {}];

  it('leaves it out of the awards when upheld, an uphold naming no sum for it, and still upholds', () => {
    expect(countVotes([uphold('a'), uphold('b'), reject('c')], claims, diagnosis)).toEqual({
      kind: 'sealed',
      decision: 'uphold',
      awards: [{ claimIndex: 0, amountRials: 500 }],
    });
  });

  it('awards the majority-th largest of the sums partial votes name for it, an uphold counting zero', () => {
    // Claim 1: a 0 (uphold names no sum), b 200, c 100 → 200, 100, 0 → 100.
    const votes = [uphold('a'), partial('b', { 0: 500, 1: 200 }), partial('c', { 0: 500, 1: 100 })];
    expect(countVotes(votes, claims, diagnosis)).toEqual({
      kind: 'sealed',
      decision: 'partial',
      awards: [
        { claimIndex: 0, amountRials: 500 },
        { claimIndex: 1, amountRials: 100 },
      ],
    });
  });

  it('does not count it granted in full when the awarding majority voted partial and left it out', () => {
    const votes = [partial('a', { 0: 500 }), partial('b', { 0: 500 }), reject('c')];
    expect(countVotes(votes, claims, diagnosis)).toEqual({
      kind: 'sealed',
      decision: 'partial',
      awards: [{ claimIndex: 0, amountRials: 500 }],
    });
  });
});

describe('refusing what cannot be counted', () => {
  it('refuses to count an invalid ballot, which the validator should have stopped', () => {
    const votes = [uphold('a'), partial('b', { 0: 900 }), reject('c')];
    expect(() => countVotes(votes, twoClaims, diagnosis)).toThrow(RangeError);
    expect(() => countVotes(votes, twoClaims, diagnosis)).toThrow(
      /vote of b cannot be counted: claim 0 is awarded 900/,
    );
  });

  it('refuses a board rule under which two opposite majorities could both exist', () => {
    expect(() => countVotes([], twoClaims, { size: 9, quorum: 7, majority: 4 })).toThrow(/cannot decide/);
    expect(() => tallyOf([], { size: 3, quorum: 4, majority: 2 })).toThrow(/cannot decide/);
  });

  it('refuses a claim basis that is not a whole amount of rials', () => {
    expect(() => countVotes([], [{ fullAmountRials: 1.5 }], diagnosis)).toThrow(/Claim 0 has a full amount of 1.5/);
  });
});

describe('ballotProblem', () => {
  it('accepts a plain uphold or reject, and a partial awarding within the claims', () => {
    expect(ballotProblem(uphold('a'), twoClaims)).toBeUndefined();
    expect(ballotProblem({ memberId: 'a', decision: 'reject', awards: [] }, twoClaims)).toBeUndefined();
    expect(ballotProblem(partial('a', { 0: 500, 1: 0 }), twoClaims)).toBeUndefined();
  });

  it('names a claim that appears twice', () => {
    const ballot: Ballot = {
      memberId: 'a',
      decision: 'partial',
      awards: [
        { claimIndex: 1, amountRials: 10 },
        { claimIndex: 1, amountRials: 20 },
      ],
    };
    expect(ballotProblem(ballot, twoClaims)).toBe('claim 1 appears twice in the vote');
  });

  it('names a claim that does not exist', () => {
    expect(ballotProblem(partial('a', { 2: 10 }), twoClaims)).toBe(
      'claim 2 does not exist: the case has 2 claims, numbered from 0',
    );
    const odd = (claimIndex: number): Ballot => ({
      memberId: 'a',
      decision: 'partial',
      awards: [{ claimIndex, amountRials: 1 }],
    });
    expect(ballotProblem(odd(-1), twoClaims)).toMatch(/claim -1 does not exist/);
    expect(ballotProblem(odd(0.5), twoClaims)).toMatch(/claim 0.5 does not exist/);
  });

  it('requires a partial vote to award a positive amount on some claim', () => {
    expect(ballotProblem({ memberId: 'a', decision: 'partial' }, twoClaims)).toBe(
      'a partial vote must award an amount on at least one claim',
    );
    expect(ballotProblem({ memberId: 'a', decision: 'partial', awards: [] }, twoClaims)).toMatch(/at least one claim/);
    expect(ballotProblem(partial('a', { 0: 0, 1: 0 }), twoClaims)).toMatch(/to award nothing, vote reject/);
  });

  it('refuses awards on an uphold or a reject', () => {
    const award = [{ claimIndex: 0, amountRials: 100 }];
    expect(ballotProblem({ memberId: 'a', decision: 'uphold', awards: award }, twoClaims)).toMatch(
      /an uphold vote carries no awards/,
    );
    expect(ballotProblem({ memberId: 'a', decision: 'reject', awards: award }, twoClaims)).toMatch(
      /a reject vote carries no awards/,
    );
  });

  it('refuses an award above the claim, but takes any whole amount on a claim with no full amount', () => {
    expect(ballotProblem(partial('a', { 1: 301 }), twoClaims)).toBe(
      'claim 1 is awarded 301 rials, more than the 300 it can be awarded: a board awards at most what was claimed',
    );
    expect(ballotProblem(partial('a', { 1: Number.MAX_SAFE_INTEGER }), [{}, {}])).toBeUndefined();
  });

  it('refuses amounts that are not whole, non-negative, exact rials', () => {
    for (const amount of [-1, 2.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN]) {
      expect(ballotProblem(partial('a', { 0: amount }), [{}])).toMatch(/must be a whole number of rials/);
    }
  });

  it('refuses a ballot with no member or an unknown decision', () => {
    expect(ballotProblem(uphold(' '), twoClaims)).toBe('the vote names no board member');
    const odd = { memberId: 'a', decision: 'abstain' } as unknown as Ballot;
    expect(ballotProblem(odd, twoClaims)).toMatch(/"abstain" is not a decision/);
  });
});

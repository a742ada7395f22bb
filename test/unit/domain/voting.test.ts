import type { Vote } from '../../../domain/case';
import { majorityDecision, presidingDecision, rulingAwards, tally } from '../../../domain/voting';

const first = { size: 3, quorum: 3, majority: 2 };
const vote = (memberId: string, decision: Vote['decision'], awards?: Vote['awards']): Vote => ({
  memberId,
  decision,
  awards,
  reason: 'because',
  at: '2026-11-25T08:00:00.000Z',
});

describe('board voting', () => {
  it('has no majority decision until quorum has voted, even if two agree', () => {
    expect(majorityDecision([vote('a', 'uphold'), vote('b', 'uphold')], first)).toBeUndefined();
  });

  it('finds the majority decision once quorum has voted', () => {
    expect(majorityDecision([vote('a', 'uphold'), vote('b', 'reject'), vote('c', 'uphold')], first)).toBe('uphold');
  });

  it('lets the presiding member break a three-way split with their own vote', () => {
    const votes = [vote('chair', 'partial'), vote('b', 'reject'), vote('c', 'uphold')];
    expect(majorityDecision(votes, first)).toBeUndefined();
    expect(presidingDecision(votes, 'chair')).toBe('partial');
  });

  it('averages the partial awards per claim of the members who voted partial', () => {
    const votes = [
      vote('a', 'partial', [{ claimIndex: 0, amountRials: 100 }]),
      vote('b', 'partial', [
        { claimIndex: 0, amountRials: 201 },
        { claimIndex: 1, amountRials: 50 },
      ]),
      vote('c', 'reject'),
    ];
    expect(rulingAwards(votes, 'partial', [500, 60])).toEqual([
      { claimIndex: 0, amountRials: 151 },
      { claimIndex: 1, amountRials: 50 },
    ]);
  });

  it('awards the claimed amounts when the claims are upheld and nothing when rejected', () => {
    expect(rulingAwards([], 'uphold', [500, undefined])).toEqual([{ claimIndex: 0, amountRials: 500 }]);
    expect(rulingAwards([], 'reject', [500])).toEqual([]);
  });

  it('counts votes per decision without naming who cast them', () => {
    const t = tally([vote('a', 'uphold'), vote('b', 'reject')], first, 1);
    expect(t).toEqual({ instance: 1, cast: 2, quorum: 3, majority: 2, uphold: 1, reject: 1, partial: 0 });
  });
});

import { canClose, canMove, closings, illegalExit, transitions } from '../../../domain/lifecycle';
import { outcomes, stages } from '../../../domain/case';

describe('the lifecycle table', () => {
  it('moves a case forward only, from filing to enforcement, with the appeal back to a second-instance hearing', () => {
    expect(transitions).toEqual({
      intake: ['notice'],
      notice: ['response'],
      response: ['hearing'],
      hearing: ['ruling'],
      ruling: ['appeal', 'compliance'],
      appeal: ['hearing', 'compliance'],
      compliance: ['enforcement'],
      enforcement: [],
    });
    expect(canMove('appeal', 'hearing')).toBe(true);
    expect(canMove('hearing', 'appeal')).toBe(false);
    expect(canMove('closed', 'intake')).toBe(false);
  });

  it('lets every outcome happen from some stage, and nothing leave closed', () => {
    const reachable = new Set(Object.values(closings).flat());
    expect([...reachable].sort()).toEqual([...outcomes].sort());
    for (const stage of stages)
      if (stage !== 'closed') expect(canClose(stage, 'withdrawn')).toBe(!['compliance', 'enforcement'].includes(stage));
    expect(canClose('closed', 'withdrawn')).toBe(false);
  });

  it('names what is wrong with an illegal exit', () => {
    expect(illegalExit('intake', { to: 'hearing' })).toBe('no transition from intake to hearing');
    expect(illegalExit('hearing', { close: 'complied', reason: 'x' })).toBe(
      'a case in hearing cannot close as complied',
    );
    expect(illegalExit('hearing', { close: 'dismissed', reason: 'x' })).toBeUndefined();
  });
});

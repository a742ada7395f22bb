import { actionFromKebab, actionNames, refusalFor, toKebab } from '../../../domain/actions';
import { newCaseState, type CaseState } from '../../../domain/case';
import { fastPolicy } from '../../../domain/policy';

function caseIn(stage: CaseState['stage'], extra: Partial<CaseState> = {}): CaseState {
  const filed = newCaseState({
    caseNumber: 'THR-1405-000001',
    filedAt: '2026-11-25T08:00:00.000Z',
    filedBy: { userId: 'c', role: 'clerk' },
    policy: fastPolicy,
    filing: {
      channel: 'counter',
      province: 'THR',
      complainant: { nationalId: '0499370899', name: 'Reza Ahmadi' },
      respondent: { legalEntityId: '10380284790', name: 'Pars Textile Co.' },
      employment: { startedOn: '2019-03-21', jobTitle: 'Weaver', monthlyWageRials: 1 },
      claims: [{ kind: 'unpaid_wages', description: 'x' }],
      statement: 'x',
    },
  });
  return { ...filed, stage, ...extra };
}

const now = Date.parse('2026-11-25T09:00:00.000Z');

describe('action rules', () => {
  it('maps every action to its kebab-case path segment and back', () => {
    for (const name of actionNames) expect(actionFromKebab(toKebab(name))).toBe(name);
    expect(toKebab('acceptComplaint')).toBe('accept-complaint');
    expect(actionFromKebab('launch-missiles')).toBeUndefined();
  });

  it('lets a clerk accept a complaint at intake but not an engineer', () => {
    expect(refusalFor(caseIn('intake'), 'acceptComplaint', { userId: 'c', role: 'clerk' }, now)).toBeUndefined();
    expect(refusalFor(caseIn('intake'), 'acceptComplaint', { userId: 'e', role: 'engineer' }, now)?.type).toBe(
      'NotAllowed',
    );
  });

  it('refuses an intake decision outside intake as WrongStage with the stage named', () => {
    const refusal = refusalFor(caseIn('hearing'), 'acceptComplaint', { userId: 'c', role: 'clerk' }, now);
    expect(refusal).toEqual({
      type: 'WrongStage',
      message: 'complaints are accepted in the intake stage; the case is in hearing',
    });
  });

  it('lets only the respondent party record a response', () => {
    const inResponse = caseIn('response');
    expect(
      refusalFor(
        inResponse,
        'recordResponse',
        { userId: 'r', role: 'party', side: 'respondent', nationalId: '10380284790' },
        now,
      ),
    ).toBeUndefined();
    expect(
      refusalFor(
        inResponse,
        'recordResponse',
        { userId: 'w', role: 'party', side: 'complainant', nationalId: '0499370899' },
        now,
      )?.type,
    ).toBe('NotAllowed');
  });

  it('refuses an appeal once the window has passed, even before the workflow has closed it', () => {
    const window = {
      id: 'appeal:respondent',
      kind: 'appeal' as const,
      startedAt: '2026-11-25T08:00:00.000Z',
      dueAt: '2026-11-25T08:59:59.000Z',
      dueAtJalali: '1405/09/04',
      extensions: 0,
      restarts: 0,
      rule: { amount: 15, unit: 'calendar_days' as const },
      provisional: false,
      overdue: false,
    };
    const ruled = caseIn('appeal', {
      deadlines: [window],
      rulings: [{ instance: 1, decision: 'uphold', awards: [], session: 1, sealedAt: '', votes: [] }],
    });
    const party = { userId: 'r', role: 'party' as const, side: 'respondent' as const, nationalId: '10380284790' };
    expect(refusalFor(ruled, 'fileAppeal', party, now)?.type).toBe('WrongStage');
    expect(refusalFor(ruled, 'fileAppeal', party, Date.parse('2026-11-25T08:59:58.000Z'))).toBeUndefined();
  });

  it('refuses a party acting on a case where it is not that party', () => {
    const stranger = { userId: 's', role: 'party' as const, side: 'respondent' as const, nationalId: '10100000000' };
    expect(refusalFor(caseIn('response'), 'recordResponse', stranger, now)).toEqual({
      type: 'NotAllowed',
      message: 'you are not the respondent of this case',
    });
  });

  it('refuses settlement once a ruling is final', () => {
    const final = caseIn('compliance', {
      rulings: [{ instance: 1, decision: 'uphold', awards: [], session: 1, sealedAt: '', votes: [], finalAt: 'x' }],
    });
    expect(refusalFor(final, 'settle', { userId: 'c', role: 'clerk' }, now)?.type).toBe('WrongStage');
  });
});

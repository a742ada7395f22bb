import { deadlineIds, reminderRecipient } from '../../../domain/deadlines';
import { renderNotice } from '../../../domain/notices';

describe('notice texts', () => {
  it('states in a first-instance ruling until when the party may appeal, in Jalali', () => {
    const { title, body } = renderNotice({
      kind: 'ruling',
      caseNumber: 'THR-1405-000001',
      instance: 1,
      decision: 'partial',
      awards: [{ claimIndex: 0, amountRials: 300_000_000 }],
      recipient: 'respondent',
      appealUntil: '2026-12-11T20:29:59.999Z',
      appealWindow: { amount: 15, unit: 'calendar_days' },
    });
    expect(title).toBe('Ruling of the Diagnosis Board');
    expect(body).toBe(
      [
        'Case THR-1405-000001: the claims are upheld in part.',
        'claim 1: 300,000,000 rials',
        'The respondent may appeal in writing to the Dispute Resolution Board within 15 calendar days of this notice’s delivery: until 1405/09/20 if it is delivered today.'.replace(
          '’',
          "'",
        ),
      ].join('\n'),
    );
  });

  it('says a second-instance ruling is final', () => {
    const { body } = renderNotice({
      kind: 'ruling',
      caseNumber: 'X',
      instance: 2,
      decision: 'reject',
      awards: [],
      recipient: 'complainant',
    });
    expect(body).toBe('Case X: the claims are rejected.\nThis ruling is final and cannot be appealed.');
  });

  it('summons to a session with its Jalali date and place, and reminds of a deadline', () => {
    const summons = renderNotice({
      kind: 'summons',
      caseNumber: 'X',
      instance: 1,
      session: 1,
      at: '2026-12-01T06:30:00.000Z',
      mode: 'in_person',
      location: 'Room 3',
      recipient: 'complainant',
    });
    expect(summons.title).toBe('Summons to the Diagnosis Board on 1405/09/10');
    expect(summons.body).toMatch(/Place: Room 3\.\nAbsence does not stop the hearing\.$/);
    const reminder = renderNotice({
      kind: 'reminder',
      caseNumber: 'X',
      deadline: 'response',
      dueAt: '2026-12-01T20:29:59.999Z',
      recipient: 'respondent',
    });
    expect(reminder.title).toBe('Reminder: your window to answer the complaint ends on 1405/09/10');
  });
});

describe('deadline IDs', () => {
  it('are built, never spelled, and say whose reminder a party deadline is', () => {
    expect(deadlineIds.appeal('respondent')).toBe('appeal:respondent');
    expect(deadlineIds.hearingScheduling(2, 3)).toBe('hearing_scheduling:2:3');
    expect(deadlineIds.noticeDelivery('K')).toBe('notice_delivery:K');
    expect(reminderRecipient({ kind: 'appeal', party: 'complainant' })).toBe('complainant');
    expect(reminderRecipient({ kind: 'response' })).toBe('respondent');
    expect(reminderRecipient({ kind: 'compliance' })).toBe('respondent');
    expect(reminderRecipient({ kind: 'hearing_scheduling' })).toBeUndefined();
  });
});

/** Read-model projections for the tests of the writer and its change notices: a case in `notice`, and entries. */
import type { AuditEntry } from '../../domain/case';
import type { CaseProjection } from '../../domain/projection';

export const filedAt = '2026-11-20T08:00:00.000Z';

export function snapshot(caseNumber: string, overrides: Partial<CaseProjection> = {}): CaseProjection {
  return {
    caseNumber,
    province: 'THR',
    channel: 'counter',
    stage: 'notice',
    filedAt,
    stageEnteredAt: filedAt,
    claimCount: 1,
    boardMemberIds: ['member-a', 'member-b'],
    overdue: false,
    escalationLevel: 0,
    parties: {
      complainant: { nationalId: '0499370899', name: 'Zahra Karimi' },
      respondent: { legalEntityId: '10100000001', name: 'Pars Textiles' },
    },
    notices: [
      {
        key: `${caseNumber}:complaint:respondent:1`,
        documentType: 'complaint',
        recipient: 'respondent',
        status: 'sending',
      },
    ],
    escalations: [{ id: 'esc-1', kind: 'notice_undelivered', level: 1, raisedAt: filedAt }],
    ...overrides,
  };
}

export const entry = (seq: number, summary: string): AuditEntry => ({ seq, at: filedAt, kind: 'action', summary });

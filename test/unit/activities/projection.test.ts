/**
 * The projection and calendar activities with MockActivityEnvironment on a real PostgreSQL schema: idempotent on
 * (caseNumber, eventSeq), never regressing, writing only what changed, and storing whatever the door lets in.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createActivities } from '../../../activities';
import { holidaysForYear } from '../../../domain/calendar';
import type { AuditEntry } from '../../../domain/case';
import type { CaseProjection } from '../../../domain/projection';
import { createHttpGateway } from '../../../gateway/http-client';
import { testSchema, type TestSchema } from '../../helpers/schema';

let schema: TestSchema;
let activities: ReturnType<typeof createActivities>;
let seq = 0;
const nextCaseNumber = () => `THR-1398-${String(900_000 + ++seq).padStart(6, '0')}`;
beforeAll(async () => {
  schema = await testSchema();
  activities = createActivities({
    db: schema.db,
    // Never called by these activities: the gateway has no part in projections or the calendar.
    gateway: createHttpGateway({ baseUrl: 'http://127.0.0.1:9', token: 'unused' }),
    holidays: holidaysForYear,
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await schema?.drop();
});

function snapshot(caseNumber: string, stage: CaseProjection['stage']): CaseProjection {
  return {
    caseNumber,
    province: 'THR',
    channel: 'counter',
    stage,
    filedAt: '2026-11-25T08:00:00.000Z',
    stageEnteredAt: '2026-11-25T08:00:00.000Z',
    parties: {
      complainant: { nationalId: '0499370899', name: 'Reza Ahmadi' },
      respondent: { legalEntityId: '10380284790', name: 'Pars Textile Co.' },
    },
    claimCount: 1,
    boardMemberIds: [],
    overdue: false,
    escalationLevel: 0,
    notices: [],
    escalations: [],
  };
}

const entry = (seq: number, summary: string): AuditEntry => ({
  seq,
  at: '2026-11-25T08:00:00.000Z',
  kind: 'stage_change',
  summary,
});

describe('the project activity', () => {
  it('writes a case once per event seq and ignores a late, older snapshot', async () => {
    const env = new MockActivityEnvironment();
    const caseNumber = nextCaseNumber();
    const first = { snapshot: snapshot(caseNumber, 'intake'), entries: [entry(1, 'filed')] };
    const second = {
      snapshot: { ...snapshot(caseNumber, 'notice'), parties: undefined },
      entries: [entry(2, 'accepted')],
    };

    await env.run(activities.project, first);
    await env.run(activities.project, second);
    await env.run(activities.project, second); // a retried attempt
    await env.run(activities.project, first); // an older attempt arriving late

    const row = await schema.db('cases').where({ case_number: caseNumber }).first();
    expect(row).toMatchObject({ stage: 'notice', last_event_seq: 2 });
    const audit = await schema.db('audit_log').where({ case_number: caseNumber }).orderBy('event_seq');
    expect(audit.map((a: { summary: string }) => a.summary)).toEqual(['filed', 'accepted']);
    const parties = await schema.db('parties').where({ case_number: caseNumber });
    expect(parties).toHaveLength(2);
  });

  it('stores what the door lets in: long reasons and gateway failures, Persian text with its joiners', async () => {
    const env = new MockActivityEnvironment();
    const caseNumber = nextCaseNumber();
    const long = 'ن'.repeat(2000);
    await env.run(activities.project, {
      snapshot: {
        ...snapshot(caseNumber, 'notice'),
        notices: [
          {
            key: `${caseNumber}:complaint:respondent:1`,
            documentType: 'complaint' as const,
            recipient: 'respondent' as const,
            status: 'failed' as const,
            failureReason: 'x'.repeat(500),
          },
        ],
      },
      entries: [{ ...entry(1, `complaint rejected: ${long}`), data: { reason: 'می‌شود' } }],
    });
    const audit = await schema.db('audit_log').where({ case_number: caseNumber }).first();
    expect(audit.summary).toHaveLength('complaint rejected: '.length + 2000);
    const notice = await schema.db('notices').where({ case_number: caseNumber }).first();
    expect(notice.failure_reason).toHaveLength(500);
  });

  it('computes a deadline with its Jalali date through the calendar activity', async () => {
    const env = new MockActivityEnvironment();
    // Served on Thursday 1405/09/05 (2026-11-26): the day itself and Friday do not count → Sat, Sun, Mon 1405/09/09.
    const due: { dueAt: string; dueAtJalali: string; provisional: boolean } = await env.run(
      activities.computeDeadline,
      {
        from: '2026-11-26T07:00:00.000Z',
        rule: { amount: 3, unit: 'business_days' as const },
        policy: { secondsPerDay: null, weekendDays: [5] },
      },
    );
    expect(due.dueAtJalali).toBe('1405/09/09');
    expect(due.dueAt).toBe('2026-11-30T20:29:59.999Z');
    // 1405's holidays are the official ones, so nothing in this count is an estimate.
    expect(due.provisional).toBe(false);
  });
});

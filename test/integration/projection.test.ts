/** The projection activity against a real PostgreSQL schema: idempotent on (caseNumber, eventSeq), never regressing. */
import { MockActivityEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { createActivities } from '../../activities';
import type { AuditEntry, CaseProjection } from '../../domain/case';
import { holidaysForYear } from '../../domain/calendar';
import { createHttpGateway } from '../../gateway/http-client';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let activities: ReturnType<typeof createActivities>;
beforeAll(async () => {
  stack = await startStack();
  activities = createActivities({
    db: stack.db,
    gateway: createHttpGateway({ baseUrl: stack.sim.url, token: 'unused' }),
    holidays: holidaysForYear,
    log: pino({ level: 'silent' }),
  });
});
afterAll(async () => {
  await stack?.close();
});

function snapshot(caseNumber: string, stage: CaseProjection['stage'], projectedSeq: number): CaseProjection {
  return {
    caseNumber,
    province: 'THR',
    channel: 'counter',
    stage,
    filedAt: '2026-11-25T08:00:00.000Z',
    stageEnteredAt: '2026-11-25T08:00:00.000Z',
    complainant: { nationalId: '0499370899', name: 'Reza Ahmadi' },
    respondent: { legalEntityId: '10380284790', name: 'Pars Textile Co.' },
    claimCount: 1,
    boardMemberIds: [],
    overdue: false,
    escalationLevel: 0,
    notices: [],
    escalations: [],
    projectedSeq,
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
    const caseNumber = stack.nextCaseNumber();
    const first = { state: snapshot(caseNumber, 'intake', 0), entries: [entry(1, 'filed')] };
    const second = { state: snapshot(caseNumber, 'notice', 1), entries: [entry(2, 'accepted')] };

    await env.run(activities.project, first);
    await env.run(activities.project, second);
    await env.run(activities.project, second); // a retried attempt
    await env.run(activities.project, first); // an older attempt arriving late

    const row = await stack.db('cases').where({ case_number: caseNumber }).first();
    expect(row).toMatchObject({ stage: 'notice', last_event_seq: 2 });
    const audit = await stack.db('audit_log').where({ case_number: caseNumber }).orderBy('event_seq');
    expect(audit.map((a: { summary: string }) => a.summary)).toEqual(['filed', 'accepted']);
    const parties = await stack.db('parties').where({ case_number: caseNumber });
    expect(parties).toHaveLength(2);
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

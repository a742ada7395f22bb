/**
 * A case closed by an update while the workflow is awaiting an activity (a deadline being computed, a notice
 * being sent) must stay closed: the stage code that resumes afterwards may not move it on.
 */
import type { CaseStateView } from '../../domain/case';
import { act } from '../helpers/actions';
import { clerk, complainantParty, startCase } from '../helpers/cases';
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
});

it('keeps every case closed when it is withdrawn while the workflow is between activities', async () => {
  // Many cases at once make the withdrawals land at every point of the notice stage.
  const results = await Promise.all(
    Array.from({ length: 16 }, async () => {
      const handle = await startCase(stack);
      await act(handle, 'requestCorrection', clerk, { reason: 'job title missing' });
      await act(handle, 'submitCorrection', complainantParty, { changes: { statement: 'I was a weaver.' } });
      await act(handle, 'acceptComplaint', clerk, {});
      await act(handle, 'withdraw', complainantParty, { reason: 'settled privately' });
      return (await handle.result()) as CaseStateView;
    }),
  );
  for (const result of results) {
    expect(result).toMatchObject({ stage: 'closed', outcome: 'withdrawn' });
    expect(result.deadlines.every((d) => d.closedAt && d.closedAt <= (result.closedAt ?? ''))).toBe(true);
  }
  const rows = await stack.db('cases').whereIn(
    'case_number',
    results.map((r) => r.caseNumber),
  );
  expect(rows.every((r: { stage: string }) => r.stage === 'closed')).toBe(true);
  // Every audit entry reached the read model, including any made after the closing action.
  for (const result of results) {
    const counted = await stack.db('audit_log').where({ case_number: result.caseNumber }).count({ count: '*' });
    expect(Number(counted[0]?.count)).toBe(result.auditSeq);
  }
}, 120_000);

/**
 * A case that lives long enough for Temporal to suggest continue-as-new. A dev server of its own suggests it
 * after a few dozen events, so one appealed case runs as a chain of many runs; it must behave exactly as one.
 */
import path from 'node:path';
import type { CaseStateView } from '../../domain/case';
import { dataDir } from '../../scripts/lib/paths';
import { startTemporal, type RunningTemporal } from '../../scripts/lib/stack';
import { act, firstBoard, holdHearing, member, secondBoard, toHearing } from '../helpers/actions';
import { complainantParty, officer, policyWith, startCase, waitForState, reached } from '../helpers/cases';
import { startStack, type Stack } from '../helpers/stack';

let temporal: RunningTemporal;
let stack: Stack;
beforeAll(async () => {
  // Always the dev engine, on either DAVAR_ENGINE: the limit is a start-up flag of a server of its own.
  temporal = await startTemporal({
    engine: 'dev',
    mode: 'ephemeral',
    dataDir: path.join(dataDir, 'test'),
    dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 60 },
    log: () => undefined,
  });
  stack = await startStack({ temporalAddress: temporal.address });
});
afterAll(async () => {
  await stack?.close();
  await temporal?.stop();
});

it('carries a case through many continue-as-new runs without losing state or sending a notice twice', async () => {
  // Appeal windows of eight fast days: a machine busy with the chain of runs once let a three-second window close
  // between seeing it open and filing the appeal.
  const handle = await startCase(stack, { policy: policyWith({ appeal: 8 }) });
  await toHearing(handle);
  await holdHearing(handle);
  for (const m of firstBoard)
    await act(handle, 'castVote', member(m.userId), { decision: 'reject', reason: 'not proven' });
  await waitForState(handle, (s) => s.deadlines.some((d) => d.id === 'appeal:complainant' && !d.closedAt));
  await act(handle, 'fileAppeal', complainantParty, { party: 'complainant', grounds: 'wrong' });
  // Heard once the respondent's own window has ended too.
  await waitForState(handle, (s) => s.stage === 'hearing', 45_000);
  await holdHearing(handle, secondBoard);
  for (const m of secondBoard.slice(0, 7)) {
    await act(handle, 'castVote', member(m.userId), { decision: 'uphold', reason: 'proven on appeal' });
  }
  await waitForState(handle, (s) => reached(s, 'compliance'), 30_000);
  await act(handle, 'recordCompliance', officer, {});
  const result = (await handle.result()) as CaseStateView;

  expect(result).toMatchObject({ stage: 'closed', outcome: 'complied' });
  expect(result.rulings.map((r) => r.instance)).toEqual([1, 2]);
  const runs = [];
  for await (const run of stack.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(run);
  expect(runs.length).toBeGreaterThan(3);

  const listing = stack.sim.notices({ caseRef: result.caseNumber });
  expect(listing.notices.every((n) => n.createdCount === 1)).toBe(true);
  const byType = (type: string) => listing.notices.filter((n) => n.documentType === type).length;
  expect(byType('complaint')).toBe(1);
  expect(byType('hearing_summons')).toBe(4);
  expect(byType('ruling')).toBe(4);
  const audit = await stack.db('audit_log').where({ case_number: result.caseNumber }).orderBy('event_seq');
  expect(audit.map((a: { event_seq: number }) => a.event_seq)).toEqual(audit.map((_: unknown, i: number) => i + 1));
});

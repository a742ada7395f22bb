/** Cases filed and accepted in bulk, and the check that the gateway created each of their notices exactly once. */
import type { WorkflowHandle } from '@temporalio/client';
import type { CaseStateView } from '../../domain/case';
import { act } from './actions';
import { clerk, startCase, waitForState } from './cases';
import type { Stack } from './stack';

export async function fileAndAccept(stack: Stack, count: number): Promise<WorkflowHandle[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const handle = await startCase(stack);
      await act(handle, 'acceptComplaint', clerk, {});
      return handle;
    }),
  );
}

export const served = (s: CaseStateView): boolean =>
  s.notices.some((n) => n.documentType === 'complaint' && n.servedAt);

/** Waits until every case is served, then checks that the gateway created each complaint notice exactly once. */
export async function expectServedOnce(stack: Stack, handles: WorkflowHandle[], timeoutMs: number): Promise<void> {
  const states = await Promise.all(handles.map((h) => waitForState(h, served, timeoutMs)));
  const caseNumbers = states.map((s) => s.caseNumber);
  const listing = stack.sim.notices();
  const complaints = listing.notices.filter((n) => n.documentType === 'complaint' && caseNumbers.includes(n.caseRef));
  expect(complaints).toHaveLength(caseNumbers.length);
  expect(complaints.every((n) => n.createdCount === 1)).toBe(true);
  expect(listing.totals.duplicates).toBe(0);
}

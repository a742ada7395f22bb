/**
 * A case at rest: no workflow task and no activity of it in flight, as a clerk finds a case they open. The idle
 * section also runs its cases with each action sent to a case at rest, as the bare update goes to a workflow at
 * rest: sent the instant the previous step answered, an action may wait for the case's own work still running from
 * that step (its first workflow task after filing, the projection behind an action), which the bare side never has.
 */
import type { Client } from '@temporalio/client';
import { sleepMs } from './http';

const POLL_MS = 20;

export async function untilAtRest(client: Client, workflowId: string, limitMs = 15_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  for (;;) {
    const { raw } = await client.workflow.getHandle(workflowId).describe();
    // An activity's completion and the workflow task it schedules are one write: no gap between the two checks.
    if (!raw.pendingWorkflowTask && !raw.pendingActivities?.length) return;
    if (performance.now() > deadline) throw new Error(`${workflowId} not at rest within ${limitMs} ms`);
    await sleepMs(POLL_MS);
  }
}

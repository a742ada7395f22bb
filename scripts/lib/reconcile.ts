/**
 * Compares every open case's workflow state with the read model, and repairs what differs by projecting the case
 * again (with the audit entries whose projection had failed for good).
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Knex } from 'knex';
import { differences } from '../../db/read-model/compare';
import { projectCase } from '../../db/read-model/writer';
import { projectionOf } from '../../domain/projection';
import { stateQuery, unprojectedQuery } from '../../workflows/messages';

export interface ReconcileReport {
  checked: number;
  differing: { caseNumber: string; differences: string[] }[];
  repaired: number;
}

/** The cases to look at: every running case workflow, and every case the read model still shows open. */
async function openCases(client: Client, db: Knex): Promise<string[]> {
  const numbers = new Set<string>();
  for await (const run of client.workflow.list({
    query: "WorkflowType = 'CaseWorkflow' AND ExecutionStatus = 'Running'",
  })) {
    if (run.workflowId.startsWith('case-')) numbers.add(run.workflowId.slice('case-'.length));
  }
  for (const caseNumber of await db('cases').whereNot('stage', 'closed').pluck('case_number'))
    numbers.add(String(caseNumber));
  return [...numbers].sort();
}

export async function reconcile(
  client: Client,
  db: Knex,
  options: { repair: boolean; caseNumbers?: string[]; log?: (line: string) => void },
): Promise<ReconcileReport> {
  const log = options.log ?? (() => undefined);
  const report: ReconcileReport = { checked: 0, differing: [], repaired: 0 };
  for (const caseNumber of options.caseNumbers ?? (await openCases(client, db))) {
    const handle = client.workflow.getHandle(`case-${caseNumber}`);
    let state;
    let unprojected;
    try {
      [state, unprojected] = await Promise.all([handle.query(stateQuery), handle.query(unprojectedQuery)]);
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      log(`${caseNumber}: no workflow (skipped)`);
      continue;
    }
    report.checked += 1;
    const snapshot = projectionOf(state);
    const found = await differences(db, snapshot, unprojected);
    if (found.length === 0) continue;
    report.differing.push({ caseNumber, differences: found });
    for (const line of found) log(`${caseNumber}: ${line}`);
    if (options.repair) {
      await projectCase(db, { snapshot, entries: unprojected, atSeq: state.auditSeq });
      report.repaired += 1;
      log(`${caseNumber}: repaired`);
    }
  }
  return report;
}

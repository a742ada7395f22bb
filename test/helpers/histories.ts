/** Recorded workflow histories: `npm run history:record` writes them, the replay test reads them all. */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { dataConverterFromEnv } from '../../codec/keys';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export const historiesDir = path.resolve(__dirname, '..', 'fixtures', 'histories');

/** The events of a workflow's history (of the run the handle names, or its latest). */
export async function historyEvents(handle: WorkflowHandle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

/** Writes the case's history as a fixture when the run is a recording run (DAVAR_RECORD_HISTORIES=1). */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.DAVAR_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(historiesDir, { recursive: true });
  // Temporal's own JSON form: what `temporal workflow show --output json` and the Web UI export produce.
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), historyToJSON(history));
}

/**
 * Replays histories against the suite's workflow bundle, with the codec's keys (payloads in Temporal are sealed):
 * each history's ID and the error its replay raised, if any, in the order given.
 */
export async function replayWithTestBundle(
  histories: { workflowId: string; history: unknown }[],
): Promise<{ workflowId: string; error?: unknown }[]> {
  const codePath = process.env.DAVAR_TEST_WORKFLOW_BUNDLE;
  if (!codePath) throw new Error('DAVAR_TEST_WORKFLOW_BUNDLE is not set: run through jest');
  const results: { workflowId: string; error?: unknown }[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: { codePath }, dataConverter: dataConverterFromEnv() },
    histories,
  )) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  return results;
}

/** Recorded workflow histories: `npm run history:record` writes them, the replay test reads them all. */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const historiesDir = path.resolve(__dirname, '..', 'fixtures', 'histories');

/** Writes the case's history as a fixture when the run is a recording run (DAVAR_RECORD_HISTORIES=1). */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env.DAVAR_RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  fs.mkdirSync(historiesDir, { recursive: true });
  // Temporal's own JSON form: what `temporal workflow show --output json` and the Web UI export produce.
  fs.writeFileSync(path.join(historiesDir, `${name}.json`), historyToJSON(history));
}

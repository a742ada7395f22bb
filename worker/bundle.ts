/** The case workflow's bundle: one recipe for the worker, the tests, chaos and the bench. */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

export const workflowsPath = require.resolve('../workflows/case');

/** Bundles the case workflow (or another checkout's, for the bench's "before") into `file`. */
export async function writeCaseBundle(file: string, from: string = workflowsPath): Promise<string> {
  // Webpack's report of the bundle would bury the caller's own lines.
  const { code } = await bundleWorkflowCode({ workflowsPath: from, logger: new DefaultLogger('WARN') });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

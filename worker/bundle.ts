/** The case workflow's bundle: one recipe for the worker, the tests, chaos and the bench. */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

export const workflowsPath = require.resolve('../workflows/case');

/**
 * Loaded once per workflow thread and shared by every case on it; the SDK otherwise evaluates a workflow's modules
 * again for each run it creates (a new case, or one evicted from the cache and replayed). zod's own module setup
 * was about a seventh of a workflow thread's time while cases were being filed (a CPU profile, 2026-11-26). Only
 * the library: the SDK deep-freezes what it shares, and zod 4 materializes a schema's methods on the instance at
 * first use, so Davar's own schemas, shared, fail with "Cannot define property safeParse, object is not
 * extensible" (tried); they are still built per run (docs/bench.md).
 */
export const sharedWorkflowModules: string[] = ['zod'];

/** Bundles the case workflow (or another checkout's, for the bench's "before") into `file`. */
export async function writeCaseBundle(file: string, from: string = workflowsPath): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: from,
    // Webpack's report of the bundle would bury the caller's own lines.
    logger: new DefaultLogger('WARN'),
    preloadModules: sharedWorkflowModules,
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

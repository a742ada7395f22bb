/** The case workflow's bundle: one recipe for the worker, the tests, chaos and the bench. */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';

export const workflowsPath = require.resolve('../workflows/case');

/**
 * Loaded once per workflow thread, before any case, and shared by every case on it: the schema cache
 * (`domain/schema-cache.ts` says why) and, through its import, zod. Naming `zod` here would do nothing: webpack drops
 * the SDK's bare `require` of a package that declares its modules free of side effects (until 0.3.3 zod was named
 * and still loaded for every run). The SDK deep-freezes what it shares, so a shared module must not change once
 * loaded; zod 4 puts a schema's methods on the schema at first use, which is why Davar's schemas sit in the
 * cache's map, built by the first case, and not in a shared module's exports.
 */
export function sharedWorkflowModules(workflows: string = workflowsPath): string[] {
  // Another checkout's workflow code (the bench's "before") gets its own cache, or none if it predates it.
  const caseDir = fs.statSync(workflows).isDirectory() ? workflows : path.dirname(workflows);
  try {
    return [require.resolve(path.join(caseDir, '..', '..', 'domain', 'schema-cache'))];
  } catch {
    return [];
  }
}

/** Bundles the case workflow (or another checkout's, for the bench's "before") into `file`. */
export async function writeCaseBundle(file: string, from: string = workflowsPath): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: from,
    // Webpack's report of the bundle would bury the caller's own lines.
    logger: new DefaultLogger('WARN'),
    preloadModules: sharedWorkflowModules(from),
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
  return file;
}

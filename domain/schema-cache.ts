/**
 * Schemas built once per process, not once per case. The worker runs workflow code in a reusable V8 context that
 * evaluates a workflow's modules again for every run it creates (each new case, each evicted case replayed), and
 * building Davar's zod schemas was most of that: a CPU profile of a worker filing 300 cases spent 42% of its workflow
 * threads' busy time evaluating modules, three quarters of it in the schemas of `filing.ts`, `actions.ts`, `case.ts`
 * and the holiday file's (docs/bench.md); and every case kept in the worker's cache held its own copy (2.4 MB a
 * waiting case before, 0.66 MB after). The worker preloads this module (`sharedWorkflowModules`), so its map outlives
 * a run and the second case on a thread finds every schema built. A schema is a pure validator, the same for every
 * case, so sharing it leaks no case's state into another; nothing else may be kept here.
 */
import { z } from 'zod';

/**
 * zod, for the modules whose schemas are cached: imported from here, it loads with this module, so a worker that
 * preloads the cache shares zod as well (a bare `import 'zod'` or the SDK's `require('zod')` is dropped by webpack:
 * zod's package declares its modules free of side effects).
 */
export { z };

// zod writes its defaults (English messages, the memoizer) into a global when it builds its first schema. Built
// here, a worker that preloads this module has them before the SDK freezes what it shares (after, the write threw
// "Cannot add property localeError, object is not extensible").
z.object({});

const built = new Map<string, { source: string; value: unknown }>();

/**
 * The value `build` returns, built the first time `key` is asked for. Two different builders under one key would
 * silently hand one schema out for the other: that throws instead, on the first module that does it.
 */
export function shared<T>(key: string, build: () => T): T {
  const source = build.toString();
  const hit = built.get(key);
  if (hit) {
    if (hit.source !== source) throw new Error(`two schemas are cached under one key: "${key}"`);
    return hit.value as T;
  }
  const value = build();
  built.set(key, { source, value });
  return value;
}

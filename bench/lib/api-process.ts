/**
 * Davar's API as a process of its own, as production runs it (`api/main.ts`), on the bench's stack: the driver's
 * requests then share no event loop with the API that answers them. The simulator's callbacks go to it too.
 */
import { freePorts } from '../../scripts/lib/processes';
import type { Child } from '../../scripts/lib/processes';
import { noticeEventsUrl } from '../../scripts/lib/stack';
import { startApiProcess } from '../../scripts/lib/stack-processes';
import { DAVAR_TASK_QUEUE, type BenchStack } from './bench-stack';

/** The API process, and the stack as seen through it (`apiUrl`), with the bench's policy and secrets. */
export async function startDavarApiProcess(stack: BenchStack): Promise<{ api: Child; stack: BenchStack }> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port for the API');
  const api = await startApiProcess({
    entry: 'bench/lib/api-main.ts',
    port,
    host: '127.0.0.1',
    // A profile of the API alone: BENCH_API_NODE_ARGS='--cpu-prof --cpu-prof-dir=<dir>'.
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean),
    env: {
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_NAMESPACE: stack.temporal.namespace,
      TASK_QUEUE: DAVAR_TASK_QUEUE,
      DATABASE_URL: stack.databaseUrl,
      LOG_LEVEL: 'error',
      // The bench drives a thousand requests a minute from a handful of users.
      API_RATE_LIMIT_PER_MIN: '0',
      OPS_RATE_LIMIT_PER_MIN: '0',
    },
  });
  const apiUrl = `http://127.0.0.1:${port}`;
  stack.sim.setConfig({ callbackUrl: noticeEventsUrl(apiUrl) });
  return { api, stack: { ...stack, apiUrl } };
}

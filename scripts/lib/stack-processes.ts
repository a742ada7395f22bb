/**
 * Workers and the API as processes of their own (`npm run worker`, `npm run api`), as they run in production:
 * what `DAVAR_ENGINE=server npm start` runs on Temporal Server. Each is ready when Temporal or HTTP says so.
 */
import os from 'node:os';
import type { Client } from '@temporalio/client';
import { repoRoot } from './paths';
import { spawnChild, waitUntil, type Child } from './processes';

/** The same entry points as `npm run worker` / `npm run api`, without npm in between (signals reach node). */
function tsxArgs(entry: string): string[] {
  return ['--import', 'tsx', entry];
}

export interface ProcessEnv {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TASK_QUEUE: string;
  DATABASE_URL: string;
  [name: string]: string | undefined;
}

/** The identities polling the task queue's workflow tasks (a TypeScript worker is `<pid>@<hostname>`). */
export async function pollerIdentities(client: Client, namespace: string, taskQueue: string): Promise<Set<string>> {
  const { pollers } = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue } });
  return new Set((pollers ?? []).map((poller) => poller.identity ?? ''));
}

/**
 * Starts `count` worker processes on the task queue and waits until Temporal sees each of them polling (by its
 * identity: pollers of an earlier run stay listed for minutes). Each gets its own metrics port (the port of
 * WORKER_METRICS_ADDRESS plus its index), unless metrics are off.
 */
export async function startWorkerProcesses(options: {
  count: number;
  env: ProcessEnv;
  client: Client;
  metricsAddress?: string;
  /** Node's own flags before the entry (the bench's `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}): Promise<Child[]> {
  const { env, count } = options;
  const metrics = options.metricsAddress ?? '127.0.0.1:9464';
  const [host, port] = metrics.split(':');
  const workers = Array.from({ length: count }, (_, i) =>
    spawnChild({
      name: `worker-${i + 1}`,
      command: process.execPath,
      args: [...(options.nodeArgs ?? []), ...tsxArgs('worker/main.ts')],
      cwd: repoRoot,
      env: {
        ...process.env,
        ...env,
        WORKER_METRICS_ADDRESS: metrics === 'off' || !port ? 'off' : `${host}:${Number(port) + i}`,
      },
    }),
  );
  const expected = workers.map((worker) => `${worker.pid}@${os.hostname()}`);
  try {
    // Each worker bundles the workflow code at start: tens of seconds on two cores.
    await waitUntil(
      `${count} workers polling ${env.TASK_QUEUE}`,
      async () => {
        const dead = workers.find((worker) => worker.exited());
        if (dead) throw new Error(`${dead.name} exited (${dead.process.exitCode ?? dead.process.signalCode})`);
        const polling = await pollerIdentities(options.client, env.TEMPORAL_NAMESPACE, env.TASK_QUEUE).catch(
          () => new Set<string>(), // Temporal busy: ask again
        );
        return expected.every((identity) => polling.has(identity));
      },
      { timeoutMs: 180_000, intervalMs: 1000, rethrow: true },
    );
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.stop()));
    throw error;
  }
  return workers;
}

/** Starts the API process on `port` and waits for its /healthz; `entry` is another entry point serving it (the bench's). */
export async function startApiProcess(options: {
  env: ProcessEnv;
  port: number;
  host: string;
  entry?: string;
  /** Node's own flags before the entry (the bench's `--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<Child> {
  const api = spawnChild({
    name: 'api',
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), ...tsxArgs(options.entry ?? 'api/main.ts')],
    cwd: repoRoot,
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: options.host },
  });
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${options.port}/healthz`;
  try {
    await waitUntil(`the API answering ${url}`, async () => (await fetch(url)).ok, { timeoutMs: 60_000, child: api });
  } catch (error) {
    await api.stop();
    throw error;
  }
  return api;
}

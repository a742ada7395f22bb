/**
 * Case workers as child processes of the chaos run (`worker/main.ts`, as in production), so that a scenario can
 * `kill -9` one and start it again, and a worker that dies on its own is noticed, restarted and counted.
 */
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { repoRoot } from '../scripts/lib/paths';
import { spawnChild, waitUntil, type Child } from '../scripts/lib/processes';
import { pollerIdentities } from '../scripts/lib/stack-processes';

export interface WorkerEnv {
  TEMPORAL_ADDRESS: string;
  TASK_QUEUE: string;
  DATABASE_URL: string;
  GATEWAY_URL: string;
  GATEWAY_TOKEN: string;
  WORKFLOW_BUNDLE_PATH: string;
}

export class WorkerProcesses {
  private readonly running = new Map<string, Child>();
  /** Workers killed on purpose: their exit is the scenario's, not a crash. */
  private readonly killed = new Set<number>();
  private supervisor?: NodeJS.Timeout;
  /** Exits nobody asked for (a worker that gave up on Temporal, say): restarted, and reported. */
  unplannedExits = 0;
  kills = 0;
  starts = 0;

  constructor(
    private readonly env: WorkerEnv,
    private readonly client: Client,
    private readonly logDir: string,
  ) {}

  names(): string[] {
    return [...this.running.keys()];
  }

  /** Starts the named worker and waits until Temporal sees it polling the task queue. */
  async start(name: string): Promise<Child> {
    const child = spawnChild({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', 'worker/main.ts'],
      cwd: repoRoot,
      env: {
        ...process.env,
        ...this.env,
        TEMPORAL_NAMESPACE: 'default',
        WORKER_METRICS_ADDRESS: 'off',
        TEMPORAL_SDK_LOG_LEVEL: 'ERROR',
      },
      logFile: path.join(this.logDir, `${name}.log`),
    });
    this.running.set(name, child);
    this.starts += 1;
    const identity = `${child.pid}@${os.hostname()}`;
    await waitUntil(
      `${name} polling ${this.env.TASK_QUEUE}`,
      async () => (await pollerIdentities(this.client, 'default', this.env.TASK_QUEUE)).has(identity),
      { timeoutMs: 120_000, intervalMs: 500, child, logFile: path.join(this.logDir, `${name}.log`) },
    );
    return child;
  }

  async startAll(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, (_, i) => this.start(`worker-${i + 1}`)));
  }

  /** `kill -9`: no graceful shutdown, its activities and sticky workflow tasks are simply abandoned. */
  async kill(name: string): Promise<void> {
    const child = this.running.get(name);
    if (!child) throw new Error(`no worker named ${name}`);
    this.killed.add(child.pid);
    this.kills += 1;
    const gone = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
    if (!child.exited()) child.process.kill('SIGKILL');
    await gone.catch(() => undefined);
  }

  /** Restarts any worker that exited without being killed, as a process supervisor would. */
  supervise(): void {
    let restarting = false;
    this.supervisor = setInterval(() => {
      if (restarting) return;
      const dead = [...this.running].filter(([, child]) => child.exited() && !this.killed.has(child.pid));
      if (dead.length === 0) return;
      restarting = true;
      this.unplannedExits += dead.length;
      for (const [name, child] of dead) {
        console.log(
          `  ${name} (pid ${child.pid}) exited on its own (${child.process.exitCode ?? child.process.signalCode}): restarting`,
        );
      }
      Promise.all(dead.map(([name]) => this.start(name)))
        .catch((error: unknown) => console.log(`  restarting a worker failed: ${String(error)}`))
        .finally(() => (restarting = false));
    }, 1000);
  }

  async stopAll(): Promise<void> {
    if (this.supervisor) clearInterval(this.supervisor);
    await Promise.all([...this.running.values()].map((child) => child.stop(15_000)));
    this.running.clear();
  }
}

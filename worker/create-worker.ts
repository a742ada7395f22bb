/** Builds the case worker: one task queue, the workflow code (or its prebuilt bundle) and the activities. */
import os from 'node:os';
import type { NativeConnection } from '@temporalio/worker';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Knex } from 'knex';
import { dataConverterFromEnv } from '../codec/keys';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import { holidaysForYear } from '../domain/calendar';
import type { NoticeGateway } from '../gateway/port';
import { sharedWorkflowModules, workflowsPath } from './bundle';
import { workflowThreadsFromEnv } from './config';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  db: Knex;
  gateway: NoticeGateway;
  log: Pick<Logger, 'info' | 'warn'>;
  /** The payload codec's converter; by default the keys of DAVAR_CODEC_KEYS (a fixed key in development). */
  dataConverter?: DataConverter;
  /** A bundle built once with bundleWorkflowCode (tests share one); else the worker bundles at start. */
  workflowBundlePath?: string;
  tuning?: Partial<
    Pick<
      WorkerOptions,
      'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'workflowThreadPoolSize'
    >
  >;
}

/**
 * Two threads for workflow code where there are two cores, for a worker in a process of its own (`worker/main.ts`).
 * The SDK's default is one (with a reused V8 context, the cost it spreads is a context's creation), but a case's
 * workflow code is CPU-bound: the SDK captures a stack trace for every promise the code creates, and under load one
 * thread was busy all the time, workflow tasks queued past Temporal's 10 s timeout (docs/bench.md, "Where a case's
 * CPU goes"). A worker inside a process that also serves the API and the gateway simulator (the tests, `npm start`
 * on the dev engine) keeps the SDK's one: there a second thread takes cores from that process's event loop, and the
 * test suite is shown green with one (a clean-clone run with two failed a load-sensitive test; not chased further).
 */
export function defaultWorkflowThreads(): number {
  return Math.min(2, os.availableParallelism());
}

/** The workflow threads of a worker process of its own (and the bench's workers): DAVAR_WORKFLOW_THREADS, else the default. */
export function workflowThreadsOfOwnProcess(env: NodeJS.ProcessEnv = process.env): number {
  return workflowThreadsFromEnv(env) ?? defaultWorkflowThreads();
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const activities = createActivities({
    db: options.db,
    gateway: options.gateway,
    holidays: holidaysForYear,
    log: options.log,
  });
  const threads = workflowThreadsFromEnv(process.env) ?? options.tuning?.workflowThreadPoolSize;
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    // Case state, actions and activity inputs are sealed before they reach Temporal's store (personal data).
    dataConverter: options.dataConverter ?? dataConverterFromEnv(),
    ...(options.workflowBundlePath
      ? { workflowBundle: { codePath: options.workflowBundlePath } }
      : { workflowsPath, bundlerOptions: { preloadModules: sharedWorkflowModules() } }),
    activities,
    ...options.tuning,
    // Only when chosen: an explicit `undefined` would override the SDK's default of one.
    ...(threads === undefined ? {} : { workflowThreadPoolSize: threads }),
  });
}

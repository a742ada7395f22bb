/** Builds the case worker: one task queue, the workflow code (or its prebuilt bundle) and the activities. */
import type { NativeConnection } from '@temporalio/worker';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Knex } from 'knex';
import { dataConverterFromEnv } from '../codec/keys';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import { holidaysForYear } from '../domain/calendar';
import type { NoticeGateway } from '../gateway/port';
import { workflowsPath } from './bundle';

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
  tuning?: Partial<Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'>>;
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const activities = createActivities({
    db: options.db,
    gateway: options.gateway,
    holidays: holidaysForYear,
    log: options.log,
  });
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    // Case state, actions and activity inputs are sealed before they reach Temporal's store (personal data).
    dataConverter: options.dataConverter ?? dataConverterFromEnv(),
    ...(options.workflowBundlePath ? { workflowBundle: { codePath: options.workflowBundlePath } } : { workflowsPath }),
    activities,
    ...options.tuning,
  });
}

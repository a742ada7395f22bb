/** What every route module is given: the one Temporal client and knex pool, the settings, metrics and registry. */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { CaseChanges } from '../db/read-model/changes';
import type { Logger } from 'pino';
import type { Policy } from '../domain/policy';
import type { ApiMetrics } from './metrics';
import type { OperationRegistry } from './openapi';

export interface RouteContext {
  client: Client;
  db: Knex;
  /** Wakes long-polling reads when a case changes (one LISTEN connection, opened at the first such read). */
  changes: CaseChanges;
  taskQueue: string;
  policy: Policy;
  webhookSecret: string;
  temporalUiUrl?: string;
  logger: Logger;
  metrics: ApiMetrics;
  operations: OperationRegistry;
}

/** The express app: routes, validation, auth, OpenAPI, webhook receiver and console. */
import type { Client } from '@temporalio/client';
import express from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Policy } from '../domain/policy';

export interface ApiDeps {
  client: Client;
  db: Knex;
  taskQueue: string;
  /** The policy new cases start with (recorded in each case, so changing it never alters a running case). */
  policy: Policy;
  jwtSecret: string;
  webhookSecret: string;
  temporalUiUrl?: string;
  logger?: Logger;
}

export function createApp(_deps: ApiDeps): express.Express {
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return app;
}

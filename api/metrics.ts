/** The API's Prometheus metrics: one registry per app instance, so several apps can live in one process (tests). */
import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { metricsSnapshot } from '../db/read-model/reader';

export type WebhookOutcome =
  'recorded' | 'replayed' | 'bad_signature' | 'invalid' | 'unknown_notice' | 'case_closed' | 'failed';

export interface ApiMetrics {
  registry: Registry;
  /** Times every request, labelled by route pattern (never the raw URL, which would explode the label set). */
  httpLatency: RequestHandler;
  webhook: Counter<'outcome'>;
  actions: Counter<'action' | 'outcome'>;
}

export function createMetrics(db: Knex, logger: Logger): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'davar_api_' });

  const http = new Histogram({
    name: 'davar_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const webhook = new Counter({
    name: 'davar_gateway_webhook_events_total',
    help: 'Gateway callbacks received, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });

  const actions = new Counter({
    name: 'davar_case_actions_total',
    help: 'Case actions (workflow updates), by action and outcome (ok or the error code)',
    labelNames: ['action', 'outcome'],
    registers: [registry],
  });

  // Read-model gauges are computed on scrape, so they are as fresh as the projection and cost nothing between scrapes.
  let snapshot: Promise<Awaited<ReturnType<typeof metricsSnapshot>> | undefined> | undefined;
  const freshSnapshot = () => {
    // Both gauges collect in the same scrape: share one pair of queries between them.
    snapshot ??= metricsSnapshot(db)
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'metrics: read model unavailable');
        return undefined;
      })
      .finally(() => {
        setImmediate(() => {
          snapshot = undefined;
        });
      });
    return snapshot;
  };

  new Gauge({
    name: 'davar_cases',
    help: 'Cases in the read model, by stage and province',
    labelNames: ['stage', 'province'],
    registers: [registry],
    async collect() {
      const data = await freshSnapshot();
      this.reset();
      for (const row of data?.cases ?? []) this.set({ stage: row.stage, province: row.province }, row.count);
    },
  });

  new Gauge({
    name: 'davar_open_escalations',
    help: 'Open escalations, by level and kind',
    labelNames: ['level', 'kind'],
    registers: [registry],
    async collect() {
      const data = await freshSnapshot();
      this.reset();
      for (const row of data?.escalations ?? []) this.set({ level: String(row.level), kind: row.kind }, row.count);
    },
  });

  const httpLatency: RequestHandler = (req, res, next) => {
    const end = http.startTimer();
    res.on('finish', () => {
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: unknown }).path)}` : '(unmatched)';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };

  return { registry, httpLatency, webhook, actions };
}

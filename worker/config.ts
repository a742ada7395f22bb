/** The worker's settings, read once from the environment (defaults fit `npm start`). */
import { policyByName, type Policy } from '../domain/policy';
import { secretFrom } from '../domain/secrets';

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl?: string;
  gatewayUrl: string;
  gatewayToken: string;
  policy: Policy;
  /** A workflow bundle built beforehand (bundleWorkflowCode): a restarted worker polls in seconds, not tens of them. */
  workflowBundlePath?: string;
}

export function workerConfigFromEnv(env: NodeJS.ProcessEnv): WorkerConfig {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TASK_QUEUE ?? 'davar-cases',
    databaseUrl: env.DATABASE_URL,
    gatewayUrl: env.GATEWAY_URL ?? 'http://127.0.0.1:7300',
    // The gateway's credential: a development default is refused in production.
    gatewayToken: secretFrom(env, 'GATEWAY_TOKEN', 'dev-gateway-token'),
    policy: policyByName(env.DAVAR_POLICY),
    workflowBundlePath: env.WORKFLOW_BUNDLE_PATH || undefined,
  };
}

/** Threads that run workflow code, when `DAVAR_WORKFLOW_THREADS` chooses (it overrides every worker's default). */
export function workflowThreadsFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const given = env.DAVAR_WORKFLOW_THREADS;
  if (!given) return undefined;
  const threads = Number(given);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`DAVAR_WORKFLOW_THREADS must be a whole number from 1 to 64, not "${given}"`);
  }
  return threads;
}

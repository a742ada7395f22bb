/**
 * Runs the `server` engine: Temporal Server from deploy/temporal/davar.yaml on PostgreSQL, the namespace and
 * Davar's search attributes registered with the Temporal CLI, and optionally the Web UI server in front of it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { caseSearchAttributes } from '../../../workflows/search-attributes';
import type { Log } from '../go';
import { repoRoot } from '../paths';
import { portFree, portInUse, spawnChild, waitUntil, type Child } from '../processes';
import { searchAttributeTypeName } from '../temporal-server';
import type { ServerBinaries } from './build';
import { setupTemporalSchemas, type PostgresServer, type TemporalDatabases } from './schema';

const execFileAsync = promisify(execFile);

/** Where the committed configs live, relative to the repo (the server joins `--root` and `--config`). */
export const SERVER_CONFIG_DIR = path.join('deploy', 'temporal');
export const UI_CONFIG_DIR = path.join('deploy', 'temporal', 'ui');
const CONFIG_ENV = 'davar';
/** How long closed cases stay readable in Temporal; the read model keeps their audit log for good. */
export const NAMESPACE_RETENTION = '720h';

export interface ServerPorts {
  frontend: number;
  frontendHttp: number;
  frontendMembership: number;
  history: number;
  historyMembership: number;
  matching: number;
  matchingMembership: number;
  worker: number;
  workerMembership: number;
}

/** The layout of deploy/temporal/davar.yaml's defaults, shifted with the frontend port. */
export function portsFrom(frontend: number): ServerPorts {
  return {
    frontend,
    frontendHttp: frontend + 10,
    frontendMembership: frontend - 300,
    history: frontend + 1,
    historyMembership: frontend - 299,
    matching: frontend + 2,
    matchingMembership: frontend - 298,
    worker: frontend + 6,
    workerMembership: frontend - 294,
  };
}

/**
 * A free set of the nine ports for a test run's server, so it never collides with a running `npm start`. Not the
 * OS's ephemeral ports: Temporal stores membership ports as a PostgreSQL smallint, so every port stays below 32768.
 */
export async function anyFreePorts(): Promise<ServerPorts> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const ports = portsFrom(20_000 + Math.floor(Math.random() * 12_000));
    const taken = await Promise.all(Object.values(ports).map((port) => portFree(port).then((free) => !free)));
    if (!taken.some(Boolean)) return ports;
  }
  throw new Error('no free set of ports for Temporal Server between 19700 and 32010');
}

export interface RunningServerEngine {
  address: string;
  namespace: string;
  server: Child;
  ui?: { url: string; child: Child };
  logFile: string;
  stop(): Promise<void>;
}

/** The environment deploy/temporal/davar.yaml reads (names of the official image's config, where it has one). */
function serverEnv(options: {
  postgres: PostgresServer;
  databases: TemporalDatabases;
  ports: ServerPorts;
  metricsAddress?: string;
}): NodeJS.ProcessEnv {
  const { postgres, databases, ports } = options;
  return {
    ...process.env,
    LOG_LEVEL: process.env.TEMPORAL_SERVER_LOG_LEVEL ?? 'warn',
    POSTGRES_SEEDS: postgres.host,
    DB_PORT: String(postgres.port),
    POSTGRES_USER: postgres.user,
    POSTGRES_PWD: postgres.password,
    DBNAME: databases.persistence,
    VISIBILITY_DBNAME: databases.visibility,
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    FRONTEND_GRPC_PORT: String(ports.frontend),
    FRONTEND_HTTP_PORT: String(ports.frontendHttp),
    FRONTEND_MEMBERSHIP_PORT: String(ports.frontendMembership),
    HISTORY_GRPC_PORT: String(ports.history),
    HISTORY_MEMBERSHIP_PORT: String(ports.historyMembership),
    MATCHING_GRPC_PORT: String(ports.matching),
    MATCHING_MEMBERSHIP_PORT: String(ports.matchingMembership),
    WORKER_GRPC_PORT: String(ports.worker),
    WORKER_MEMBERSHIP_PORT: String(ports.workerMembership),
    PROMETHEUS_ENDPOINT: options.metricsAddress ?? '',
    DYNAMIC_CONFIG_FILE_PATH: path.join(repoRoot, SERVER_CONFIG_DIR, 'dynamicconfig.yaml'),
  };
}

async function frontendAnswers(address: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 1000 });
  try {
    await connection.workflowService.getSystemInfo({});
    return true;
  } finally {
    await connection.close();
  }
}

/** `Name=Type` pairs for deploy/temporal/register.sh, from the workflow's own definitions. */
export function searchAttributeList(): string {
  return caseSearchAttributes.map((key) => `${key.name}=${searchAttributeTypeName(key.type)}`).join(' ');
}

/**
 * The namespace (if missing) and the case search attributes, with deploy/temporal/register.sh: the Temporal CLI
 * commands docker-compose's setup runs too. Idempotent, so every start runs it.
 */
export async function registerNamespace(options: { cli: string; address: string; namespace: string }): Promise<void> {
  try {
    await execFileAsync('sh', [path.join(repoRoot, SERVER_CONFIG_DIR, 'register.sh')], {
      env: {
        ...process.env,
        TEMPORAL_CLI: options.cli,
        TEMPORAL_ADDRESS: options.address,
        TEMPORAL_NAMESPACE: options.namespace,
        TEMPORAL_NAMESPACE_RETENTION: NAMESPACE_RETENTION,
        DAVAR_SEARCH_ATTRIBUTES: searchAttributeList(),
      },
    });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr).trim().split('\n').slice(-5) : [];
    throw new Error(`deploy/temporal/register.sh failed: ${output.join(' | ') || String(error)}`);
  }
}

export async function startServerEngine(options: {
  binaries: ServerBinaries;
  cli: string;
  postgres: PostgresServer;
  databases: TemporalDatabases;
  /** Drop and recreate Temporal's databases first (tests), instead of keeping the cases (npm start). */
  fresh?: boolean;
  ports: ServerPorts;
  namespace: string;
  dataDir: string;
  metricsAddress?: string;
  /** Also run the Web UI server (its binary, port and codec server). */
  ui?: { binary: string; port: number; codecEndpoint?: string };
  log: Log;
}): Promise<RunningServerEngine> {
  const { ports, log } = options;
  const address = `127.0.0.1:${ports.frontend}`;
  if (await portInUse(ports.frontend)) {
    throw new Error(
      `Port ${ports.frontend} is in use: is another Temporal server (or npm start) running? Set TEMPORAL_PORT.`,
    );
  }
  await setupTemporalSchemas({
    sqlTool: options.binaries.sqlTool,
    server: options.postgres,
    databases: options.databases,
    fresh: options.fresh,
    log,
  });

  fs.mkdirSync(options.dataDir, { recursive: true });
  const logFile = path.join(options.dataDir, 'temporal-server.log');
  const started = Date.now();
  const server = spawnChild({
    name: 'temporal-server',
    command: options.binaries.server,
    args: ['--root', repoRoot, '--config', SERVER_CONFIG_DIR, '--env', CONFIG_ENV, '--allow-no-auth', 'start'],
    env: serverEnv(options),
    logFile,
  });
  const stops: (() => Promise<void>)[] = [() => server.stop(20_000)];
  const stop = async () => {
    for (const step of [...stops].reverse()) await step();
  };
  try {
    await waitUntil(`Temporal Server answering on ${address}`, () => frontendAnswers(address), {
      timeoutMs: 90_000,
      child: server,
      logFile,
    });
    await registerNamespace({ cli: options.cli, address, namespace: options.namespace });
    log(
      `Temporal Server ${options.binaries.version} ready on ${address} in ${Date.now() - started} ms (log: ${logFile})`,
    );

    let ui: RunningServerEngine['ui'];
    if (options.ui) {
      const uiLog = path.join(options.dataDir, 'temporal-ui.log');
      const child = spawnChild({
        name: 'temporal-ui',
        command: options.ui.binary,
        args: ['--root', repoRoot, '--config', UI_CONFIG_DIR, '--env', CONFIG_ENV, 'start'],
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: address,
          TEMPORAL_UI_PORT: String(options.ui.port),
          TEMPORAL_DEFAULT_NAMESPACE: options.namespace,
          TEMPORAL_CODEC_ENDPOINT: options.ui.codecEndpoint ?? '',
        },
        logFile: uiLog,
      });
      stops.push(() => child.stop());
      const url = `http://127.0.0.1:${options.ui.port}`;
      await waitUntil(`the Temporal Web UI on ${url}`, async () => (await fetch(url)).ok, {
        timeoutMs: 30_000,
        child,
        logFile: uiLog,
      });
      ui = { url, child };
    }
    return { address, namespace: options.namespace, server, ui, logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

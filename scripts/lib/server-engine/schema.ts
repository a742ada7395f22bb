/**
 * Temporal's two PostgreSQL databases for the `server` engine (persistence and visibility), created if missing and
 * brought to the schema of the pinned server by its own SQL tool, through the script docker-compose runs too.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Log } from '../go';
import { repoRoot } from '../paths';

const execFileAsync = promisify(execFile);

export interface PostgresServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export interface TemporalDatabases {
  /** Workflow histories, timers, task queues: the `temporal` schema. */
  persistence: string;
  /** Workflow listing and the search attributes: the `visibility` schema. */
  visibility: string;
}

/** The host, port and credentials of a PostgreSQL URL; the database name is Temporal's own. */
export function postgresServerOf(url: string): PostgresServer {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || 'postgres'),
    password: decodeURIComponent(parsed.password),
  };
}

/** A client on the server's `postgres` database, for what the SQL tool does not do (drops, per-database settings). */
export async function withAdmin<T>(server: PostgresServer, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * deploy/temporal/schema.sh, the same script docker-compose runs: each database created if missing, then
 * `setup-schema -v 0.0` (the version tables; a no-op once they exist) and `update-schema` to the latest version
 * the SQL tool embeds (a no-op when already there). `fresh` drops the databases first (a test run's Temporal
 * starts empty, like the dev server's in-memory store).
 */
export async function setupTemporalSchemas(options: {
  sqlTool: string;
  server: PostgresServer;
  databases: TemporalDatabases;
  fresh?: boolean;
  log: Log;
}): Promise<void> {
  const { server, databases, log } = options;
  const started = Date.now();
  if (options.fresh) {
    await withAdmin(server, async (client) => {
      for (const name of [databases.persistence, databases.visibility]) {
        await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
      }
    });
  }
  try {
    await execFileAsync('sh', [path.join(repoRoot, 'deploy', 'temporal', 'schema.sh')], {
      // The connection goes in the environment (SQL_*), so the password never shows in `ps`.
      env: {
        ...process.env,
        SQL_TOOL: options.sqlTool,
        SQL_HOST: server.host,
        SQL_PORT: String(server.port),
        SQL_USER: server.user,
        SQL_PASSWORD: server.password,
        DBNAME: databases.persistence,
        VISIBILITY_DBNAME: databases.visibility,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr).trim().split('\n').slice(-5) : [];
    throw new Error(`deploy/temporal/schema.sh failed: ${output.join(' | ') || String(error)}`);
  }
  if (options.fresh) {
    // A throw-away Temporal need not wait for each commit to reach the disk (as the dev server's in-memory
    // store does not); a crash loses only a test run. Kept cases (npm start) keep PostgreSQL's default.
    await withAdmin(server, async (client) => {
      for (const name of [databases.persistence, databases.visibility]) {
        await client.query(`ALTER DATABASE "${name.replace(/"/g, '')}" SET synchronous_commit = off`);
      }
    });
  }
  log(
    `Temporal schemas ready in ${Date.now() - started} ms: ${databases.persistence}, ${databases.visibility} ` +
      `on ${server.host}:${server.port}`,
  );
}

/**
 * Temporal's two PostgreSQL databases for the `server` engine (persistence and visibility), created if missing and
 * brought to the schema of the pinned server by its own SQL tool — the same steps docker-compose's setup runs.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Log } from '../go';

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

/** A client on the server's `postgres` database, for what the SQL tool does not do (existence checks, drops). */
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

/** The SQL tool with the connection in its environment (SQL_*), so the password never shows in `ps`. */
async function sqlTool(tool: string, server: PostgresServer, database: string, args: string[]): Promise<void> {
  try {
    await execFileAsync(tool, ['--plugin', 'postgres12', ...args], {
      env: {
        ...process.env,
        SQL_HOST: server.host,
        SQL_PORT: String(server.port),
        SQL_USER: server.user,
        SQL_PASSWORD: server.password,
        SQL_DATABASE: database,
      },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const output = error instanceof Error && 'stderr' in error ? String(error.stderr).trim().split('\n').slice(-5) : [];
    throw new Error(
      `temporal-sql-tool ${args.join(' ')} on ${database} failed: ${output.join(' | ') || String(error)}`,
    );
  }
}

/**
 * Creates each database if missing (`fresh` drops it first: the tests' Temporal starts empty, like the dev
 * server's in-memory store), then `setup-schema -v 0.0` (the version tables; a no-op once they exist) and
 * `update-schema` to the latest version the SQL tool embeds (a no-op when already there).
 */
export async function setupTemporalSchemas(options: {
  sqlTool: string;
  server: PostgresServer;
  databases: TemporalDatabases;
  fresh?: boolean;
  log: Log;
}): Promise<void> {
  const { sqlTool: tool, server, databases, log } = options;
  const started = Date.now();
  const steps: [database: string, schemaName: string][] = [
    [databases.persistence, 'postgresql/v12/temporal'],
    [databases.visibility, 'postgresql/v12/visibility'],
  ];
  for (const [database, schemaName] of steps) {
    const exists = await withAdmin(server, async (client) => {
      if (options.fresh) await client.query(`DROP DATABASE IF EXISTS "${database.replace(/"/g, '')}" WITH (FORCE)`);
      const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      return Boolean(rowCount);
    });
    if (!exists) await sqlTool(tool, server, database, ['create-database']);
    await sqlTool(tool, server, database, ['setup-schema', '-v', '0.0']);
    await sqlTool(tool, server, database, ['update-schema', '--schema-name', schemaName]);
  }
  log(
    `Temporal schemas ready in ${Date.now() - started} ms: ${databases.persistence}, ${databases.visibility} ` +
      `on ${server.host}:${server.port}`,
  );
}

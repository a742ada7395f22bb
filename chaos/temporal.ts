/**
 * Temporal for a chaos run: the run's own dev server on a SQLite file or its own Temporal Server on PostgreSQL (so
 * a stop loses nothing and a start resumes every case, on the same address), or a server it is given and must not
 * stop (the jest run's).
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveServerBinaries } from '../scripts/lib/server-engine/build';
import { dropDatabases, throwAwayDatabases } from '../scripts/lib/server-engine/ephemeral';
import { postgresServerOf } from '../scripts/lib/server-engine/schema';
import { anyFreePorts, startServerEngine, type RunningServerEngine } from '../scripts/lib/server-engine/start';
import { temporalDatabasesFromEnv } from '../scripts/lib/stack';
import { resolveTemporalCli } from '../scripts/lib/temporal-cli';
import { freePorts } from '../scripts/lib/processes';
import { startDevServer, type DevServer } from '../scripts/lib/temporal-server';

export interface ChaosTemporal {
  /** What the run's log says Temporal is. */
  description: string;
  address: string;
  owned: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function givenTemporal(address: string): ChaosTemporal {
  const refuse = () => Promise.reject(new Error('this Temporal server is not owned by the chaos run'));
  return { description: 'given', address, owned: false, stop: refuse, start: refuse, close: async () => undefined };
}

export async function ownedDevServer(dataDir: string, log: (line: string) => void): Promise<ChaosTemporal> {
  const cli = await resolveTemporalCli(log);
  const [port] = await freePorts(1);
  fs.mkdirSync(dataDir, { recursive: true });
  // A fresh file per run: cases of an earlier run would be resumed by nobody and counted by reconcile.
  for (const file of fs.readdirSync(dataDir).filter((f) => f.startsWith('temporal.db'))) {
    fs.rmSync(path.join(dataDir, file));
  }
  const start = () => startDevServer({ cli, dataDir, port: port ?? 0, persist: true, log });
  let server: DevServer | undefined = await start();
  const address = `127.0.0.1:${port}`;
  return {
    description: `dev server, ${path.join(dataDir, 'temporal.db')}`,
    address,
    owned: true,
    async stop() {
      await server?.stop();
      server = undefined;
    },
    async start() {
      server ??= await start();
    },
    async close() {
      await server?.stop();
      server = undefined;
    },
  };
}

/**
 * Temporal Server (the server engine) on PostgreSQL databases of the run's own, on `postgresUrl`: not the run's
 * embedded PostgreSQL, which the postgres-outage scenario stops (that fault is the read model's, not Temporal's).
 * A stop ends the server process; a start runs it again on the same databases and ports, schemas kept.
 */
export async function ownedServerEngine(
  postgresUrl: string,
  dataDir: string,
  log: (line: string) => void,
): Promise<ChaosTemporal> {
  const cli = await resolveTemporalCli(log);
  const binaries = await resolveServerBinaries(log);
  const postgres = postgresServerOf(postgresUrl);
  // Named like a test run's throw-away databases, so a killed run's are swept by the next run of either kind.
  const databases = await throwAwayDatabases(postgres, temporalDatabasesFromEnv(), log);
  const ports = await anyFreePorts();
  const start = (fresh: boolean) =>
    startServerEngine({ binaries, cli, postgres, databases, fresh, ports, namespace: 'default', dataDir, log });
  let server: RunningServerEngine | undefined = await start(true);
  const address = server.address;
  const stop = async () => {
    await server?.stop();
    server = undefined;
  };
  return {
    description: `Temporal Server ${binaries.version}, databases ${databases.persistence} and ${databases.visibility} on ${postgres.host}:${postgres.port}`,
    address,
    owned: true,
    stop,
    async start() {
      server ??= await start(false);
    },
    async close() {
      await stop();
      await dropDatabases(postgres, [databases.persistence, databases.visibility]);
    },
  };
}

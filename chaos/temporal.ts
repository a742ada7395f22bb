/**
 * Temporal for a chaos run: the run's own dev server on a SQLite file (so a stop loses nothing and a start
 * resumes every case, on the same address), or a server it is given and must not stop (the jest run's).
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveTemporalCli } from '../scripts/lib/temporal-cli';
import { freePorts } from '../scripts/lib/processes';
import { startDevServer, type DevServer } from '../scripts/lib/temporal-server';

export interface ChaosTemporal {
  address: string;
  owned: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function givenTemporal(address: string): ChaosTemporal {
  const refuse = () => Promise.reject(new Error('this Temporal server is not owned by the chaos run'));
  return { address, owned: false, stop: refuse, start: refuse, close: async () => undefined };
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

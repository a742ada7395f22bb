/** Starts the Temporal CLI's dev server with Davar's settings: a persistent SQLite file and the search attributes. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { caseSearchAttributes } from '../../workflows/search-attributes';

export interface DevServer {
  address: string;
  uiUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const typeNames: Record<string, string> = {
  KEYWORD: 'Keyword',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  INT: 'Int',
  TEXT: 'Text',
  DOUBLE: 'Double',
  KEYWORD_LIST: 'KeywordList',
};

export function searchAttributeFlags(): string[] {
  return caseSearchAttributes.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${typeNames[key.type] ?? key.type}`,
  ]);
}

function portInUse(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startDevServer(options: {
  cli: string;
  dataDir: string;
  port: number;
  uiPort: number;
  log: (message: string) => void;
}): Promise<DevServer> {
  const host = '127.0.0.1';
  if (await portInUse(options.port, host)) {
    throw new Error(
      `Port ${options.port} is in use: is another Temporal server (or npm start) running? Set TEMPORAL_PORT.`,
    );
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(options.dataDir, 'temporal.db'),
    // SQLite without WAL is several times slower with a file (ARCHITECTURE.md).
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    '--ip',
    host,
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--log-level',
    'warn',
    ...searchAttributeFlags(),
  ];
  const logFile = fs.openSync(path.join(options.dataDir, 'temporal.log'), 'a');
  const child = spawn(options.cli, args, { stdio: ['ignore', logFile, logFile] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const address = `${host}:${options.port}`;

  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`temporal server start-dev exited with ${child.exitCode}; see ${options.dataDir}/temporal.log`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch {
      if (Date.now() - started > 60_000) throw new Error(`Temporal did not answer on ${address} within 60 s`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return {
    address,
    uiUrl: `http://${host}:${options.uiPort}`,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

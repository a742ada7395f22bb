/** Starts the Temporal CLI's dev server with Davar's settings: a persistent SQLite file and the search attributes. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { caseSearchAttributes } from '../../workflows/search-attributes';
import { freePorts, portInUse } from './processes';

export interface DevServer {
  address: string;
  uiUrl?: string;
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

/** The CLI's name of a search attribute type (`Keyword`, `Datetime`…), for `--search-attribute` and `--type`. */
export function searchAttributeTypeName(type: string): string {
  return typeNames[type] ?? type;
}

export function searchAttributeFlags(): string[] {
  return caseSearchAttributes.flatMap((key) => [
    '--search-attribute',
    `${key.name}=${searchAttributeTypeName(key.type)}`,
  ]);
}

export async function startDevServer(options: {
  cli: string;
  dataDir: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Without a UI port the server runs headless (tests, bench). */
  uiPort?: number;
  /** The codec server the Web UI calls to show payloads decrypted (Davar's API at `/codec`). */
  uiCodecEndpoint?: string;
  /** false: an in-memory store that starts empty, for tests; else the SQLite file under dataDir. */
  persist?: boolean;
  /** `--dynamic-config-value` pairs, e.g. a lower continue-as-new suggestion for the tests that need one. */
  dynamicConfig?: Record<string, string | number | boolean>;
  log: (message: string) => void;
}): Promise<DevServer> {
  const host = '127.0.0.1';
  const port = options.port || (await freePorts(1))[0] || 0;
  if (await portInUse(port, host)) {
    throw new Error(`Port ${port} is in use: is another Temporal server (or npm start) running? Set TEMPORAL_PORT.`);
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const persist = options.persist ?? true;
  const args = [
    'server',
    'start-dev',
    ...(persist
      ? [
          '--db-filename',
          path.join(options.dataDir, 'temporal.db'),
          // SQLite without WAL is several times slower with a file (ARCHITECTURE.md).
          '--sqlite-pragma',
          'journal_mode=wal',
          '--sqlite-pragma',
          'synchronous=normal',
        ]
      : []),
    '--ip',
    host,
    '--port',
    String(port),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.uiPort && options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
    '--log-level',
    'warn',
    ...searchAttributeFlags(),
    // No call home to Temporal's version service (the SDK's test server turns it off too; there is no internet).
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    ...Object.entries(options.dynamicConfig ?? {}).flatMap(([key, value]) => [
      '--dynamic-config-value',
      `${key}=${JSON.stringify(value)}`,
    ]),
  ];
  const logFile = fs.openSync(path.join(options.dataDir, 'temporal.log'), 'a');
  const child = spawn(options.cli, args, { stdio: ['ignore', logFile, logFile] });
  fs.closeSync(logFile); // the child holds its own descriptor
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const address = `${host}:${port}`;

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
    uiUrl: options.uiPort ? `http://${host}:${options.uiPort}` : undefined,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

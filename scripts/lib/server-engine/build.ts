/**
 * Temporal Server, its SQL tool and the Web UI server for the `server` engine: pinned versions, built once with
 * `go install` into Davar's cache beside the CLI. The SQL tool embeds the server's schemas (`--schema-name`), so
 * the schemas always match the binaries and nothing is read from Go's module cache at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { goCommand, goInstall, isExecutable, type Log } from '../go';
import { cacheDir } from '../paths';

/**
 * The server inside the Temporal CLI v1.5.1 that the dev engine runs (`temporal --version` says Server 1.29.1),
 * so both engines run the same server code; docker-compose pins the same tag.
 */
export const TEMPORAL_SERVER_VERSION = process.env.TEMPORAL_SERVER_VERSION ?? 'v1.29.1';
/** The Web UI that CLI v1.5.1 embeds (`UI 2.42.1`); the same tag as docker-compose's temporalio/ui image. */
export const TEMPORAL_UI_VERSION = process.env.TEMPORAL_UI_VERSION ?? 'v2.42.1';

const SERVER_MODULE = 'go.temporal.io/server';
const UI_MODULE = 'github.com/temporalio/ui-server/v2';

export interface ServerBinaries {
  version: string;
  server: string;
  sqlTool: string;
}

export function serverCacheDir(): string {
  return path.join(cacheDir(), `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

function cachedServer(): ServerBinaries {
  const dir = serverCacheDir();
  return {
    version: TEMPORAL_SERVER_VERSION,
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
  };
}

/** Written last, so that a build stopped half-way is redone rather than half-used. */
const stampOf = (dir: string) => path.join(dir, 'COMPLETE');

async function requireGo(what: string): Promise<string> {
  const go = await goCommand();
  if (go) return go;
  throw new Error(
    `${what} is not built yet and there is no Go toolchain to build it. Install Go 1.25 or later ` +
      '(https://go.dev/dl/) and run `npm run temporal:server`, or use the dev engine (DAVAR_ENGINE=dev, the default).',
  );
}

/** The server and SQL tool from the cache, built first if missing. */
export async function resolveServerBinaries(log: Log = (m) => console.error(m)): Promise<ServerBinaries> {
  const binaries = cachedServer();
  const dir = serverCacheDir();
  if (fs.existsSync(stampOf(dir)) && isExecutable(binaries.server) && isExecutable(binaries.sqlTool)) return binaries;

  const what = `Temporal Server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool`;
  const go = await requireGo(what);
  // Both commands are named after their folders (`server`, `sql`), so they are built aside and renamed.
  const buildDir = path.join(dir, '.build');
  fs.rmSync(buildDir, { recursive: true, force: true });
  await goInstall({
    go,
    packages: [
      `${SERVER_MODULE}/cmd/server@${TEMPORAL_SERVER_VERSION}`,
      `${SERVER_MODULE}/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
    ],
    binDir: buildDir,
    what,
    log,
  });
  fs.renameSync(path.join(buildDir, 'server'), binaries.server);
  fs.renameSync(path.join(buildDir, 'sql'), binaries.sqlTool);
  fs.rmSync(buildDir, { recursive: true, force: true });

  fs.writeFileSync(stampOf(dir), `${TEMPORAL_SERVER_VERSION}\n`);
  return binaries;
}

export function uiCacheDir(): string {
  return path.join(cacheDir(), `temporal-ui-server-${TEMPORAL_UI_VERSION}`);
}

/** The Web UI server (the same Go module the CLI's dev server embeds), built first if missing. */
export async function resolveUiServer(log: Log = (m) => console.error(m)): Promise<string> {
  const dir = uiCacheDir();
  const binary = path.join(dir, 'temporal-ui-server');
  if (isExecutable(binary)) return binary;
  const what = `the Temporal Web UI server ${TEMPORAL_UI_VERSION}`;
  const go = await requireGo(what);
  const buildDir = path.join(dir, '.build');
  fs.rmSync(buildDir, { recursive: true, force: true });
  await goInstall({ go, packages: [`${UI_MODULE}/cmd/server@${TEMPORAL_UI_VERSION}`], binDir: buildDir, what, log });
  fs.renameSync(path.join(buildDir, 'server'), binary);
  fs.rmSync(buildDir, { recursive: true, force: true });
  return binary;
}

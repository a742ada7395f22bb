/** Finds the Temporal CLI (`temporal`), or builds it from its Go module once into a cache outside the repo. */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheDir } from './paths';

const execFileAsync = promisify(execFile);

/** The CLI release Davar is tested with; its dev server has every flag ARCHITECTURE.md relies on. */
export const TEMPORAL_CLI_VERSION = process.env.TEMPORAL_CLI_VERSION ?? 'v1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

type Log = (message: string) => void;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function goCommand(): Promise<string | undefined> {
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) return undefined;
  try {
    await execFileAsync(go, ['version']);
    return go;
  } catch {
    return undefined;
  }
}

export function cachedCliPath(): string {
  return path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/** Builds the CLI with `go install` into the cache; prints progress because the first build takes minutes. */
async function buildWithGo(go: string, log: Log): Promise<string> {
  const target = cachedCliPath();
  const binDir = path.dirname(target);
  fs.mkdirSync(binDir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} from source into ${binDir} (once; takes a few minutes)…`);
  const started = Date.now();
  const ticker = setInterval(
    () => log(`…still building the Temporal CLI (${Math.round((Date.now() - started) / 1000)} s)`),
    30_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', `${MODULE}@${TEMPORAL_CLI_VERSION}`], {
        env: { ...process.env, GOBIN: binDir, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`go install ${MODULE}@${TEMPORAL_CLI_VERSION} exited with ${code}`)),
      );
    });
  } finally {
    clearInterval(ticker);
  }
  if (!isExecutable(target)) throw new Error(`go install finished but ${target} is missing`);
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
  return target;
}

/**
 * Resolution order of ARCHITECTURE.md: TEMPORAL_CLI_PATH, `temporal` on PATH, $(go env GOPATH)/bin,
 * Davar's cache, then a build with Go. The SDK's own download needs the internet, so it is never tried.
 */
export async function resolveTemporalCli(log: Log = (m) => console.error(m)): Promise<string> {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return fromEnv;
  }
  const found = onPath('temporal');
  if (found) return found;

  const go = await goCommand();
  if (go) {
    const { stdout } = await execFileAsync(go, ['env', 'GOPATH']);
    const inGoPath = path.join(stdout.trim(), 'bin', 'temporal');
    if (stdout.trim() && isExecutable(inGoPath)) return inGoPath;
  }
  if (isExecutable(cachedCliPath())) return cachedCliPath();
  if (!go) {
    throw new Error(
      'No Temporal CLI found and no Go toolchain to build one. Either install Go (https://go.dev/dl/) and run ' +
        '`npm run temporal:resolve`, or put a `temporal` binary on PATH, or set TEMPORAL_CLI_PATH to one.',
    );
  }
  return buildWithGo(go, log);
}

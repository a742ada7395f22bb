/** Finding executables and the Go toolchain, and `go install` of pinned modules into Davar's cache with progress. */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export type Log = (message: string) => void;

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** `go` on PATH or in its default install location, if it runs. */
export async function goCommand(): Promise<string | undefined> {
  const go = onPath('go') ?? (isExecutable('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) return undefined;
  try {
    await execFileAsync(go, ['version']);
    return go;
  } catch {
    return undefined;
  }
}

export async function goEnv(go: string, name: string): Promise<string> {
  const { stdout } = await execFileAsync(go, ['env', name]);
  return stdout.trim();
}

/**
 * `go install pkg@version…` into `binDir`, printing a line every 30 s: a first build of Temporal takes minutes on
 * two cores, and silence looks like a hang. CGO stays off unless asked for: every module Davar builds is pure Go,
 * and one setting shares Go's build cache between the CLI and the server builds.
 */
export async function goInstall(options: {
  go: string;
  packages: string[];
  binDir: string;
  what: string;
  log: Log;
}): Promise<number> {
  const { go, packages, binDir, what, log } = options;
  fs.mkdirSync(binDir, { recursive: true });
  log(`Building ${what} from source into ${binDir} (once; takes a few minutes)…`);
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 1000);
  const ticker = setInterval(() => log(`…still building ${what} (${seconds()} s)`), 30_000);
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(go, ['install', ...packages], {
        env: { ...process.env, GOBIN: binDir, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`go install ${packages.join(' ')} exited with ${code}`)),
      );
    });
  } finally {
    clearInterval(ticker);
  }
  log(`${what} built in ${seconds()} s`);
  return seconds();
}

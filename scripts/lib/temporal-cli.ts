/** Finds the Temporal CLI (`temporal`), or builds it from its Go module once into a cache outside the repo. */
import path from 'node:path';
import { goCommand, goEnv, goInstall, isExecutable, onPath, type Log } from './go';
import { cacheDir } from './paths';

/** The CLI release Davar is tested with; its dev server has every flag ARCHITECTURE.md relies on. */
export const TEMPORAL_CLI_VERSION = process.env.TEMPORAL_CLI_VERSION ?? 'v1.5.1';
const MODULE = 'github.com/temporalio/cli/cmd/temporal';

export function cachedCliPath(): string {
  return path.join(cacheDir(), `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
}

/** Builds the CLI with `go install` into the cache; prints progress because the first build takes minutes. */
async function buildWithGo(go: string, log: Log): Promise<string> {
  const target = cachedCliPath();
  await goInstall({
    go,
    packages: [`${MODULE}@${TEMPORAL_CLI_VERSION}`],
    binDir: path.dirname(target),
    what: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`,
    log,
  });
  if (!isExecutable(target)) throw new Error(`go install finished but ${target} is missing`);
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
    const gopath = await goEnv(go, 'GOPATH');
    const inGoPath = path.join(gopath, 'bin', 'temporal');
    if (gopath && isExecutable(inGoPath)) return inGoPath;
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

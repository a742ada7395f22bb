/**
 * `npm run temporal:server`: builds (once) and prints Temporal Server, temporal-sql-tool and the Web UI server of
 * the `server` engine. `--no-ui` skips the UI server, which CI does not need.
 */
import { resolveServerBinaries, resolveUiServer } from './lib/server-engine/build';

async function main(): Promise<void> {
  const started = Date.now();
  const binaries = await resolveServerBinaries((m) => console.error(m));
  console.log(binaries.server);
  console.log(binaries.sqlTool);
  if (!process.argv.includes('--no-ui')) console.log(await resolveUiServer((m) => console.error(m)));
  console.error(`Temporal Server ${binaries.version} resolved in ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * The throw-away Temporal databases of test and bench runs on the server engine (`temporal_run_<pid>`…): dropped
 * when the run stops, and swept at the next start when a run was killed before it could drop its own.
 */
import type { Log } from '../go';
import { withAdmin, type PostgresServer, type TemporalDatabases } from './schema';

const quoted = (name: string) => `"${name.replace(/"/g, '')}"`;

export async function dropDatabases(server: PostgresServer, names: string[]): Promise<void> {
  await withAdmin(server, async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Drops `<base>_run_<pid>` databases whose process is gone (a run on this machine that was killed). */
export async function sweepStaleDatabases(server: PostgresServer, bases: string[], log: Log): Promise<void> {
  const stale = await withAdmin(server, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database');
    return rows
      .map((row) => row.datname)
      .filter((name) =>
        bases.some((base) => {
          const match = new RegExp(`^${base}_run_(\\d+)$`).exec(name);
          return match !== null && Number(match[1]) !== process.pid && !alive(Number(match[1]));
        }),
      );
  });
  if (!stale.length) return;
  log(`Dropping Temporal databases left by runs that were killed: ${stale.join(', ')}`);
  await dropDatabases(server, stale);
}

/**
 * This process's throw-away databases (`<base>_run_<pid>`), after sweeping those of killed runs: the names the
 * sweep above recognises, for tests, the bench and chaos alike.
 */
export async function throwAwayDatabases(
  server: PostgresServer,
  base: TemporalDatabases,
  log: Log,
): Promise<TemporalDatabases> {
  await sweepStaleDatabases(server, [base.persistence, base.visibility], log);
  return { persistence: `${base.persistence}_run_${process.pid}`, visibility: `${base.visibility}_run_${process.pid}` };
}

/** CPU and memory of processes, read from /proc: where the core-seconds of a run went (Linux only, else zeros). */
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU seconds a process has used so far. */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Resident memory of a process in MB. */
export function rssMbOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** CPU seconds used between `start()` and `stop()` by the given processes. */
export function cpuMeter(pids: Record<string, number | undefined>) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  return () =>
    Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [
        name,
        Math.round((cpuSecondsOf(pid) - (before[name] ?? 0)) * 100) / 100,
      ]),
    );
}

/** The CPU seconds of a meter's reading, all processes together. */
export const totalCpuS = (reading: Record<string, number>): number =>
  Object.values(reading).reduce((sum, s) => sum + s, 0);

/**
 * Resolves once the given processes have been quiet for one interval (together under `belowCores` of a core), or
 * after `maxMs`: the work a measured burst left behind (workflow tasks, projections) is done before the next starts.
 */
export async function untilQuiet(
  pids: Record<string, number | undefined>,
  { intervalMs = 250, belowCores = 0.1, maxMs = 60_000 } = {},
): Promise<void> {
  const total = (): number => Object.values(pids).reduce<number>((sum, pid) => sum + cpuSecondsOf(pid), 0);
  const until = Date.now() + maxMs;
  let last = total();
  while (Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = total();
    if (now - last < (belowCores * intervalMs) / 1000) return;
    last = now;
  }
}

/** Child processes of the launcher and the test harness: spawned with their output kept, awaited, stopped in order. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import readline from 'node:readline';

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  /** True once the process has exited, whatever the reason. */
  exited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Append the output to this file (servers: their logs are long), else print each line prefixed by `[name]`. */
  logFile?: string;
}

export function spawnChild(options: SpawnOptions): Child {
  const logFd = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', logFd ?? 'pipe', logFd ?? 'pipe'],
  });
  if (logFd !== undefined) fs.closeSync(logFd); // the child holds its own descriptor
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${options.name}] ${line}`));
  }
  if (child.pid === undefined) throw new Error(`${options.command} could not be started (${options.name})`);
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name: options.name,
    pid: child.pid,
    process: child,
    exited,
    async stop(graceMs = 10_000) {
      if (exited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * Polls `probe` until it answers true. Fails early with `child`'s exit, and with `what` and the log to read
 * after `timeoutMs`, so that a dependency that cannot start says so instead of hanging the caller.
 */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: {
    timeoutMs: number;
    child?: Child;
    logFile?: string;
    intervalMs?: number;
    /** Let an error thrown by `probe` end the wait (else it counts as "not yet"). */
    rethrow?: boolean;
  },
): Promise<void> {
  const started = Date.now();
  const seeLog = options.logFile ? `; see ${options.logFile}` : '';
  for (;;) {
    if (options.child?.exited()) {
      const { exitCode, signalCode } = options.child.process;
      throw new Error(`${options.child.name} exited (${exitCode ?? signalCode}) before ${what}${seeLog}`);
    }
    const ready = await probe().catch((error: unknown) => {
      if (options.rethrow) throw error;
      return false;
    });
    if (ready) return;
    if (Date.now() - started > options.timeoutMs) {
      throw new Error(`${what}: not within ${Math.round(options.timeoutMs / 1000)} s${seeLog}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 300));
  }
}

export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** True when nothing listens on `port` and this process may bind it. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** The lowest port the kernel gives outbound connections (Linux), if it says; 0 otherwise. */
export function lowestOutboundPort(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 0;
  } catch {
    return 0;
  }
}

/** Below the outbound range, and above the well-known and registered services most machines run. */
const LOWEST_PICKED_PORT = 10_000;

/**
 * Ports free now, all different: servers that take their ports from a config file or a flag need numbers. Picked
 * below the kernel's range for outbound connections where there is room: a port the OS hands out from that range
 * (`listen(0)`) can be taken by any outbound connection between our check and the server's bind, and was — a
 * Temporal dev server of the test run failed to start with "address already in use" (2026-11-27).
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const below = lowestOutboundPort();
  if (below - LOWEST_PICKED_PORT >= 1_000) {
    const picked = new Set<number>();
    for (let tries = 0; picked.size < count && tries < 50 * count; tries += 1) {
      const port = LOWEST_PICKED_PORT + Math.floor(Math.random() * (below - LOWEST_PICKED_PORT));
      if (!picked.has(port) && (await portFree(port, host))) picked.add(port);
    }
    if (picked.size === count) return [...picked];
  }
  return ephemeralPorts(count, host);
}

/** Ports the OS reports free now (`listen(0)`), for a machine whose outbound range leaves no room below it. */
async function ephemeralPorts(count: number, host: string): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once('error', reject);
          server.listen(0, host, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

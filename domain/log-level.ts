/**
 * The log level of Davar's processes (the API, the worker, the gateway simulator, `npm start`): `LOG_LEVEL`, one of
 * pino's names, `info` when unset. A misspelt level is refused at start with the names it could be, instead of
 * pino's bare "unknown level".
 */
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const isLogLevel = (value: string): value is LogLevel => (logLevels as readonly string[]).includes(value);

export function logLevelFrom(env: Record<string, string | undefined>): LogLevel {
  const given = env.LOG_LEVEL || 'info';
  if (!isLogLevel(given)) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}, not "${given}"`);
  return given;
}

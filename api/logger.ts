/** The API's logger: one recipe for the process's entry point and for an app started without one (the tests). */
import pino, { type Logger } from 'pino';
import { logLevelFrom } from '../domain/log-level';

export const apiLogger = (env: Record<string, string | undefined> = process.env): Logger =>
  pino({ name: 'davar-api', level: logLevelFrom(env) });

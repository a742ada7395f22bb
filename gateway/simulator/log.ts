/** The little logging the simulator does, behind an interface a pino logger satisfies. */

export interface SimLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const silentLogger: SimLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** `LOG_LEVEL` for every process: pino's names, `info` when unset, a clear refusal otherwise. */
import { logLevelFrom } from '../../../domain/log-level';

it('takes pino’s level names and defaults to info', () => {
  expect(logLevelFrom({})).toBe('info');
  expect(logLevelFrom({ LOG_LEVEL: '' })).toBe('info');
  expect(logLevelFrom({ LOG_LEVEL: 'debug' })).toBe('debug');
  expect(logLevelFrom({ LOG_LEVEL: 'silent' })).toBe('silent');
});

it('refuses a misspelt level, naming the ones it could be', () => {
  expect(() => logLevelFrom({ LOG_LEVEL: 'verbose' })).toThrow(
    'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"',
  );
});

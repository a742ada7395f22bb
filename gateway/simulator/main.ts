/** `npm run gateway:sim`: the gateway simulator as a process, configured from the environment. */
import pino from 'pino';
import { logLevelFrom } from '../../domain/log-level';
import { configFromEnv, portFromEnv } from './config';
import { startSimulator } from './server';

const log = pino({ name: 'gateway-sim', level: logLevelFrom(process.env) });

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  const simulator = await startSimulator({
    port: portFromEnv(process.env),
    host: process.env.GATEWAY_SIM_HOST ?? '127.0.0.1',
    config,
    logger: log,
  });
  const { token: _token, callbackSecret: _secret, ...shown } = config;
  log.info({ url: simulator.url, config: shown }, `gateway simulator listening on ${simulator.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'gateway simulator stopping');
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'gateway simulator did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'gateway simulator failed to start');
  process.exit(1);
});

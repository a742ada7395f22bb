/** `npm run temporal:resolve`: prints the Temporal CLI path, building it first if needed. */
import { resolveTemporalCli } from './lib/temporal-cli';

resolveTemporalCli()
  .then((cli) => console.log(cli))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });

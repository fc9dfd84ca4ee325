/** Prints the Temporal CLI's path, building it first when needed. Used by .ci/run and `npm start`. */
import { ensureTemporalCli } from '../platform/temporal-cli';

ensureTemporalCli()
  .then((cli) => process.stdout.write(cli + '\n'))
  .catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(3);
  });

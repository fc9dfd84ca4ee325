/**
 * One Temporal dev server per test run, from the real CLI binary (never a download): the suites share it and
 * isolate themselves with a unique task queue per file. Its address reaches the test workers through the
 * environment, which they inherit from this process.
 */
import { ensureTemporalCli } from '../../platform/temporal-cli';
import { startDevServer, type DevServer } from '../../platform/dev-server';

declare global {
  // eslint-disable-next-line no-var
  var __ledgerbridgeTemporal: DevServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.LEDGERBRIDGE_TEST_TEMPORAL_ADDRESS) return; // a server the caller runs
  const cli = await ensureTemporalCli((line) => process.stderr.write(line + '\n'));
  const server = await startDevServer({ cli, port: 0 });
  globalThis.__ledgerbridgeTemporal = server;
  process.env.LEDGERBRIDGE_TEST_TEMPORAL_ADDRESS = server.address;
}

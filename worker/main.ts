/**
 * `ledgerbridge worker`: a standalone worker for production (TEMPORAL_ADDRESS and DATABASE_URL set) or beside a
 * running `npm start`. Stops cleanly on SIGINT/SIGTERM, letting running activities finish.
 */
import { openDatabase } from '../db';
import { loadSecretBox } from '../db/secrets';
import { TASK_QUEUE, databaseTarget } from '../platform/config';
import { createLogger } from '../platform/log';
import { dataDir } from '../platform/paths';
import { connectNative } from '../platform/temporal-connection';
import { loadCodecKeys } from '../platform/codecKeys';
import { concurrencyFromEnv, createLedgerbridgeWorker } from './createWorker';
import { installRuntime, metricsAddress, metricsUrl } from './runtime';

export async function runWorker(say: (line: string) => void): Promise<void> {
  const log = createLogger({ base: { component: 'worker' } });
  const metrics = await metricsAddress();
  installRuntime(log, metrics);
  const { keys: codecKeys } = loadCodecKeys(); // before anything opens: without keys there is nothing to run
  const concurrency = concurrencyFromEnv();
  const database = await openDatabase(databaseTarget());
  const { connection, namespace } = await connectNative();
  try {
    const worker = await createLedgerbridgeWorker({
      connection,
      namespace,
      taskQueue: TASK_QUEUE,
      deps: { db: database.db, secrets: loadSecretBox({ dataDir: dataDir(), log }), log },
      codecKeys,
      concurrency,
    });
    say(`worker polling task queue ${TASK_QUEUE} in namespace ${namespace} (database: ${database.kind}${concurrency.activities ? `, ${concurrency.activities} activities at once` : ''}), metrics at ${metricsUrl(metrics)}; Ctrl-C stops it`);
    await worker.run(); // SIGINT/SIGTERM shut it down (the SDK's default shutdownSignals)
  } finally {
    await connection.close();
    await database.close();
  }
}

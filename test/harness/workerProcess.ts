/**
 * A real ledgerbridge worker in a process of its own, for tests that kill it with SIGKILL. Run by
 * test/harness/childWorker.ts as `node -r tsx/cjs workerProcess.ts '<json>'` with the test's Temporal address,
 * task queue, database URL and prebuilt workflow bundle. It tells its parent "ready" over IPC once it polls,
 * and exits when the parent goes away, so a test run that dies leaves no worker polling behind it.
 */
import { NativeConnection } from '@temporalio/worker';
import { openDatabase } from '../../db';
import { createLogger } from '../../platform/log';
import { createLedgerbridgeWorker } from '../../worker/createWorker';
import { installRuntime } from '../../worker/runtime';
import { aSecretBox } from '../db/testDatabase';
import { TEST_CODEC_KEYS } from './temporal';

export interface WorkerProcessSettings {
  temporalAddress: string;
  taskQueue: string;
  /** PostgreSQL, or the test process's PGlite served on a loopback socket (`shared`: one connection). */
  database: { url: string; shared: boolean };
  workflowBundlePath: string;
}

export type WorkerProcessMessage = { ready: true };

async function main(settings: WorkerProcessSettings): Promise<void> {
  // Warnings and errors only, on stderr: the parent keeps the tail to explain a worker that died on its own.
  const log = createLogger({ level: 'warn', base: { component: 'child-worker', pid: process.pid } });
  installRuntime(log, '');
  const database = await openDatabase(settings.database);
  const connection = await NativeConnection.connect({ address: settings.temporalAddress });
  const worker = await createLedgerbridgeWorker({
    connection, namespace: 'default', taskQueue: settings.taskQueue,
    workflowBundle: { codePath: settings.workflowBundlePath },
    deps: { db: database.db, secrets: aSecretBox(), log }, codecKeys: TEST_CODEC_KEYS,
  });
  const running = worker.run();
  process.send?.({ ready: true } satisfies WorkerProcessMessage);
  try {
    await running;
  } finally {
    await connection.close();
    await database.close();
  }
}

process.on('disconnect', () => process.exit(1));
main(JSON.parse(process.argv[2] ?? '{}') as WorkerProcessSettings).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`worker process failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

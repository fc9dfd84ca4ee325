/**
 * One ledgerbridge worker: every workflow and activity on one task queue. Workers are stateless (state is in
 * Temporal and the database), so any number can run against the same cluster and database.
 */
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { ledgerbridgeDataConverter } from '../platform/dataConverter';
import type { CodecKeySet } from '../platform/payloadCodec';

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** The payload keys; the same set as the clients' (platform/codecKeys.ts), or neither can read the other. */
  codecKeys: CodecKeySet;
  /** A prebuilt bundle (tests bundle once per file, with FAILURE_CONVERTER_PATH); default: bundle ../workflows at start. */
  workflowBundle?: WorkflowBundleOption;
}

export function createLedgerbridgeWorker(options: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(options.deps),
    dataConverter: ledgerbridgeDataConverter(options.codecKeys),
  });
}

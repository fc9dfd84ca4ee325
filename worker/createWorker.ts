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
  /** How many activities and workflow tasks this worker runs at once (the SDK's defaults when unset). */
  concurrency?: WorkerConcurrency;
}

export interface WorkerConcurrency {
  activities?: number;
  workflowTasks?: number;
}

/**
 * LEDGERBRIDGE_WORKER_ACTIVITIES and LEDGERBRIDGE_WORKER_WORKFLOW_TASKS: a whole number ≥ 1 each, else a clear
 * error before the worker starts. Activities mostly wait on external systems and the database, so a worker with
 * several tenants can run more of them than it has cores; the per-tenant request budget paces each system anyway.
 */
export function concurrencyFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerConcurrency {
  const read = (name: string): number | undefined => {
    const text = env[name];
    if (text === undefined || text.trim() === '') return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${text}: a whole number of at least 1, e.g. ${name}=20`);
    return n;
  };
  return { activities: read('LEDGERBRIDGE_WORKER_ACTIVITIES'), workflowTasks: read('LEDGERBRIDGE_WORKER_WORKFLOW_TASKS') };
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
    ...(options.concurrency?.activities ? { maxConcurrentActivityTaskExecutions: options.concurrency.activities } : {}),
    ...(options.concurrency?.workflowTasks ? { maxConcurrentWorkflowTaskExecutions: options.concurrency.workflowTasks } : {}),
  });
}

/**
 * Waiting on a workflow (its result, an update's answer, a query) only ends when a worker runs it. With no worker
 * polling the task queue, Temporal keeps the task and the client waits in silence, forever: a new operator who
 * forgot `npm start` sees nothing happen. So while a client waits, it asks Temporal who polls the workflow task
 * queue (DescribeTaskQueue), says at once when nobody does and how to start a worker, and gives up after a limit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';

export class NoWorkerPolling extends Error {
  override readonly name = 'NoWorkerPolling';
}

/**
 * A worker long-polls for about a minute at a time, and Temporal lists a poller for minutes after it was last
 * seen: one not seen for this long has stopped.
 */
const LIVE_POLLER_MS = 90_000;

/** How many workers poll the task queue for workflow tasks now; undefined when Temporal cannot say. */
export async function workflowPollers(client: Client, taskQueue: string): Promise<number | undefined> {
  try {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
    });
    const since = Date.now() - LIVE_POLLER_MS;
    return pollers.filter((p) => (optionalTsToMs(p.lastAccessTime) ?? Date.now()) >= since).length;
  } catch {
    return undefined; // not allowed or not answered: say nothing rather than something wrong
  }
}

export function noWorkerMessage(taskQueue: string, namespace: string): string {
  return `no worker polls task queue "${taskQueue}" (namespace ${namespace}), so nothing runs the workflow. ` +
    'Start one: `npm start` (the whole stack on this machine) or `ledgerbridge worker` (against TEMPORAL_ADDRESS and DATABASE_URL)';
}

export interface WatchOptions {
  /** Give up after no worker has polled for this long. */
  limitMs: number;
  /** How often to ask Temporal (default 2 s). */
  everyMs?: number;
  /** Told once, as soon as no worker is seen, with what to do. */
  onMissing?: (message: string) => void;
}

/** What is waited on: the workflow (when it exists, its own task queue counts) and the task queue it is started on. */
export interface WaitTarget {
  workflowId: string;
  taskQueue: string;
}

/**
 * `work` as it is, unless no worker polls the workflow's task queue for `limitMs` while it runs: then
 * NoWorkerPolling. The workflow itself is untouched: it runs once a worker starts.
 */
export async function whileWorkerPolls<T>(client: Client, target: WaitTarget, work: Promise<T>, options: WatchOptions): Promise<T> {
  const stop = new AbortController();
  const watch = async (): Promise<never> => {
    let missingSince: number | undefined;
    for (;;) {
      // A running workflow that was joined (not started) may have been started on another task queue.
      const taskQueue = (await client.workflow.getHandle(target.workflowId).describe().catch(() => undefined))?.taskQueue ?? target.taskQueue;
      const live = await workflowPollers(client, taskQueue);
      if (stop.signal.aborted) return new Promise<never>(() => undefined);
      if (live === 0) {
        if (missingSince === undefined) {
          missingSince = Date.now();
          options.onMissing?.(`${noWorkerMessage(taskQueue, client.options.namespace)}; waiting up to ${Math.round(options.limitMs / 1000)} s for one…`);
        }
        if (Date.now() - missingSince >= options.limitMs) {
          throw new NoWorkerPolling(`${noWorkerMessage(taskQueue, client.options.namespace)}. ` +
            `Gave up after ${Math.round(options.limitMs / 1000)} s; what was started waits in Temporal and runs once a worker polls`);
        }
      } else missingSince = undefined;
      await sleep(Math.min(options.everyMs ?? 2000, options.limitMs), undefined, { signal: stop.signal }).catch(() => undefined);
    }
  };
  try {
    return await Promise.race([work, watch()]);
  } finally {
    stop.abort();
  }
}

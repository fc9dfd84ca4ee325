/**
 * What `batch show` asks Temporal about a batch's export: the running workflow's status, the step it is
 * retrying (attempt, last failure, next attempt: "sending" alone hides a chunk failing for the fourth time).
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import { status as statusQuery, type batchExport } from '../workflows/batchExport';
import type { BatchView } from '../workflows/batchState';
import { batchHandle } from './batches';

/** An activity the workflow waits on, as Temporal describes it. */
export interface PendingStep {
  activity: string;
  /** 1 for the first try; above 1 the step is being retried. */
  attempt: number;
  /** Undefined when unlimited. */
  maximumAttempts?: number;
  lastFailure?: string;
  nextAttemptAt?: string;
}

export interface RunningBatch {
  view: BatchView;
  pending: PendingStep[];
}

/** The live status and pending steps of a running export, or undefined when no export of the batch is running. */
export async function runningBatch(client: Client, tenant: string, batchId: string): Promise<RunningBatch | undefined> {
  const handle = batchHandle(client, tenant, batchId);
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return undefined;
    return { view: await handle.query(statusQuery), pending: await pendingSteps(client, description.raw) };
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}

/** A failure's message is encrypted with its payloads (platform/dataConverter.ts): the client's converter reads it. */
export function pendingSteps(client: Client, raw: Awaited<ReturnType<WorkflowHandle<typeof batchExport>['describe']>>['raw']): Promise<PendingStep[]> {
  return Promise.all((raw.pendingActivities ?? []).map(async (p) => ({
    activity: p.activityType?.name ?? 'activity',
    attempt: p.attempt ?? 1,
    maximumAttempts: p.maximumAttempts || undefined,
    lastFailure: (await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, p.lastFailure))?.message || undefined,
    nextAttemptAt: optionalTsToDate(p.nextAttemptScheduleTime)?.toISOString(),
  })));
}

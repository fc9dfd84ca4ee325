/**
 * Following a batch export from a client: polls the workflow's status query until the workflow closes or waits
 * for a person (needs attention, approval, the accountant posting in 24SevenOffice). Waiting costs the
 * workflow nothing: stopping the follower never stops the export.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@temporalio/client';
import type { BatchStage } from '../db/schemaTypes';
import type { BatchView } from '../workflows/batchState';
import { status as statusQuery, type BatchOutcome } from '../workflows/batchExport';
import { batchHandle } from './batches';

/** Stages in which the workflow waits for a person, not for itself. */
export const PERSON_STAGES: readonly BatchStage[] = ['needs-attention', 'awaiting-approval', 'in-journal'];

export type BatchWaitResult =
  | { kind: 'completed'; outcome: BatchOutcome }
  /** Rejected, cancelled, terminated: the failure's message. */
  | { kind: 'failed'; message: string }
  | { kind: 'waiting'; view: BatchView };

export async function waitForBatch(
  client: Client, tenant: string, batchId: string,
  options: { onView?: (view: BatchView) => void; everyMs?: number } = {},
): Promise<BatchWaitResult> {
  const handle = batchHandle(client, tenant, batchId);
  for (;;) {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') break;
    // The query fails while no worker has picked the workflow up yet: keep polling.
    const view = await handle.query(statusQuery).catch(() => undefined);
    if (view) {
      options.onView?.(view);
      if (PERSON_STAGES.includes(view.stage)) return { kind: 'waiting', view };
    }
    await sleep(options.everyMs ?? 500);
  }
  try {
    return { kind: 'completed', outcome: await handle.result() };
  } catch (err) {
    const e = err as Error & { cause?: Error };
    return { kind: 'failed', message: e.cause?.message ?? e.message };
  }
}

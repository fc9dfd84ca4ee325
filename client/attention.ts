/**
 * An operator's answer to any workflow that needs attention (workflows/attention.ts), sent as an update so the
 * answer is synchronous: the flows' clients (matching, settlements) name the workflow, this sends. And the
 * question before the answer: what a workflow waits for, whatever its flow.
 */
import type { Client } from '@temporalio/client';
import { PERSON_STAGES } from './batchWait';
import { workflowPollers } from './workerPresence';
import { attentionQuery, cancelUpdate, retryUpdate, type AttentionView, type RetryRequest } from '../workflows/attention';

export const retryWorkflow = (client: Client, workflowId: string, request: RetryRequest = {}): Promise<AttentionView> =>
  client.workflow.getHandle(workflowId).executeUpdate(retryUpdate, { args: [request] });

export const cancelWorkflow = (client: Client, workflowId: string, reason: string): Promise<AttentionView> =>
  client.workflow.getHandle(workflowId).executeUpdate(cancelUpdate, { args: [reason] });

export const attentionOf = (client: Client, workflowId: string): Promise<AttentionView> =>
  client.workflow.getHandle(workflowId).query(attentionQuery);

/**
 * The next command of each workflow that waits for a person (NeedsAttention, or a batch awaiting approval or
 * the accountant), keyed by workflow id, asked of the workflows themselves: a query needs a worker, so with none
 * polling `taskQueue` nothing is asked and `undefined` says the commands are unknown. A workflow that cannot
 * answer (started before it had the attention query) is left out.
 */
export async function nextActions(client: Client, rows: readonly WaitingRow[], taskQueue: string): Promise<Map<string, string> | undefined> {
  const waiting = rows.filter((r) => r.status === 'running' && (r.needsAttention || (PERSON_STAGES as readonly string[]).includes(r.stage ?? '')));
  if (waiting.length === 0) return new Map();
  if ((await workflowPollers(client, taskQueue)) === 0) return undefined;
  const next = new Map<string, string>();
  // A few at a time: each query is a task for the workers, who have the flows themselves to run.
  for (let i = 0; i < waiting.length; i += 20) {
    await Promise.all(waiting.slice(i, i + 20).map(async (r) => {
      const action = await attentionOf(client, r.workflowId).then((v) => v.nextAction, () => undefined);
      if (action) next.set(r.workflowId, action);
    }));
  }
  return next;
}

interface WaitingRow {
  workflowId: string;
  status: string;
  stage?: string;
  needsAttention: boolean;
}

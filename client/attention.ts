/**
 * An operator's answer to any workflow that needs attention (workflows/attention.ts), sent as an update so the
 * answer is synchronous: the flows' clients (matching, settlements) name the workflow, this sends.
 */
import type { Client } from '@temporalio/client';
import { cancelUpdate, retryUpdate, type AttentionView, type RetryRequest } from '../workflows/attention';

export const retryWorkflow = (client: Client, workflowId: string, request: RetryRequest = {}): Promise<AttentionView> =>
  client.workflow.getHandle(workflowId).executeUpdate(retryUpdate, { args: [request] });

export const cancelWorkflow = (client: Client, workflowId: string, reason: string): Promise<AttentionView> =>
  client.workflow.getHandle(workflowId).executeUpdate(cancelUpdate, { args: [reason] });

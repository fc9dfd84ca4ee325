/**
 * Purchase-order matching (24SevenOffice ↔ CostTracker): the typed client API behind `ledgerbridge matching …`.
 * A run started by hand is `<tenant>/matching/<time>` (the schedule's `<tenant>/matching-<time>`); manual matches
 * go to the tenant's matching desk (`<tenant>/matching-desk`), started with the first request if it is not running.
 */
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { ManualMatchOutcome } from '../activities/matching';
import { TASK_QUEUE } from '../platform/config';
import { matchingDesk, matchingDeskId, matchUpdate, type ManualMatchInput } from '../workflows/matchingDesk';
import { matchingProgress, matchingRun, type MatchingProgress, type MatchingScope } from '../workflows/matchingRun';
import { startMetadata } from '../workflows/startMetadata';
import { followRun } from './follow';

export { matchingDeskId };

/** A run started by hand: `acme-as/matching/2026-12-02T06:00:00.000Z`. */
export const matchingRunId = (tenant: string, at: Date) => `${tenant}/matching/${at.toISOString()}`;

export async function startMatchingRun(client: Client, tenant: string, scope: MatchingScope = 'all', taskQueue = TASK_QUEUE, at = new Date()): Promise<WorkflowHandle<typeof matchingRun>> {
  return client.workflow.start(matchingRun, {
    taskQueue,
    workflowId: matchingRunId(tenant, at),
    args: [{ tenant, scope }],
    ...startMetadata({
      tenant, flow: 'matching', businessKey: at.toISOString(), stage: 'resolving',
      summary: `Purchase-order matching · ${tenant} · 24SevenOffice ↔ CostTracker (${scope})`,
      title: 'Purchase-order matching run', route: '24SevenOffice ↔ CostTracker',
      facts: { scope },
      inspect: `ledgerbridge matching list ${tenant}`,
    }),
  });
}

export const matchingRunProgress = (client: Client, workflowId: string): Promise<MatchingProgress> =>
  client.workflow.getHandle<typeof matchingRun>(workflowId).query(matchingProgress);

/** Follows a run to its end, or until it needs a person. */
export function followMatchingRun(client: Client, workflowId: string, onProgress: (p: MatchingProgress) => void) {
  return followRun({ result: () => client.workflow.getHandle<typeof matchingRun>(workflowId).result(), view: () => matchingRunProgress(client, workflowId) }, onProgress);
}

/** A match (with `po`) or an unmatch, through the tenant's desk: the answer, or the refusal as a WorkflowUpdateFailedError. */
export async function sendManualMatch(client: Client, tenant: string, request: ManualMatchInput, taskQueue = TASK_QUEUE): Promise<ManualMatchOutcome> {
  const start = new WithStartWorkflowOperation(matchingDesk, {
    workflowId: matchingDeskId(tenant),
    taskQueue,
    args: [{ tenant }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    ...startMetadata({
      tenant, flow: 'matching-desk', stage: 'open',
      summary: `Manual purchase-order matches · ${tenant}`,
      title: 'Matching desk', route: '24SevenOffice ↔ CostTracker',
      facts: { 'match from the UI': 'signal `match` with {"transaction": "<line id>", "po": "<PO>", "by": "<your name>"}' },
      inspect: `ledgerbridge matching list ${tenant}`,
    }),
  });
  return client.workflow.executeUpdateWithStart(matchUpdate, { args: [request], startWorkflowOperation: start });
}

export { retryWorkflow as retryMatchingRun, cancelWorkflow as cancelMatchingRun } from './attention';

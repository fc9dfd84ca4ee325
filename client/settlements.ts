/**
 * The daily settlement (DUELL Z-reports → 24SevenOffice): the typed client API behind `ledgerbridge settlements …`.
 * The `duell` schedule starts `settlementRun` as `<tenant>/settlements-<time>`; `startSettlementRun` starts one by
 * hand (`<tenant>/settlements/<time>`). Each Z-report is `<tenant>/settlement/<department>/<Z number>`.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { RunSummary } from '../activities/settlement';
import type { Db } from '../db';
import { createSettlementRepo, type Settlement } from '../db/repos';
import { SETTLEMENT_FLOW, settlementRunIdPrefix, settlementWorkflowId } from '../domain/settlement/flow';
import { TASK_QUEUE } from '../platform/config';
import { startMetadata } from '../workflows/startMetadata';
import { settlementStatus, type SettlementView } from '../workflows/settlement';
import { settlementRun, settlementRunStatus, type SettlementRunInput, type SettlementRunView } from '../workflows/settlementRun';
import { followRun } from './follow';

export { settlementWorkflowId };
export { retryWorkflow as retrySettlement, cancelWorkflow as cancelSettlement } from './attention';

/** A run started by hand: `acme-as/settlements/2026-12-02T06:00:00.000Z`. */
export const settlementRunWorkflowId = (tenant: string, at: Date) => `${settlementRunIdPrefix(tenant)}/${at.toISOString()}`;

export async function startSettlementRun(
  client: Client, tenant: string, options: Omit<SettlementRunInput, 'tenant'> = {}, taskQueue = TASK_QUEUE, at = new Date(),
): Promise<WorkflowHandle<typeof settlementRun>> {
  return client.workflow.start(settlementRun, {
    taskQueue,
    workflowId: settlementRunWorkflowId(tenant, at),
    args: [{ tenant, ...options }],
    ...startMetadata({
      tenant, flow: SETTLEMENT_FLOW, businessKey: at.toISOString(), stage: 'listing',
      summary: `Daily settlement · ${tenant}${options.departmentId ? ` · department ${options.departmentId}` : ''} · DUELL → 24SevenOffice`,
      title: 'Daily settlement run', route: 'DUELL → 24SevenOffice',
      facts: { department: options.departmentId ?? 'every department', from: options.fromDate },
      inspect: `ledgerbridge settlements list ${tenant}`,
    }),
  });
}

export function settlementRunResult(client: Client, workflowId: string): Promise<RunSummary> {
  return client.workflow.getHandle<typeof settlementRun>(workflowId).result();
}

/** Follows a run to its end (for `--wait`), or until it needs a person. */
export function followSettlementRun(client: Client, workflowId: string, onView: (view: SettlementRunView) => void) {
  return followRun({
    result: () => settlementRunResult(client, workflowId),
    view: () => client.workflow.getHandle<typeof settlementRun>(workflowId).query(settlementRunStatus),
  }, onView);
}

export const settlementView = (client: Client, tenant: string, departmentId: string, zNumber: number): Promise<SettlementView> =>
  client.workflow.getHandle(settlementWorkflowId(tenant, departmentId, zNumber)).query(settlementStatus);

/** One Z-report as ledgerbridge knows it. */
export async function findSettlement(db: Db, tenant: string, departmentId: string, zNumber: number): Promise<Settlement> {
  const row = await createSettlementRepo(db).find(tenant, departmentId, zNumber);
  if (!row) {
    throw new Error(`tenant ${tenant} has no Z ${zNumber} of department ${departmentId} in ledgerbridge: see ledgerbridge log ${tenant} --flow ${SETTLEMENT_FLOW} ` +
      '(a report appears once a settlement run has started it)');
  }
  return row;
}

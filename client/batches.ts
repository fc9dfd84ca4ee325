/**
 * Starting and steering accounting batches: the typed client API behind `ledgerbridge batch …`. The workflow
 * id is `<tenant>/batch/<batch>`: exporting a batch twice answers with the first export, never a second posting.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { batchExport, approveUpdate, cancelUpdate, checkUpdate, rejectUpdate, renumberUpdate, retryUpdate, status, type BatchExportInput } from '../workflows/batchExport';
import type { RetryRequest } from '../workflows/attention';
import type { Approval, BatchView, Rejection } from '../workflows/batchState';
import { startMetadata } from '../workflows/startMetadata';
import { workflowId } from '../domain/ids';
import { batchLabel } from '../domain/batch/flow';
import { batchSettings } from '../domain/batch/settings';
import { displayMinor, groupDigits } from '../domain/money';
import type { Duration } from '@temporalio/common';
import type { Db } from '../db';
import type { SecretBox } from '../db/secrets';
import { connectionOf, createBatchRepo, createConnectionRepo, createTenantRepo } from '../db/repos';
import { TASK_QUEUE } from '../platform/config';

export const batchWorkflowId = (tenant: string, batchId: string) => workflowId(tenant, 'batch', batchId);

/** The database and the secret box (connection rows are read, never their credentials). */
export interface Store {
  db: Db;
  secrets: SecretBox;
}

export class BatchAlreadyExported extends Error {
  override readonly name = 'BatchAlreadyExported';
}

export interface ExportRequest {
  tenant: string;
  batchId: string;
  /** From the source, for the summary: "Batch 2026-11 #3 · 1 204 vouchers · NOK 2 345 678.00". */
  documentCount?: number;
  debitMinor?: number;
  /** Override the tenant's settings for this export (tests use short durations). */
  overrides?: Partial<Pick<BatchExportInput, 'mode' | 'chunkSize' | 'sendConcurrency' | 'pollEvery' | 'pollAtMost' | 'pollRequestsPerHour' | 'remindEvery'>>;
}

export async function exportInput(store: Store, request: ExportRequest): Promise<BatchExportInput> {
  const tenant = await createTenantRepo(store.db).get(request.tenant);
  const settings = batchSettings(tenant.settings, request.tenant);
  return {
    tenant: request.tenant,
    batchId: request.batchId,
    label: batchLabel(request.batchId),
    source: await connectionOf(createConnectionRepo(store.db, store.secrets), request.tenant, 'telaris', settings.source, 'batch'),
    target: await connectionOf(createConnectionRepo(store.db, store.secrets), request.tenant, '24sevenoffice', settings.target, 'batch'),
    mode: settings.postingMode,
    chunkSize: settings.chunkSize,
    sendConcurrency: settings.sendConcurrency,
    pollEvery: settings.pollEvery as Duration,
    pollAtMost: settings.pollAtMost as Duration,
    pollRequestsPerHour: settings.pollRequestsPerHour,
    remindEvery: settings.remindEvery as Duration,
    ...request.overrides,
  };
}

/**
 * Starts the export, or answers why not: already exported (with when and by which workflow), or running
 * (the running export's handle is returned, nothing new starts).
 */
export async function startBatchExport(client: Client, store: Store, request: ExportRequest, taskQueue = TASK_QUEUE): Promise<{ handle: WorkflowHandle<typeof batchExport>; started: boolean }> {
  const id = batchWorkflowId(request.tenant, request.batchId);
  const label = batchLabel(request.batchId);
  const stored = await createBatchRepo(store.db).find(request.tenant, request.batchId);
  if (stored?.exportedAt) {
    throw new BatchAlreadyExported(`batch ${label} already exported at ${stored.exportedAt.toISOString()} (workflow ${stored.workflowId}); nothing done`);
  }
  const input = await exportInput(store, request);
  const summary = [`Batch ${label}`, request.documentCount !== undefined ? `${groupDigits(request.documentCount)} vouchers` : undefined,
    request.debitMinor !== undefined ? displayMinor(request.debitMinor) : undefined].filter(Boolean).join(' · ');
  try {
    const handle = await client.workflow.start(batchExport, {
      taskQueue,
      workflowId: id,
      // A failed, rejected or cancelled export may run again; a completed one may not.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      workflowIdConflictPolicy: 'FAIL',
      args: [input],
      ...startMetadata({
        tenant: request.tenant, flow: 'batch', businessKey: request.batchId, stage: 'staging', summary,
        title: `Telaris batch ${label}`, route: 'Telaris → 24SevenOffice',
        facts: { mode: input.mode, source: input.source, target: input.target, 'chunk size': input.chunkSize },
        inspect: `ledgerbridge batch show ${request.tenant} ${request.batchId}`,
      }),
    });
    return { handle, started: true };
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const handle = client.workflow.getHandle<typeof batchExport>(id);
    const description = await handle.describe();
    if (description.status.name === 'RUNNING') return { handle, started: false };
    const result = await handle.result();
    throw new BatchAlreadyExported(`batch ${label} already exported: ${result.message} (workflow ${id}, closed ${description.closeTime?.toISOString()})`);
  }
}

export function batchHandle(client: Client, tenant: string, batchId: string): WorkflowHandle<typeof batchExport> {
  return client.workflow.getHandle<typeof batchExport>(batchWorkflowId(tenant, batchId));
}

export const approveBatch = (client: Client, tenant: string, batchId: string, approval: Approval): Promise<BatchView> =>
  batchHandle(client, tenant, batchId).executeUpdate(approveUpdate, { args: [approval] });
export const rejectBatch = (client: Client, tenant: string, batchId: string, rejection: Rejection): Promise<BatchView> =>
  batchHandle(client, tenant, batchId).executeUpdate(rejectUpdate, { args: [rejection] });
// The attention updates answer with the flow's own view: for a batch, its BatchView.
export const retryBatch = async (client: Client, tenant: string, batchId: string, request: RetryRequest = {}): Promise<BatchView> =>
  (await batchHandle(client, tenant, batchId).executeUpdate(retryUpdate, { args: [request] })) as BatchView;
export const cancelBatch = async (client: Client, tenant: string, batchId: string, reason: string): Promise<BatchView> =>
  (await batchHandle(client, tenant, batchId).executeUpdate(cancelUpdate, { args: [reason] })) as BatchView;
export const checkBatch = (client: Client, tenant: string, batchId: string): Promise<BatchView> =>
  batchHandle(client, tenant, batchId).executeUpdate(checkUpdate, { args: [] });
export const renumberBatch = (client: Client, tenant: string, batchId: string, by: string): Promise<BatchView> =>
  batchHandle(client, tenant, batchId).executeUpdate(renumberUpdate, { args: [by] });
export const batchStatus = (client: Client, tenant: string, batchId: string): Promise<BatchView> =>
  batchHandle(client, tenant, batchId).query(status);

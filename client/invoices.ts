/**
 * Running and steering the invoice transfer (Visma Severa → Talenom): the typed client API behind
 * `ledgerbridge invoices …`. A run is `<tenant>/invoices/<run time>` (a scheduled one `<tenant>/invoices-<time>`);
 * each invoice is `<tenant>/invoice/<severa guid>`, so it is never transferred by two runs at once.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { createInvoiceTransferRepo, type InvoiceTransfer } from '../db/repos';
import type { Db } from '../db';
import { TASK_QUEUE } from '../platform/config';
import { cancelUpdate, retryUpdate, type RetryRequest } from '../workflows/attention';
import { status as invoiceStatusQuery, type InvoiceView } from '../workflows/invoiceTransfer';
import { invoiceTransferRun, invoiceWorkflowId, runStatus, type InvoiceRunView } from '../workflows/invoiceTransferRun';
import { startMetadata } from '../workflows/startMetadata';
import type { RunSummary } from '../activities/invoices';
import { followRun } from './follow';

export { invoiceWorkflowId };

/** A run started by hand: `acme-oy/invoices/2026-12-02T06:00:00.000Z`. */
export const runWorkflowId = (tenant: string, at: Date) => `${tenant}/invoices/${at.toISOString()}`;

export async function startInvoiceRun(client: Client, tenant: string, taskQueue = TASK_QUEUE, at = new Date()): Promise<WorkflowHandle<typeof invoiceTransferRun>> {
  return client.workflow.start(invoiceTransferRun, {
    taskQueue,
    workflowId: runWorkflowId(tenant, at),
    args: [{ tenant }],
    ...startMetadata({
      tenant, flow: 'invoice-transfer', businessKey: at.toISOString(), stage: 'listing',
      summary: `Invoice transfer run · ${tenant} · Severa → Talenom`,
      title: 'Invoice transfer run', route: 'Visma Severa → Talenom',
      inspect: `ledgerbridge invoices list ${tenant}`,
    }),
  });
}

export function runResult(client: Client, workflowId: string): Promise<RunSummary> {
  return client.workflow.getHandle<typeof invoiceTransferRun>(workflowId).result();
}

export const runView = (client: Client, workflowId: string): Promise<InvoiceRunView> =>
  client.workflow.getHandle<typeof invoiceTransferRun>(workflowId).query(runStatus);

/** Follows a run to its end, or until it needs a person. */
export function followInvoiceRun(client: Client, workflowId: string, onView: (view: InvoiceRunView) => void) {
  return followRun({ result: () => runResult(client, workflowId), view: () => runView(client, workflowId) }, onView);
}

/** One invoice's transfer, named by its Severa guid or its number (looked up in the transfers ledgerbridge knows). */
export async function findInvoice(db: Db, tenant: string, invoice: string): Promise<InvoiceTransfer> {
  const row = await createInvoiceTransferRepo(db).find(tenant, invoice);
  if (!row) {
    throw new Error(`tenant ${tenant} has no invoice ${invoice} in ledgerbridge: see ledgerbridge invoices list ${tenant} (an invoice appears there once a run has listed it)`);
  }
  return row;
}

export const invoiceView = (client: Client, tenant: string, invoiceGuid: string): Promise<InvoiceView> =>
  client.workflow.getHandle(invoiceWorkflowId(tenant, invoiceGuid)).query(invoiceStatusQuery);

/** The live view of an invoice's transfer while its workflow runs; undefined when none runs. */
export async function runningInvoiceView(client: Client, tenant: string, invoiceGuid: string): Promise<InvoiceView | undefined> {
  const handle = client.workflow.getHandle(invoiceWorkflowId(tenant, invoiceGuid));
  try {
    if ((await handle.describe()).status.name !== 'RUNNING') return undefined;
    return await handle.query(invoiceStatusQuery);
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}

/** A retry or cancel goes to the workflow that waits: an invoice's (by guid or number) or a run's (by its workflow id). */
function waitingHandle(client: Client, tenant: string, target: { invoiceGuid?: string; workflowId?: string }): WorkflowHandle {
  return client.workflow.getHandle(target.workflowId ?? invoiceWorkflowId(tenant, target.invoiceGuid!));
}

export const retryTransfer = (client: Client, tenant: string, target: { invoiceGuid?: string; workflowId?: string }, request: RetryRequest = {}) =>
  waitingHandle(client, tenant, target).executeUpdate(retryUpdate, { args: [request] });

export const cancelTransfer = (client: Client, tenant: string, target: { invoiceGuid?: string; workflowId?: string }, reason: string) =>
  waitingHandle(client, tenant, target).executeUpdate(cancelUpdate, { args: [reason] });

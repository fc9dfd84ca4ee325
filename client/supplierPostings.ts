/**
 * Running and steering post mode of the purchase-order matching (CostTracker → 24SevenOffice): the typed client API
 * behind post mode's side of `ledgerbridge matching retry | cancel` (the decisions themselves: client/matching.ts). The nightly `matching` schedule starts `matchingRun`, which starts
 * a posting run when the CostTracker connection is in post mode; `startPostingRun` starts one by hand
 * (`<tenant>/ct-invoices/<time>`). Each invoice is `<tenant>/ct-invoice/<CostTracker id>`.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { RunSummary } from '../activities/supplierPosting';
import { createSupplierInvoicePostingRepo, type SupplierInvoicePosting } from '../db/repos';
import type { Db } from '../db';
import { POSTING_FLOW, supplierInvoiceWorkflowId } from '../domain/matching/posting';
import { TASK_QUEUE } from '../platform/config';
import { startMetadata } from '../workflows/startMetadata';
import { postingStatus, type SupplierPostingView } from '../workflows/supplierInvoicePosting';
import { supplierInvoicePostingRun } from '../workflows/supplierInvoicePostingRun';

export { supplierInvoiceWorkflowId };

/** A run started by hand: `acme-as/ct-invoices/2026-12-02T02:00:00.000Z`. */
export const postingRunWorkflowId = (tenant: string, at: Date) => `${tenant}/ct-invoices/${at.toISOString()}`;

export async function startPostingRun(client: Client, tenant: string, taskQueue = TASK_QUEUE, at = new Date()): Promise<WorkflowHandle<typeof supplierInvoicePostingRun>> {
  return client.workflow.start(supplierInvoicePostingRun, {
    taskQueue,
    workflowId: postingRunWorkflowId(tenant, at),
    args: [{ tenant }],
    ...startMetadata({
      tenant, flow: POSTING_FLOW, businessKey: at.toISOString(), stage: 'listing',
      summary: `Supplier invoice posting · ${tenant} · CostTracker → 24SevenOffice`,
      title: 'Supplier invoice posting run', route: 'CostTracker → 24SevenOffice',
      inspect: `ledgerbridge matching list ${tenant}`,
    }),
  });
}

export function postingRunResult(client: Client, workflowId: string): Promise<RunSummary> {
  return client.workflow.getHandle<typeof supplierInvoicePostingRun>(workflowId).result();
}

export const postingView = (client: Client, tenant: string, invoiceId: string): Promise<SupplierPostingView> =>
  client.workflow.getHandle(supplierInvoiceWorkflowId(tenant, invoiceId)).query(postingStatus);

/** One received invoice, named by CostTracker's id or the supplier's invoice number, as ledgerbridge knows it. */
export async function findPosting(db: Db, tenant: string, invoice: string): Promise<SupplierInvoicePosting> {
  const row = await createSupplierInvoicePostingRepo(db).find(tenant, invoice);
  if (!row) {
    throw new Error(`tenant ${tenant} has no CostTracker invoice ${invoice} in ledgerbridge: see ledgerbridge log ${tenant} --flow ${POSTING_FLOW} ` +
      '(an invoice appears once a posting run has listed it)');
  }
  return row;
}

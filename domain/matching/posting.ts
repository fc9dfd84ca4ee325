/**
 * Names of the matching's post mode (supplier invoices received in CostTracker, posted to 24SevenOffice) that
 * workflows, activities and the CLI share.
 */

/** The Flow search attribute and the export log's flow of post mode. */
export const POSTING_FLOW = 'supplier-posting';

/** The workflow id of one received invoice's posting: its business identity, so no two runs post it at once. */
export const supplierInvoiceWorkflowId = (tenant: string, invoiceId: string) => `${tenant}/ct-invoice/${invoiceId}`;

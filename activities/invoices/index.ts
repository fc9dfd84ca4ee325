/** The invoice transfer's activities (Visma Severa → Talenom), bound to their dependencies. */
import type { RetryRequest } from '../../workflows/attention';
import type { ActivityDeps } from '../deps';
import { markTransferred, recordInvoiceStage } from './mark';
import { prepareInvoice, type InvoiceRef } from './prepare';
import { transferProducts, transferSalesLedger } from './registers';
import { listWaitingInvoices, recordRunSummary, scanAnomalies, type RunRef, type RunSummary } from './run';
import { sendInvoice, upsertCustomer } from './send';

export type { InvoiceRef, Prepared } from './prepare';
export type { Anomalies, RunRef, RunSummary, WaitingInvoice } from './run';
export type { RegisterOutcome } from './registers';

export function createInvoiceActivities(deps: ActivityDeps) {
  return {
    listWaitingInvoices: (ref: RunRef) => listWaitingInvoices(deps, ref),
    scanAnomalies: (ref: RunRef) => scanAnomalies(deps, ref),
    recordRunSummary: (input: RunRef & { summary: RunSummary }) => recordRunSummary(deps, input),
    prepareInvoice: (ref: InvoiceRef) => prepareInvoice(deps, ref),
    upsertCustomer: (ref: InvoiceRef) => upsertCustomer(deps, ref),
    sendInvoice: (input: InvoiceRef & { contactId: string; retry?: RetryRequest }) => sendInvoice(deps, input),
    markTransferred: (input: InvoiceRef & { talenomId: string }) => markTransferred(deps, input),
    recordInvoiceStage: (input: InvoiceRef & { stage: string; attention: string | null }) => recordInvoiceStage(deps, input),
    transferProducts: (ref: RunRef) => transferProducts(deps, ref),
    transferSalesLedger: (ref: RunRef) => transferSalesLedger(deps, ref),
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;

/** Post mode of the purchase-order matching (CostTracker → 24SevenOffice): its activities, bound to their dependencies. */
import type { RetryRequest } from '../../workflows/attention';
import type { ActivityDeps } from '../deps';
import { markSupplierInvoicePosted, recordPostingStage } from './mark';
import { numberSupplierInvoice, postSupplierInvoice } from './post';
import { preparePosting, type PostingRef } from './prepare';
import { listApprovedInvoices, recordRunSummary, type RunRef, type RunSummary } from './run';

export type { PostingRef, Prepared } from './prepare';
export type { RunRef, RunSummary, WaitingInvoice } from './run';

export function createSupplierPostingActivities(deps: ActivityDeps) {
  return {
    listApprovedInvoices: (ref: RunRef) => listApprovedInvoices(deps, ref),
    recordPostingRunSummary: (input: RunRef & { summary: RunSummary }) => recordRunSummary(deps, input),
    preparePosting: (ref: PostingRef) => preparePosting(deps, ref),
    numberSupplierInvoice: (ref: PostingRef) => numberSupplierInvoice(deps, ref),
    postSupplierInvoice: (input: PostingRef & { retry?: RetryRequest }) => postSupplierInvoice(deps, input),
    markSupplierInvoicePosted: (ref: PostingRef) => markSupplierInvoicePosted(deps, ref),
    recordPostingStage: (input: PostingRef & { stage: string; attention: string | null }) => recordPostingStage(deps, input),
  };
}

export type SupplierPostingActivities = ReturnType<typeof createSupplierPostingActivities>;

/**
 * One supplier invoice received in CostTracker to 24SevenOffice (`<tenant>/ct-invoice/<CostTracker id>`): read and
 * check it → preflight against 24SevenOffice → draw its voucher number → post the voucher (exactly once) → mark it
 * posted in CostTracker. What a person must fix (a supplier 24SevenOffice lacks, an account to map, lines that do
 * not add up) waits in needs attention for `ledgerbridge matching retry` after the fix, or `cancel`; the run that
 * started it is told, so it goes on with the other invoices.
 */
import {
  CancellationScope, defineQuery, defineSignal, getExternalWorkflowHandle, isCancellation, log, proxyActivities,
  setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { PostingRef, SupplierPostingActivities } from '../activities/supplierPosting';
import { Attention, cancelledReason, type AttentionView, type RetryRequest } from './attention';
import { DOCUMENT_STEP_OPTIONS } from './documentChild';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface SupplierInvoicePostingInput {
  tenant: string;
  /** CostTracker's id of the received invoice. */
  invoiceId: string;
  /** For people: the supplier's invoice number and the supplier, when the run knew them. */
  invoiceNumber?: string;
  supplier?: string;
  /** The run that started it, told when this invoice needs a person. */
  runWorkflowId?: string;
}

export interface SupplierPostingOutcome {
  outcome: 'posted' | 'already-posted' | 'skipped';
  transactionNo?: number;
}

export interface SupplierPostingView extends AttentionView {
  invoice: string;
  supplier?: string;
  transactionNo?: number;
  nextAction?: string;
}

export const postingStatus = defineQuery<SupplierPostingView>('status');
/** Sent to the run: this invoice waits for a person, so the run need not wait for it. */
export const supplierInvoiceNeedsAttention = defineSignal<[{ invoiceId: string }]>('supplierInvoiceNeedsAttention');

const act = proxyActivities<SupplierPostingActivities>(DOCUMENT_STEP_OPTIONS);
const step = stepsWith(DOCUMENT_STEP_OPTIONS);

export async function supplierInvoicePosting(input: SupplierInvoicePostingInput): Promise<SupplierPostingOutcome> {
  const ref: PostingRef = { tenant: input.tenant, invoiceId: input.invoiceId, workflowId: workflowInfo().workflowId };
  let number = input.invoiceNumber ?? input.invoiceId;
  let supplier = input.supplier;
  let transactionNo: number | undefined;
  let toldRun = false;
  let posting = false;
  const attention: Attention = new Attention({
    subject: `CostTracker invoice ${number}`,
    logContext: { tenant: input.tenant, invoice: input.invoiceId },
    commands: { retry: `ledgerbridge matching retry ${input.tenant} ${input.invoiceId}`, cancel: `ledgerbridge matching cancel ${input.tenant} ${input.invoiceId}` },
    record: async (stage, reason) => {
      // The run is told first: recording may be what fails (the database down), and the run must not wait for it.
      if (stage === 'needs-attention' && input.runWorkflowId && !toldRun) {
        await getExternalWorkflowHandle(input.runWorkflowId).signal(supplierInvoiceNeedsAttention, { invoiceId: input.invoiceId })
          .then(() => { toldRun = true; }, () => { toldRun = true; }); // refused only when the run is over already
      }
      await step(act.recordPostingStage, `Record stage ${stage}`, { ...ref, stage, attention: reason ?? null });
    },
    details: () => details(),
    // Once the voucher may be in 24SevenOffice, a cancel would leave the ledger and CostTracker apart: it finishes.
    cancelRefusal: () => (posting || attention.phase === 'marking'
      ? `CostTracker invoice ${number} is being posted to 24SevenOffice or is there already; it cannot be cancelled now (it needs no person); wait for it to finish`
      : undefined),
  });
  const details = () => [
    `**CostTracker invoice ${number}**${supplier ? ` · supplier ${supplier}` : ''} · tenant **${input.tenant}** · CostTracker → 24SevenOffice`,
    `Stage: **${attention.stage}**${transactionNo !== undefined ? ` · voucher ${transactionNo}` : ''}`,
    attention.detailsMarkdown(),
    attention.refusals.length ? `\nRefused: ${attention.refusals.join('; ')}` : '',
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(postingStatus, () => ({ ...attention.view(), invoice: number, supplier, transactionNo, nextAction: attention.nextAction() }));

  try {
    await attention.enter('preparing');
    const posted = await attention.attended(async (request: RetryRequest) => {
      const prepared = await step(act.preparePosting, 'Read the invoice from CostTracker and check it against 24SevenOffice', ref);
      if (prepared.kind !== 'ready') return prepared;
      number = prepared.invoiceNumber;
      supplier = prepared.supplier;
      ({ transactionNo } = await step(act.numberSupplierInvoice, 'Draw the voucher number', ref));
      posting = true;
      try {
        const sent = await step(act.postSupplierInvoice, `Post voucher ${transactionNo} to 24SevenOffice`, { ...ref, retry: request });
        return { kind: 'posted' as const, ...sent };
      } finally {
        posting = false;
      }
    });
    if (posted.kind === 'already-posted') {
      transactionNo = posted.transactionNo;
      await attention.enter('posted');
      return finish('already-posted', `invoice ${posted.invoiceNumber} was posted before as voucher ${posted.transactionNo}; nothing sent again`);
    }
    if (posted.kind === 'skipped') {
      await attention.enter('skipped', posted.why);
      return finish('skipped', `invoice ${posted.invoiceNumber ?? number}: ${posted.why}; nothing posted`);
    }
    await attention.enter('marking');
    await attention.attended(() => step(act.markSupplierInvoicePosted, `Mark it posted in CostTracker (voucher ${posted.transactionNo})`, ref));
    attention.end('posted');
    return posted.postedBefore
      ? finish('already-posted', `invoice ${number} was in 24SevenOffice as voucher ${posted.transactionNo} already; nothing sent again`)
      : finish('posted', `invoice ${number} posted to 24SevenOffice as voucher ${posted.transactionNo}`);
  } catch (err) {
    const reason = cancelledReason(err) ?? (isCancellation(err) ? 'cancelled in the Temporal UI' : undefined);
    if (reason !== undefined) {
      attention.end('cancelled');
      await CancellationScope.nonCancellable(() => step(act.recordPostingStage, 'Record the cancellation', { ...ref, stage: 'cancelled', attention: reason }))
        .catch((e: unknown) => log.warn('could not record the cancellation', { invoice: input.invoiceId, error: String(e) }));
    }
    throw err;
  }

  function finish(outcome: SupplierPostingOutcome['outcome'], message: string): SupplierPostingOutcome {
    log.info(message, { tenant: input.tenant, invoice: input.invoiceId });
    return { outcome, transactionNo };
  }
}

/**
 * One Severa invoice to Talenom (`<tenant>/invoice/<severa guid>`), as the accountant's checklist reads:
 * read it → map its codes → the customer to Talenom → the Finvoice document to Talenom (exactly once) → Severa's
 * status to transferred. What a person must fix (a sales account Talenom does not know, an invoice without
 * customer) waits in needs attention for `ledgerbridge invoices retry` after the fix, or `cancel`; the run that
 * started it is told, so it goes on with the other invoices.
 */
import {
  CancellationScope, defineQuery, defineSignal, getExternalWorkflowHandle, isCancellation, log, proxyActivities,
  setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { InvoiceActivities, InvoiceRef, Prepared } from '../activities/invoices';
import { Attention, cancelledReason, type AttentionView, type RetryRequest } from './attention';
import { DOCUMENT_STEP_OPTIONS } from './documentChild';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface InvoiceTransferInput {
  tenant: string;
  invoiceGuid: string;
  /** For people: the invoice number and customer, when the run knew them. */
  number?: string;
  customer?: string;
  /** The run that started it, told when this invoice needs a person. */
  runWorkflowId?: string;
}

export interface InvoiceOutcome {
  outcome: 'transferred' | 'already-transferred' | 'not-waiting';
  number: string;
  message: string;
  warnings: number;
}

export interface InvoiceView extends AttentionView {
  invoice: string;
  customer?: string;
  nextAction?: string;
}

export const status = defineQuery<InvoiceView>('status');
/** Sent to the run: this invoice waits for a person, so the run need not wait for it. */
export const invoiceNeedsAttention = defineSignal<[{ invoiceGuid: string; number: string; reason: string }]>('invoiceNeedsAttention');

const act = proxyActivities<InvoiceActivities>(DOCUMENT_STEP_OPTIONS);
const step = stepsWith(DOCUMENT_STEP_OPTIONS);

export async function invoiceTransfer(input: InvoiceTransferInput): Promise<InvoiceOutcome> {
  const ref: InvoiceRef = { tenant: input.tenant, invoiceGuid: input.invoiceGuid, workflowId: workflowInfo().workflowId };
  let number = input.number ?? input.invoiceGuid;
  let customer = input.customer;
  let toldRun = false;
  let sending = false;
  const attention: Attention = new Attention({
    subject: `invoice ${number}`,
    logContext: { tenant: input.tenant, invoice: input.invoiceGuid },
    commands: { retry: `ledgerbridge invoices retry ${input.tenant} ${number}`, cancel: `ledgerbridge invoices cancel ${input.tenant} ${number}` },
    record: async (stage, reason) => {
      // The run is told first: recording may be what fails (the database down), and the run must not wait for it.
      if (stage === 'needs-attention' && input.runWorkflowId && !toldRun) {
        await getExternalWorkflowHandle(input.runWorkflowId).signal(invoiceNeedsAttention, { invoiceGuid: input.invoiceGuid, number, reason: reason ?? '' })
          .then(() => { toldRun = true; }, () => { toldRun = true; }); // refused only when the run is over already
      }
      await step(act.recordInvoiceStage, `Record stage ${stage}`, { ...ref, stage, attention: reason ?? null });
    },
    details: () => details(),
    // Once the document may be at Talenom, a cancel would leave Severa and Talenom apart: the transfer finishes.
    cancelRefusal: () => (sending || attention.phase === 'marking'
      ? `invoice ${number} is being sent to Talenom or is there already; it cannot be cancelled now (it needs no person); wait for it to finish`
      : undefined),
  });
  const view = (): InvoiceView => ({ ...attention.view(), invoice: number, customer, nextAction: attention.nextAction() });
  const details = () => [
    `**Invoice ${number}**${customer ? ` · ${customer}` : ''} · tenant **${input.tenant}** · Severa → Talenom`,
    `Stage: **${attention.stage}**`,
    attention.detailsMarkdown(),
    attention.refusals.length ? `\nRefused: ${attention.refusals.join('; ')}` : '',
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(status, view);

  try {
    await attention.enter('preparing');
    const sent = await attention.attended(async (request: RetryRequest) => {
      const prepared: Prepared = await step(act.prepareInvoice, 'Read the invoice from Severa', ref);
      if (prepared.kind !== 'ready') return prepared;
      number = prepared.number;
      customer = prepared.customer;
      const contact = await step(act.upsertCustomer, `Customer ${prepared.customer} to Talenom`, ref);
      sending = true;
      try {
        const sent = await step(act.sendInvoice, `Send invoice ${prepared.number} to Talenom`, { ...ref, contactId: contact.contactId, retry: request });
        return { kind: 'sent' as const, talenomId: sent.talenomId, warnings: prepared.warnings };
      } finally {
        sending = false;
      }
    });
    if (sent.kind === 'already-transferred') {
      await attention.enter('transferred');
      return finish('already-transferred', `invoice ${sent.number} was transferred before; nothing sent again`, 0);
    }
    if (sent.kind === 'not-waiting') {
      await attention.enter('skipped', `no longer waiting (now ${sent.status}); nothing sent`);
      return finish('not-waiting', `invoice ${sent.number ?? number} is no longer waiting (${sent.status}); nothing sent`, 0);
    }
    await attention.enter('marking');
    const marked = await attention.attended(() => step(act.markTransferred, 'Set the Severa status to transferred', { ...ref, talenomId: sent.talenomId }));
    attention.end('transferred');
    return finish('transferred', `invoice ${marked.number} transferred to Talenom`, marked.warnings);
  } catch (err) {
    const reason = cancelledReason(err) ?? (isCancellation(err) ? 'cancelled in the Temporal UI' : undefined);
    if (reason !== undefined) {
      attention.end('cancelled');
      await CancellationScope.nonCancellable(() => step(act.recordInvoiceStage, 'Record the cancellation', { ...ref, stage: 'cancelled', attention: reason }))
        .catch((e: unknown) => log.warn('could not record the cancellation', { invoice: input.invoiceGuid, error: String(e) }));
    }
    throw err;
  }

  function finish(outcome: InvoiceOutcome['outcome'], message: string, warnings: number): InvoiceOutcome {
    log.info(message, { tenant: input.tenant, invoice: input.invoiceGuid });
    return { outcome, number, message, warnings };
  }
}

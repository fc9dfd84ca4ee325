/**
 * A posting run of the purchase-order matching's post mode: list the supplier invoices approved in CostTracker and
 * post each in a child workflow of its own (`<tenant>/ct-invoice/<id>`), `matching.post.concurrency` at a time.
 * Started by `matchingRun` (the nightly `matching` schedule) when the tenant's CostTracker connection is in post
 * mode. One invoice's problem never holds back the others: a child that needs a person tells the run, which goes
 * on and leaves it waiting (children outlive the run); the next run finds it still in progress and does not start
 * it twice. The run returns counts only.
 */
import { defineQuery, log, proxyActivities, setCurrentDetails, setHandler, startChild, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { RunSummary, SupplierPostingActivities, WaitingInvoice } from '../activities/supplierPosting';
import { POSTING_FLOW, supplierInvoiceWorkflowId } from '../domain/matching/posting';
import { mapLimit } from '../platform/pool';
import { Attention, type AttentionView } from './attention';
import { DOCUMENT_CHILD, documentChild, type ChildEnd } from './documentChild';
import { startMetadata } from './startMetadata';
import { stepsWith } from './step';
import { supplierInvoiceNeedsAttention, supplierInvoicePosting, type SupplierPostingOutcome } from './supplierInvoicePosting';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';
export { supplierInvoiceWorkflowId };

export interface SupplierInvoicePostingRunInput {
  tenant: string;
  /** Children at once; default the tenant's `matching.post.concurrency` as the run found it. */
  concurrency?: number;
}

export interface PostingRunView extends AttentionView {
  summary: RunSummary;
}

export const postingRunStatus = defineQuery<PostingRunView>('status');

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 15 },
};
const act = proxyActivities<SupplierPostingActivities>(OPTIONS);
const step = stepsWith(OPTIONS);

export async function supplierInvoicePostingRun(input: SupplierInvoicePostingRunInput): Promise<RunSummary> {
  const ref = { tenant: input.tenant, workflowId: workflowInfo().workflowId };
  const summary: RunSummary = { waiting: 0, posted: 0, alreadyPosted: 0, skipped: 0, stillRunning: 0, needsAttention: 0, failed: 0, more: false };
  // Who needs a person, for the details only: the history carries counts (the export log and `matching` commands name them).
  const needingPerson: string[] = [];
  const waitingForPerson = new Set<string>();
  const attention: Attention = new Attention({
    subject: `posting run of ${input.tenant}`,
    logContext: { tenant: input.tenant, run: ref.workflowId },
    commands: { retry: `ledgerbridge matching retry ${input.tenant} ${ref.workflowId}`, cancel: `ledgerbridge matching cancel ${input.tenant} ${ref.workflowId}` },
    // The run has no row of its own: its stage is in the search attributes and its summary in the export log.
    record: async () => undefined,
    details: () => details(),
  });
  const details = (): string => [
    `**Supplier invoice posting** of tenant **${input.tenant}** · CostTracker → 24SevenOffice · stage **${attention.stage}**`,
    `${summary.waiting} approved · ${summary.posted} posted · ${summary.alreadyPosted} posted before · ${summary.skipped} skipped · ` +
      `${summary.needsAttention} need attention · ${summary.stillRunning} still in progress · ${summary.failed} failed`,
    attention.detailsMarkdown(),
    needingPerson.length ? `\nNeed attention: ${needingPerson.join(', ')} (\`ledgerbridge log ${input.tenant} --flow ${POSTING_FLOW}\`)` : '',
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(postingRunStatus, () => ({ ...attention.view(), summary }));
  setHandler(supplierInvoiceNeedsAttention, ({ invoiceId }) => {
    if (waitingForPerson.has(invoiceId)) return;
    waitingForPerson.add(invoiceId);
    summary.needsAttention++;
    needingPerson.push(invoiceId);
    setCurrentDetails(details());
  });

  await attention.enter('listing');
  const listed = await attention.attended(() => step(act.listApprovedInvoices, 'List the invoices approved in CostTracker', ref));
  summary.waiting = listed.invoices.length;
  summary.more = listed.more;

  await attention.enter('posting');
  await mapLimit(listed.invoices, input.concurrency ?? listed.concurrency, async (invoice) => {
    if (attention.cancelRequested !== undefined) return; // cancelled: no further invoice is started
    const outcome = await postOne(input.tenant, invoice, ref.workflowId, () => waitingForPerson.has(invoice.id));
    if (outcome === 'needs-attention') {
      if (!waitingForPerson.has(invoice.id)) {
        summary.needsAttention++;
        needingPerson.push(invoice.id);
      }
    } else if (outcome === 'still-running') summary.stillRunning++;
    else if (outcome === 'failed') summary.failed++;
    else if (outcome.outcome === 'posted') summary.posted++;
    else if (outcome.outcome === 'already-posted') summary.alreadyPosted++;
    else summary.skipped++;
    setCurrentDetails(details());
  });

  const record = () => step(act.recordPostingRunSummary, 'Record the run in the export log', { ...ref, summary });
  // Recorded also when the run was cancelled midway (attended() runs nothing then): what it posted is logged.
  const message = attention.cancelRequested !== undefined ? await record() : await attention.attended(record);
  attention.throwIfCancelled();
  attention.end(summary.needsAttention + summary.failed > 0 ? 'done-with-problems' : 'done');
  log.info(message, { tenant: input.tenant });
  return summary;
}

/** One invoice's child (workflows/documentChild.ts). */
function postOne(tenant: string, invoice: WaitingInvoice, runWorkflowId: string, needsPerson: () => boolean): Promise<ChildEnd<SupplierPostingOutcome>> {
  return documentChild(() => startChild(supplierInvoicePosting, {
    ...DOCUMENT_CHILD,
    workflowId: supplierInvoiceWorkflowId(tenant, invoice.id),
    args: [{ tenant, invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, supplier: invoice.supplier, runWorkflowId }],
    ...startMetadata({
      tenant, flow: POSTING_FLOW, businessKey: invoice.invoiceNumber, stage: 'preparing',
      summary: `Supplier invoice ${invoice.invoiceNumber} · supplier ${invoice.supplier} · CostTracker → 24SevenOffice`,
      title: `Supplier invoice ${invoice.invoiceNumber}`, route: 'CostTracker → 24SevenOffice',
      facts: { supplier: invoice.supplier, 'CostTracker id': invoice.id, run: runWorkflowId },
      inspect: `ledgerbridge matching list ${tenant}`,
    }),
  }), needsPerson);
}

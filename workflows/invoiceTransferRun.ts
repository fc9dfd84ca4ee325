/**
 * A transfer run (`<tenant>/invoices/<run time>`, on the tenant's schedule or by `ledgerbridge invoices run`):
 * list the invoices waiting in Severa, report the anomalies (in "transferred" but never transferred, changed after
 * the transfer), and transfer each waiting invoice in a child workflow of its own (`<tenant>/invoice/<guid>`), a
 * few at a time. One invoice's problem never holds back the others: a child that needs a person tells the run,
 * which goes on and leaves it waiting (children outlive the run), and the next run does not start it twice.
 */
import { defineQuery, log, proxyActivities, setCurrentDetails, setHandler, startChild, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { Anomalies, InvoiceActivities, RunSummary, WaitingInvoice } from '../activities/invoices';
import { mapLimit } from '../platform/pool';
import { Attention, type AttentionView } from './attention';
import { DOCUMENT_CHILD, documentChild, type ChildEnd } from './documentChild';
import { invoiceNeedsAttention, invoiceTransfer, type InvoiceOutcome } from './invoiceTransfer';
import { startMetadata } from './startMetadata';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface InvoiceTransferRunInput {
  tenant: string;
  /** Children at once; default the tenant's `severa.concurrency` as the run found it. */
  concurrency?: number;
}

export interface InvoiceRunView extends AttentionView {
  waiting: number;
  summary: RunSummary;
}

export const runStatus = defineQuery<InvoiceRunView>('status');

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 15 },
};
const act = proxyActivities<InvoiceActivities>(OPTIONS);
const step = stepsWith(OPTIONS);

/** The workflow id of one invoice's transfer: its business identity, so no run starts it twice. */
export const invoiceWorkflowId = (tenant: string, invoiceGuid: string) => `${tenant}/invoice/${invoiceGuid}`;

export async function invoiceTransferRun(input: InvoiceTransferRunInput): Promise<RunSummary> {
  const ref = { tenant: input.tenant, workflowId: workflowInfo().workflowId };
  const summary: RunSummary = { transferred: [], alreadyTransferred: [], notWaiting: [], needsAttention: [], stillRunning: [], failed: [], anomalies: { neverTransferred: [], changedAfter: [] }, more: false };
  let waiting: WaitingInvoice[] = [];
  const waitingForPerson = new Set<string>();
  const attention: Attention = new Attention({
    subject: `transfer run of ${input.tenant}`,
    logContext: { tenant: input.tenant, run: ref.workflowId },
    commands: { retry: `ledgerbridge invoices retry ${input.tenant} ${ref.workflowId}`, cancel: `ledgerbridge invoices cancel ${input.tenant} ${ref.workflowId}` },
    // The run has no row of its own: its stage is in the search attributes and its summary in the export log.
    record: async () => undefined,
    details: () => details(),
  });
  const details = (): string => [
    `**Invoice transfer** of tenant **${input.tenant}** · Severa → Talenom · stage **${attention.stage}**`,
    `${waiting.length} waiting · ${summary.transferred.length} transferred · ${summary.alreadyTransferred.length} already transferred · ` +
      `${summary.needsAttention.length} need attention · ${summary.stillRunning.length} still in progress · ${summary.failed.length} failed`,
    attention.detailsMarkdown(),
    summary.needsAttention.length ? `\nNeed attention: ${summary.needsAttention.join(', ')} (\`ledgerbridge invoices list ${input.tenant} --stage needs-attention\`)` : '',
    anomalyText(summary.anomalies),
  ].filter(Boolean).join('\n\n'); // a paragraph each: Markdown runs single lines together
  attention.registerHandlers();
  setHandler(runStatus, () => ({ ...attention.view(), waiting: waiting.length, summary }));
  setHandler(invoiceNeedsAttention, ({ invoiceGuid, number }) => {
    if (waitingForPerson.has(invoiceGuid)) return;
    waitingForPerson.add(invoiceGuid);
    summary.needsAttention.push(number);
    setCurrentDetails(details());
  });

  await attention.enter('listing');
  const listed = await attention.attended(() => step(act.listWaitingInvoices, 'List invoices waiting in Severa', ref));
  waiting = listed.invoices;
  summary.more = listed.more;
  summary.anomalies = await attention.attended(() => step(act.scanAnomalies, 'Look for invoices transferred by hand or changed after transfer', ref));

  await attention.enter('transferring');
  await mapLimit(waiting, input.concurrency ?? listed.concurrency, async (invoice) => {
    if (attention.cancelRequested !== undefined) return; // cancelled: no further invoice is started
    const outcome = await transferOne(input.tenant, invoice, ref.workflowId, () => waitingForPerson.has(invoice.guid));
    const name = invoice.number ?? invoice.guid;
    if (outcome === 'needs-attention') {
      if (!waitingForPerson.has(invoice.guid)) summary.needsAttention.push(name);
    } else if (outcome === 'still-running') summary.stillRunning.push(name);
    else if (outcome === 'failed') summary.failed.push(name);
    else if (outcome.outcome === 'transferred') summary.transferred.push(outcome.number);
    else if (outcome.outcome === 'already-transferred') summary.alreadyTransferred.push(outcome.number);
    else summary.notWaiting.push(outcome.number);
    setCurrentDetails(details());
  });

  const record = () => step(act.recordRunSummary, 'Record the run in the export log', { ...ref, summary });
  // Recorded also when the run was cancelled midway (attended() runs nothing then): what it transferred is logged.
  const message = attention.cancelRequested !== undefined ? await record() : await attention.attended(record);
  attention.throwIfCancelled();
  attention.end(summary.needsAttention.length + summary.failed.length > 0 ? 'done-with-problems' : 'done');
  log.info(message, { tenant: input.tenant });
  return summary;
}

/** One invoice's child (workflows/documentChild.ts). */
function transferOne(tenant: string, invoice: WaitingInvoice, runWorkflowId: string, needsPerson: () => boolean): Promise<ChildEnd<InvoiceOutcome>> {
  return documentChild(() => startChild(invoiceTransfer, {
    ...DOCUMENT_CHILD,
    workflowId: invoiceWorkflowId(tenant, invoice.guid),
    args: [{ tenant, invoiceGuid: invoice.guid, number: invoice.number, customer: invoice.customer, runWorkflowId }],
    ...startMetadata({
      tenant, flow: 'invoice-transfer', businessKey: invoice.number ?? invoice.guid, stage: 'preparing',
      summary: `Invoice ${invoice.number ?? invoice.guid} · ${invoice.customer} → Talenom`,
      title: `Invoice ${invoice.number ?? invoice.guid}`, route: 'Visma Severa → Talenom',
      facts: { customer: invoice.customer, 'Severa guid': invoice.guid, run: runWorkflowId },
      inspect: `ledgerbridge invoices show ${tenant} ${invoice.number ?? invoice.guid}`,
    }),
  }), needsPerson);
}

function anomalyText(a: Anomalies): string {
  const lines = [
    ...a.neverTransferred.map((x) => `- invoice ${x.number ?? x.guid}: in "transferred" but never transferred: move it back to waiting in Severa`),
    ...a.changedAfter.map((x) => `- invoice ${x.number ?? x.guid}: Talenom not updated: ${x.fields.join(', ')}`),
  ];
  return lines.length ? `\n**Anomalies**\n${lines.join('\n')}` : '';
}

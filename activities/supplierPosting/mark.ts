/**
 * The last step of one received invoice: CostTracker marks it posted with the voucher number. CostTracker is read
 * first, so a lost answer is not sent again: posted with our number is done; posted with another number means
 * someone posted it too (a double posting for a person to reverse).
 */
import { createExportLogRepo, createSupplierInvoicePostingRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, FLOW, openPostingSystems } from './context';
import { storedVoucher, type PostingRef } from './prepare';

export async function markSupplierInvoicePosted(deps: ActivityDeps, ref: PostingRef): Promise<{ invoiceNumber: string; transactionNo: number }> {
  return withFailures(async () => {
    const postings = createSupplierInvoicePostingRepo(deps.db);
    const row = await postings.find(ref.tenant, ref.invoiceId);
    const { transactionNo } = storedVoucher(row?.invoiceId === ref.invoiceId ? row : undefined, ref.tenant, ref.invoiceId);
    const number = row!.invoiceNumber ?? ref.invoiceId;
    const label = `tenant ${ref.tenant}, CostTracker invoice ${number} (id ${ref.invoiceId})`;
    const { costtracker } = await openPostingSystems(deps, ref.tenant);
    const invoice = await costtracker.receivedInvoice(ref.invoiceId);
    if (!invoice) {
      throw attention('ValidationFailed', `${label} is in 24SevenOffice as voucher ${transactionNo} but was deleted in CostTracker; nothing to mark. ` +
        `Reverse the voucher in 24SevenOffice if it should not be there, then: ledgerbridge matching cancel ${ref.tenant} ${ref.invoiceId}`);
    }
    if (invoice.status === 'posted' && invoice.postedVoucher !== transactionNo) {
      throw attention('DuplicateMismatch', `${label} was posted to 24SevenOffice as voucher ${transactionNo}, but CostTracker shows it posted as voucher ${invoice.postedVoucher ?? '?'}: ` +
        `it is in the ledger twice. Reverse one of the two vouchers in 24SevenOffice and correct CostTracker if needed, then: ledgerbridge matching cancel ${ref.tenant} ${ref.invoiceId}`);
    }
    const marked = invoice.status === 'posted' ? 'was marked posted already' : 'marked posted in CostTracker';
    if (invoice.status !== 'posted') await costtracker.markPosted(ref.invoiceId, transactionNo);
    await postings.update(ref.tenant, ref.invoiceId, { stage: 'posted', postedAt: new Date(), attention: null });
    await createExportLogRepo(deps.db).record({
      tenant: ref.tenant, flow: FLOW, entityType: 'invoice', sourceId: ref.invoiceId, targetId: String(transactionNo), outcome: 'ok', workflowId: ref.workflowId,
      message: `invoice ${number}: ${marked} with voucher ${transactionNo}`,
    });
    return { invoiceNumber: number, transactionNo };
  });
}

/**
 * Where operators look: the invoice's stage and why it waits. Needing a person and a cancellation get their line
 * in the export log, so `ledgerbridge log` tells the whole story.
 */
export async function recordPostingStage(deps: ActivityDeps, ref: PostingRef & { stage: string; attention: string | null }): Promise<void> {
  const postings = createSupplierInvoicePostingRepo(deps.db);
  const stage = ref.stage as Parameters<typeof postings.save>[2]['stage'];
  await postings.save(ref.tenant, ref.invoiceId, { stage, attention: ref.attention, workflowId: ref.workflowId });
  if (stage !== 'cancelled' && stage !== 'needs-attention') return;
  const number = (await postings.find(ref.tenant, ref.invoiceId))?.invoiceNumber ?? ref.invoiceId;
  await createExportLogRepo(deps.db).record({
    tenant: ref.tenant, flow: FLOW, entityType: 'invoice', sourceId: ref.invoiceId, workflowId: ref.workflowId,
    ...(stage === 'cancelled'
      ? { outcome: 'skipped', message: `invoice ${number} cancelled: ${ref.attention ?? ''}; it stays approved in CostTracker, so the next run takes it again unless it is changed there` }
      : { outcome: 'failed', message: `invoice ${number} needs attention: ${ref.attention ?? ''}` }),
  });
}

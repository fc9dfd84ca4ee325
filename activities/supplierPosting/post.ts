/**
 * The voucher number and the posting of one received invoice. The number comes from the tenant-wide allocator
 * (db/repos/voucherNumbers.ts) with the invoice's identity as owner, so a retried step draws the same number and
 * a lost answer is looked up by it; the voucher goes through postVouchers() (exactly once, keyed
 * `costtracker/invoice/<id>`). When another writer took the number in 24SevenOffice, the operator's retry gives
 * it up and draws a new one.
 */
import { createExportLogRepo, createIdempotencyRepo, createSupplierInvoicePostingRepo, createVoucherNumberRepo } from '../../db/repos';
import type { RetryRequest } from '../../workflows/attention';
import type { ActivityDeps } from '../deps';
import { requestHash, TAKEN_BY_ANOTHER } from '../exactlyOnce';
import { withFailures } from '../failures';
import { CONFIRMED_HOW, postOneVoucher } from '../postVouchers';
import { attention, FLOW, openPostingSystems, postingKey, TARGET } from './context';
import { storedVoucher, type PostingRef, type UnnumberedVoucher } from './prepare';
import { metrics } from '../../platform/metrics';

export async function numberSupplierInvoice(deps: ActivityDeps, ref: PostingRef): Promise<{ transactionNo: number }> {
  return withFailures(async () => {
    const postings = createSupplierInvoicePostingRepo(deps.db);
    const row = await postings.find(ref.tenant, ref.invoiceId);
    const voucher = row?.invoiceId === ref.invoiceId ? (row.voucher as UnnumberedVoucher | null) : null;
    if (!voucher) throw attention('ValidationFailed', `tenant ${ref.tenant}, CostTracker invoice ${ref.invoiceId} was not prepared; run it again: ledgerbridge matching retry ${ref.tenant} ${ref.invoiceId}`);
    const key = postingKey(ref.invoiceId);
    const allocator = createVoucherNumberRepo(deps.db);
    const earlier = await createIdempotencyRepo(deps.db).get(ref.tenant, TARGET, key);
    // Refused because another writer holds this very number: it is burnt, and a new one drawn.
    if (row!.transactionNo !== null && earlier?.state === 'refused' && earlier.detail?.startsWith(TAKEN_BY_ANOTHER) &&
      earlier.requestHash === requestHash({ transactionNo: row!.transactionNo, ...voucher })) {
      await allocator.burn(ref.tenant, [key], `24SevenOffice holds another voucher under ${row!.transactionNo}`);
    }
    const { target } = await openPostingSystems(deps, ref.tenant);
    const type = (await target.voucherTypes()).find((t) => t.typeNo === voucher.voucherType);
    if (!type) {
      throw attention('MappingMissing', `tenant ${ref.tenant}: voucher type ${voucher.voucherType} (matching.post.voucherType) does not exist in 24SevenOffice; ` +
        `set it: ledgerbridge tenants settings ${ref.tenant} matching='{"post":{"voucherType":<TypeNo>}}', then: ledgerbridge matching retry ${ref.tenant} ${ref.invoiceId}`);
    }
    const year = Number(voucher.date.slice(0, 4));
    const floor = await target.nextTransactionNo({ date: `${year}-01-01`, entrySeriesId: type.entrySeriesId });
    const drawn = await allocator.draw(ref.tenant, { entrySeriesId: type.entrySeriesId, year }, [key], floor);
    const transactionNo = drawn.get(key)!;
    if (transactionNo !== row!.transactionNo) await postings.update(ref.tenant, ref.invoiceId, { transactionNo });
    return { transactionNo };
  });
}

/** `postedBefore`: an earlier run had it confirmed in 24SevenOffice already (set back to approved in CostTracker, or its mark failed). */
export async function postSupplierInvoice(deps: ActivityDeps, ref: PostingRef & { retry?: RetryRequest }): Promise<{ transactionNo: number; postedBefore: boolean }> {
  return withFailures(async () => {
    const postings = createSupplierInvoicePostingRepo(deps.db);
    const row = await postings.find(ref.tenant, ref.invoiceId);
    const voucher = storedVoucher(row?.invoiceId === ref.invoiceId ? row : undefined, ref.tenant, ref.invoiceId);
    const number = row!.invoiceNumber ?? ref.invoiceId;
    const { target, targetSettings, settings } = await openPostingSystems(deps, ref.tenant);
    const saveTo = settings.post.saveTo;
    const bundleName = `CostTracker ${number}`;
    const label = `tenant ${ref.tenant}, CostTracker invoice ${number} (id ${ref.invoiceId}), voucher ${voucher.transactionNo}`;
    const retry = `ledgerbridge matching retry ${ref.tenant} ${ref.invoiceId}`;
    const line = (outcome: 'ok' | 'duplicate' | 'failed', message: string, targetId: string | null = String(voucher.transactionNo)) => ({
      tenant: ref.tenant, flow: FLOW, entityType: 'invoice', sourceId: ref.invoiceId, targetId, outcome, workflowId: ref.workflowId, message: `invoice ${number}: ${message}`,
    });
    const { postedBefore } = await postOneVoucher(deps.db, {
      tenant: ref.tenant, target, saveTo, bundleName, key: postingKey(ref.invoiceId), voucher,
      journalRefusesUsedNumbers: targetSettings.journalRefusesUsedNumbers, resolution: ref.retry?.resolution,
      explain: {
        label, retry,
        byHand: `if it is not this invoice, post the invoice by hand and mark it posted in CostTracker, then: ledgerbridge matching cancel ${ref.tenant} ${ref.invoiceId}`,
      },
      async onConfirmed(tx, how) {
        await createSupplierInvoicePostingRepo(tx).update(ref.tenant, ref.invoiceId, { stage: 'marking', attention: null });
        await createExportLogRepo(tx).record(line(how === 'sent' ? 'ok' : 'duplicate', how === 'sent'
          ? `${saveTo === 'ledger' ? 'posted to the ledger' : 'saved to the journal for posting'} as voucher ${voucher.transactionNo}`
          : `${CONFIRMED_HOW[how]} (voucher ${voucher.transactionNo})`));
      },
      async onRefused(tx, reason) {
        await createExportLogRepo(tx).record(line('failed', `refused by 24SevenOffice: ${reason}`, null));
      },
      counted: { counter: metrics.vouchersPosted, flow: FLOW },
    });
    return { transactionNo: voucher.transactionNo, postedBefore };
  });
}

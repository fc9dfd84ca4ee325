/**
 * Voucher numbers (TransactionNo) for the whole batch, drawn before the first voucher is sent and recorded in
 * the database, so a retried send carries the same numbers and a lost answer can be looked up by them.
 * GetEntryId does not reserve and may not count unposted journal vouchers, so the next number is also never
 * below what this tenant has already drawn in that series and year (API doc §4, Numbering).
 */
import type { BatchRef } from '../../domain/batch/flow';
import type { VoucherKind } from '../../domain/batch/voucher';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, loadMapping, openTarget, repos } from './context';

export async function reserveTransactionNumbers(deps: ActivityDeps, ref: BatchRef): Promise<{ numbered: number }> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const pending = await batches.unnumbered(ref.tenant, ref.batchId);
    if (pending.length === 0) return { numbered: 0 };
    const target = await openTarget(deps, ref);
    const mapping = await loadMapping(deps, ref.tenant);
    const series = new Map((await target.voucherTypes()).map((t) => [t.typeNo, t.entrySeriesId]));

    const groups = new Map<string, { entrySeriesId: number; year: number; vouchers: { sourceId: string; voucherType: number }[] }>();
    for (const v of pending) {
      const voucherType = mapping.voucherType(v.kind as VoucherKind);
      const entrySeriesId = voucherType === undefined ? undefined : series.get(voucherType);
      if (voucherType === undefined || entrySeriesId === undefined) {
        throw attention('MappingMissing', `tenant ${ref.tenant}: ${v.kind} vouchers have no valid voucher type; map one: ledgerbridge mappings set ${ref.tenant} voucher-type ${v.kind}=<TypeNo>`);
      }
      const year = Number(v.voucherDate.slice(0, 4));
      const key = `${entrySeriesId}/${year}`;
      const group = groups.get(key) ?? { entrySeriesId, year, vouchers: [] };
      group.vouchers.push({ sourceId: v.sourceId, voucherType });
      groups.set(key, group);
    }

    const numbers: { sourceId: string; voucherType: number; entrySeriesId: number; transactionNo: number }[] = [];
    for (const g of groups.values()) {
      const fromTarget = await target.nextTransactionNo({ date: `${g.year}-01-01`, entrySeriesId: g.entrySeriesId });
      const drawn = await batches.maxTransactionNo(ref.tenant, g.entrySeriesId, g.year);
      let next = Math.max(fromTarget, (drawn ?? 0) + 1);
      for (const v of g.vouchers) numbers.push({ ...v, entrySeriesId: g.entrySeriesId, transactionNo: next++ });
    }
    await batches.number(ref.tenant, ref.batchId, numbers);
    return { numbered: numbers.length };
  });
}

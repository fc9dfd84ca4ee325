/**
 * Voucher numbers (TransactionNo) for the whole batch, drawn from the tenant-wide allocator
 * (db/repos/voucherNumbers.ts) before the first voucher is sent and stored with the vouchers, so a retried send
 * carries the same numbers and a lost answer can be looked up by them. 24SevenOffice's next number (GetEntryId)
 * is the floor: the allocator never draws below it, and never draws a number twice for the tenant.
 *
 * Renumbering is an operator's decision (`ledgerbridge batch renumber`): when another writer took some of the
 * batch's numbers in 24SevenOffice, the vouchers it refused burn their numbers and draw new ones.
 */
import type { BatchRef } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import type { VoucherKind } from '../../domain/batch/voucher';
import { createExportLogRepo, createIdempotencyRepo, createVoucherNumberRepo } from '../../db/repos';
import { TAKEN_BY_ANOTHER } from '../exactlyOnce';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, loadMapping, openTarget, repos, TARGET } from './context';
import { documentKey } from './entries';

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

    const allocator = createVoucherNumberRepo(deps.db);
    const numbers: { sourceId: string; voucherType: number; entrySeriesId: number; transactionNo: number }[] = [];
    for (const g of groups.values()) {
      const floor = await target.nextTransactionNo({ date: `${g.year}-01-01`, entrySeriesId: g.entrySeriesId });
      const drawn = await allocator.draw(ref.tenant, { entrySeriesId: g.entrySeriesId, year: g.year }, g.vouchers.map((v) => documentKey(v.sourceId)), floor);
      for (const v of g.vouchers) numbers.push({ ...v, entrySeriesId: g.entrySeriesId, transactionNo: drawn.get(documentKey(v.sourceId))! });
    }
    await batches.number(ref.tenant, ref.batchId, numbers);
    return { numbered: numbers.length };
  });
}

/**
 * The vouchers 24SevenOffice refused because another writer holds their numbers give those numbers up; the next
 * send draws new ones. Vouchers whose outcome is unknown keep theirs: they may be in 24SevenOffice under them.
 */
export async function renumberVouchers(deps: ActivityDeps, input: BatchRef & { by: string }): Promise<{ renumbered: number }> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const numbered = (await batches.vouchers(input.tenant, input.batchId)).filter((v) => v.state === 'staged' && v.transactionNo !== null);
    const taken = new Set((await createIdempotencyRepo(deps.db).getAll(input.tenant, TARGET, numbered.map((v) => documentKey(v.sourceId))))
      .filter((r) => r.state === 'refused' && r.detail?.startsWith(TAKEN_BY_ANOTHER)).map((r) => r.key));
    const refused = numbered.filter((v) => taken.has(documentKey(v.sourceId)));
    if (refused.length === 0) return { renumbered: 0 };
    const because = `renumbered by ${input.by}: 24SevenOffice holds other vouchers under these numbers`;
    await createVoucherNumberRepo(deps.db).burn(input.tenant, refused.map((v) => documentKey(v.sourceId)), because);
    await batches.clearNumbers(input.tenant, input.batchId, refused.map((v) => v.sourceId));
    await createExportLogRepo(deps.db).record({
      tenant: input.tenant, flow: 'batch', entityType: 'batch', sourceId: input.batchId, outcome: 'pending', workflowId: input.workflowId,
      message: `batch ${batchLabel(input.batchId)}: ${refused.length} voucher(s) give up numbers ${refused[0]!.transactionNo}… and draw new ones (${because})`,
    });
    return { renumbered: refused.length };
  });
}

/**
 * After posting: has the accountant posted the journal yet (journal mode), and does 24SevenOffice's ledger
 * hold exactly what was sent, per account, department and project (accounting-primer.md, "reconciled")?
 */
import { heartbeat } from '@temporalio/activity';
import type { BatchRef, PostedResult, ReconcileResult } from '../../domain/batch/flow';
import { addLine, differences, emptyTotals } from '../../domain/batch/reconcile';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { loadMapping, loadSettings, openTarget, repos } from './context';
import { entriesOf, ledgerLines, numbered } from './ledger';
import { mapLimit } from '../../platform/pool';

/** GetTransactions calls in flight at once while reading a batch back. */
const LOOK_UPS_IN_FLIGHT = 3;
const chunkNumbers = (count: number) => Array.from({ length: count }, (_, chunk) => chunk);

export async function checkPosted(deps: ActivityDeps, ref: BatchRef): Promise<PostedResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const batch = await batches.get(ref.tenant, ref.batchId);
    const target = await openTarget(deps, ref);
    const typeIds = new Map((await target.voucherTypes()).map((t) => [t.typeNo, t.id]));
    await mapLimit(chunkNumbers(batch.chunkCount), LOOK_UPS_IN_FLIGHT, async (chunk) => {
      const waiting = (await batches.vouchers(ref.tenant, ref.batchId, chunk)).filter((r) => r.state !== 'posted').map(numbered);
      if (waiting.length === 0) return;
      const found = await ledgerLines(target, waiting, typeIds);
      const posted = waiting.filter((v) => found.has(v.transactionNo)).map((v) => v.sourceId);
      if (posted.length > 0) await batches.markVouchers(ref.tenant, ref.batchId, posted, 'posted');
      heartbeat({ chunk });
    });
    const counts = await batches.countByState(ref.tenant, ref.batchId);
    return { posted: counts.posted ?? 0, total: batch.voucherCount };
  });
}

export async function reconcileBatch(deps: ActivityDeps, ref: BatchRef): Promise<ReconcileResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const batch = await batches.get(ref.tenant, ref.batchId);
    const [mapping, settings, target] = await Promise.all([loadMapping(deps, ref.tenant), loadSettings(deps, ref.tenant), openTarget(deps, ref)]);
    const typeIds = new Map((await target.voucherTypes()).map((t) => [t.typeNo, t.id]));
    const subledger = new Set(settings.subledgerAccounts);
    const sent = emptyTotals();
    const found = emptyTotals();
    await mapLimit(chunkNumbers(batch.chunkCount), LOOK_UPS_IN_FLIGHT, async (chunk) => {
      const vouchers = (await batches.vouchers(ref.tenant, ref.batchId, chunk)).map(numbered);
      for (const v of vouchers) {
        for (const e of entriesOf(v, mapping, subledger)) {
          addLine(sent, { transactionNo: v.transactionNo, account: e.accountNo, amount: e.amount, departmentId: e.departmentId, projectId: e.projectId });
        }
      }
      for (const [transactionNo, lines] of await ledgerLines(target, vouchers, typeIds)) {
        for (const l of lines) addLine(found, { transactionNo, account: l.accountNo, amount: l.amount, departmentId: l.departmentId, projectId: l.projectId });
      }
      heartbeat({ chunk });
    });
    const diffs = differences(sent, found);
    const ok = diffs.length === 0;
    await batches.update(ref.tenant, ref.batchId, {
      reconciliation: { ok, at: new Date().toISOString(), differences: diffs.slice(0, 1000) },
      attention: ok ? null : `reconciliation found ${diffs.length} difference(s)`,
    });
    return summary(diffs);
  });
}

function summary(diffs: ReturnType<typeof differences>): ReconcileResult {
  return { ok: diffs.length === 0, differenceCount: diffs.length, firstDifferences: diffs.slice(0, 10).map((d) => d.message) };
}

/**
 * After posting: has the accountant posted the journal yet (journal mode), and does 24SevenOffice's ledger
 * hold exactly what was sent, per account, department and project (accounting-primer.md, "reconciled")?
 */
import { heartbeat } from '@temporalio/activity';
import { ledgerLines, voucherTypeIds } from '../../connectors/24sevenoffice/posting';
import type { BatchRef, PostedResult, ReconcileResult } from '../../domain/batch/flow';
import { addLine, differences, emptyTotals } from '../../domain/batch/reconcile';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { loadMapping, loadSettings, openTarget, repos } from './context';
import { toPost } from './entries';
import { mapLimit } from '../../platform/pool';

/** GetTransactions calls in flight at once while reading a batch back. */
const LOOK_UPS_IN_FLIGHT = 3;
/** Vouchers per GetTransactions while waiting for the journal: few calls, answers of bounded size. */
const POLL_GROUP = 500;
const chunkNumbers = (count: number) => Array.from({ length: count }, (_, chunk) => chunk);

/**
 * Which of the vouchers still waiting in the journal has the accountant posted? Only those are looked up, a few
 * hundred per call, so a batch waiting for days costs a handful of requests per look (`calls`).
 */
export async function checkPosted(deps: ActivityDeps, ref: BatchRef): Promise<PostedResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const batch = await batches.get(ref.tenant, ref.batchId);
    const waiting = (await batches.vouchers(ref.tenant, ref.batchId)).filter((r) => r.state !== 'posted');
    let calls = 0;
    if (waiting.length > 0) {
      const [mapping, settings, target] = await Promise.all([loadMapping(deps, ref.tenant), loadSettings(deps, ref.tenant), openTarget(deps, ref)]);
      const typeIds = await voucherTypeIds(target);
      calls++;
      const subledger = new Set(settings.subledgerAccounts);
      for (let i = 0; i < waiting.length; i += POLL_GROUP) {
        const group = waiting.slice(i, i + POLL_GROUP).map((r) => toPost(r, mapping, subledger));
        const found = await ledgerLines(target, group.map((v) => v.request), typeIds);
        calls += new Set(group.map((v) => v.request.voucherType)).size;
        const posted = group.filter((v) => found.has(v.request.transactionNo)).map((v) => v.sourceId);
        if (posted.length > 0) await batches.markVouchers(ref.tenant, ref.batchId, posted, 'posted');
        heartbeat({ looked: i + group.length });
      }
    }
    const counts = await batches.countByState(ref.tenant, ref.batchId);
    return { posted: counts.posted ?? 0, total: batch.voucherCount, calls };
  });
}

/** Does 24SevenOffice's ledger hold exactly what was sent (the stored entries), per account, department and project? */
export async function reconcileBatch(deps: ActivityDeps, ref: BatchRef): Promise<ReconcileResult> {
  return withFailures(async () => {
    const { batches } = repos(deps);
    const batch = await batches.get(ref.tenant, ref.batchId);
    const [mapping, settings, target] = await Promise.all([loadMapping(deps, ref.tenant), loadSettings(deps, ref.tenant), openTarget(deps, ref)]);
    const typeIds = await voucherTypeIds(target);
    const subledger = new Set(settings.subledgerAccounts);
    const sent = emptyTotals();
    const found = emptyTotals();
    await mapLimit(chunkNumbers(batch.chunkCount), LOOK_UPS_IN_FLIGHT, async (chunk) => {
      const vouchers = (await batches.vouchers(ref.tenant, ref.batchId, chunk)).map((r) => toPost(r, mapping, subledger));
      for (const v of vouchers) {
        for (const e of v.request.entries) {
          addLine(sent, { transactionNo: v.request.transactionNo, account: e.accountNo, amount: e.amount, departmentId: e.departmentId, projectId: e.projectId });
        }
      }
      for (const [transactionNo, lines] of await ledgerLines(target, vouchers.map((v) => v.request), typeIds)) {
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

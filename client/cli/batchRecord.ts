/**
 * A batch as `batch show` and `batch export --wait` print it: the stored record (stage, counts, totals per
 * voucher type, approval), every stored preflight problem, every reconciliation difference, and the running
 * workflow's live status when there is one.
 */
import type { Batch as StoredBatch } from '../../db/repos';
import { KIND_LABEL, type VoucherKind } from '../../domain/batch/voucher';
import { displayMinor, groupDigits } from '../../domain/money';
import type { BatchView } from '../../workflows/batchState';
import type { Output } from './output';

export function printRecord(out: Output, b: StoredBatch, live: BatchView | undefined): void {
  out.record({
    batch: `${b.label} (${b.batchId})`,
    stage: live?.stage ?? b.stage,
    mode: b.postingMode,
    vouchers: `${groupDigits(b.voucherCount)} in ${b.chunkCount} chunk(s) of up to ${b.chunkSize}`,
    total: displayMinor(b.totalMinor),
    workflow: b.workflowId,
    approved: b.approvedBy ? `by ${b.approvedBy} at ${b.approvedAt?.toISOString()}` : undefined,
    posted: b.postedAt,
    exported: b.exportedAt,
    attention: live?.attention ?? b.attention,
  });
  const totals = Object.entries(b.totals);
  if (totals.length > 0) {
    out.say('\nTotals per voucher type:');
    out.table(totals.map(([kind, t]) => ({ type: KIND_LABEL[kind as VoucherKind] ?? kind, vouchers: t.vouchers, debit: displayMinor(t.debit) })), ['type', 'vouchers', 'debit']);
  }
}

/** Every stored problem, not only the first few the workflow carries. */
export function printPreflight(out: Output, b: StoredBatch): void {
  if (!b.preflight) return;
  const { ok, at, problems } = b.preflight;
  out.say(`\nPreflight (${at}): ${ok ? 'passed' : `${problems.length} problem(s)`}`);
  if (!ok) out.table(problems.map((p) => ({ code: p.code, voucher: p.sourceId, line: p.line, message: p.message })), ['code', 'voucher', 'line', 'message']);
}

export function printReconciliation(out: Output, b: StoredBatch): void {
  if (!b.reconciliation) return;
  const { ok, at, differences } = b.reconciliation;
  out.say(`\nReconciliation (${at}): ${ok ? "24SevenOffice's ledger matches the batch" : `${differences.length} difference(s)`}`);
  if (!ok) {
    out.table(differences.map((d) => ({ dimension: d.dimension, key: d.key, sent: displayMinor(d.sent), found: displayMinor(d.found), message: d.message })),
      ['dimension', 'key', 'sent', 'found', 'message']);
  }
}

export function printLive(out: Output, v: BatchView): void {
  out.say(`\nLive (the workflow is running):`);
  out.record({
    stage: v.stage,
    chunks: `${v.chunks.sent} / ${v.chunks.total} sent`,
    posted: v.posted ? `${v.posted.posted} / ${v.posted.total} vouchers posted in 24SevenOffice` : undefined,
    preflight: v.preflight ? (v.preflight.ok ? `passed (${v.preflight.vouchersChecked} vouchers verified)` : `${v.preflight.problemCount} problem(s)`) : undefined,
    refused: v.refusals.length ? v.refusals.join(' | ') : undefined,
  });
}

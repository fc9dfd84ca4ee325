/**
 * A batch as `batch show` and `batch export --wait` print it: the stored record (stage, counts, totals per
 * voucher type, approval), the preflight problems (identical ones grouped), every reconciliation difference,
 * and the running workflow's live status with the step it is retrying.
 */
import type { Batch as StoredBatch } from '../../db/repos';
import { preflightScope, type Problem } from '../../domain/batch/preflight';
import { ProblemGroups } from '../../domain/batch/problemGroups';
import { KIND_LABEL, type VoucherKind } from '../../domain/batch/voucher';
import { displayMinor, groupDigits } from '../../domain/money';
import type { BatchView } from '../../workflows/batchState';
import type { PendingStep } from '../batchInspect';
import type { Output } from './output';

/** What the stored row does not say by itself. */
export interface BatchFacts {
  /** Vouchers per state (staged, sent, saved, posted), from the staged vouchers themselves. */
  states: Record<string, number>;
}

/** Vouchers that reached 24SevenOffice, by what the vouchers' own states say (not by what was meant to be sent). */
export function delivered(states: Record<string, number>): { sent: number; saved: number; posted: number; total: number } {
  const sent = states.sent ?? 0;
  const saved = states.saved ?? 0;
  const posted = states.posted ?? 0;
  return { sent, saved, posted, total: sent + saved + posted };
}

export function printRecord(out: Output, b: StoredBatch, live: BatchView | undefined, facts: BatchFacts): void {
  const d = delivered(facts.states);
  const parts = [d.posted && `${groupDigits(d.posted)} posted`, d.saved && `${groupDigits(d.saved)} in the journal`, d.sent && `${groupDigits(d.sent)} without an answer yet`].filter(Boolean);
  out.record({
    batch: `${b.label} (${b.batchId})`,
    stage: live?.stage ?? b.stage,
    mode: b.postingMode,
    vouchers: `${groupDigits(b.voucherCount)} in ${b.chunkCount} chunk(s) of up to ${b.chunkSize}` /* the current export's: staging records it */,
    sent: `${groupDigits(d.total)} of ${groupDigits(b.voucherCount)}${parts.length ? ` (${parts.join(', ')})` : ''}`,
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

/** Every stored problem, identical ones once with their count (`--json` has each one). */
export function printPreflight(out: Output, b: StoredBatch): void {
  if (!b.preflight) return;
  const { ok, at, problems } = b.preflight;
  const groups = new ProblemGroups(preflightScope({ tenant: b.tenantId, batchLabel: b.label }));
  for (const p of problems as Problem[]) groups.add(p);
  const distinct = groups.size < problems.length ? `, ${groups.size} distinct` : '';
  out.say(`\nPreflight (${at}): ${ok ? 'passed' : `${problems.length} problem(s)${distinct}`}`);
  if (!ok) out.table(groups.summaries().map((g) => ({ code: g.code, vouchers: g.vouchers, problem: g.text })), ['code', 'vouchers', 'problem']);
}

export function printReconciliation(out: Output, b: StoredBatch, facts: BatchFacts): void {
  if (!b.reconciliation) return;
  const { ok, at, differences } = b.reconciliation;
  out.say(`\nReconciliation (${at}): ${ok ? "24SevenOffice's ledger matches the batch" : `${differences.length} difference(s)`}`);
  if (!ok) {
    const sentVouchers = delivered(facts.states).total;
    out.table(differences.map((d) => d.dimension === 'vouchers'
      // A count, not money; and "sent" is what reached 24SevenOffice, not the batch's size.
      ? { dimension: d.dimension, key: d.key, sent: groupDigits(sentVouchers), found: groupDigits(d.found), message: voucherCountMessage(b.voucherCount, sentVouchers, d) }
      : { dimension: d.dimension, key: d.key, sent: displayMinor(d.sent), found: displayMinor(d.found), message: d.message }),
    ['dimension', 'key', 'sent', 'found', 'message']);
  }
}

function voucherCountMessage(inBatch: number, sent: number, d: { found: number; message: string }): string {
  // The stored message may go on with the missing transaction numbers, after the counts: kept.
  const rest = d.message.includes(';') ? d.message.slice(d.message.indexOf(';')) : '';
  return `${groupDigits(inBatch)} vouchers in the batch, ${groupDigits(sent)} sent, ${groupDigits(d.found)} found in the ledger${rest}`;
}

export function printLive(out: Output, v: BatchView, pending: readonly PendingStep[] = []): void {
  out.say(`\nLive (the workflow is running):`);
  out.record({
    stage: v.stage,
    chunks: `${v.chunks.sent} / ${v.chunks.total} sent`,
    posted: v.posted ? `${v.posted.posted} / ${v.posted.total} vouchers posted in 24SevenOffice` : undefined,
    'next look': v.stage === 'in-journal' && v.nextCheckAt ? `${v.nextCheckAt} (or now: ledgerbridge batch check ${v.tenant} ${v.batchId})` : undefined,
    preflight: v.preflight ? (v.preflight.ok ? `passed (${v.preflight.vouchersChecked} vouchers verified)` : `${v.preflight.problemCount} problem(s)`) : undefined,
    refused: v.refusals.length ? v.refusals.join(' | ') : undefined,
  });
  for (const step of pending.filter((p) => p.attempt > 1)) out.say(`retrying: ${retryLine(step)}`);
}

/** "sendChunk, attempt 4 of 20; last failure: …; next attempt at …" */
export function retryLine(p: PendingStep): string {
  return [
    `${p.activity}, attempt ${p.attempt}${p.maximumAttempts ? ` of ${p.maximumAttempts}` : ''}`,
    p.lastFailure ? `last failure: ${p.lastFailure}` : undefined,
    p.nextAttemptAt ? `next attempt at ${p.nextAttemptAt}` : undefined,
  ].filter(Boolean).join('; ');
}

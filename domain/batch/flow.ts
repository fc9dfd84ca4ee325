/**
 * What the batch workflow and its activities say to each other: ids, counts and short reports only. The
 * vouchers themselves stay in the database (design principle 2).
 */
import type { KindTotals } from './preflight';
import type { VoucherKind } from './voucher';

export const POSTING_MODES = ['journal', 'approval', 'direct'] as const;
/**
 * journal: vouchers go to 24SevenOffice's incoming batches (SaveOption 1) and the accountant posts them there;
 * approval: an operator approves after preflight, then they go straight to the ledger (SaveOption 0);
 * direct: straight to the ledger as soon as preflight passes.
 */
export type PostingMode = (typeof POSTING_MODES)[number];

export interface BatchRef {
  tenant: string;
  /** The source's batch id, e.g. 2026-11-3. */
  batchId: string;
  /** Connection ids: the Telaris source and the 24SevenOffice target. */
  source: string;
  target: string;
  workflowId: string;
}

export interface StageResult {
  label: string;
  voucherCount: number;
  chunkCount: number;
  /** Sum of debits, minor units. */
  totalMinor: number;
  totals: Partial<Record<VoucherKind, KindTotals>>;
  /** Documents the source sent twice with the same content: staged once. */
  repeatedDocuments: number;
  /** Set when this batch was exported before: nothing more is done. */
  alreadyExported?: { at: string; workflowId: string };
}

export interface PreflightResult {
  ok: boolean;
  vouchersChecked: number;
  problemCount: number;
  /** The first few problems, for the workflow's details; the whole list is in the database. */
  firstProblems: string[];
}

export interface SendResult {
  chunk: number;
  vouchers: number;
  /** How many went out in this attempt (the others were there already). */
  sent: number;
  /** 'already-there': nothing left to send: an earlier attempt had saved them (confirmed, or found by looking up). */
  outcome: 'sent' | 'already-there';
}

export interface PostedResult {
  posted: number;
  total: number;
  /** 24SevenOffice requests this look took: the journal wait paces itself by them. */
  calls: number;
}

export interface ReconcileResult {
  ok: boolean;
  differenceCount: number;
  firstDifferences: string[];
}

/** "2026-11-3" → "2026-11 #3"; other ids stay as they are. */
export function batchLabel(batchId: string): string {
  const m = /^(\d{4}-\d{2})-(\d+)$/.exec(batchId);
  return m ? `${m[1]} #${m[2]}` : batchId;
}

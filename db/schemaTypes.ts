/**
 * Plain types and constants of the schema that workflow code may import: the workflow bundle must not pull in
 * drizzle or node built-ins, so these live apart from db/schema.ts, which re-exports them.
 */
export const BATCH_STAGES = [
  'staging', 'preflight', 'needs-attention', 'awaiting-approval', 'sending', 'in-journal', 'reconciling',
  'posted', 'nothing-to-export', 'rejected', 'cancelled',
] as const;
export type BatchStage = (typeof BATCH_STAGES)[number];

/** Where one Severa invoice is on its way to Talenom (invoice_transfers.stage). */
export const INVOICE_STAGES = [
  'waiting', 'preparing', 'sending', 'marking', 'transferred', 'needs-attention', 'skipped', 'cancelled', 'not-ours',
] as const;
export type InvoiceStage = (typeof INVOICE_STAGES)[number];

/** Where one supplier invoice received in CostTracker is on its way to 24SevenOffice (supplier_invoice_postings.stage). */
export const SUPPLIER_POSTING_STAGES = [
  'waiting', 'preparing', 'posting', 'marking', 'posted', 'needs-attention', 'skipped', 'cancelled',
] as const;
export type SupplierPostingStage = (typeof SUPPLIER_POSTING_STAGES)[number];

/** A match result's outcome (matching_results.outcome): the cascade's three, and `matched` for a person's match. */
export const MATCH_RESULT_OUTCOMES = ['auto-matched', 'ambiguous', 'unmatched', 'matched'] as const;
export type MatchResultOutcome = (typeof MATCH_RESULT_OUTCOMES)[number];
export const MATCH_SOURCES = ['auto', 'manual'] as const;
export type MatchSource = (typeof MATCH_SOURCES)[number];

/** A DUELL Z-report on its way to 24SevenOffice (db/schema.ts `settlements`). */
export const SETTLEMENT_STAGES = ['waiting', 'preparing', 'posting', 'posted', 'needs-attention', 'skipped', 'cancelled'] as const;
export type SettlementStage = (typeof SETTLEMENT_STAGES)[number];

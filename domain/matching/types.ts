/**
 * The purchase-order matching model, shared by the cascade (pure), the fetch-mode workflow's activities, the CLI
 * and the what-if simulator. Amounts are integer minor units; a PO's amounts are excluding VAT, as are the cost
 * lines of the ledger they are matched with.
 */
import type { Minor } from '../money';

/** An accounting transaction as CostTracker sees it: one cost line of a supplier invoice or credit note. */
export interface MatchTransaction {
  /** Stable identity: 24SevenOffice's ledger line id (guid), or the simulator file's `id`. */
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** The supplier's id in the accounting system (24SevenOffice company id); undefined when the voucher has none. */
  supplier?: string;
  project?: string;
  department?: string;
  account: number;
  /** Positive: an invoice consumes the PO; negative: a credit note gives back. */
  amount: Minor;
  /** ISO 4217. */
  currency: string;
  /** The "Purchase order no / Bestillingsnr" field. */
  poField?: string;
  description?: string;
}

export type PurchaseOrderStatus = 'open' | 'partly-invoiced' | 'closed';

export interface MatchOrder {
  /** `2026-0042`, with the organisation's prefix if it has one (`PO-2026-0042`). */
  number: string;
  supplier: string;
  project?: string;
  department?: string;
  amount: Minor;
  /** Invoiced so far; the open amount is amount − invoiced. */
  invoiced: Minor;
  currency: string;
  status: PurchaseOrderStatus;
}

export type RuleName = 'po-field' | 'po-description' | 'supplier-project' | 'amount-percent' | 'amount-absolute';

/** One enabled criterion; the cascade tries them in the user's order and the first that matches alone wins. */
export type Rule =
  | { name: 'po-field' }
  | { name: 'po-description' }
  | { name: 'supplier-project' }
  /** |amount − open| ≤ percent % of open, inclusive. */
  | { name: 'amount-percent'; percent: number }
  /** |amount − open| ≤ tolerance (minor units), inclusive. */
  | { name: 'amount-absolute'; tolerance: Minor };

/** What one rule said about one transaction: `show` prints these, the simulator's JSON carries the final one. */
export interface RuleVerdict {
  /** As written by the user: `amount-percent:10`. */
  rule: string;
  verdict: 'matched' | 'several' | 'none' | 'not-tried';
  /** PO numbers this rule found when several (ambiguous); none when matched: the result's `po` is the one. */
  candidates: string[];
  /** Why, in one sentence: "PO 2026-0042 belongs to supplier 77, not 501". */
  note?: string;
}

export type MatchOutcome = 'auto-matched' | 'ambiguous' | 'unmatched';

export interface MatchResult {
  transaction: string;
  outcome: MatchOutcome;
  po?: string;
  /** The rule that matched, as written (`amount-percent:10`). */
  rule?: string;
  /** For `ambiguous`: every candidate any rule found, in rule order, without repeats. */
  candidates: string[];
  /** E.g. "PO 2026-0042 is closed", "PO 2026-0042 belongs to another supplier (77)". */
  warnings: string[];
  verdicts: RuleVerdict[];
}

/** Matches decided by a person (or kept from earlier runs): the cascade takes them as given and consumes their POs. */
export interface FixedMatch {
  transaction: string;
  /** undefined: the person said "no PO" (unmatch); the cascade leaves the transaction alone. */
  po?: string;
}

export interface CascadeInput {
  /** Any order: the cascade sorts by date, then id. */
  transactions: readonly MatchTransaction[];
  orders: readonly MatchOrder[];
  rules: readonly Rule[];
  /** Transactions already decided; their amounts consume (or give back to) their POs in date order too. */
  fixed?: readonly FixedMatch[];
  /** `PO-` when the organisation numbers its POs `PO-2026-0042`. Default none. */
  prefix?: string;
}

export interface CascadeOutput {
  /** One per transaction not in `fixed`, in date-then-id order. */
  results: MatchResult[];
  counts: Record<MatchOutcome, number>;
  /** Problems in the PO set itself, e.g. a PO number held twice (both are then left out of the PO-number rules). */
  orderWarnings: string[];
}

/**
 * CostTracker as the engine sees it. CostTracker publishes no API; this is our model of one (README.md beside
 * this file), built from its help centre: the organisation, the master data it mirrors from the accounting system
 * (suppliers, projects, departments carry the accounting system's ids), purchase orders, the accounting
 * transactions it received, match records, and the supplier invoices received in CostTracker itself (post mode).
 * Amounts are minor units; PO amounts exclude VAT.
 */
import type { Minor } from '../../domain/money';
import type { MatchTransaction, PurchaseOrderStatus } from '../../domain/matching/types';

export interface Organisation {
  id: string;
  name: string;
  /** Prefix of PO numbers, e.g. `PO-` for `PO-2026-0042`; '' when numbers are bare `2026-0042`. */
  poPrefix: string;
  /** The organisation's base currency. */
  currency: string;
}

export interface Supplier {
  /** The accounting system's id (24SevenOffice company id), as CostTracker mirrors it. */
  id: string;
  name: string;
  organisationNumber?: string;
}

export interface Project { id: string; name: string; active: boolean }
export interface Department { id: string; name: string; active: boolean }

export interface PurchaseOrderLine {
  description: string;
  account?: number;
  amount: Minor;
}

export interface PurchaseOrder {
  /** Full number as shown, with the prefix: `2026-0042` or `PO-2026-0042`. */
  number: string;
  supplier: string;
  project?: string;
  department?: string;
  amount: Minor;
  invoiced: Minor;
  currency: string;
  status: PurchaseOrderStatus;
  /** ISO instant of the last change. */
  updatedAt: string;
  lines: PurchaseOrderLine[];
}

/** An accounting transaction as delivered to CostTracker (upserted by id): the matching's transaction, with its link. */
export interface AccountingTransaction extends MatchTransaction {
  /** Link to the invoice document in the accounting system, shown beside the match. */
  documentUrl?: string;
}

export type MatchKind = 'auto' | 'manual' | 'unmatched';

/** CostTracker's record of a transaction's match; pushing one sets the PO's invoiced amount and status. */
export interface MatchRecord {
  transaction: string;
  kind: MatchKind;
  /** undefined for `unmatched`. */
  po?: string;
  /** For `auto`: the rule as written (`amount-percent:10`). */
  rule?: string;
  /** For `manual`: who, and when (ISO instant). */
  by?: string;
  at: string;
}

export interface ReceivedInvoiceLine {
  account: number;
  /** Excluding VAT. */
  amount: Minor;
  /** 24SevenOffice TaxNo (SAF-T standard code), e.g. "1" for 25 % input VAT. */
  vatCode?: string;
  vatAmount: Minor;
  project?: string;
  department?: string;
  description?: string;
}

export type ReceivedInvoiceStatus = 'received' | 'approved' | 'posted' | 'rejected';

/** A supplier invoice received in CostTracker (post mode): approved ones are posted to the accounting system. */
export interface ReceivedInvoice {
  id: string;
  /** The supplier's invoice number. */
  invoiceNumber: string;
  supplier: string;
  date: string;
  dueDate: string;
  currency: string;
  /** Including VAT; lines + VAT must sum to it. */
  total: Minor;
  /** KID / payment reference. */
  paymentReference?: string;
  poNumber?: string;
  status: ReceivedInvoiceStatus;
  lines: ReceivedInvoiceLine[];
  /** Set when marked posted: the accounting system's voucher number. */
  postedVoucher?: number;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
}

/**
 * What the CostTracker sandbox keeps per organisation (amounts in minor units), and how it shows it on the wire
 * of connectors/costtracker/README.md (amounts as decimal strings).
 */
import type { AccountingTransaction, ReceivedInvoice } from '../../connectors/costtracker/model';
import { formatMinor } from '../../domain/money';

export interface NamedRecord { id: string; name: string; active: boolean }
export interface SupplierRecord { id: string; name: string; organisationNumber?: string }

export interface OrderRecord {
  /** Position in creation order: the list order and the key of the match records. */
  seq: number;
  number: string;
  supplier: string;
  project?: string;
  department?: string;
  amount: number;
  /** Invoiced before (or outside) the match records, as seeded. */
  baseInvoiced: number;
  /** The sum of the amounts of the transactions whose auto or manual record points here; kept incrementally. */
  matched: number;
  currency: string;
  /** Closed by a user in CostTracker, whatever was invoiced. */
  closedManually: boolean;
  /** Epoch ms of the last change (a number: a bulk match touches POs 200 000 times). */
  updatedAtMs: number;
  lines: Array<{ description: string; account?: number; amount: number }>;
}

/** A transaction as received: the connector's model is the wire's, amounts in minor units. */
export type TransactionRecord = AccountingTransaction;

export interface StoredMatch {
  transaction: string;
  kind: 'auto' | 'manual' | 'unmatched';
  po?: string;
  /** The PO's seq (auto and manual): which of two POs with one number it is. */
  order?: number;
  rule?: string;
  by?: string;
  at: string;
}

/** A received invoice as the connector's model has it, and when it was marked posted. */
export type ReceivedInvoiceRecord = ReceivedInvoice & { postedAt?: string };

export interface OrganisationRecord {
  id: string;
  name: string;
  poPrefix: string;
  currency: string;
  apiToken: string;
  suppliers: Map<string, SupplierRecord>;
  projects: Map<string, NamedRecord>;
  departments: Map<string, NamedRecord>;
  orders: OrderRecord[];
  /** Next generated PO sequence per year: "2026" → 43 gives 2026-0043. */
  nextPoNumber: Record<string, number>;
  transactions: Map<string, TransactionRecord>;
  matches: Map<string, StoredMatch>;
  receivedInvoices: Map<string, ReceivedInvoiceRecord>;
}

export function invoiced(order: OrderRecord): number {
  return order.baseInvoiced + order.matched;
}

export function orderStatus(order: OrderRecord): 'open' | 'partly-invoiced' | 'closed' {
  const total = invoiced(order);
  if (order.closedManually || total >= order.amount) return 'closed';
  return total > 0 ? 'partly-invoiced' : 'open';
}

export function renderOrder(order: OrderRecord): Record<string, unknown> {
  return {
    number: order.number, supplier: order.supplier, project: order.project ?? null, department: order.department ?? null,
    amount: formatMinor(order.amount), invoiced: formatMinor(invoiced(order)), currency: order.currency, status: orderStatus(order),
    updatedAt: new Date(order.updatedAtMs).toISOString(), lines: order.lines.map((l) => ({ description: l.description, account: l.account ?? null, amount: formatMinor(l.amount) })),
  };
}

export function renderTransaction(t: TransactionRecord): Record<string, unknown> {
  return { ...t, amount: formatMinor(t.amount) };
}

export function renderMatch(m: StoredMatch): Record<string, unknown> {
  return { transaction: m.transaction, kind: m.kind, po: m.po ?? null, rule: m.rule ?? null, by: m.by ?? null, at: m.at };
}

export function renderReceivedInvoice(i: ReceivedInvoiceRecord): Record<string, unknown> {
  return {
    id: i.id, invoiceNumber: i.invoiceNumber, supplier: i.supplier, date: i.date, dueDate: i.dueDate, currency: i.currency,
    total: formatMinor(i.total), paymentReference: i.paymentReference ?? null, poNumber: i.poNumber ?? null, status: i.status,
    lines: i.lines.map((l) => ({ ...l, amount: formatMinor(l.amount), vatAmount: formatMinor(l.vatAmount) })),
    postedVoucher: i.postedVoucher ?? null, updatedAt: i.updatedAt,
  };
}

/** The admin's view of a PO: the wire form, plus what lies behind `invoiced` (minor units). */
export function renderOrderState(order: OrderRecord): Record<string, unknown> {
  return { ...renderOrder(order), baseInvoicedMinor: order.baseInvoiced, matchedMinor: order.matched, closedManually: order.closedManually };
}

/**
 * The CostTracker connector's interface, what flows call. The implementation (client.ts, index.ts) and the sandbox
 * (sandbox/costtracker) follow README.md beside this file.
 */
import type { CheckReport, Connector } from '../types';
import type {
  AccountingTransaction, Department, MatchRecord, Organisation, Project, PurchaseOrder, ReceivedInvoice, Supplier,
} from './model';

export interface CostTracker extends Connector {
  /** Token and organisation valid; the connection's filter names only projects and departments CostTracker has. */
  check(): Promise<CheckReport>;

  organisation(): Promise<Organisation>;
  /** Every page. */
  suppliers(): AsyncIterable<Supplier>;
  projects(): AsyncIterable<Project>;
  departments(): AsyncIterable<Department>;
  /** Every page of POs, by default the open and partly invoiced ones; `updatedSince` (>=) for incremental reads. */
  purchaseOrders(query?: { statuses?: Array<PurchaseOrder['status']>; updatedSince?: string }): AsyncIterable<PurchaseOrder[]>;

  /** Master data mirrored from the accounting system: upserts by id, in pages; a page sent twice changes nothing. */
  putSuppliers(suppliers: readonly Supplier[]): Promise<void>;
  putProjects(projects: readonly Project[]): Promise<void>;
  putDepartments(departments: readonly Department[]): Promise<void>;

  /** Upserts by id, in pages of at most `pageSize`; a page sent twice changes nothing. */
  putTransactions(transactions: readonly AccountingTransaction[]): Promise<void>;
  /**
   * Upserts match records by transaction, in pages. CostTracker recomputes each touched PO's invoiced amount and
   * status from its records, so sending a record again changes nothing. Refused records (PO unknown, closed,
   * beyond its amount) come back with the reason; the rest are applied.
   */
  putMatches(records: readonly MatchRecord[]): Promise<Array<{ transaction: string; reason: string }>>;
  /** Current match records, e.g. for a transaction. */
  matches(query?: { transactions?: string[] }): AsyncIterable<MatchRecord[]>;

  /** Post mode: invoices received in CostTracker with the status (default `approved`). */
  receivedInvoices(query?: { status?: ReceivedInvoice['status'] }): AsyncIterable<ReceivedInvoice[]>;
  receivedInvoice(id: string): Promise<ReceivedInvoice | undefined>;
  /** Marks an invoice posted with the accounting system's voucher number; marking it again with the same number is a no-op. */
  markPosted(id: string, voucherNo: number): Promise<ReceivedInvoice>;
}

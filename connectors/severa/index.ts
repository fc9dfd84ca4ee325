/**
 * The Visma Severa connector: a typed client over Severa's public REST API (token, paging, filters, status PATCH).
 * The sandbox (sandbox/severa) speaks the same API on loopback.
 */
import type { CheckReport, Connector } from '../types';
import type {
  Customer, CustomerAddress, Invoice, InvoiceQuery, InvoiceRow, InvoiceStatus, Organization, Product, RowSources,
  SalesAccount, TravelExpenseType, VatRate, WorkType,
} from './model';

export type * from './model';

export interface Severa extends Connector {
  /** Token, organisation readable, scopes present; with `statusNames`, each status exists and is active. */
  check(options?: { statusNames?: string[] }): Promise<CheckReport>;

  organization(): Promise<Organization>;
  invoiceStatuses(): Promise<InvoiceStatus[]>;
  /** Every page of GET /v1/invoices with the filters (invoiceStatusGuids repeat the key; changedSince is >=). */
  invoices(query: InvoiceQuery): AsyncIterable<Invoice>;
  /** undefined on 404. */
  invoice(guid: string): Promise<Invoice | undefined>;
  invoiceRows(invoiceGuid: string): Promise<InvoiceRow[]>;
  /** The work hours, project fees and travel expenses behind one row. */
  rowSources(rowGuid: string): Promise<RowSources>;
  /** PATCH /v1/invoices/{guid} [{op:"replace", path:"/status/guid", value}] → the invoice after the change. */
  setInvoiceStatus(invoiceGuid: string, statusGuid: string): Promise<Invoice>;

  customer(guid: string): Promise<Customer | undefined>;
  customerAddresses(customerGuid: string): Promise<CustomerAddress[]>;
  products(query?: { changedSince?: string }): AsyncIterable<Product>;
  workTypes(query?: { changedSince?: string }): AsyncIterable<WorkType>;
  travelExpenseTypes(query?: { changedSince?: string }): AsyncIterable<TravelExpenseType>;
  salesAccounts(): Promise<SalesAccount[]>;
  vatRates(): Promise<VatRate[]>;
}

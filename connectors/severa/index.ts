/**
 * The Visma Severa connector: a typed client over Severa's public REST API (token, paging, filters, status PATCH).
 * The sandbox (sandbox/severa) speaks the same API on loopback.
 */
import type { CheckReport, Connector, ConnectorContext } from '../types';
import { check } from './check';
import { SeveraClient } from './client';
import { credentialsSchema, settingsSchema, severaConfig, type SeveraConfigInput } from './config';
import * as customerCalls from './customers';
import * as invoiceCalls from './invoices';
import * as masterData from './masterData';
import { organization } from './organization';
import type {
  Customer, CustomerAddress, Invoice, InvoiceQuery, InvoiceRow, InvoiceStatus, Organization, Product, RowSources,
  SalesAccount, TravelExpenseType, VatRate, WorkType,
} from './model';

export type * from './model';
export { credentialsSchema, DEFAULT_SCOPES, MAX_ROW_COUNT, settingsSchema, severaConfig } from './config';
export type { SeveraConfig, SeveraConfigInput, SeveraCredentials, SeveraSettings } from './config';

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

export function createSevera(config: SeveraConfigInput, ctx: ConnectorContext): Severa {
  const client = new SeveraClient(severaConfig.parse(config), { ...ctx, log: ctx.log.child({ system: 'severa', tenant: ctx.tenant }) });
  return {
    check: (options) => check(client, options),
    organization: () => organization(client),
    invoiceStatuses: () => masterData.invoiceStatuses(client),
    invoices: (query) => invoiceCalls.invoices(client, query),
    invoice: (guid) => invoiceCalls.invoice(client, guid),
    invoiceRows: (invoiceGuid) => invoiceCalls.invoiceRows(client, invoiceGuid),
    rowSources: (rowGuid) => invoiceCalls.rowSources(client, rowGuid),
    setInvoiceStatus: (invoiceGuid, statusGuid) => invoiceCalls.setInvoiceStatus(client, invoiceGuid, statusGuid),
    customer: (guid) => customerCalls.customer(client, guid),
    customerAddresses: (customerGuid) => customerCalls.customerAddresses(client, customerGuid),
    products: (query) => masterData.products(client, query),
    workTypes: (query) => masterData.workTypes(client, query),
    travelExpenseTypes: (query) => masterData.travelExpenseTypes(client, query),
    salesAccounts: () => masterData.salesAccounts(client),
    vatRates: () => masterData.vatRates(client),
  };
}

/** What the platform registers: the system name, the split schemas (credentials are stored encrypted) and the factory. */
export const severa = {
  system: 'severa' as const,
  settingsSchema,
  credentialsSchema,
  create: createSevera,
};

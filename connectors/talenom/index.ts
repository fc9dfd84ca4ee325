/**
 * The Talenom connector: the receiving side of Talenom's Sales API (Azure APIM: OAuth client credentials and an
 * Ocp-Apim-Subscription-Key), with invoices sent as Finvoice 3.0 documents. The sandbox (sandbox/talenom) models it.
 */
import type { CheckReport, Connector, ConnectorContext } from '../types';
import { check } from './check';
import { TalenomClient } from './client';
import { credentialsSchema, settingsSchema, talenomConfig, type TalenomConfigInput } from './config';
import * as contacts from './contacts';
import * as invoices from './invoices';
import * as ledger from './ledger';

export { credentialsSchema, settingsSchema, talenomConfig } from './config';
export type { TalenomConfig, TalenomConfigInput, TalenomCredentials, TalenomSettings } from './config';

export interface TalenomContact {
  /** Severa's customer number: Talenom upserts contacts by number. */
  number: string;
  type: 'Company' | 'Consumer';
  name: string;
  businessId?: string;
  vatNumber?: string;
  currency: string;
  /** "fi-FI" */
  invoiceLanguage: string;
  invoicingAddress: { address1: string; postalCode: string; postOffice: string; country: string };
  /** null = e-invoicing off (the address was removed at the source). */
  eInvoiceAddress: { address: string; operator: string } | null;
  email?: string;
}

export interface ReceivedInvoice {
  /** Talenom's id of the received invoice. */
  id: string;
  /** Our document id (the Severa invoice guid), sent with the document, by which an uncertain send is looked up. */
  documentId: string;
  number: string;
  contactNumber: string;
  status: 'Received' | 'Approved' | 'Sent';
  /** sha-256 of the Finvoice document as received, so a look-up can tell "ours, same" from "ours, changed". */
  documentHash: string;
  receivedAt: string;
}

export interface TalenomProduct {
  code: string;
  name: string;
  unit?: string;
  unitPrice?: number;
  vatPercent?: number;
  salesAccountNumber?: string;
  isActive: boolean;
}

export interface SalesLedgerItem {
  /** Invoice number */
  invoiceNumber: string;
  contactNumber: string;
  referenceNumber: string;
  date: string;
  dueDate: string;
  currency: string;
  /** In cents. */
  amount: number;
  openAmount: number;
  payments: { date: string; amount: number }[];
}

export interface SalesAccountEntry { number: string; name: string; vatPercent: number }

export interface Talenom extends Connector {
  check(): Promise<CheckReport>;
  /** Created or updated by number; returns Talenom's contactId. */
  upsertContact(contact: TalenomContact): Promise<{ contactId: string; created: boolean }>;
  contact(number: string): Promise<(TalenomContact & { contactId: string }) | undefined>;
  /**
   * Sends one Finvoice document. Refusals are ConnectorErrors: 'Rejected' with Talenom's reason (a row whose
   * sales account and VAT % match no account of the ledger, a schema error), 'DuplicateData' when an invoice with
   * this documentId is already there.
   */
  sendInvoice(invoice: { documentId: string; contactId: string; finvoiceXml: string }): Promise<ReceivedInvoice>;
  /** Look-up by our document id, so an uncertain send can be checked; undefined when Talenom has none. */
  invoiceByDocumentId(documentId: string): Promise<ReceivedInvoice | undefined>;
  /** The sales accounts of Talenom's ledger with their VAT %, which each row must match. */
  salesAccounts(): Promise<SalesAccountEntry[]>;
  upsertProducts(products: TalenomProduct[]): Promise<{ created: number; updated: number }>;
  products(): Promise<TalenomProduct[]>;
  /** Open items and payments, upserted by invoice number. */
  upsertSalesLedger(items: SalesLedgerItem[]): Promise<{ created: number; updated: number }>;
  salesLedger(): Promise<SalesLedgerItem[]>;
}

export function createTalenom(config: TalenomConfigInput, ctx: ConnectorContext): Talenom {
  const parsed = talenomConfig.parse(config);
  const client = new TalenomClient(parsed, { ...ctx, log: ctx.log.child({ system: 'talenom', tenant: ctx.tenant }) });
  return {
    check: () => check(client),
    upsertContact: (contact) => contacts.upsertContact(client, contact),
    contact: (number) => contacts.contact(client, number),
    sendInvoice: (invoice) => invoices.sendInvoice(client, invoice),
    invoiceByDocumentId: (documentId) => invoices.invoiceByDocumentId(client, documentId),
    salesAccounts: () => ledger.salesAccounts(client),
    upsertProducts: (products) => ledger.upsertProducts(client, products),
    products: () => ledger.products(client),
    upsertSalesLedger: (items) => ledger.upsertSalesLedger(client, items),
    salesLedger: () => ledger.salesLedger(client),
  };
}

/** What the platform registers: the system name, the split schemas (credentials are stored encrypted) and the factory. */
export const talenom = {
  system: 'talenom' as const,
  settingsSchema,
  credentialsSchema,
  create: createTalenom,
};

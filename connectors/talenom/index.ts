/**
 * The Talenom connector: the receiving side of Talenom's Sales API (Azure APIM: OAuth client credentials and an
 * Ocp-Apim-Subscription-Key), with invoices sent as Finvoice 3.0 documents. The sandbox (sandbox/talenom) models it.
 */
import type { CheckReport, Connector } from '../types';

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

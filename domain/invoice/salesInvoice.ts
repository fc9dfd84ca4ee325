/**
 * A sales invoice as the invoice-transfer flow carries it from Visma Severa to Talenom: the neutral model the
 * Finvoice writer (domain/finvoice) turns into a document. Built from Severa's invoice, rows, row sources and
 * customer by activities/invoices; amounts in cents (domain/money), VAT rates as data (25.5, 14, 13.5, 10, 0).
 */
import type { Minor } from '../money';

export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. "FI", "SE". */
  countryCode: string;
  countryName?: string;
}

/** An e-invoice address (OVT / IBAN-like) and its operator's intermediator id (e.g. "003723327487", "NDEAFIHH"). */
export interface EInvoiceAddress {
  address: string;
  operator: string;
}

export interface Seller {
  name: string;
  /** Y-tunnus "1234567-8". */
  businessId: string;
  /** "FI12345678". */
  vatNumber: string;
  address: PostalAddress;
  iban: string;
  bic: string;
  eInvoice?: EInvoiceAddress;
  email?: string;
  phone?: string;
}

export interface Buyer {
  /** Customer number in Severa = contact number in Talenom. */
  customerNumber: string;
  name: string;
  /** Y-tunnus, absent for a consumer. */
  businessId?: string;
  vatNumber?: string;
  address: PostalAddress;
  /** Absent: e-invoicing off at Talenom (the address was removed in Severa). */
  eInvoice?: EInvoiceAddress;
  email?: string;
  /** ISO 639-1, "fi" when unset. */
  language?: string;
}

export interface SalesInvoiceRow {
  /** Severa row guid. */
  sourceId: string;
  description: string;
  /** Talenom product code after mapping; absent = transferred without code (a warning in the export log). */
  productCode?: string;
  /** Up to 4 decimals, negative on a credit note. */
  quantity: number;
  /** "h", "kpl", "km"… */
  unit: string;
  /** Unit price without VAT, up to 5 decimals (Finvoice UnitPriceAmount), in currency units. */
  unitPrice: number;
  /** 25.5, 14, 13.5, 10 or 0. */
  vatPercent: number;
  /** Row total without VAT, in cents. */
  net: Minor;
  /** Row VAT, in cents. */
  vat: Minor;
  /** Sales account number in Talenom's ledger after mapping, when sales accounts are in use. */
  salesAccount?: string;
  /** The row's sales account in the source, for messages about the mapping. */
  sourceSalesAccount?: string;
}

export interface SalesInvoice {
  /** Severa invoice guid: the business identity of the transfer. */
  sourceId: string;
  /** Invoice number, at most 20 characters in Finvoice. */
  number: string;
  /** YYYY-MM-DD */
  date: string;
  dueDate: string;
  currency: string;
  /** Finnish reference number (with check digit) or RF creditor reference; the writer derives one from the number when absent. */
  referenceNumber?: string;
  isCreditNote: boolean;
  /** Number of the invoice a credit note credits (required for a credit note). */
  creditedInvoiceNumber?: string;
  orderNumber?: string;
  ourReference?: string;
  yourReference?: string;
  /** Free text for the invoice (may be long: the writer splits or truncates per the schema). */
  notes?: string;
  paymentTermDays?: number;
  overdueInterestPercent?: number;
  seller: Seller;
  buyer: Buyer;
  rows: SalesInvoiceRow[];
  /** Sums of the rows. */
  totals: { net: Minor; vat: Minor; gross: Minor };
}

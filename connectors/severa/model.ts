/**
 * Visma Severa's public REST API in the connector's terms (../../../shared/docs/apis/other-systems.md §1). Field
 * names follow Severa's JSON (camelCase); every response is validated with zod in ./wire.ts before it becomes one
 * of these. Money is Severa's `{ amount, currencyCode }`, kept as numbers here and turned into cents by the flow.
 */

export interface Ref { guid: string; name: string }
export interface Numbered { name: string; number: string }
export interface Money { amount: number; currencyCode: string }

export interface InvoiceStatus {
  guid: string;
  name: string;
  isActive: boolean;
  isDefault: boolean;
  isReadOnly: boolean;
  hasInvoiceNumber: boolean;
  isSent: boolean;
  isWaitingPayment: boolean;
  isPaid: boolean;
  isDefaultForCreditNote: boolean;
  sortOrder: number;
}

export interface SeveraAddress {
  addressline: string;
  postalCode: string;
  city: string;
  state?: string;
  /** Country name as Severa shows it ("Finland", "Suomi") */
  country: string;
  /** ISO alpha-2 where Severa gives one */
  countryCode?: string;
}

export interface Invoice {
  guid: string;
  /** Absent until the invoice enters a status with hasInvoiceNumber. */
  number?: number;
  referenceNumber?: string;
  date: string; // YYYY-MM-DD
  dueDate: string;
  /** When it was paid in full (a paid status). */
  paymentDate?: string;
  paymentTerm?: number;
  overdueInterest?: number;
  status: { guid: string; name: string; isPaid: boolean; isSent: boolean; isWaitingPayment: boolean };
  customer: { guid: string; name: string; number?: number };
  billingCustomer?: { guid: string; name: string; number?: number };
  currency: { code: string };
  totalExcludingTax: Money;
  totalIncludingTax: Money;
  totalTax: Money;
  receiverAddress?: SeveraAddress;
  orderNumber?: string;
  ourReference?: string;
  yourReference?: string;
  notes?: string;
  isCreditNote: boolean;
  /** The credited invoice of a credit note. */
  creditNoteInvoice?: { guid: string; number?: number };
  lastUpdatedDateTime: string; // ISO
  createdDateTime: string;
}

export type RowType = 'FlatRate' | 'Hours' | 'ProjectFees' | 'TravelExpenses';

export interface InvoiceRow {
  guid: string;
  invoiceGuid: string;
  rowType: RowType;
  description: string;
  quantity: number;
  measurementUnit: string;
  unitPrice: Money;
  vatRate: number;
  salesAccount?: Numbered;
  sortOrder: number;
}

/** What lies behind a row, for its code: the work type of its hours, the product of its fees, the travel-expense type. */
export interface RowSources {
  workTypes: { guid: string; name: string; code?: string }[];
  products: { guid: string; name: string; code?: string }[];
  travelExpenses: { guid: string; name: string; code?: string }[];
}

export interface Customer {
  guid: string;
  name: string;
  number?: number;
  /** Y-tunnus; absent for a consumer. */
  vatNumber?: string;
  email?: string;
  /** Only with the API parameter "E-invoice address information for the customer". */
  eInvoiceAddress?: string;
  eInvoiceOperator?: string;
  language?: { code: string };
  isActive: boolean;
  lastUpdatedDateTime: string;
}

export interface CustomerAddress extends SeveraAddress {
  guid: string;
  isBillingAddress: boolean;
  isPostalAddress: boolean;
  isVisitAddress: boolean;
}

export interface Product {
  guid: string; name: string; code?: string; isActive: boolean; measurementUnit?: string;
  unitPrice?: Money; vatRate?: number; salesAccount?: Numbered; lastUpdatedDateTime?: string;
}
export interface WorkType { guid: string; name: string; code?: string; isActive: boolean; salesAccount?: Numbered; lastUpdatedDateTime?: string }
export interface TravelExpenseType {
  guid: string; name: string; code?: string; isActive: boolean; expenseClass?: string; vatRate?: number;
  salesAccount?: Numbered; lastUpdatedDateTime?: string;
}
export interface SalesAccount { guid: string; name: string; number: string; isActive: boolean }
export interface VatRate { guid: string; percentage: number; code?: string; isActive: boolean; isDefault: boolean }

/** The organisation itself: the seller of every invoice. */
export interface Organization {
  guid: string;
  name: string;
  /** Y-tunnus */
  businessId: string;
  vatNumber: string;
  address: SeveraAddress;
  bankAccounts: { iban: string; bic: string; isDefault: boolean }[];
  eInvoiceAddress?: string;
  eInvoiceOperator?: string;
}

export interface InvoiceQuery {
  invoiceStatusGuids?: string[];
  changedSince?: string; // ISO date-time, >=
  numbers?: number[];
}

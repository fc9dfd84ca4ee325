/**
 * The sandbox's side of the wire model in connectors/telaris/README.md: exactly the JSON the API sends.
 * Money is a decimal string here on purpose — a bad document (three decimals) must be representable.
 */
export type DocumentType = 'salesInvoice' | 'payment' | 'cost' | 'cashSettlement';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['salesInvoice', 'payment', 'cost', 'cashSettlement'];

export interface WireLine {
  lineNo: number;
  account: number;
  amount: string;
  vatCode?: string;
  project?: string;
  department?: string;
  description?: string;
}

export interface WireDocument {
  id: string;
  type: DocumentType;
  number: string;
  date: string;
  dueDate?: string;
  customerNo?: string;
  supplierNo?: string;
  invoiceNo?: string;
  kid?: string;
  description: string;
  currency: string;
  lines: WireLine[];
}

export interface WireCustomer {
  customerNo: string;
  name: string;
  organizationNumber?: string;
  email?: string;
  address?: { street: string; postalCode: string; city: string; country: string };
}

export interface WireTotals {
  debit: string;
  credit: string;
}

export interface WireBatch {
  id: string;
  period: string;
  sequence: number;
  status: 'closed' | 'exported';
  openedAt: string;
  closedAt: string;
  exportedAt?: string;
  exportReference?: string;
  documentCount: number;
  totals: WireTotals;
}

export interface WireOpenBatch {
  status: 'open';
  openedAt: string;
  documentCount: number;
  totals: WireTotals;
}

export interface WirePage<T> {
  items: T[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
}

/**
 * The sandbox's records, per organisation. They hold what Severa stores (guids, a status guid, rows with their
 * sources); ./render.ts turns them into the API's JSON (other-systems.md §1), computing totals as Severa does.
 */
export interface WireCountry { guid: string; name: string; englishName: string; code: string }
export interface WireAddress { addressline: string; postalCode: string; city: string; state?: string | null; country: WireCountry }

export interface InvoiceStatusRecord {
  guid: string; name: string; isActive: boolean; isDefault: boolean; isReadOnly: boolean; hasInvoiceNumber: boolean;
  isSent: boolean; isWaitingPayment: boolean; isPaid: boolean; isDefaultForCreditNote: boolean; sortOrder: number;
}

export interface CustomerRecord {
  guid: string; name: string; number: number; vatNumber: string | null; email: string | null;
  eInvoiceAddress: string | null; eInvoiceOperator: string | null; languageCode: string; isActive: boolean;
  addresses: Array<WireAddress & { guid: string; isBillingAddress: boolean; isPostalAddress: boolean; isVisitAddress: boolean }>;
  lastUpdatedDateTime: string;
}

export interface SalesAccountRecord { guid: string; name: string; number: string; isActive: boolean }
export interface VatRateRecord { guid: string; percentage: number; code: string; isActive: boolean; isDefault: boolean }
/** A product, a work type or a travel-expense type: what a row's source names, with a code. */
export interface CodedRecord {
  guid: string; name: string; code: string; isActive: boolean; salesAccountNumber: string; vatRate: number;
  unitPrice?: number; measurementUnit?: string; expenseClass?: string; lastUpdatedDateTime: string;
}

/** What lies behind a row: work hours of a work type, a fee of a product, a travel expense of a type. */
export type RowSource =
  | { kind: 'workhour'; guid: string; typeGuid: string; quantity: number }
  | { kind: 'fee'; guid: string; typeGuid: string; quantity: number }
  | { kind: 'travel'; guid: string; typeGuid: string; quantity: number };

export type RowType = 'FlatRate' | 'Hours' | 'ProjectFees' | 'TravelExpenses';

export interface RowRecord {
  guid: string; rowType: RowType; description: string; quantity: number; measurementUnit: string;
  /** Price per unit excluding VAT, in euros with cents. */
  unitPrice: number; vatRate: number; salesAccountNumber: string | null; sortOrder: number; sources: RowSource[];
}

export interface InvoiceRecord {
  guid: string;
  number: number | null;
  referenceNumber: string | null;
  date: string;
  dueDate: string;
  paymentTerm: number;
  statusGuid: string;
  customerGuid: string;
  currencyCode: string;
  isCreditNote: boolean;
  creditNoteInvoiceGuid: string | null;
  orderNumber: string | null;
  ourReference: string | null;
  yourReference: string | null;
  notes: string | null;
  rows: RowRecord[];
  createdDateTime: string;
  lastUpdatedDateTime: string;
  /** Wire fields laid over the rendered invoice (admin patch): how a test breaks one field on purpose. */
  overrides: Record<string, unknown>;
}

export interface OrganizationRecord {
  guid: string;
  name: string;
  businessId: string;
  vatNumber: string;
  address: WireAddress;
  bankAccounts: Array<{ iban: string; bic: string; isDefault: boolean }>;
  eInvoiceAddress: string | null;
  eInvoiceOperator: string | null;
  tokenLifetimeSeconds: number;
  nextInvoiceNumber: number;
  statuses: InvoiceStatusRecord[];
  customers: Map<string, CustomerRecord>;
  products: CodedRecord[];
  workTypes: CodedRecord[];
  travelExpenseTypes: CodedRecord[];
  salesAccounts: SalesAccountRecord[];
  vatRates: VatRateRecord[];
  invoices: Map<string, InvoiceRecord>;
}

export interface ClientCredentials { clientId: string; clientSecret: string; organizationGuid: string; scopes: string[] }
export interface IssuedToken { clientId: string; organizationGuid: string; scopes: string[]; expiresAt: number }

/** Every scope of Severa's REST API (other-systems.md §1, "Scopes"). */
export const ALL_SCOPES = [
  ...['activities', 'customers', 'fees', 'files', 'hours', 'invoices', 'projects', 'resourceallocations', 'settings', 'travels', 'users']
    .flatMap((s) => [`${s}:read`, `${s}:write`, `${s}:delete`]),
  'organization:read', 'organization:write',
];

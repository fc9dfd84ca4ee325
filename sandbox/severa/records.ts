/**
 * Making records the way Severa's UI would: a customer with its billing address, an invoice with rows whose
 * sources (work hours, project fees, travel expenses) name a work type, product or travel-expense type by code.
 * Used by the seed and by the admin API, so a test's invoice is built exactly like the demo's.
 */
import { SeveraError, newGuid, type Store } from './store';
import type { CustomerRecord, InvoiceRecord, OrganizationRecord, RowRecord, RowSource, RowType, WireCountry } from './model';

export const COUNTRIES: Record<string, WireCountry> = {
  FI: { guid: 'country-fi', name: 'Suomi', englishName: 'Finland', code: 'FI' },
  SE: { guid: 'country-se', name: 'Ruotsi', englishName: 'Sweden', code: 'SE' },
  EE: { guid: 'country-ee', name: 'Viro', englishName: 'Estonia', code: 'EE' },
  DE: { guid: 'country-de', name: 'Saksa', englishName: 'Germany', code: 'DE' },
};

export interface NewAddress { addressline: string; postalCode: string; city: string; countryCode?: string }

export interface NewCustomer {
  name: string;
  /** Y-tunnus for a Finnish company, the foreign VAT number otherwise; absent for a consumer. */
  vatNumber?: string | null;
  email?: string | null;
  eInvoiceAddress?: string | null;
  eInvoiceOperator?: string | null;
  languageCode?: string;
  address: NewAddress;
}

export interface NewRow {
  type: RowType;
  /** Work type (Hours), product (ProjectFees, FlatRate) or travel-expense type (TravelExpenses) by its code. */
  code: string;
  quantity: number;
  unitPrice: number;
  /** Default: the type's VAT rate. */
  vatRate?: number;
  description?: string;
  /** Default: the type's sales account; null for none. */
  salesAccountNumber?: string | null;
}

export interface NewInvoice {
  /** Guid or exact name of a customer of the organisation. */
  customer: string;
  date: string;
  paymentTerm?: number;
  /** Status name; default the organisation's default status. */
  status?: string;
  rows: NewRow[];
  isCreditNote?: boolean;
  /** A credit note's credited invoice (guid). */
  credits?: string;
  ourReference?: string;
  yourReference?: string;
  orderNumber?: string;
  notes?: string;
  currencyCode?: string;
}

export function addCustomer(store: Store, org: OrganizationRecord, input: NewCustomer): CustomerRecord {
  if (!input.name?.trim()) throw new SeveraError(400, 'InvalidParameter', "Customer 'name' is required.");
  const number = Math.max(1000, ...[...org.customers.values()].map((c) => c.number)) + 1;
  const record: CustomerRecord = {
    guid: newGuid(), name: input.name, number, vatNumber: input.vatNumber ?? null, email: input.email ?? null,
    eInvoiceAddress: input.eInvoiceAddress ?? null, eInvoiceOperator: input.eInvoiceOperator ?? null,
    languageCode: input.languageCode ?? 'fi-FI', isActive: true,
    addresses: [{ guid: newGuid(), ...address(input.address), isBillingAddress: true, isPostalAddress: true, isVisitAddress: false }],
    lastUpdatedDateTime: store.now().toISOString(),
  };
  org.customers.set(record.guid, record);
  return record;
}

export function address(a: NewAddress) {
  const country = COUNTRIES[(a.countryCode ?? 'FI').toUpperCase()];
  if (!country) throw new SeveraError(400, 'InvalidParameter', `Unknown country '${a.countryCode}' (known: ${Object.keys(COUNTRIES).join(', ')}).`);
  return { addressline: a.addressline, postalCode: a.postalCode, city: a.city, state: null, country };
}

export function customerOf(org: OrganizationRecord, guidOrName: string): CustomerRecord {
  const c = org.customers.get(guidOrName) ?? [...org.customers.values()].find((x) => x.name === guidOrName);
  if (!c) throw new SeveraError(404, 'InvalidParameter', `Customer '${guidOrName}' not found.`);
  return c;
}

export function addInvoice(store: Store, org: OrganizationRecord, input: NewInvoice): InvoiceRecord {
  const customer = customerOf(org, input.customer);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date ?? '')) throw new SeveraError(400, 'InvalidParameter', "Invoice 'date' must be YYYY-MM-DD.");
  if (input.credits && !org.invoices.has(input.credits)) throw new SeveraError(404, 'InvalidParameter', `Credited invoice '${input.credits}' not found.`);
  const paymentTerm = input.paymentTerm ?? 14;
  const due = new Date(`${input.date}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + paymentTerm);
  const now = store.now().toISOString();
  const invoice: InvoiceRecord = {
    guid: newGuid(), number: null, referenceNumber: null, date: input.date, dueDate: due.toISOString().slice(0, 10), paymentTerm,
    statusGuid: org.statuses.find((s) => s.isDefault)!.guid, customerGuid: customer.guid, currencyCode: input.currencyCode ?? 'EUR',
    isCreditNote: input.isCreditNote ?? false, creditNoteInvoiceGuid: input.credits ?? null, orderNumber: input.orderNumber ?? null,
    ourReference: input.ourReference ?? null, yourReference: input.yourReference ?? null, notes: input.notes ?? null,
    rows: (input.rows ?? []).map((r, i) => row(org, r, i + 1)), createdDateTime: now, lastUpdatedDateTime: now, overrides: {},
  };
  org.invoices.set(invoice.guid, invoice);
  if (input.status) store.setStatus(org, invoice, statusNamed(org, input.status), false);
  return invoice;
}

export function statusNamed(org: OrganizationRecord, name: string) {
  const status = org.statuses.find((s) => s.name === name);
  if (!status) throw new SeveraError(404, 'InvalidParameter', `Invoice status '${name}' not found (statuses: ${org.statuses.map((s) => s.name).join(', ')}).`);
  return status;
}

const SOURCE_KIND: Record<RowType, RowSource['kind']> = { Hours: 'workhour', ProjectFees: 'fee', FlatRate: 'fee', TravelExpenses: 'travel' };

function row(org: OrganizationRecord, input: NewRow, sortOrder: number): RowRecord {
  const kind = SOURCE_KIND[input.type];
  if (!kind) throw new SeveraError(400, 'InvalidParameter', `Row type '${input.type}' is not one of ${Object.keys(SOURCE_KIND).join(', ')}.`);
  const types = { workhour: org.workTypes, fee: org.products, travel: org.travelExpenseTypes }[kind];
  const type = types.find((t) => t.code === input.code);
  if (!type) throw new SeveraError(400, 'InvalidParameter', `No ${kind === 'workhour' ? 'work type' : kind === 'fee' ? 'product' : 'travel expense type'} with code '${input.code}'.`);
  return {
    guid: newGuid(), rowType: input.type, description: input.description ?? type.name, quantity: input.quantity,
    measurementUnit: type.measurementUnit ?? (kind === 'workhour' ? 'h' : 'kpl'), unitPrice: input.unitPrice,
    vatRate: input.vatRate ?? type.vatRate, salesAccountNumber: input.salesAccountNumber === undefined ? type.salesAccountNumber : input.salesAccountNumber,
    sortOrder, sources: [{ kind, guid: newGuid(), typeGuid: type.guid, quantity: input.quantity }],
  };
}

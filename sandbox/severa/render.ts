/**
 * Records as Severa's API answers them (other-systems.md §1): InvoiceOutputModel with Money totals computed from
 * the rows (VAT per row, rounded to cents), InvoiceRowOutputModel, row sources, customers, settings data.
 */
import type {
  CodedRecord, CustomerRecord, InvoiceRecord, InvoiceStatusRecord, OrganizationRecord, RowRecord, RowSource,
} from './model';

const cents = (euros: number) => Math.round(euros * 100);
const money = (c: number, currencyCode: string) => ({ amount: c / 100, currencyCode, multiCurrencyInfo: [] });

export function rowNetCents(row: RowRecord): number {
  return cents(row.quantity * row.unitPrice);
}

export function rowTaxCents(row: RowRecord): number {
  return Math.round((rowNetCents(row) * row.vatRate) / 100);
}

export function renderInvoice(org: OrganizationRecord, inv: InvoiceRecord): Record<string, unknown> {
  const status = org.statuses.find((s) => s.guid === inv.statusGuid)!;
  const customer = org.customers.get(inv.customerGuid);
  const net = inv.rows.reduce((s, r) => s + rowNetCents(r), 0);
  const tax = inv.rows.reduce((s, r) => s + rowTaxCents(r), 0);
  const credited = inv.creditNoteInvoiceGuid ? org.invoices.get(inv.creditNoteInvoiceGuid) : undefined;
  const customerRef = customer ? { guid: customer.guid, name: customer.name, number: customer.number } : null;
  const billing = customer?.addresses.find((a) => a.isBillingAddress) ?? customer?.addresses[0];
  const rendered: Record<string, unknown> = {
    guid: inv.guid,
    number: inv.number,
    referenceNumber: inv.referenceNumber,
    date: inv.date,
    dueDate: inv.dueDate,
    entryDate: inv.date,
    paymentDate: null,
    paymentTerm: inv.paymentTerm,
    overdueInterest: 7,
    status: { guid: status.guid, name: status.name, isPaid: status.isPaid, isSent: status.isSent, isWaitingPayment: status.isWaitingPayment },
    customer: customerRef,
    billingCustomer: customerRef,
    currency: { guid: `currency-${inv.currencyCode}`, code: inv.currencyCode },
    currencyRate: 1,
    totalExcludingTax: money(net, inv.currencyCode),
    totalIncludingTax: money(net + tax, inv.currencyCode),
    totalTax: money(tax, inv.currencyCode),
    workHoursExcludingTax: money(sumOf(inv, 'Hours'), inv.currencyCode),
    projectFeesExcludingTax: money(sumOf(inv, 'ProjectFees'), inv.currencyCode),
    travelExpensesExcludingTax: money(sumOf(inv, 'TravelExpenses'), inv.currencyCode),
    receiverAddress: billing ? { addressline: billing.addressline, postalCode: billing.postalCode, city: billing.city, state: billing.state ?? null, country: billing.country } : null,
    orderNumber: inv.orderNumber,
    ourReference: inv.ourReference,
    yourReference: inv.yourReference,
    notes: inv.notes,
    isCreditNote: inv.isCreditNote,
    creditNoteInvoice: credited ? { guid: credited.guid, number: credited.number } : null,
    canBeDeleted: inv.number === null,
    createdDateTime: inv.createdDateTime,
    lastUpdatedDateTime: inv.lastUpdatedDateTime,
  };
  return overlay(rendered, inv.overrides);
}

function sumOf(inv: InvoiceRecord, rowType: RowRecord['rowType']): number {
  return inv.rows.filter((r) => r.rowType === rowType).reduce((s, r) => s + rowNetCents(r), 0);
}

const CATEGORY: Record<RowRecord['rowType'], string> = { FlatRate: 'ProjectFees', Hours: 'Hours', ProjectFees: 'ProjectFees', TravelExpenses: 'Travels' };

export function renderRow(org: OrganizationRecord, inv: InvoiceRecord, row: RowRecord): Record<string, unknown> {
  const account = org.salesAccounts.find((a) => a.number === row.salesAccountNumber);
  return {
    guid: row.guid,
    invoiceGuid: inv.guid,
    rowType: row.rowType,
    category: CATEGORY[row.rowType],
    description: row.description,
    quantity: row.quantity,
    measurementUnit: row.measurementUnit,
    unitPrice: money(cents(row.unitPrice), inv.currencyCode),
    vatRate: row.vatRate,
    salesAccount: account ? { guid: account.guid, name: account.name, number: account.number } : null,
    code: [],
    sortOrder: row.sortOrder,
    hasInvoiceComment: false,
  };
}

/** /workhours, /projectfees or /projecttravelexpenses of a row: each entry names its type with its code. */
export function renderSources(org: OrganizationRecord, row: RowRecord, kind: RowSource['kind']): Record<string, unknown>[] {
  const types = { workhour: org.workTypes, fee: org.products, travel: org.travelExpenseTypes }[kind];
  return row.sources.filter((s) => s.kind === kind).map((s) => {
    const t = types.find((x) => x.guid === s.typeGuid);
    const ref = t ? { guid: t.guid, name: t.name, code: t.code } : null;
    if (kind === 'workhour') return { guid: s.guid, quantity: s.quantity, workType: ref };
    if (kind === 'fee') return { guid: s.guid, quantity: s.quantity, product: ref, productType: 'FixedFees' };
    return { guid: s.guid, quantity: s.quantity, travelExpense: ref, expenseClass: t?.expenseClass ?? 'OtherTravelExpense' };
  });
}

export function renderCustomer(c: CustomerRecord): Record<string, unknown> {
  return {
    guid: c.guid, name: c.name, number: c.number, vatNumber: c.vatNumber, email: c.email,
    eInvoiceAddress: c.eInvoiceAddress, eInvoiceOperator: c.eInvoiceOperator, language: { guid: `language-${c.languageCode}`, code: c.languageCode },
    isActive: c.isActive, isInternal: false, lastUpdatedDateTime: c.lastUpdatedDateTime,
  };
}

export function renderAddress(c: CustomerRecord, a: CustomerRecord['addresses'][number]): Record<string, unknown> {
  return { ...a, customer: { guid: c.guid, name: c.name }, countryRegion: null };
}

export const renderStatus = (s: InvoiceStatusRecord) => ({ ...s });

export function renderCoded(org: OrganizationRecord, t: CodedRecord): Record<string, unknown> {
  const account = org.salesAccounts.find((a) => a.number === t.salesAccountNumber);
  return {
    guid: t.guid, name: t.name, code: t.code, isActive: t.isActive, vatRate: t.vatRate,
    salesAccount: account ? { guid: account.guid, name: account.name, number: account.number } : null,
    ...(t.unitPrice === undefined ? {} : { unitPrice: money(cents(t.unitPrice), 'EUR') }),
    ...(t.measurementUnit === undefined ? {} : { measurementUnit: t.measurementUnit }),
    ...(t.expenseClass === undefined ? {} : { expenseClass: t.expenseClass }),
    lastUpdatedDateTime: t.lastUpdatedDateTime,
  };
}

export function renderOrganization(org: OrganizationRecord): Record<string, unknown> {
  return {
    guid: org.guid, name: org.name, businessId: org.businessId, vatNumber: org.vatNumber, address: org.address,
    bankAccounts: org.bankAccounts, eInvoiceAddress: org.eInvoiceAddress, eInvoiceOperator: org.eInvoiceOperator,
  };
}

/** Sets `value` at a dotted path ("totalExcludingTax.amount") in a copy of `target`. */
export function setAt(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const current = target[head!];
  if (rest.length === 0) return { ...target, [head!]: value };
  const inner = current && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  return { ...target, [head!]: setAt(inner, rest.join('.'), value) };
}

/** Lays `overrides` (dotted paths → values) over a rendered object. */
export function overlay(target: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  return Object.entries(overrides).reduce((t, [path, value]) => setAt(t, path, value), target);
}

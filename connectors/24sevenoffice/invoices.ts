/**
 * Outgoing orders and invoices: InvoiceService (API doc §9). SaveInvoices creates (no orderId) or updates
 * (orderId) orders; invoiced orders cannot be changed. Per-order errors in APIException.
 */
import { ConnectorError } from '../errors';
import type { Minor } from '../../domain/money';
import type { Session } from './session';
import { apiError, type ItemResult } from './items';
import { amountText, compact, decimalText, items, readDate, readInstant, readMinor, readNumber, readString, wireDate, wireInstant } from './wire';

/** OrderSlipStateType (§9): orders are typically Web/Confirmed/ForInvoicing, invoices Invoiced; Draft for drafts. */
export type OrderStatus = 'Draft' | 'Offer' | 'Web' | 'Confirmed' | 'ForInvoicing' | 'Invoiced' | 'Return' | 'Inactive' | string;

export interface InvoiceRow {
  productId?: number;
  productNo?: string;
  name?: string;
  quantity: number;
  /** Unit price, minor units. */
  price: Minor | number;
  /** Percent. */
  discountRate?: number;
  vatRate?: number;
  projectId?: number;
  departmentId?: number;
}

export interface InvoiceOrder {
  orderId?: number;
  customerId: number;
  status?: OrderStatus;
  invoiceId?: number;
  dateOrdered?: string;
  dateInvoiced?: string;
  projectId?: number;
  departmentId?: number;
  yourReference?: string;
  customerReferenceNo?: string;
  invoiceTitle?: string;
  invoiceText?: string;
  includeVat?: boolean;
  /** KID as text. */
  ocr?: string;
  /** Free text 24SevenOffice keeps and returns: the sender's identity of the document, so a look-up finds it. */
  referenceNumber?: string;
  totalIncVat?: Minor;
  totalVat?: Minor;
  rows: InvoiceRow[];
  changedAt?: string;
}

export type InvoiceQuery =
  | { orderIds: number[] }
  | { invoiceIds: number[] }
  | { customerIds: number[] }
  | { changedAfter: Date | string; states?: OrderStatus[] };

const INVOICE_PROPERTIES = ['OrderId', 'CustomerId', 'OrderStatus', 'InvoiceId', 'DateOrdered', 'DateInvoiced', 'DateChanged', 'ProjectId',
  'DepartmentId', 'YourReference', 'CustomerReferenceNo', 'InvoiceTitle', 'InvoiceText', 'IncludeVAT', 'OCR', 'OrderTotalIncVat', 'OrderTotalVat',
  'ReferenceNumber'];
const ROW_PROPERTIES = ['ProductId', 'ProductNo', 'Name', 'Quantity', 'Price', 'DiscountRate', 'VatRate', 'ProjectId', 'DepartmentId'];

/** "Up to 1000 OrderIds per request" (§9): larger id lists are split. */
const MAX_IDS = 1000;

export async function invoices(session: Session, q: InvoiceQuery): Promise<InvoiceOrder[]> {
  if ('orderIds' in q && q.orderIds.length > MAX_IDS) {
    const out: InvoiceOrder[] = [];
    for (let i = 0; i < q.orderIds.length; i += MAX_IDS) out.push(...(await invoices(session, { orderIds: q.orderIds.slice(i, i + MAX_IDS) })));
    return out;
  }
  const res = await session.call('invoice', 'GetInvoices', {
    searchParams: search(q),
    invoiceReturnProperties: { string: INVOICE_PROPERTIES },
    rowReturnProperties: { string: ROW_PROPERTIES }, // send both lists (§9)
  });
  return items<Record<string, any>>(res.GetInvoicesResult, 'InvoiceOrder').map(fromWire);
}

export async function saveInvoices(session: Session, list: InvoiceOrder[]): Promise<ItemResult<InvoiceOrder>[]> {
  if (list.length === 0) return [];
  const wire = list.map((o, i) => toWire(o, `saveInvoices order ${i + 1}${o.orderId ? ` (${o.orderId})` : ''}`));
  const res = await session.call('invoice', 'SaveInvoices', { invoices: { InvoiceOrder: wire } });
  const saved = items<Record<string, any>>(res.SaveInvoicesResult, 'InvoiceOrder');
  return list.map((o, i) => {
    const error = apiError(saved[i]);
    if (error || !saved[i]) return { ok: false, item: o, error: error ?? 'SaveInvoices returned no item for this order' };
    const back = saved[i]!;
    return { ok: true, item: compact({ ...o, orderId: readNumber(back.OrderId) ?? o.orderId, invoiceId: readNumber(back.InvoiceId) || o.invoiceId }), created: !o.orderId };
  });
}

function search(q: InvoiceQuery): Record<string, unknown> {
  if ('orderIds' in q) return { OrderIds: { int: q.orderIds } };
  if ('invoiceIds' in q) return { InvoiceIds: { int: q.invoiceIds } };
  if ('customerIds' in q) return { CustomerIds: { int: q.customerIds } };
  return compact({
    ChangedAfter: wireInstant(q.changedAfter, 'invoices changedAfter'),
    OrderStates: q.states?.length ? { OrderSlipStateType: q.states } : undefined,
  });
}

/** Fields in WSDL sequence order. */
function toWire(o: InvoiceOrder, what: string): Record<string, unknown> {
  if (!Number.isSafeInteger(o.customerId) || o.customerId <= 0) throw new ConnectorError('ValidationFailed', `${what}: needs a customer id; nothing was sent`);
  return compact({
    OrderId: o.orderId,
    CustomerId: o.customerId,
    OrderStatus: o.status,
    DateOrdered: o.dateOrdered === undefined ? undefined : wireDate(o.dateOrdered, `${what} date ordered`),
    CustomerReferenceNo: o.customerReferenceNo,
    ProjectId: o.projectId,
    IncludeVAT: o.includeVat ?? null, // required but nillable: xsi:nil when unset, never omitted nor "" (§2)
    YourReference: o.yourReference,
    InvoiceTitle: o.invoiceTitle,
    InvoiceText: o.invoiceText,
    OCR: o.ocr,
    DepartmentId: o.departmentId,
    InvoiceRows: o.rows.length ? { InvoiceRow: o.rows.map((r, i) => row(r, `${what} row ${i + 1}`)) } : undefined,
    ReferenceNumber: o.referenceNumber,
  });
}

function row(r: InvoiceRow, what: string): Record<string, unknown> {
  return compact({
    ProductId: r.productId,
    VatRate: r.vatRate === undefined ? undefined : decimalText(r.vatRate, `${what} VAT rate`),
    Price: amountText(r.price, `${what} price`),
    Name: r.name,
    DiscountRate: r.discountRate === undefined ? undefined : decimalText(r.discountRate, `${what} discount`),
    Quantity: decimalText(r.quantity, `${what} quantity`),
    ProjectId: r.projectId,
    DepartmentId: r.departmentId,
    ProductNo: r.productNo,
  });
}

function fromWire(o: Record<string, any>): InvoiceOrder {
  return compact({
    orderId: readNumber(o.OrderId),
    customerId: readNumber(o.CustomerId) ?? 0,
    status: readString(o.OrderStatus),
    invoiceId: readNumber(o.InvoiceId) || undefined,
    dateOrdered: readDate(o.DateOrdered),
    dateInvoiced: readDate(o.DateInvoiced),
    projectId: readNumber(o.ProjectId) || undefined,
    departmentId: readNumber(o.DepartmentId) || undefined,
    yourReference: readString(o.YourReference),
    customerReferenceNo: readString(o.CustomerReferenceNo),
    invoiceTitle: readString(o.InvoiceTitle),
    invoiceText: readString(o.InvoiceText),
    includeVat: o.IncludeVAT === undefined ? undefined : String(o.IncludeVAT) === 'true',
    ocr: readString(o.OCR),
    referenceNumber: readString(o.ReferenceNumber),
    totalIncVat: readMinor(o.OrderTotalIncVat),
    totalVat: readMinor(o.OrderTotalVat),
    rows: items<Record<string, unknown>>(o.InvoiceRows, 'InvoiceRow').map((r) => compact({
      productId: readNumber(r.ProductId),
      productNo: readString(r.ProductNo),
      name: readString(r.Name),
      quantity: readNumber(r.Quantity) ?? 0,
      price: readMinor(r.Price) ?? (0 as Minor),
      discountRate: readNumber(r.DiscountRate),
      vatRate: readNumber(r.VatRate),
      projectId: readNumber(r.ProjectId) || undefined,
      departmentId: readNumber(r.DepartmentId) || undefined,
    })),
    changedAt: readInstant(o.DateChanged),
  });
}

/**
 * InvoiceService (§9), basic: SaveInvoices creates (no OrderId) or updates (OrderId) orders; an invoiced order
 * can not be changed; OrderStatus=Invoiced creates an invoice directly [INFERRED]. Totals from the rows.
 * GetInvoices needs both return-property lists ("send both").
 */
import { formatMinor } from '../../../domain/money';
import type { Row } from '../state';
import { apiException } from './company';
import { idOf, pick, requireCaller, timeMs, type OpHandler } from './context';

const INVOICED = new Set(['Invoiced', 'InvoicedCashAccount', 'InvoicedPack']);

/** Row totals in øre: Price × Quantity less discount, VAT on top (IncludeVAT=false) or inside. */
function totals(order: Row): { incVat: string; vat: string } {
  let net = 0;
  let vat = 0;
  for (const r of (order.InvoiceRows as Row[] | undefined) ?? []) {
    if (!r || r.ChangeState === 'Delete' || (r.Type !== undefined && r.Type !== 'Normal')) continue;
    const line = Math.round(Number(r.Price ?? 0) * Number(r.Quantity ?? 0) * (1 - Number(r.DiscountRate ?? 0) / 100) * 100);
    const rate = Number(r.VatRate ?? 0);
    const lineNet = order.IncludeVAT === true ? Math.round((line * 100) / (100 + rate)) : line;
    net += lineNet;
    vat += order.IncludeVAT === true ? line - lineNet : Math.round((lineNet * rate) / 100);
  }
  return { incVat: formatMinor(net + vat), vat: formatMinor(vat) };
}

function withRows(order: Row): Row {
  const rows = ((order.InvoiceRows as Array<Row | null>) ?? []).filter((r): r is Row => r !== null && r.ChangeState !== 'Delete');
  return { ...order, InvoiceRows: rows.map((r, i) => ({ ...r, RowId: r.RowId ?? i + 1, ChangeState: 'None' })) };
}

export const invoiceOps: Record<string, OpHandler> = {
  SaveInvoices(ctx, args) {
    const { books } = requireCaller(ctx);
    const at = ctx.now.toISOString();
    return ((args.invoices as Array<Row | null>) ?? []).map((input) => {
      if (!input) return null;
      const { APIException: _ignored, ...o } = input;
      const id = idOf(o.OrderId);
      const existing = id !== undefined ? books.invoices.find((x) => x.OrderId === id) : undefined;
      const problems: string[] = [];
      if (id !== undefined && !existing) problems.push(`Order ${id} does not exist`);
      if (existing && INVOICED.has(String(existing.OrderStatus))) problems.push(`Order ${id} is invoiced: it is not possible to change any properties of an order that is marked as Invoiced`);
      const customerId = idOf(o.CustomerId) ?? (existing?.CustomerId as number | undefined);
      const customer = books.companies.find((c) => c.Id === customerId);
      if (!customer) problems.push(customerId ? `Customer ${customerId} does not exist` : 'CustomerId is required');
      for (const r of (o.InvoiceRows as Row[] | undefined) ?? []) {
        if (r && idOf(r.ProductId) !== undefined && !books.products.some((p) => p.Id === r.ProductId)) problems.push(`Product ${String(r.ProductId)} does not exist`);
      }
      if (problems.length > 0) return { ...o, APIException: apiException(problems.join('; ')) };
      const merged = withRows({ OrderStatus: 'Web', Currency: { Rate: '1', Unit: 1, Symbol: 'NOK' }, ...existing, ...o, CustomerId: customerId, CustomerName: customer!.Name });
      const sums = totals(merged);
      Object.assign(merged, { OrderTotalIncVat: sums.incVat, OrderTotalVat: sums.vat, DateChanged: at });
      if (!existing) Object.assign(merged, { OrderId: books.next.order++, DateOrdered: o.DateOrdered ?? at });
      if (INVOICED.has(String(merged.OrderStatus)) && !merged.InvoiceId) Object.assign(merged, { InvoiceId: books.next.invoice++, DateInvoiced: o.DateInvoiced ?? at });
      if (existing) Object.keys(existing).forEach((k) => delete existing[k]);
      if (existing) Object.assign(existing, merged);
      else books.invoices.push(merged);
      return { ...merged };
    });
  },

  GetInvoices(ctx, args) {
    const { books } = requireCaller(ctx);
    const p = (args.searchParams ?? {}) as Row;
    const list = (k: string) => (p[k] as unknown[] | undefined) ?? [];
    const changedAfter = timeMs(p.ChangedAfter as string | undefined);
    const rows = books.invoices.filter(
      (o) =>
        (list('CustomerIds').length === 0 || list('CustomerIds').includes(o.CustomerId)) &&
        (list('OrderStates').length === 0 || list('OrderStates').includes(o.OrderStatus)) &&
        (list('InvoiceIds').length === 0 || list('InvoiceIds').includes(o.InvoiceId)) &&
        (list('OrderIds').length === 0 || list('OrderIds').includes(o.OrderId)) &&
        (list('ExternalStatus').length === 0 || list('ExternalStatus').includes(o.ExternalStatus)) &&
        (changedAfter === undefined || timeMs(o.DateChanged as string)! > changedAfter),
    );
    const rowProps = (args.rowReturnProperties as string[] | undefined) ?? [];
    const orderProps = ((args.invoiceReturnProperties as string[] | undefined) ?? []).filter((n) => n !== 'APIException');
    return rows.map((o) => {
      const out = pick(o, orderProps);
      if (orderProps.includes('InvoiceRows') || rowProps.length > 0) out.InvoiceRows = ((o.InvoiceRows as Row[]) ?? []).map((r) => pick(r, rowProps));
      return out;
    });
  },
};

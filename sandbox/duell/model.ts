/**
 * The sandbox's records and how they go on the wire of connectors/duell/README.md: a DUELL account (one customer
 * number: a chain with departments) holding its Z-report series, their PDFs, invoice bases, customers, product
 * groups and products. Money is kept in øre and written as kroner numbers with two decimals.
 */
import type { Customer } from '../../domain/settlement/customer';
import type { InvoiceBasis } from '../../domain/settlement/invoiceBasis';
import type { Product } from '../../domain/settlement/product';
import type { ZReport } from '../../domain/settlement/zReport';

export interface DepartmentRecord { id: string; name: string; active: boolean }
export interface ProductGroupRecord { id: string; name: string }
export interface StoredZReport { report: ZReport; changedAt: string }

export interface AccountRecord {
  customerNumber: string;
  token: string;
  name: string;
  departments: Map<string, DepartmentRecord>;
  /** Per department, in number order: DUELL's NUMMERSERIE, fixed after the first Z. */
  zReports: Map<string, StoredZReport[]>;
  pdfs: Map<string, Buffer>;
  invoiceBases: Map<string, InvoiceBasis>;
  customers: Map<string, Customer>;
  groups: Map<string, ProductGroupRecord>;
  products: Map<string, Product>;
  /** Counters for the ids DUELL hands out. */
  next: { pdf: number; invoiceBasis: number };
}

export const kroner = (minor: number): number => minor / 100;

export function renderZReport({ report: z, changedAt }: StoredZReport): Record<string, unknown> {
  return {
    number: z.number, departmentId: z.departmentId, date: z.date, time: z.time ?? null, registerId: z.registerId ?? null,
    signedBy: z.signedBy, currency: z.currency,
    sales: { gross: kroner(z.sales.gross), net: kroner(z.sales.net), vat: z.sales.vat.map((v) => ({ code: v.code, rate: Number(v.rate), base: kroner(v.base), vat: kroner(v.vat) })) },
    byProductGroup: z.artGroups.map((g) => ({ groupId: g.groupId, name: g.name ?? null, accountNo: g.accountNo ?? null, vatCode: g.vatCode, count: g.count, amount: kroner(g.amount) })),
    payments: z.payments.map((p) => ({ type: p.type, count: p.count, amount: kroner(p.amount), accountNo: p.accountNo ?? null })),
    cash: {
      openingFloat: kroner(z.cash.openingFloat), expected: kroner(z.cash.expected), counted: kroner(z.cash.counted),
      bankWithdrawal: kroner(z.cash.bankWithdrawal), difference: kroner(z.cash.difference), note: z.cash.note ?? null,
    },
    rounding: kroner(z.rounding), tips: kroner(z.tips),
    returns: { count: z.returns.count, amount: kroner(z.returns.amount) },
    discounts: { count: z.discounts.count, amount: kroner(z.discounts.amount) },
    voids: { count: z.voids.count, amount: kroner(z.voids.amount) },
    receipts: z.receipts, pdfId: z.pdfId ?? null, changedAt,
  };
}

export function renderInvoiceBasis(b: InvoiceBasis): Record<string, unknown> {
  return { ...b, reference: b.reference ?? null, rows: b.rows.map((r) => ({ ...r, productNumber: r.productNumber ?? null, unitPrice: kroner(r.unitPrice) })) };
}

export function renderCustomer(c: Customer): Record<string, unknown> {
  return { number: c.number, name: c.name, orgNo: c.orgNo ?? null, address: c.address ?? null, email: c.email ?? null, changedAt: c.changedAt };
}

export function renderProduct(p: Product): Record<string, unknown> {
  return {
    number: p.number, name: p.name, groupId: p.groupId, groupName: p.groupName ?? null, price: kroner(p.price), costPrice: kroner(p.costPrice),
    vatCode: p.vatCode, stockQuantity: p.stockQuantity ?? null, changedAt: p.changedAt,
  };
}

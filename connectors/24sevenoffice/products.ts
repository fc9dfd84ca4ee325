/** Products and stock: ProductService (API doc §8). Per-item errors in APIException. */
import { ConnectorError } from '../errors';
import type { Minor } from '../../domain/money';
import type { Session } from './session';
import { apiError, type ItemResult } from './items';
import { amountText, compact, decimalText, items, readInstant, readMinor, readNumber, readString, wireInstant } from './wire';

export interface Product {
  id?: number;
  /** Product number ("product nr" on order rows). */
  no?: string;
  name: string;
  /** "A product always belongs to a category": required when creating. */
  categoryId?: number;
  /** Sales price excl. VAT, minor units. */
  price?: Minor | number;
  /** Purchase price, minor units. */
  inPrice?: Minor | number;
  cost?: Minor | number;
  /** Percent, e.g. 25. */
  taxRate?: number;
  ean?: string;
  stock?: number;
  description?: string;
  active?: boolean;
  stockControlled?: boolean;
  changedAt?: string;
}

export type ProductQuery = { ids: number[] } | { no: string } | { ean: string } | { changedAfter: Date | string } | { categoryId: number };

const RETURN_PROPERTIES = ['Id', 'No', 'Name', 'CategoryId', 'Price', 'InPrice', 'Cost', 'TaxRate', 'EAN1', 'Stock', 'Description',
  'StatusId', 'StockControlled', 'DateChanged'];

export async function products(session: Session, q: ProductQuery): Promise<Product[]> {
  const res = await session.call('product', 'GetProducts', { searchParams: search(q), returnProperties: { string: RETURN_PROPERTIES } });
  return items<Record<string, unknown>>(res.GetProductsResult, 'Product').map(fromWire);
}

export async function saveProducts(session: Session, list: Product[]): Promise<ItemResult<Product>[]> {
  if (list.length === 0) return [];
  const wire = list.map((p, i) => toWire(p, `saveProducts item ${i + 1} (${p.no ?? p.name})`)); // validate all first
  const res = await session.call('product', 'SaveProducts', { products: { Product: wire } });
  const saved = items<Record<string, any>>(res.SaveProductsResult, 'Product');
  return list.map((p, i) => {
    const error = apiError(saved[i]);
    if (error || !saved[i]) return { ok: false, item: p, error: error ?? 'SaveProducts returned no item for this product' };
    return { ok: true, item: { ...p, id: readNumber(saved[i]!.Id) ?? p.id }, created: !p.id };
  });
}

export async function setStockQuantity(session: Session, productId: number, quantity: number): Promise<void> {
  const res = await session.call('product', 'SetStockQuantity', { productId, stockQuantity: decimalText(quantity, `stock of product ${productId}`) });
  if (String(res.SetStockQuantityResult) !== 'true') {
    throw new ConnectorError('Rejected', `24SevenOffice did not set the stock of product ${productId} for tenant ${session.tenant}; ` +
      'check that the product exists and is stock-controlled');
  }
}

function search(q: ProductQuery): Record<string, unknown> {
  if ('ids' in q) return { ProductIds: { int: q.ids } };
  if ('categoryId' in q) return { CategoryId: q.categoryId };
  if ('no' in q) return { No: q.no };
  if ('ean' in q) return { EAN1: q.ean };
  return { DateChanged: wireInstant(q.changedAfter, 'products changedAfter') };
}

/** Fields in WSDL sequence order. */
function toWire(p: Product, what: string): Record<string, unknown> {
  if (!p.name?.trim()) throw new ConnectorError('ValidationFailed', `${what}: a product needs a name; nothing was sent`);
  if (!p.id && p.categoryId === undefined) throw new ConnectorError('ValidationFailed', `${what}: a new product needs a category; nothing was sent`);
  const money = (v: number | undefined, field: string) => (v === undefined ? undefined : amountText(v, `${what} ${field}`));
  return compact({
    Id: p.id,
    Name: p.name,
    TaxRate: p.taxRate === undefined ? undefined : decimalText(p.taxRate, `${what} tax rate`),
    Stock: p.stock === undefined ? undefined : decimalText(p.stock, `${what} stock`),
    StatusId: p.active === undefined ? undefined : p.active ? 1 : 0,
    CategoryId: p.categoryId,
    InPrice: money(p.inPrice, 'in price'),
    Description: p.description,
    Cost: money(p.cost, 'cost'),
    EAN1: p.ean,
    Price: money(p.price, 'price'),
    No: p.no,
    StockControlled: p.stockControlled,
  });
}

function fromWire(p: Record<string, unknown>): Product {
  const status = readNumber(p.StatusId);
  return compact({
    id: readNumber(p.Id),
    no: readString(p.No),
    name: readString(p.Name) ?? '',
    categoryId: readNumber(p.CategoryId),
    price: readMinor(p.Price),
    inPrice: readMinor(p.InPrice),
    cost: readMinor(p.Cost),
    taxRate: readNumber(p.TaxRate),
    ean: readString(p.EAN1),
    stock: readNumber(p.Stock),
    description: readString(p.Description),
    active: status === undefined ? undefined : status === 1,
    stockControlled: p.StockControlled === undefined ? undefined : String(p.StockControlled) === 'true',
    changedAt: readInstant(p.DateChanged),
  });
}

/** What Talenom's ledger holds for invoicing: sales accounts with their VAT %, products, and the sales ledger. */
import type { SalesAccountEntry, SalesLedgerItem, TalenomProduct } from '.';
import type { TalenomClient } from './client';
import { listOf, productSchema, salesAccountSchema, salesLedgerItemSchema, upsertCountSchema } from './wire';

export async function salesAccounts(client: TalenomClient): Promise<SalesAccountEntry[]> {
  const res = await client.call('salesAccounts', 'GET', '/sales-accounts');
  return client.parse(listOf(salesAccountSchema), res.body, 'sales accounts').results;
}

/** Upserted by code. */
export async function upsertProducts(client: TalenomClient, products: TalenomProduct[]): Promise<{ created: number; updated: number }> {
  const res = await client.call('upsertProducts', 'PUT', '/products', { body: products });
  return client.parse(upsertCountSchema, res.body, `answer to ${products.length} product(s)`);
}

export async function products(client: TalenomClient): Promise<TalenomProduct[]> {
  const res = await client.call('products', 'GET', '/products');
  return client.parse(listOf(productSchema), res.body, 'products').results;
}

/** Open items and their payments, upserted by invoice number. */
export async function upsertSalesLedger(client: TalenomClient, items: SalesLedgerItem[]): Promise<{ created: number; updated: number }> {
  const res = await client.call('upsertSalesLedger', 'PUT', '/sales-ledger', { body: items });
  return client.parse(upsertCountSchema, res.body, `answer to ${items.length} sales ledger item(s)`);
}

export async function salesLedger(client: TalenomClient): Promise<SalesLedgerItem[]> {
  const res = await client.call('salesLedger', 'GET', '/sales-ledger');
  return client.parse(listOf(salesLedgerItemSchema), res.body, 'sales ledger').results;
}

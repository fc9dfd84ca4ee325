/** Departments, customers and products: read in changed-since pages, and written when 24SevenOffice is master. */
import type { Customer } from '../../domain/settlement/customer';
import type { Product } from '../../domain/settlement/product';
import type { CustomerUpsert, DuellDepartment, ProductUpsert } from './api';
import { numbered, type DuellClient } from './client';
import { customerSchema, departmentSchema, productSchema } from './wire';

export async function departments(client: DuellClient): Promise<DuellDepartment[]> {
  const all: DuellDepartment[] = [];
  for await (const page of client.pages('departments', '/departments', 'departments', departmentSchema, () => undefined)) all.push(...page);
  return all;
}

export function customers(client: DuellClient, query: { changedSince?: string } = {}): AsyncGenerator<Customer[]> {
  return client.pages('customers', '/customers', 'customers', customerSchema, numbered('customer'), query);
}

export function products(client: DuellClient, query: { changedSince?: string } = {}): AsyncGenerator<Product[]> {
  return client.pages('products', '/products', 'products', productSchema, numbered('product'), query);
}

export async function upsertCustomer(client: DuellClient, customer: CustomerUpsert): Promise<Customer> {
  const body = await client.call('upsert-customer', 'POST', '/customers', { body: customer });
  return client.parse(customerSchema, body, 'upsert-customer', `customer ${customer.number}`);
}

export async function upsertProduct(client: DuellClient, product: ProductUpsert): Promise<Product> {
  // Prices go out as kroner with two decimals, the way DUELL writes them (./README.md, "Money").
  const body = await client.call('upsert-product', 'POST', '/products', { body: { ...product, price: product.price / 100, costPrice: product.costPrice / 100 } });
  return client.parse(productSchema, body, 'upsert-product', `product ${product.number}`);
}

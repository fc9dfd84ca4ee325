/** Telaris customers: the master data behind a batch's customerNo (organisation number, address, e-mail). */
import type { TelarisClient } from './client';
import type { Customer, Page } from './model';
import { readPage } from './pages';
import { customerSchema } from './wire';

export async function customersPage(client: TelarisClient, page: number, pageSize: number): Promise<Page<Customer>> {
  const read = await readPage(client, { operation: 'customers', path: '/customers', page, pageSize, what: 'customer list', itemName: 'customer' }, customerSchema);
  return read.page!;
}

export async function* customers(client: TelarisClient, pageSize: number): AsyncGenerator<Customer> {
  for (let page = 1, last = 1; page <= last; page++) {
    const current = await customersPage(client, page, pageSize);
    last = current.totalPages;
    yield* current.items;
  }
}

/** One customer, or undefined when Telaris does not know the number. */
export async function customer(client: TelarisClient, customerNo: string): Promise<Customer | undefined> {
  const res = await client.call('customer', 'GET', `/customers/${encodeURIComponent(customerNo)}`, { accept: [404] });
  if (res.status === 404) return undefined;
  return client.parse(customerSchema, res.body, `customer ${customerNo}`);
}

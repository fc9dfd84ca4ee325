/** Customers and their addresses: the buyer of each invoice (other-systems.md §1, "Customers"). */
import type { SeveraClient } from './client';
import type { Customer, CustomerAddress } from './model';
import { customerAddressSchema, customerSchema } from './wire';

const READ = 'customers:read';

/** undefined when Severa does not know the guid. E-invoice fields only with the API parameter (README.md). */
export async function customer(client: SeveraClient, guid: string): Promise<Customer | undefined> {
  const path = `/v1/customers/${encodeURIComponent(guid)}`;
  const res = await client.call('GET', path, { scope: READ, notFoundIsUndefined: true });
  return res && client.parse(customerSchema, res.body, `GET ${path}`, 'customer');
}

/** Addresses page by offset (`firstRow`, from 0), not by pageToken: a short page is the last. */
export async function customerAddresses(client: SeveraClient, customerGuid: string): Promise<CustomerAddress[]> {
  const path = `/v1/customers/${encodeURIComponent(customerGuid)}/addresses`;
  const out: CustomerAddress[] = [];
  for (let firstRow = 0; ; firstRow += client.pageSize) {
    const res = (await client.call('GET', path, { scope: READ, query: { firstRow, rowCount: client.pageSize } }))!;
    const page = client.parseItems(customerAddressSchema, res.body, `GET ${path}`, 'address', firstRow);
    out.push(...page);
    if (page.length < client.pageSize) return out;
  }
}

/**
 * The organisation itself, the seller on every invoice: name, Y-tunnus, VAT number, address, bank accounts and
 * e-invoice address. INFERRED: Severa keeps this under Settings → Company information and its REST API documents
 * organisation details only in parts; GET /v1/organization answering ./model.ts Organization is OUR model
 * (README.md), mirrored by sandbox/severa. Verify the path against a real organisation before production.
 */
import type { SeveraClient } from './client';
import type { Organization } from './model';
import { organizationSchema } from './wire';

export async function organization(client: SeveraClient): Promise<Organization> {
  const res = (await client.call('GET', '/v1/organization', { scope: 'organization:read' }))!;
  return client.parse(organizationSchema, res.body, 'GET /v1/organization', 'organization');
}

/**
 * The demo tenant `npm start` creates on first run: one company whose connections point at the local sandboxes,
 * so every command and workflow can be tried without an account anywhere.
 */
import { createConnectionRepo, createTenantRepo, connectionId } from '../db/repos';
import type { Db } from '../db';
import type { SecretBox } from '../db/secrets';
import type { Sandboxes } from '../sandbox';
import { DEMO_CREDENTIALS } from '../sandbox/24sevenoffice';

export const DEMO_TENANT = 'demo';

export async function ensureDemoTenant(db: Db, secrets: SecretBox, sandboxes: Sandboxes) {
  const tenants = createTenantRepo(db);
  const connections = createConnectionRepo(db, secrets);
  if (!(await tenants.find(DEMO_TENANT))) {
    await tenants.add({ id: DEMO_TENANT, name: 'Demo Handel AS', settings: { batch: { postingMode: 'journal' } } });
  }
  const name = '24so';
  const id = connectionId(DEMO_TENANT, name);
  const existing = (await connections.list(DEMO_TENANT)).find((c) => c.name === name);
  const url = sandboxes.urls['24sevenoffice']!;
  if (!existing) {
    await connections.add(
      DEMO_TENANT,
      '24sevenoffice',
      name,
      { apiBaseUrl: url, webservicesBaseUrl: url, mappedAccounts: [1500, 1920, 2400, 2700, 3000], mappedVoucherTypes: [1] },
      { ...DEMO_CREDENTIALS },
    );
  }
  return { tenant: DEMO_TENANT, connectionName: name, check: { tenant: DEMO_TENANT, connectionId: id, system: '24sevenoffice' } };
}

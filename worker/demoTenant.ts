/**
 * The demo tenant `npm start` creates on first run: one company whose connections point at the local sandboxes
 * (24SevenOffice and Telaris), with the voucher-type mappings the 24SevenOffice sandbox's chart needs, so every
 * command and workflow can be tried without an account anywhere. A second start adds only what is missing and
 * never overwrites what an operator changed.
 */
import { ROUTES, createConnectionRepo, createMappingRepo, createTenantRepo, connectionId, type ConnectionRepo } from '../db/repos';
import type { Db } from '../db';
import type { SecretBox } from '../db/secrets';
import type { SystemName } from '../connectors/types';
import type { Sandboxes } from '../sandbox';
import { DEMO_CREDENTIALS } from '../sandbox/24sevenoffice';
import { DEMO_TELARIS } from '../sandbox/telaris';

export const DEMO_TENANT = 'demo';

/** Document kind → TypeNo, as the 24SevenOffice sandbox seeds its voucher types. */
export const DEMO_VOUCHER_TYPES = { salesInvoice: '1', cost: '3', payment: '4', cashSettlement: '6' } as const;

export async function ensureDemoTenant(db: Db, secrets: SecretBox, sandboxes: Sandboxes) {
  const tenants = createTenantRepo(db);
  const connections = createConnectionRepo(db, secrets);
  if (!(await tenants.find(DEMO_TENANT))) {
    await tenants.add({ id: DEMO_TENANT, name: 'Demo Handel AS', settings: { batch: { postingMode: 'journal' } } });
  }
  const tso = sandboxes.urls['24sevenoffice']!;
  const { applicationId, username, password } = DEMO_CREDENTIALS;
  await ensureConnection(connections, '24sevenoffice', '24so',
    { apiBaseUrl: tso, webservicesBaseUrl: tso, mappedAccounts: [1500, 1920, 2400, 2700, 3000], mappedVoucherTypes: Object.values(DEMO_VOUCHER_TYPES).map(Number) },
    { applicationId, username, password });
  await ensureConnection(connections, 'telaris', 'telaris',
    { baseUrl: sandboxes.urls.telaris!, companyNo: DEMO_TELARIS.companyNo }, { apiToken: DEMO_TELARIS.apiToken });

  const mappings = createMappingRepo(db);
  for (const [kind, typeNo] of Object.entries(DEMO_VOUCHER_TYPES)) {
    if ((await mappings.get(DEMO_TENANT, ROUTES.telarisTo24so, 'voucher-type', kind)) === undefined) {
      await mappings.set(DEMO_TENANT, ROUTES.telarisTo24so, 'voucher-type', kind, typeNo);
    }
  }
  const id = connectionId(DEMO_TENANT, '24so');
  return { tenant: DEMO_TENANT, connectionName: '24so', check: { tenant: DEMO_TENANT, connectionId: id, system: '24sevenoffice' } };
}

async function ensureConnection(connections: ConnectionRepo, system: SystemName, name: string, settings: Record<string, unknown>, credentials: Record<string, unknown>) {
  if ((await connections.list(DEMO_TENANT)).some((c) => c.name === name)) return;
  await connections.add(DEMO_TENANT, system, name, settings, credentials);
}

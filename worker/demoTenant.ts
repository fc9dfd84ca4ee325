/**
 * The demo tenant `npm start` creates on first run: one company whose connections point at the local sandboxes
 * (24SevenOffice and Telaris for the accounting batch, Visma Severa and Talenom for the invoice transfer, CostTracker
 * for purchase-order matching), with the voucher-type and sales-account mappings the sandboxes' data needs, so every
 * command and workflow can be tried without an account anywhere. A second start adds only what is missing and never
 * overwrites what an operator changed.
 */
import { ROUTES, createConnectionRepo, createMappingRepo, createTenantRepo, connectionId, type ConnectionRepo, type MappingKind, type Route } from '../db/repos';
import type { Db } from '../db';
import type { SecretBox } from '../db/secrets';
import type { SystemName } from '../connectors/types';
import type { Sandboxes } from '../sandbox';
import { DEMO_CREDENTIALS } from '../sandbox/24sevenoffice';
import { DEMO_TELARIS } from '../sandbox/telaris';
import { DEMO_SEVERA } from '../sandbox/severa';
import { DEMO_TALENOM } from '../sandbox/talenom';
import { DEMO_COSTTRACKER } from '../sandbox/costtracker';

export const DEMO_TENANT = 'demo';

/** Document kind → TypeNo, as the 24SevenOffice sandbox seeds its voucher types. */
export const DEMO_VOUCHER_TYPES = { salesInvoice: '1', cost: '3', payment: '4', cashSettlement: '6' } as const;

/** The demo's invoice transfer: daily at Talenom's usual time, booked by sales account as the Talenom sandbox does. */
export const DEMO_INVOICE_SETTINGS = { transferSchedule: { at: ['06:00'], timezone: 'Europe/Helsinki' }, salesAccountsInUse: true } as const;

/**
 * Severa's travel-expense account 3050 (sandbox/severa/seed.ts) per VAT rate → the Talenom sandbox's sales account
 * with that rate (DEFAULT_SALES_ACCOUNTS); the Severa seed's other accounts exist in Talenom with the same rates.
 */
export const DEMO_SALES_ACCOUNTS = { '3050@25.5': '3000', '3050@13.5': '3020', '3050@0': '3040' } as const;

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

  // The `severa` key comes with the Severa connection: an operator who removes it later turned the transfer off.
  const severaAdded = await ensureConnection(connections, 'severa', 'severa', { baseUrl: sandboxes.urls.severa! },
    { clientId: DEMO_SEVERA.clientId, clientSecret: DEMO_SEVERA.clientSecret });
  if (severaAdded && (await tenants.get(DEMO_TENANT)).settings.severa === undefined) {
    await tenants.updateSettings(DEMO_TENANT, { severa: DEMO_INVOICE_SETTINGS });
  }
  await ensureConnection(connections, 'talenom', 'talenom',
    { baseUrl: sandboxes.urls.talenom!, tokenUrl: sandboxes.talenom.tokenUrl, organizationNumber: DEMO_TALENOM.organizationNumber },
    { clientId: DEMO_TALENOM.clientId, clientSecret: DEMO_TALENOM.clientSecret, subscriptionKey: DEMO_TALENOM.subscriptionKey });
  await ensureConnection(connections, 'costtracker', 'costtracker',
    { baseUrl: sandboxes.urls.costtracker!, organisationId: DEMO_COSTTRACKER.organisationId, mode: 'fetch' }, { apiToken: DEMO_COSTTRACKER.apiToken });

  const mappings = createMappingRepo(db);
  const ensureMapping = async (route: Route, kind: MappingKind, source: string, target: string) => {
    if ((await mappings.get(DEMO_TENANT, route, kind, source)) === undefined) await mappings.set(DEMO_TENANT, route, kind, source, target);
  };
  for (const [kind, typeNo] of Object.entries(DEMO_VOUCHER_TYPES)) await ensureMapping(ROUTES.telarisTo24so, 'voucher-type', kind, typeNo);
  for (const [account, target] of Object.entries(DEMO_SALES_ACCOUNTS)) await ensureMapping(ROUTES.severaToTalenom, 'sales-account', account, target);
  const id = connectionId(DEMO_TENANT, '24so');
  return { tenant: DEMO_TENANT, connectionName: '24so', check: { tenant: DEMO_TENANT, connectionId: id, system: '24sevenoffice' } };
}

/** Adds the connection unless one of that name exists; true when it was added. */
async function ensureConnection(connections: ConnectionRepo, system: SystemName, name: string, settings: Record<string, unknown>, credentials: Record<string, unknown>): Promise<boolean> {
  if ((await connections.list(DEMO_TENANT)).some((c) => c.name === name)) return false;
  await connections.add(DEMO_TENANT, system, name, settings, credentials);
  return true;
}

/**
 * What every invoice-transfer activity opens: the tenant's Severa and Talenom connectors (the connections its
 * `severa` settings name, or its only ones), the settings, the route's code mappings and Severa's two statuses.
 */
import type { InvoiceStatus, Severa } from '../../connectors/severa';
import type { Talenom } from '../../connectors/talenom';
import { connectionOf, createConnectionRepo, createMappingRepo, createTenantRepo, ROUTES } from '../../db/repos';
import { invoiceSettings, type InvoiceSettings } from '../../domain/invoice/settings';
import type { ActivityDeps } from '../deps';
import { attention } from '../failures';
import { openConnector } from '../openConnector';
import type { CodeMap } from './salesInvoice';

export const ROUTE = ROUTES.severaToTalenom;

/** An invoice's identity at Talenom's edge (activities/exactlyOnce.ts). */
export const invoiceKey = (invoiceGuid: string) => `severa/invoice/${invoiceGuid}`;

export interface InvoiceSystems {
  severa: Severa;
  talenom: Talenom;
  settings: InvoiceSettings;
}

export async function openInvoiceSystems(deps: ActivityDeps, tenant: string): Promise<InvoiceSystems> {
  const settings = await loadInvoiceSettings(deps, tenant);
  const connections = createConnectionRepo(deps.db, deps.secrets);
  const [severaId, talenomId] = await Promise.all([
    connectionOf(connections, tenant, 'severa', settings.source, 'severa'),
    connectionOf(connections, tenant, 'talenom', settings.target, 'severa'),
  ]);
  const [severa, talenom] = await Promise.all([openConnector<Severa>(deps, tenant, severaId), openConnector<Talenom>(deps, tenant, talenomId)]);
  return { severa: severa.connector, talenom: talenom.connector, settings };
}

export async function loadInvoiceSettings(deps: ActivityDeps, tenant: string): Promise<InvoiceSettings> {
  const t = await createTenantRepo(deps.db).get(tenant);
  try {
    return invoiceSettings(t.settings, tenant);
  } catch (err) {
    throw attention('ValidationFailed', (err as Error).message);
  }
}

/** The guids of the waiting and transferred statuses, found by the names in the settings. */
export async function transferStatuses(severa: Severa, settings: InvoiceSettings, tenant: string): Promise<{ waiting: InvoiceStatus; transferred: InvoiceStatus }> {
  const all = await severa.invoiceStatuses();
  const find = (name: string, key: string) => {
    const status = all.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase());
    if (!status) {
      throw attention('ValidationFailed', `tenant ${tenant}: Severa has no invoice status "${name}" (severa.${key}); its statuses are ` +
        `${all.map((s) => `"${s.name}"`).join(', ')}. Fix with: ledgerbridge tenants settings ${tenant} severa='{"${key}":"…"}' ` +
        '(or add the status in Severa: Settings → Invoice statuses)');
    }
    return status;
  };
  return { waiting: find(settings.waitingStatus, 'waitingStatus'), transferred: find(settings.transferredStatus, 'transferredStatus') };
}

/** The tenant's severa → talenom code mappings, loaded once per activity. */
export async function loadCodeMap(deps: ActivityDeps, tenant: string): Promise<CodeMap> {
  const all = await createMappingRepo(deps.db).list(tenant, ROUTE);
  const byKind = new Map(all.map((m) => [`${m.kind}\u0000${m.sourceKey}`, m.targetKey]));
  return (kind, code) => byKind.get(`${kind}\u0000${code}`);
}

export { attention } from '../failures';

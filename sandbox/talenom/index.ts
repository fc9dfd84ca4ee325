/**
 * A local Talenom for tests and the demo: the Sales API of connectors/talenom/README.md on loopback (token
 * endpoint at /oauth2/token, APIM checks, Finvoice intake with the sales-account rule), faults on demand, and a
 * JSON admin API under /admin.
 *
 * Demo organisation (seed: true, the default): DEMO_TALENOM below, with the default sales accounts.
 */
import { FaultRegistry } from '../shared/faults';
import { serveSandbox, type RunningSandbox, type SandboxOptions } from '../shared/serve';
import { adminRoutes, TalenomSandboxAdmin } from './admin';
import { createApiHandler, TOKEN_PATH } from './api';
import { Store } from './store';

export { TalenomSandboxAdmin } from './admin';
export type { NewOrganisation } from './admin';
export { DEFAULT_SALES_ACCOUNTS } from './store';
export type { CallLogEntry, LedgerItem, SalesAccount, StoredInvoice, WireContact, WireProduct } from './store';

export type TalenomSandboxOptions = SandboxOptions;

export interface TalenomSandbox extends RunningSandbox<TalenomSandboxAdmin> {
  /** `${url}/oauth2/token` — a connection's tokenUrl */
  tokenUrl: string;
}

/** 1234567-1: the Y-tunnus check digit of 1234567 (weights 7,9,10,5,8,4,2; 153 mod 11 = 10 → 11 − 10 = 1). */
export const DEMO_TALENOM = {
  organizationNumber: '1234567-1',
  name: 'Demo Konsultointi Oy',
  clientId: 'demo-talenom',
  clientSecret: 'demo-talenom-secret',
  subscriptionKey: 'demo-talenom-key',
} as const;

export async function startTalenomSandbox(options: TalenomSandboxOptions = {}): Promise<TalenomSandbox> {
  const store = new Store(options.now ?? (() => new Date()));
  const faults = new FaultRegistry();
  const admin = new TalenomSandboxAdmin(store, faults);
  const handler = createApiHandler({ store, faults, admin: adminRoutes(admin), maxRequestBytes: options.maxRequestBytes ?? 5 * 1024 * 1024 });
  const server = await serveSandbox(store, options, () => admin.createOrganisation({ ...DEMO_TALENOM, usesSalesAccounts: true }), handler);
  return { ...server, tokenUrl: `${server.url}${TOKEN_PATH}`, admin };
}

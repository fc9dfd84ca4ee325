/**
 * A local Visma Severa for tests and the demo: the public REST API (other-systems.md §1) on loopback, state per
 * organisation (client id → organisation), Finnish demo data, faults on demand and a JSON admin API under /admin.
 *
 * Demo organisation (seed: true, the default): DEMO_SEVERA below — "Kahvi ja Koodi Oy", client credentials
 * demo-severa / demo-severa-secret with every scope, the Talenom status pair, five customers and six invoices.
 */
import { FaultRegistry } from '../shared/faults';
import { serveSandbox, type RunningSandbox, type SandboxOptions } from '../shared/serve';
import { adminRoutes, SeveraSandboxAdmin } from './admin';
import { createApiHandler } from './api';
import { Store } from './store';

export { SeveraSandboxAdmin } from './admin';
export type { CustomerChanges, SeveraFaultSpec } from './admin';
export type { NewAddress, NewCustomer, NewInvoice, NewRow } from './records';
export type { NewOrganization } from './seed';
export type { CallRecord, CallWatcher } from './store';

export type SeveraSandboxOptions = SandboxOptions;

export type SeveraSandbox = RunningSandbox<SeveraSandboxAdmin>;

export const DEMO_SEVERA = {
  name: 'Kahvi ja Koodi Oy',
  clientId: 'demo-severa',
  clientSecret: 'demo-severa-secret',
} as const;

export async function startSeveraSandbox(options: SeveraSandboxOptions = {}): Promise<SeveraSandbox> {
  const store = new Store(options.now ?? (() => new Date()));
  const faults = new FaultRegistry();
  const admin = new SeveraSandboxAdmin(store, faults);
  const handler = createApiHandler({ store, faults, admin: adminRoutes(admin), maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024 });
  const server = await serveSandbox(store, options, () => admin.createOrganization({ ...DEMO_SEVERA, demo: true }), handler);
  return { ...server, admin };
}

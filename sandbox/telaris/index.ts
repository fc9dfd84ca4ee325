/**
 * A local Telaris ERP for tests and the demo: the REST API modelled in connectors/telaris/README.md on
 * loopback, with generated Norwegian data, bad input and faults on demand, and a JSON admin API under /admin.
 *
 * Demo company (seed: true, the default): DEMO_TELARIS below — company 1001 "Demo Handel AS" (the same company
 * as the 24SevenOffice sandbox's demo client 1001), token "telaris-demo-token", 50 customers and 25 documents in
 * the open batch, with projects and departments.
 */
import { FaultRegistry } from '../shared/faults';
import { serveSandbox, type RunningSandbox, type SandboxOptions } from '../shared/serve';
import { adminRoutes, TelarisSandboxAdmin } from './admin';
import { createApiHandler } from './api';
import { Store } from './store';

export { TelarisSandboxAdmin } from './admin';
export type { NewCompany, TelarisSandboxState } from './admin';
export { BAD_DOCUMENT_KINDS } from './badDocuments';
export type { BadDocument, BadDocumentKind } from './badDocuments';
export type { FaultKind, FaultSpec } from '../shared/faults';
export type { DocumentType, WireBatch, WireCustomer, WireDocument, WireLine, WireOpenBatch, WirePage } from './model';
export type { GenerateOptions } from './store';

export type TelarisSandboxOptions = SandboxOptions;

export type TelarisSandbox = RunningSandbox<TelarisSandboxAdmin>;

export const DEMO_TELARIS = {
  companyNo: '1001',
  name: 'Demo Handel AS',
  organizationNumber: '923609016',
  apiToken: 'telaris-demo-token',
} as const;

export async function startTelarisSandbox(options: TelarisSandboxOptions = {}): Promise<TelarisSandbox> {
  const store = new Store(options.now ?? (() => new Date()));
  const faults = new FaultRegistry();
  const admin = new TelarisSandboxAdmin(store, faults);
  const handler = createApiHandler({ store, faults, admin: adminRoutes(admin), maxRequestBytes: options.maxRequestBytes ?? 1024 * 1024 });
  const server = await serveSandbox(store, options, () => {
    admin.createCompany({ ...DEMO_TELARIS, seed: 1001, customers: 50 });
    admin.generateDocuments({ companyNo: DEMO_TELARIS.companyNo, count: 25, withProjects: true });
  }, handler);
  return { ...server, admin };
}

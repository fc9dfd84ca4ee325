/**
 * A local Telaris ERP for tests and the demo: the REST API modelled in connectors/telaris/README.md on
 * loopback, with generated Norwegian data, bad input and faults on demand, and a JSON admin API under /admin.
 *
 * Demo company (seed: true, the default): DEMO_TELARIS below — company 1001 "Demo Handel AS" (the same company
 * as the 24SevenOffice sandbox's demo client 1001), token "telaris-demo-token", 50 customers and 25 documents in
 * the open batch, with projects and departments.
 */
import { FaultRegistry } from '../shared/faults';
import { serveSandbox } from '../shared/serve';
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

export interface TelarisSandboxOptions {
  /** 0 (default) = a random free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** create the demo company (default true) */
  seed?: boolean;
  /** request body bound, default 1 MB (larger → 413) */
  maxRequestBytes?: number;
  /** the sandbox clock: decides the batch month and document dates (Europe/Oslo) */
  now?: () => Date;
  /**
   * Keep the companies and their batches in this JSON file across restarts (`npm start`, `ledgerbridge sandbox
   * start`): loaded on start instead of the seed when it exists, written after changes and on close. Default:
   * in memory only.
   */
  stateFile?: string;
}

export interface TelarisSandbox {
  /** e.g. http://127.0.0.1:41234 — a connection's baseUrl */
  url: string;
  admin: TelarisSandboxAdmin;
  close(): Promise<void>;
}

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

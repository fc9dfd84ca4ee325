/**
 * A local DUELL for tests and the demo: the REST API modelled in connectors/duell/README.md on loopback under
 * /v1 (as https://api.duell.no/v1), state per customer number, Z-reports with their PDFs, SAF-T Cash Register
 * import, faults on demand and a JSON admin API under /admin.
 *
 * Demo chain (seed: true, the default): DEMO_DUELL (./seed.ts) — customer 100200, token "duell-demo-token",
 * departments OSL and BGO.
 */
import { FaultRegistry } from '../shared/faults';
import { serveSandbox, type RunningSandbox, type SandboxOptions } from '../shared/serve';
import { adminRoutes, DuellSandboxAdmin } from './admin';
import { createApiHandler } from './api';
import { seedDemo } from './seed';
import { Store } from './store';

export { DuellSandboxAdmin } from './admin';
export type { DuellFaultSpec, DuellSandboxState, NewAccount, NewInvoiceBasis, NewZReport } from './admin';
export { DEMO_DUELL } from './seed';
export { SafTError, zReportsFromSafT } from './safT';

export type DuellSandboxOptions = SandboxOptions;

/** `url` is the server (admin under `${url}/admin`); `apiUrl` = url + /v1, a connection's baseUrl. */
export interface DuellSandbox extends RunningSandbox<DuellSandboxAdmin> {
  apiUrl: string;
}

const BASE_PATH = '/v1';

/** An upsert is one customer or product: 1 MB refuses a runaway body with room to spare. */
const MAX_REQUEST_BYTES = 1024 * 1024;

export async function startDuellSandbox(options: DuellSandboxOptions = {}): Promise<DuellSandbox> {
  const store = new Store(options.now ?? (() => new Date()));
  const faults = new FaultRegistry();
  const admin = new DuellSandboxAdmin(store, faults);
  const handler = createApiHandler({ store, faults, admin: adminRoutes(admin), maxRequestBytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES }, BASE_PATH);
  const server = await serveSandbox(store, options, () => seedDemo(admin), handler);
  return { ...server, apiUrl: `${server.url}${BASE_PATH}`, admin };
}

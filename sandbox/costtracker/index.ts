/**
 * A local CostTracker for tests and the demo: the REST API modelled in connectors/costtracker/README.md on
 * loopback, state per organisation, faults on demand and a JSON admin API under /admin.
 *
 * Demo organisation (seed: true, the default): DEMO_COSTTRACKER (./seed.ts) — `ct-demo`, token
 * "costtracker-demo-token", the 24SevenOffice sandbox's suppliers, projects and departments, twenty POs of 2026.
 */
import { FaultRegistry } from '../shared/faults';
import { serveSandbox, type RunningSandbox, type SandboxOptions } from '../shared/serve';
import { adminRoutes, CostTrackerSandboxAdmin } from './admin';
import { createApiHandler } from './api';
import { seedDemo } from './seed';
import { Store } from './store';

export { CostTrackerSandboxAdmin } from './admin';
export type { CostTrackerFaultSpec, CostTrackerSandboxState, NewOrganisation, NewPurchaseOrder, NewReceivedInvoice } from './admin';
export { DEMO_COSTTRACKER } from './seed';

export type CostTrackerSandboxOptions = SandboxOptions;

export type CostTrackerSandbox = RunningSandbox<CostTrackerSandboxAdmin>;

/** A page of 1 000 transactions with descriptions is ~300 KB; the bound leaves room and still refuses a runaway body. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export async function startCostTrackerSandbox(options: CostTrackerSandboxOptions = {}): Promise<CostTrackerSandbox> {
  const store = new Store(options.now ?? (() => new Date()));
  const faults = new FaultRegistry();
  const admin = new CostTrackerSandboxAdmin(store, faults);
  const handler = createApiHandler({ store, faults, admin: adminRoutes(admin), maxRequestBytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES });
  const server = await serveSandbox(store, options, () => seedDemo(admin), handler);
  return { ...server, admin };
}

/**
 * What the purchase-order matching's end-to-end stages share, fetch mode's (matchingHarness.ts) and post mode's
 * (supplierPostingHarness.ts): the 24SevenOffice and CostTracker sandboxes on loopback, fresh per test with the
 * demo seed (one company in both: suppliers 20001–20005, projects and departments 1–3, so CostTracker carries
 * 24SevenOffice's ids), the database, a tenant with both connections and its `matching` settings, and a real worker
 * per test (or none, for tests that run the worker in a child process).
 */
import { eq } from 'drizzle-orm';
import { connections } from '../../db/schema';
import { createConnectionRepo } from '../../db/repos';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { DEMO_COSTTRACKER, startCostTrackerSandbox, type CostTrackerSandbox } from '../../sandbox/costtracker';
import { extendStage, FAST, useSandboxStage, type SandboxStage } from '../harness/sandboxStage';

/** The demo company's client id in the 24SevenOffice sandbox. */
export const CLIENT_ID = 1001;
export const ORG = DEMO_COSTTRACKER.organisationId;

export interface CostTrackerStage extends SandboxStage<{ tso: TwentyFourSevenOfficeSandbox; costtracker: CostTrackerSandbox }> {
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly costtracker: CostTrackerSandbox;
  /** Replaces the CostTracker connection's settings (over the stage's own and the connection defaults). */
  connectCostTracker(settings?: Record<string, unknown>): Promise<void>;
}

export interface CostTrackerStageOptions {
  /** The CostTracker connection's settings besides sandbox, organisation and budget: mode, criteria, filter. */
  costtracker: Record<string, unknown>;
  /** The tenant's `matching` setting. */
  matching: Record<string, unknown>;
  taskQueuePrefix: string;
  inProcessWorker?: boolean;
}

export function useCostTrackerStage(options: CostTrackerStageOptions): CostTrackerStage {
  const base = useSandboxStage({
    taskQueuePrefix: options.taskQueuePrefix,
    inProcessWorker: options.inProcessWorker,
    start: async () => {
      const [tso, costtracker] = await Promise.all([startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startCostTrackerSandbox({ port: 0, seed: true })]);
      return { tso, costtracker };
    },
    close: ({ tso, costtracker }) => Promise.all([tso.close(), costtracker.close()]),
    tenantSettings: () => ({ matching: options.matching }),
    async setUp({ tenant, db, secrets, sandboxes: { tso } }) {
      const { applicationId, username, password } = DEMO_CREDENTIALS;
      await createConnectionRepo(db, secrets).add(tenant, '24sevenoffice', '24so', { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url }, { applicationId, username, password });
      await stage.connectCostTracker();
    },
  });
  const stage: CostTrackerStage = extendStage<CostTrackerStage, typeof base>(base, {
    get tso() { return base.sandboxes.tso; },
    get costtracker() { return base.sandboxes.costtracker; },
    async connectCostTracker(settings = {}) {
      const wanted = { baseUrl: base.sandboxes.costtracker.url, organisationId: ORG, ...options.costtracker, ...FAST, ...settings };
      const repo = createConnectionRepo(base.db, base.secrets);
      if ((await repo.list(base.tenant)).some((c) => c.name === 'costtracker')) {
        await base.db.update(connections).set({ settings: wanted }).where(eq(connections.id, `${base.tenant}:costtracker`));
      } else {
        await repo.add(base.tenant, 'costtracker', 'costtracker', wanted, { apiToken: DEMO_COSTTRACKER.apiToken });
      }
    },
  });
  return stage;
}

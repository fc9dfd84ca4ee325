/**
 * What the purchase-order matching's end-to-end stages share, fetch mode's (matchingHarness.ts) and post mode's
 * (supplierPostingHarness.ts): the 24SevenOffice and CostTracker sandboxes on loopback, fresh per test with the
 * demo seed (one company in both: suppliers 20001–20005, projects and departments 1–3, so CostTracker carries
 * 24SevenOffice's ids), the database, a tenant with both connections and its `matching` settings, and a real worker
 * per test (or none, for tests that run the worker in a child process).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Db } from '../../db';
import { connections } from '../../db/schema';
import { createConnectionRepo, createTenantRepo } from '../../db/repos';
import type { SecretBox } from '../../db/secrets';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { DEMO_COSTTRACKER, startCostTrackerSandbox, type CostTrackerSandbox } from '../../sandbox/costtracker';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { stageWorker } from '../harness/stageWorker';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from '../harness/temporal';

/** The demo company's client id in the 24SevenOffice sandbox. */
export const CLIENT_ID = 1001;
export const ORG = DEMO_COSTTRACKER.organisationId;
/** The sandboxes answer at once: the tenant's request budget need not pace the tests. */
const FAST = { budget: { perSecond: 500 } };

export interface CostTrackerStage {
  readonly tenant: string;
  readonly db: Db;
  readonly database: TestDatabase;
  readonly secrets: SecretBox;
  readonly env: TestWorkflowEnvironment;
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly costtracker: CostTrackerSandbox;
  readonly taskQueue: string;
  readonly workflowBundle: WorkflowBundleWithSourceMap;
  startWorker(): Promise<{ worker: Worker; running: Promise<void> }>;
  stopWorker(): Promise<void>;
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
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let tso: TwentyFourSevenOfficeSandbox;
  let costtracker: CostTrackerSandbox;
  let taskQueue: string;
  let tenant = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    [tso, costtracker] = await Promise.all([startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startCostTrackerSandbox({ port: 0, seed: true })]);
    taskQueue = uniqueTaskQueue(options.taskQueuePrefix);
    tenant = `as-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: tenant, name: 'Demo Handel AS', settings: { matching: options.matching } });
    const { applicationId, username, password } = DEMO_CREDENTIALS;
    await createConnectionRepo(store.db, secrets).add(tenant, '24sevenoffice', '24so', { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url }, { applicationId, username, password });
    await stage.connectCostTracker();
    if (options.inProcessWorker ?? true) await stage.startWorker();
  });
  afterEach(async () => {
    await stage.stopWorker();
    await Promise.all([tso?.close(), costtracker?.close()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const workers = stageWorker(() => ({ env, bundle, taskQueue, db: store.db, secrets }));
  const stage: CostTrackerStage = {
    get tenant() { return tenant; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get tso() { return tso; },
    get costtracker() { return costtracker; },
    get taskQueue() { return taskQueue; },
    get workflowBundle() { return bundle; },
    ...workers,
    async connectCostTracker(settings = {}) {
      const wanted = { baseUrl: costtracker.url, organisationId: ORG, ...options.costtracker, ...FAST, ...settings };
      const repo = createConnectionRepo(store.db, secrets);
      if ((await repo.list(tenant)).some((c) => c.name === 'costtracker')) {
        await store.db.update(connections).set({ settings: wanted }).where(eq(connections.id, `${tenant}:costtracker`));
      } else {
        await repo.add(tenant, 'costtracker', 'costtracker', wanted, { apiToken: DEMO_COSTTRACKER.apiToken });
      }
    },
  };
  return stage;
}

/**
 * The stage for purchase-order matching end-to-end tests (fetch mode): the 24SevenOffice and CostTracker sandboxes
 * on loopback (fresh per test, the demo seed: one company in both, suppliers 20001–20005, projects and departments
 * 1–3, the twenty POs of sandbox/costtracker/seed.ts), the database, a tenant with both connections (CostTracker in
 * fetch mode) and its `matching` settings, and a real worker per test. Helpers speak the operator's language: book
 * supplier invoices in 24SevenOffice, run a refresh, read the decisions and CostTracker's match records.
 */
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MatchingSummary } from '../../activities/matching';
import { startMatchingRun } from '../../client/matching';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { connections } from '../../db/schema';
import { createConnectionRepo, createMatchingResultRepo, createTenantRepo, type MatchResultRow } from '../../db/repos';
import type { SecretBox } from '../../db/secrets';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import type { LineChange, SupplierInvoice } from '../../sandbox/24sevenoffice/supplierInvoices';
import { DEMO_COSTTRACKER, startCostTrackerSandbox, type CostTrackerSandbox } from '../../sandbox/costtracker';
import type { MatchingScope } from '../../workflows/matchingRun';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { stageWorker } from '../harness/stageWorker';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from '../harness/temporal';

export const CLIENT_ID = 1001;
export const ORG = DEMO_COSTTRACKER.organisationId;
export const CRITERIA = ['po-field', 'po-description', 'supplier-project', 'amount-percent:10'];
/** The sandboxes answer at once: the tenant's request budget need not pace the tests. */
const FAST = { budget: { perSecond: 500 } };

export interface MatchingStage {
  readonly tenant: string;
  readonly db: Db;
  readonly database: TestDatabase;
  readonly secrets: SecretBox;
  readonly env: TestWorkflowEnvironment;
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly costtracker: CostTrackerSandbox;
  readonly taskQueue: string;
  startWorker(): Promise<unknown>;
  stopWorker(): Promise<void>;
  /** Replaces the CostTracker connection's settings (merged over the test defaults: fetch mode, CRITERIA, from 2026-01-01). */
  connectCostTracker(settings?: Record<string, unknown>): Promise<void>;
  /** Books supplier invoices in the demo company's ledger (registered two hours ago unless said); answers their voucher numbers. */
  book(invoices: SupplierInvoice[]): number[];
  /** The ledger line ids of a voucher's cost lines (not the supplier line). */
  costLines(voucherNo: number): string[];
  changeLine(lineId: string, change: LineChange): void;
  run(scope?: MatchingScope): Promise<MatchingSummary>;
  startRun(scope?: MatchingScope): Promise<string>;
  result(transaction: string): Promise<MatchResultRow | undefined>;
  /** CostTracker's match record of a transaction. */
  ctMatch(transaction: string): Record<string, unknown> | undefined;
  ctOrder(number: string): Record<string, unknown>;
}

export function useMatchingStage(): MatchingStage {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: Awaited<ReturnType<typeof bundleWorkflows>>;
  let tso: TwentyFourSevenOfficeSandbox;
  let costtracker: CostTrackerSandbox;
  let taskQueue: string;
  let TENANT = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    [tso, costtracker] = await Promise.all([startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startCostTrackerSandbox({ port: 0, seed: true })]);
    taskQueue = uniqueTaskQueue('matching');
    TENANT = `as-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: TENANT, name: 'Demo Handel AS', settings: { matching: { windowDays: 31 } } });
    const { applicationId, username, password } = DEMO_CREDENTIALS;
    await createConnectionRepo(store.db, secrets).add(TENANT, '24sevenoffice', '24so', { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url }, { applicationId, username, password });
    await stage.connectCostTracker();
    await stage.startWorker();
  });
  afterEach(async () => {
    await stage.stopWorker();
    await Promise.all([tso?.close(), costtracker?.close()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const workers = stageWorker(() => ({ env, bundle, taskQueue, db: store.db, secrets }));
  const stage: MatchingStage = {
    get tenant() { return TENANT; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get tso() { return tso; },
    get costtracker() { return costtracker; },
    get taskQueue() { return taskQueue; },
    ...workers,
    async connectCostTracker(settings = {}) {
      const wanted = { baseUrl: costtracker.url, organisationId: ORG, mode: 'fetch', criteria: CRITERIA, filter: { startDate: '2026-01-01' }, ...FAST, ...settings };
      const repo = createConnectionRepo(store.db, secrets);
      if ((await repo.list(TENANT)).some((c) => c.name === 'costtracker')) {
        await store.db.update(connections).set({ settings: wanted }).where(eq(connections.id, `${TENANT}:costtracker`));
      } else {
        await repo.add(TENANT, 'costtracker', 'costtracker', wanted, { apiToken: DEMO_COSTTRACKER.apiToken });
      }
    },
    book(invoices) {
      // Registered before the run's cursor less its overlap, so a later run's change read finds only what changed since.
      const earlier = new Date(Date.now() - 2 * 3_600_000).toISOString();
      return tso.admin.addSupplierInvoices(CLIENT_ID, invoices.map((i) => ({ registeredAt: earlier, ...i })));
    },
    costLines(voucherNo) {
      return tso.admin.transactions(CLIENT_ID).filter((l) => l.TransactionNo === voucherNo && l.AccountNo !== 2400).map((l) => String(l.Id));
    },
    changeLine(lineId, change) {
      tso.admin.changeLedgerLine(CLIENT_ID, lineId, change);
    },
    async run(scope) {
      const handle = await startMatchingRun(env.client, TENANT, scope, taskQueue);
      return handle.result();
    },
    async startRun(scope) {
      return (await startMatchingRun(env.client, TENANT, scope, taskQueue)).workflowId;
    },
    async result(transaction) {
      return (await createMatchingResultRepo(store.db).get(TENANT, transaction))?.result;
    },
    ctMatch(transaction) {
      return costtracker.admin.matchRecords(ORG, transaction)[0];
    },
    ctOrder(number) {
      const found = costtracker.admin.purchaseOrders(ORG, number);
      if (found.length !== 1) throw new Error(`CostTracker holds ${found.length} POs numbered ${number}`);
      return found[0]!;
    },
  };
  return stage;
}

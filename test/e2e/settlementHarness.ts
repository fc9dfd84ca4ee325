/**
 * The stage for daily-settlement end-to-end tests (DUELL Z-reports → 24SevenOffice vouchers): the DUELL and
 * 24SevenOffice sandboxes on loopback (fresh per test, the demo seeds: DUELL's chain with departments OSL and BGO,
 * 24SevenOffice's two companies, Demo Handel AS (client 1001) and Demo Kafé AS (client 1002)), the database, a
 * tenant with a DUELL connection and a 24SevenOffice connection per company, the settlement's mappings, and a real
 * worker per test. Helpers speak the operator's language: run the settlement, read the ledger and the export log.
 */
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { RunSummary } from '../../activities/settlement';
import { settlementRunResult, settlementView, startSettlementRun } from '../../client/settlements';
import type { Db } from '../../db';
import { createConnectionRepo, createExportLogRepo, createMappingRepo, createSettlementRepo, createTenantRepo, ROUTES, type ExportLogRow, type Settlement } from '../../db/repos';
import type { SecretBox } from '../../db/secrets';
import { SETTLEMENT_FLOW } from '../../domain/settlement/flow';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { DEMO_DUELL, startDuellSandbox, type DuellSandbox } from '../../sandbox/duell';
import type { SettlementRunInput } from '../../workflows/settlementRun';
import type { SettlementView } from '../../workflows/settlement';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { stageWorker } from '../harness/stageWorker';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from '../harness/temporal';

/** The sandbox's two companies: the 24SevenOffice connections `24so` and `24so-kafe`. */
export const HANDEL = 1001;
export const KAFE = 1002;
const KAFE_IDENTITY = DEMO_CREDENTIALS.identities.find((i) => i.clientId === KAFE)!.id;
/** The sandboxes answer at once: the tenant's request budget need not pace the tests. */
const FAST = { budget: { perSecond: 500 } };
/** Voucher type 6 "Kasse / dagsoppgjør" of the sandbox, series 6. */
export const SETTLEMENT_TYPE = 6;

/** Where each part of the demo chain's reports lands (accounts of the sandbox's chart). */
export const ACCOUNTS: Record<string, string> = {
  'payment:cash': '1900', 'payment:bankaxept': '1920', 'payment:vipps': '1920', 'payment:visa': '1920', 'payment:mastercard': '1920',
  'payment:terminal': '1920', 'payment:stripe': '1920', 'payment:giftcard': '2900', 'vat:3': '2700', 'vat:31': '2701',
  rounding: '7740', 'cash-difference': '7790', tips: '2900',
};

export interface LedgerLine {
  accountNo: number;
  amount: number;
  departmentId?: number;
  stampNo: number;
}

export interface SettlementStage {
  readonly tenant: string;
  readonly db: Db;
  readonly database: TestDatabase;
  readonly secrets: SecretBox;
  readonly env: TestWorkflowEnvironment;
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly duell: DuellSandbox;
  readonly taskQueue: string;
  readonly workflowBundle: WorkflowBundleWithSourceMap;
  startWorker(): ReturnType<ReturnType<typeof stageWorker>['startWorker']>;
  stopWorker(): Promise<void>;
  /** Replaces the tenant's `duell.departments`. */
  departments(departments: Record<string, Record<string, unknown>>): Promise<void>;
  /** `ledgerbridge mappings set <tenant> settlement-account k=v … --source duell`. */
  mapAccounts(accounts: Record<string, string>): Promise<void>;
  unmapAccount(source: string): Promise<void>;
  run(options?: Omit<SettlementRunInput, 'tenant'>): Promise<RunSummary>;
  startRun(options?: Omit<SettlementRunInput, 'tenant'>): Promise<string>;
  row(departmentId: string, zNumber: number): Promise<Settlement | undefined>;
  waitForStage(departmentId: string, zNumber: number, stage: string, timeoutMs?: number): Promise<SettlementView>;
  /** A company's ledger, per transaction number. */
  ledger(clientId?: number): Map<number, LedgerLine[]>;
  /** The tenant's settlement lines of the export log, oldest first. */
  exportLog(): Promise<ExportLogRow[]>;
}

/**
 * `inProcessWorker: false` for tests that run the worker in a child process (test/harness/childWorker.ts);
 * `connect`: another Temporal server than the run's (the browser suite's, with its UI).
 */
export function useSettlementStage(options: { inProcessWorker?: boolean; connect?: () => Promise<TestWorkflowEnvironment> } = {}): SettlementStage {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let tso: TwentyFourSevenOfficeSandbox;
  let duell: DuellSandbox;
  let taskQueue: string;
  let tenant = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([(options.connect ?? connectTestEnv)(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    [tso, duell] = await Promise.all([startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startDuellSandbox({ port: 0, seed: true })]);
    taskQueue = uniqueTaskQueue('settlement');
    tenant = `as-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: tenant, name: 'Demo Handel AS', settings: {} });
    const connections = createConnectionRepo(store.db, secrets);
    const { applicationId, username, password } = DEMO_CREDENTIALS;
    const at = { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url, ...FAST };
    await connections.add(tenant, '24sevenoffice', '24so', at, { applicationId, username, password });
    await connections.add(tenant, '24sevenoffice', '24so-kafe', { ...at, identityId: KAFE_IDENTITY }, { applicationId, username, password });
    await connections.add(tenant, 'duell', 'duell', { baseUrl: duell.apiUrl, customerNumber: DEMO_DUELL.customerNumber, ...FAST }, { token: DEMO_DUELL.token });
    await stage.departments({ OSL: { company: '24so', department: 2, saveTo: 'ledger' } });
    await createMappingRepo(store.db).set(tenant, ROUTES.duellTo24so, 'voucher-type', 'cashSettlement', String(SETTLEMENT_TYPE));
    await stage.mapAccounts(ACCOUNTS);
    if (options.inProcessWorker ?? true) await stage.startWorker();
  });
  afterEach(async () => {
    await stage.stopWorker();
    await Promise.all([tso?.close(), duell?.close()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const workers = stageWorker(() => ({ env, bundle, taskQueue, db: store.db, secrets }));
  const stage: SettlementStage = {
    get tenant() { return tenant; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get tso() { return tso; },
    get duell() { return duell; },
    get taskQueue() { return taskQueue; },
    get workflowBundle() { return bundle; },
    ...workers,
    async departments(departments) {
      await createTenantRepo(store.db).updateSettings(tenant, { duell: { departments } });
    },
    async mapAccounts(accounts) {
      const repo = createMappingRepo(store.db);
      for (const [source, target] of Object.entries(accounts)) await repo.set(tenant, ROUTES.duellTo24so, 'settlement-account', source, target);
    },
    async unmapAccount(source) {
      await createMappingRepo(store.db).remove(tenant, ROUTES.duellTo24so, 'settlement-account', source);
    },
    async run(options = {}) {
      return settlementRunResult(env.client, await stage.startRun(options));
    },
    async startRun(options = {}) {
      return (await startSettlementRun(env.client, tenant, options, taskQueue)).workflowId;
    },
    row(departmentId, zNumber) {
      return createSettlementRepo(store.db).find(tenant, departmentId, zNumber);
    },
    async waitForStage(departmentId, zNumber, wanted, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: SettlementView | undefined;
      while (Date.now() < deadline) {
        last = await settlementView(env.client, tenant, departmentId, zNumber).catch(() => undefined);
        if (last?.stage === wanted) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${departmentId} Z ${zNumber} did not reach ${wanted} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    },
    ledger(clientId = HANDEL) {
      const out = new Map<number, LedgerLine[]>();
      for (const line of tso.admin.transactions(clientId)) {
        const no = Number(line.TransactionNo);
        const department = (line.Dimensions as { Type: string; Value: string }[] | undefined)?.find((d) => d.Type === 'Department');
        out.set(no, [...(out.get(no) ?? []), {
          accountNo: Number(line.AccountNo), amount: Math.round(Number(line.Amount) * 100),
          departmentId: department ? Number(department.Value) : undefined, stampNo: Number(line.StampNo),
        }]);
      }
      return out;
    },
    async exportLog() {
      return (await createExportLogRepo(store.db).list({ tenant, flow: SETTLEMENT_FLOW, limit: 1000 })).reverse();
    },
  };
  return stage;
}

/**
 * The stage for batch end-to-end tests: the Telaris and 24SevenOffice sandboxes on loopback, the database, a
 * tenant with both connections and its voucher-type mappings, and a real worker per test on the run's
 * Temporal dev server. Small helpers speak the operator's language: close a batch, export it, wait for a stage.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { connections } from '../../db/schema';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalCli } from '../../platform/temporal-cli';
import { startDevServer, type DevServer } from '../../platform/dev-server';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ROUTES, createConnectionRepo, createMappingRepo, createTenantRepo } from '../../db/repos';
import type { Db } from '../../db';
import { startTwentyFourSevenOfficeSandbox, DEMO_CREDENTIALS, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { startTelarisSandbox, DEMO_TELARIS, type TelarisSandbox } from '../../sandbox/telaris';
import { startBatchExport, batchStatus, type ExportRequest } from '../../client/batches';
import type { BatchView } from '../../workflows/batchState';
import type { PostingMode } from '../../domain/batch/flow';
import type { SecretBox } from '../../db/secrets';
import type { Logger } from '../../platform/log';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from '../harness/temporal';
import { stageWorker } from '../harness/stageWorker';

export const CLIENT_ID = 1001;
export const VOUCHER_TYPES = { salesInvoice: '1', cost: '3', payment: '4', cashSettlement: '6' };

export interface BatchStage {
  /** A tenant of its own per test: workflow ids (`<tenant>/batch/<batch>`) live on in the shared Temporal server. */
  readonly tenant: string;
  readonly db: Db;
  /** The database itself, for tests that share it with a worker in another process. */
  readonly database: TestDatabase;
  readonly secrets: SecretBox;
  readonly env: TestWorkflowEnvironment;
  readonly telaris: TelarisSandbox;
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly taskQueue: string;
  /** The workflow code, bundled once per file. */
  readonly workflowBundle: WorkflowBundleWithSourceMap;
  /** Starts another worker on the same task queue (e.g. after stopping one). */
  startWorker(): Promise<{ worker: Worker; running: Promise<void> }>;
  stopWorker(): Promise<void>;
  configure(settings: { postingMode: PostingMode; chunkSize?: number; sendConcurrency?: number }): Promise<void>;
  /** Adds settings to the tenant's 24SevenOffice connection (e.g. journalRefusesUsedNumbers). */
  configureTarget(settings: Record<string, unknown>): Promise<void>;
  closeBatch(documents?: number): Promise<string>;
  exportBatch(batchId: string, overrides?: ExportRequest['overrides']): ReturnType<typeof startBatchExport>;
  waitForStage(batchId: string, stage: BatchView['stage'] | BatchView['stage'][], timeoutMs?: number): Promise<BatchView>;
  /** Ledger lines of the demo company in the 24SevenOffice sandbox, per transaction number. */
  ledger(): Map<number, { accountNo: number; amount: number }[]>;
}

export interface BatchStageOptions {
  connect?: () => Promise<TestWorkflowEnvironment>;
  /** false: no worker in this process; the test runs its own (e.g. in a child process it kills). Default true. */
  inProcessWorker?: boolean;
  /** What the in-process worker's activities log to; default nowhere. */
  log?: Logger;
}

export function useBatchStage(options: BatchStageOptions = {}): BatchStage {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let telaris: TelarisSandbox;
  let tso: TwentyFourSevenOfficeSandbox;
  let taskQueue: string;
  let TENANT = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([(options.connect ?? connectTestEnv)(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    // Fresh sandboxes per test: each test's ledger starts empty but for the seed.
    [telaris, tso] = await Promise.all([startTelarisSandbox({ port: 0, seed: false }), startTwentyFourSevenOfficeSandbox({ port: 0, seed: true })]);
    telaris.admin.createCompany({ ...DEMO_TELARIS, seed: 7, customers: 30 });
    taskQueue = uniqueTaskQueue('batch');
    TENANT = `acme-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: TENANT, name: 'Acme AS', settings: { batch: { postingMode: 'direct' } } });
    const connections = createConnectionRepo(store.db, secrets);
    await connections.add(TENANT, 'telaris', 'telaris', { baseUrl: telaris.url, companyNo: DEMO_TELARIS.companyNo }, { apiToken: DEMO_TELARIS.apiToken });
    const { applicationId, username, password } = DEMO_CREDENTIALS;
    await connections.add(TENANT, '24sevenoffice', '24so', { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url }, { applicationId, username, password });
    const mappings = createMappingRepo(store.db);
    for (const [kind, typeNo] of Object.entries(VOUCHER_TYPES)) await mappings.set(TENANT, ROUTES.telarisTo24so, 'voucher-type', kind, typeNo);
    if (options.inProcessWorker ?? true) await stage.startWorker();
  });
  afterEach(async () => {
    await stage.stopWorker();
    await Promise.all([telaris?.close(), tso?.close()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const workers = stageWorker(() => ({ env, bundle, taskQueue, db: store.db, secrets, log: options.log }));
  const stage: BatchStage = {
    get tenant() { return TENANT; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get telaris() { return telaris; },
    get tso() { return tso; },
    get taskQueue() { return taskQueue; },
    get workflowBundle() { return bundle; },
    ...workers,
    async configure(settings) {
      await createTenantRepo(store.db).updateSettings(TENANT, { batch: { chunkSize: 250, ...settings } });
    },
    async configureTarget(settings) {
      const id = `${TENANT}:24so`;
      const current = await createConnectionRepo(store.db, secrets).get(id);
      await store.db.update(connections).set({ settings: { ...current.settings, ...settings } }).where(eq(connections.id, id));
    },
    async closeBatch(documents = 40) {
      if (documents > 0) telaris.admin.generateDocuments({ companyNo: DEMO_TELARIS.companyNo, count: documents, withProjects: true });
      return telaris.admin.closeBatch(DEMO_TELARIS.companyNo).id;
    },
    exportBatch(batchId, overrides) {
      return startBatchExport(env.client, { db: store.db, secrets }, { tenant: TENANT, batchId, overrides: { pollEvery: '200 ms', pollAtMost: '400 ms', pollRequestsPerHour: 1_000_000, remindEvery: '1 second', ...overrides } }, taskQueue);
    },
    async waitForStage(batchId, wanted, timeoutMs = 30_000) {
      const stages = Array.isArray(wanted) ? wanted : [wanted];
      const deadline = Date.now() + timeoutMs;
      let last: BatchView | undefined;
      while (Date.now() < deadline) {
        last = await batchStatus(env.client, TENANT, batchId).catch(() => undefined);
        if (last && stages.includes(last.stage)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`batch ${batchId} did not reach ${stages.join('/')} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    },
    ledger() {
      const out = new Map<number, { accountNo: number; amount: number }[]>();
      for (const line of tso.admin.transactions(CLIENT_ID)) {
        const no = Number(line.TransactionNo);
        out.set(no, [...(out.get(no) ?? []), { accountNo: Number(line.AccountNo), amount: Math.round(Number(line.Amount) * 100) }]);
      }
      return out;
    },
  };
  return stage;
}

/**
 * A stage on a dev server of its own that suggests continue-as-new after `events` history events, so "a wait of
 * days" or "a batch of thousands of chunks" takes seconds.
 */
export function useBatchStageContinuingAsNewAfter(events: number): BatchStage {
  let server: DevServer | undefined;
  const stage = useBatchStage({
    async connect() {
      server = await startDevServer({ cli: await ensureTemporalCli(), port: 0, dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': events } });
      return connectTestEnv(server.address);
    },
  });
  afterAll(async () => server?.stop());
  return stage;
}

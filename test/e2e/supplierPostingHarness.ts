/**
 * The stage for post-mode end-to-end tests (supplier invoices received in CostTracker → 24SevenOffice vouchers):
 * the CostTracker and 24SevenOffice sandboxes on loopback (fresh per test, the demo seed: one company in both, so
 * CostTracker's suppliers, projects and departments carry 24SevenOffice's ids), the database, a tenant with both
 * connections (CostTracker in post mode) and its `matching` settings, and a real worker per test. Helpers speak
 * the operator's language: add an invoice in CostTracker, run the posting, read the ledger and CostTracker.
 */
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { RunSummary } from '../../activities/supplierPosting';
import { postingRunResult, postingView, startPostingRun } from '../../client/supplierPostings';
import type { Db } from '../../db';
import { createConnectionRepo, createExportLogRepo, createSupplierInvoicePostingRepo, createTenantRepo, type ExportLogRow, type SupplierInvoicePosting } from '../../db/repos';
import type { SecretBox } from '../../db/secrets';
import { POSTING_FLOW } from '../../domain/matching/posting';
import { DEMO_CREDENTIALS, startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { DEMO_COSTTRACKER, startCostTrackerSandbox, type CostTrackerSandbox, type NewReceivedInvoice } from '../../sandbox/costtracker';
import type { SupplierPostingView } from '../../workflows/supplierInvoicePosting';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { stageWorker } from '../harness/stageWorker';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from '../harness/temporal';

export const CLIENT_ID = 1001;
const ORG = DEMO_COSTTRACKER.organisationId;
/** The sandboxes answer at once: the tenant's request budget need not pace the tests. */
const FAST = { budget: { perSecond: 500 } };

export interface LedgerLine {
  accountNo: number;
  amount: number;
  projectId?: number;
  departmentId?: number;
  customerId?: number;
  invoiceNo?: string;
  ocr?: string;
}

export interface PostingStage {
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
  /** Replaces the tenant's `matching.post` settings (merged over the test defaults). */
  configure(post: Record<string, unknown>): Promise<void>;
  /** Adds an approved invoice in CostTracker (unless said otherwise) and returns its id. */
  addInvoice(invoice: NewReceivedInvoice): string;
  /** The demo's approved invoices set aside (rejected), so only the test's own wait. */
  clearApproved(): void;
  /** CostTracker's view of one received invoice. */
  invoice(id: string): { status: string; postedVoucher: number | null; invoiceNumber: string };
  run(): Promise<RunSummary>;
  startRun(): Promise<string>;
  row(id: string): Promise<SupplierInvoicePosting | undefined>;
  waitForStage(id: string, stage: string | string[], timeoutMs?: number): Promise<SupplierPostingView>;
  /** The 24SevenOffice ledger of the demo company, per transaction number. */
  ledger(): Map<number, LedgerLine[]>;
  /** The ledger's vouchers that carry this supplier invoice number on the supplier's line. */
  vouchersOf(invoiceNumber: string): number[];
  /** The tenant's post-mode lines of the export log, oldest first. */
  exportLog(): Promise<ExportLogRow[]>;
}

export function usePostingStage(options: { inProcessWorker?: boolean } = {}): PostingStage {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let tso: TwentyFourSevenOfficeSandbox;
  let costtracker: CostTrackerSandbox;
  let taskQueue: string;
  let TENANT = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([connectTestEnv(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    [tso, costtracker] = await Promise.all([startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startCostTrackerSandbox({ port: 0, seed: true })]);
    taskQueue = uniqueTaskQueue('posting');
    TENANT = `as-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: TENANT, name: 'Demo Handel AS', settings: { matching: { post: { concurrency: 4 } } } });
    const connections = createConnectionRepo(store.db, secrets);
    const { applicationId, username, password } = DEMO_CREDENTIALS;
    await connections.add(TENANT, '24sevenoffice', '24so', { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url }, { applicationId, username, password });
    await connections.add(TENANT, 'costtracker', 'costtracker', { baseUrl: costtracker.url, organisationId: ORG, mode: 'post', ...FAST }, { apiToken: DEMO_COSTTRACKER.apiToken });
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
  const stage: PostingStage = {
    get tenant() { return TENANT; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get tso() { return tso; },
    get costtracker() { return costtracker; },
    get taskQueue() { return taskQueue; },
    get workflowBundle() { return bundle; },
    ...workers,
    async configure(post) {
      await createTenantRepo(store.db).updateSettings(TENANT, { matching: { post: { concurrency: 4, ...post } } });
    },
    addInvoice(invoice) {
      return costtracker.admin.addReceivedInvoices(ORG, [invoice]).ids[0]!;
    },
    clearApproved() {
      for (const i of costtracker.admin.receivedInvoices(ORG)) {
        if (i.status === 'approved') costtracker.admin.setReceivedInvoiceStatus(ORG, String(i.id), 'rejected');
      }
    },
    invoice(id) {
      const found = costtracker.admin.receivedInvoices(ORG).find((i) => i.id === id);
      if (!found) throw new Error(`no received invoice ${id} in the CostTracker sandbox`);
      return found as unknown as ReturnType<PostingStage['invoice']>;
    },
    async run() {
      const handle = await startPostingRun(env.client, TENANT, taskQueue);
      return postingRunResult(env.client, handle.workflowId);
    },
    async startRun() {
      return (await startPostingRun(env.client, TENANT, taskQueue)).workflowId;
    },
    row(id) {
      return createSupplierInvoicePostingRepo(store.db).find(TENANT, id);
    },
    async waitForStage(id, wanted, timeoutMs = 30_000) {
      const stages = Array.isArray(wanted) ? wanted : [wanted];
      const deadline = Date.now() + timeoutMs;
      let last: SupplierPostingView | undefined;
      while (Date.now() < deadline) {
        last = await postingView(env.client, TENANT, id).catch(() => undefined);
        if (last && stages.includes(last.stage)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`CostTracker invoice ${id} did not reach ${stages.join('/')} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    },
    ledger() {
      const out = new Map<number, LedgerLine[]>();
      for (const line of tso.admin.transactions(CLIENT_ID)) {
        const no = Number(line.TransactionNo);
        const dimension = (type: string) => {
          const found = (line.Dimensions as { Type: string; Value: string }[] | undefined)?.find((d) => d.Type === type);
          return found ? Number(found.Value) : undefined;
        };
        out.set(no, [...(out.get(no) ?? []), {
          accountNo: Number(line.AccountNo), amount: Math.round(Number(line.Amount) * 100),
          projectId: dimension('Project'), departmentId: dimension('Department'), customerId: dimension('Customer'),
          invoiceNo: (line.InvoiceNo as string | undefined) ?? undefined, ocr: (line.OCR as string | undefined) ?? undefined,
        }]);
      }
      return out;
    },
    vouchersOf(invoiceNumber) {
      return [...stage.ledger()].filter(([, lines]) => lines.some((l) => l.invoiceNo === invoiceNumber && l.amount < 0)).map(([no]) => no);
    },
    async exportLog() {
      const rows = await createExportLogRepo(store.db).list({ tenant: TENANT, flow: POSTING_FLOW, limit: 1000 });
      return rows.reverse();
    },
  };
  return stage;
}

/**
 * The stage for invoice-transfer end-to-end tests: the Severa and Talenom sandboxes on loopback (fresh per test),
 * the database, a tenant with both connections and its `severa` settings, and a real worker per test on the run's
 * Temporal dev server. Helpers speak the operator's language: put an invoice in waiting, run a transfer, wait for
 * an invoice's stage, and check that every document Talenom received validates against the Finvoice XSD.
 */
import { randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createConnectionRepo, createExportLogRepo, createInvoiceTransferRepo, createTenantRepo, type ExportLogRow, type InvoiceTransfer } from '../../db/repos';
import type { Db } from '../../db';
import type { SecretBox } from '../../db/secrets';
import { startSeveraSandbox, DEMO_SEVERA, type SeveraSandbox, type NewInvoice } from '../../sandbox/severa';
import { startTalenomSandbox, DEFAULT_SALES_ACCOUNTS, DEMO_TALENOM, type TalenomSandbox, type StoredInvoice } from '../../sandbox/talenom';
import { invoiceView, runResult, startInvoiceRun } from '../../client/invoices';
import type { RunSummary } from '../../activities/invoices';
import type { InvoiceView } from '../../workflows/invoiceTransfer';
import { aSecretBox, useTestDatabase, type TestDatabase } from '../db/testDatabase';
import { bundleWorkflows, connectTestEnv, uniqueTaskQueue } from '../harness/temporal';
import { stageWorker } from '../harness/stageWorker';
import { finvoiceXsdAvailable, validateFinvoice } from '../harness/finvoiceXsd';

export const WAITING = 'Waiting for transfer to Talenom';
export const TRANSFERRED = 'Transferred to Talenom';
export const DRAFT = 'Luonnos';
/** The sandboxes answer at once: the tenant's request budget need not pace the tests (the defaults keep 8 a second for Severa). */
const FAST = { budget: { perSecond: 500 } };

export interface InvoiceStage {
  readonly tenant: string;
  readonly db: Db;
  readonly database: TestDatabase;
  readonly secrets: SecretBox;
  readonly env: TestWorkflowEnvironment;
  readonly severa: SeveraSandbox;
  readonly talenom: TalenomSandbox;
  readonly taskQueue: string;
  readonly workflowBundle: WorkflowBundleWithSourceMap;
  startWorker(): Promise<{ worker: Worker; running: Promise<void> }>;
  stopWorker(): Promise<void>;
  /** Replaces the tenant's `severa` settings (merged over the test defaults). */
  configure(settings: Record<string, unknown>): Promise<void>;
  /** Talenom books by sales account and the tenant says so. */
  useSalesAccounts(): Promise<void>;
  /** Adds an invoice in Severa (waiting unless said otherwise) and returns its guid. */
  addInvoice(invoice: Omit<NewInvoice, 'status'> & { status?: string }): string;
  severaInvoice(guid: string): Record<string, unknown>;
  /** The name of the invoice's status in Severa now. */
  severaStatus(guid: string): string;
  /** Moves the demo's waiting invoices back to draft, so only the test's own invoices wait. */
  clearWaiting(): void;
  /** The guids of the invoices now waiting in Severa. */
  waitingGuids(): string[];
  run(): Promise<RunSummary>;
  /** Starts a run without waiting for it. */
  startRun(): Promise<string>;
  row(guid: string): Promise<InvoiceTransfer | undefined>;
  waitForStage(guid: string, stage: string | string[], timeoutMs?: number): Promise<InvoiceView>;
  /** What Talenom received, each document checked against the Finvoice 3.0 XSD (where ../shared is present). */
  received(): StoredInvoice[];
  /** The documents Talenom holds for one Severa invoice (its guid is our documentId). */
  receivedFor(guid: string): StoredInvoice[];
  /** The tenant's invoice-transfer lines of the export log, oldest first. */
  exportLog(): Promise<ExportLogRow[]>;
}

/** `connect`: another Temporal server than the run's (the browser suite's, with its UI). */
export function useInvoiceStage(options: { inProcessWorker?: boolean; connect?: () => Promise<TestWorkflowEnvironment> } = {}): InvoiceStage {
  const store = useTestDatabase();
  const secrets = aSecretBox();
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  let severa: SeveraSandbox;
  let talenom: TalenomSandbox;
  let taskQueue: string;
  let TENANT = '';

  beforeAll(async () => {
    [env, bundle] = await Promise.all([(options.connect ?? connectTestEnv)(), bundleWorkflows()]);
  });
  beforeEach(async () => {
    [severa, talenom] = await Promise.all([startSeveraSandbox({ port: 0, seed: true }), startTalenomSandbox({ port: 0, seed: true })]);
    // Sales accounts off on both sides unless a test turns them on (useSalesAccounts).
    talenom.admin.setSalesAccounts(DEMO_TALENOM.organizationNumber, DEFAULT_SALES_ACCOUNTS, false);
    taskQueue = uniqueTaskQueue('invoices');
    TENANT = `oy-${randomBytes(4).toString('hex')}`;
    await createTenantRepo(store.db).add({ id: TENANT, name: 'Kahvi ja Koodi Oy', settings: { severa: { concurrency: 4 } } });
    const connections = createConnectionRepo(store.db, secrets);
    await connections.add(TENANT, 'severa', 'severa', { baseUrl: severa.url, ...FAST }, { clientId: DEMO_SEVERA.clientId, clientSecret: DEMO_SEVERA.clientSecret });
    await connections.add(TENANT, 'talenom', 'talenom', { baseUrl: talenom.url, tokenUrl: talenom.tokenUrl, organizationNumber: DEMO_TALENOM.organizationNumber, ...FAST },
      { clientId: DEMO_TALENOM.clientId, clientSecret: DEMO_TALENOM.clientSecret, subscriptionKey: DEMO_TALENOM.subscriptionKey });
    if (options.inProcessWorker ?? true) await stage.startWorker();
  });
  afterEach(async () => {
    await stage.stopWorker();
    await Promise.all([severa?.close(), talenom?.close()]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  const workers = stageWorker(() => ({ env, bundle, taskQueue, db: store.db, secrets }));
  const stage: InvoiceStage = {
    get tenant() { return TENANT; },
    get db() { return store.db; },
    get database() { return store.database; },
    secrets,
    get env() { return env; },
    get severa() { return severa; },
    get talenom() { return talenom; },
    get taskQueue() { return taskQueue; },
    get workflowBundle() { return bundle; },
    ...workers,
    async configure(settings) {
      await createTenantRepo(store.db).updateSettings(TENANT, { severa: { concurrency: 4, ...settings } });
    },
    async useSalesAccounts() {
      talenom.admin.setSalesAccounts(DEMO_TALENOM.organizationNumber, DEFAULT_SALES_ACCOUNTS, true);
      await stage.configure({ salesAccountsInUse: true });
    },
    addInvoice(invoice) {
      const added = severa.admin.addInvoice(DEMO_SEVERA.clientId, { status: WAITING, ...invoice } as NewInvoice);
      return String(added.guid);
    },
    severaInvoice(guid) {
      const found = severa.admin.invoices(DEMO_SEVERA.clientId).find((i) => i.guid === guid);
      if (!found) throw new Error(`no invoice ${guid} in the Severa sandbox`);
      return found;
    },
    severaStatus(guid) {
      return (stage.severaInvoice(guid).status as { name: string }).name;
    },
    clearWaiting() {
      for (const guid of stage.waitingGuids()) severa.admin.setInvoiceStatus(DEMO_SEVERA.clientId, guid, DRAFT);
    },
    waitingGuids() {
      return severa.admin.invoices(DEMO_SEVERA.clientId).filter((i) => (i.status as { name: string }).name === WAITING).map((i) => String(i.guid));
    },
    async run() {
      const handle = await startInvoiceRun(env.client, TENANT, taskQueue);
      return runResult(env.client, handle.workflowId);
    },
    async startRun() {
      return (await startInvoiceRun(env.client, TENANT, taskQueue)).workflowId;
    },
    row(guid) {
      return createInvoiceTransferRepo(store.db).find(TENANT, guid);
    },
    async waitForStage(guid, wanted, timeoutMs = 30_000) {
      const stages = Array.isArray(wanted) ? wanted : [wanted];
      const deadline = Date.now() + timeoutMs;
      let last: InvoiceView | undefined;
      while (Date.now() < deadline) {
        last = await invoiceView(env.client, TENANT, guid).catch(() => undefined);
        if (last && stages.includes(last.stage)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`invoice ${guid} did not reach ${stages.join('/')} within ${timeoutMs} ms; last seen ${JSON.stringify(last)}`);
    },
    received() {
      const invoices = talenom.admin.invoices(DEMO_TALENOM.organizationNumber);
      if (finvoiceXsdAvailable()) {
        for (const invoice of invoices) {
          const result = validateFinvoice(invoice.xml);
          if (!result.ok) throw new Error(`Talenom received invoice ${invoice.number} that fails the Finvoice 3.0 XSD: ${result.errors.join('; ')}`);
        }
      }
      return invoices;
    },
    receivedFor(guid) {
      return stage.received().filter((i) => i.documentId === guid);
    },
    async exportLog() {
      const rows = await createExportLogRepo(store.db).list({ tenant: TENANT, flow: 'invoice-transfer', limit: 1000 });
      return rows.reverse();
    },
  };
  return stage;
}

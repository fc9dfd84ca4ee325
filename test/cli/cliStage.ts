/**
 * The stage for CLI tests: the real `ledgerbridge` binary as a subprocess against the run's Temporal dev server,
 * one worker in this process, the 24SevenOffice, Telaris, Severa, Talenom and CostTracker sandboxes, and PGlite shared through its loopback
 * socket (as `npm start` shares it). One per test file; every CLI result is kept so a file can assert that no
 * output ever carried a secret.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Runtime } from '../../platform/config';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDatabase, type Database } from '../../db';
import { ROUTES, createConnectionRepo, createMappingRepo, createTenantRepo } from '../../db/repos';
import { servePglite } from '../../db/socket';
import { createSecretBox } from '../../db/secrets';
import { freePort } from '../../platform/dev-server';
import { silentLogger } from '../../platform/log';
import { startTwentyFourSevenOfficeSandbox, DEMO_CREDENTIALS, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { startTelarisSandbox, DEMO_TELARIS, type TelarisSandbox } from '../../sandbox/telaris';
import { startSeveraSandbox, type SeveraSandbox } from '../../sandbox/severa';
import { startTalenomSandbox, type TalenomSandbox } from '../../sandbox/talenom';
import { DEMO_COSTTRACKER, startCostTrackerSandbox, type CostTrackerSandbox } from '../../sandbox/costtracker';
import { seedDemo } from '../../sandbox/costtracker/seed';
import { createLedgerbridgeWorker } from '../../worker/createWorker';
import { bundleWorkflows, connectTestEnv, temporalAddress, TEST_CODEC_KEY, TEST_CODEC_KEYS, uniqueTaskQueue } from '../harness/temporal';
import { runCli, type CliResult } from './run';

/** The key the stage's worker and CLI seal secrets with. */
export const KEY = Buffer.alloc(32, 9);

export interface CliStage {
  readonly database: Database;
  readonly tso: TwentyFourSevenOfficeSandbox;
  readonly telaris: TelarisSandbox;
  readonly severa: SeveraSandbox;
  readonly talenom: TalenomSandbox;
  /** Without the demo organisation: a test creates its own through the admin API. */
  readonly costTracker: CostTrackerSandbox;
  /** Every result so far, for the "no secret in any output" assertion. */
  readonly outputs: CliResult[];
  /** `env` adds to (or overrides) what the stage sets, e.g. another task queue. */
  cli(args: string[], stdin?: string, env?: NodeJS.ProcessEnv): Promise<CliResult>;
  /**
   * A tenant of the test's own (a fresh id: workflow ids outlive a test on the shared Temporal server) with its
   * Telaris and 24SevenOffice connections to the stage's sandboxes, the given batch settings and voucher-type
   * mappings (default: all four kinds mapped as the sandbox's chart has them).
   */
  aTenant(options?: { batch?: Record<string, unknown>; voucherTypes?: Record<string, string> }): Promise<string>;
  /**
   * A tenant for the invoice transfer: its own Severa organisation (the demo's customers and invoices) and Talenom
   * organisation (the default sales accounts, in use when `salesAccountsInUse`), both connections, the `severa` key.
   */
  anInvoiceTenant(options?: { salesAccountsInUse?: boolean }): Promise<InvoiceTenant>;
  /**
   * A tenant for purchase-order matching: its 24SevenOffice connection (the demo client 1001) and a CostTracker
   * connection in fetch mode to the demo organisation (seeded in the stage's CostTracker on first use), with the
   * CostTracker settings given (filter, criteria) and the `matching` key.
   */
  aMatchingTenant(costTracker?: Record<string, unknown>): Promise<string>;
}

export interface InvoiceTenant {
  tenant: string;
  /** The Severa organisation's client id (the sandbox admin API's handle on it). */
  severaClientId: string;
  organizationNumber: string;
}

/** The invoice tenants' secrets (their client ids differ; secrets may repeat). */
const INVOICE_SECRETS = { severa: 'severa-cli-secret', talenom: 'talenom-cli-secret', subscriptionKey: 'talenom-cli-subscription-key' };

/** The 24SevenOffice sandbox's voucher types per document kind. */
export const VOUCHER_TYPES: Record<string, string> = { salesInvoice: '1', cost: '3', payment: '4', cashSettlement: '6' };

/** Every secret the stage's connections hold. */
export const SECRETS = [DEMO_CREDENTIALS.password, DEMO_CREDENTIALS.applicationId, DEMO_TELARIS.apiToken, DEMO_COSTTRACKER.apiToken, ...Object.values(INVOICE_SECRETS)];

export function useCliStage(): CliStage {
  let database: Database;
  let socket: { url: string; stop(): Promise<void> };
  let tso: TwentyFourSevenOfficeSandbox;
  let telaris: TelarisSandbox;
  let severa: SeveraSandbox;
  let talenom: TalenomSandbox;
  let costTracker: CostTrackerSandbox;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let cliEnv: NodeJS.ProcessEnv;
  const outputs: CliResult[] = [];

  beforeAll(async () => {
    database = await openDatabase({ url: '', dataDir: 'memory://' });
    socket = await servePglite(database, await freePort());
    [tso, telaris, severa, talenom, costTracker, env] = await Promise.all([
      startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }),
      startTelarisSandbox({ port: 0, seed: false }),
      startSeveraSandbox({ port: 0, seed: false }),
      startTalenomSandbox({ port: 0, seed: false }),
      startCostTrackerSandbox({ port: 0, seed: false }),
      connectTestEnv(),
    ]);
    telaris.admin.createCompany({ ...DEMO_TELARIS, seed: 7, customers: 30 });
    const taskQueue = uniqueTaskQueue('cli');
    worker = await createLedgerbridgeWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      workflowBundle: await bundleWorkflows(),
      deps: { db: database.db, secrets: createSecretBox(KEY), log: silentLogger },
      codecKeys: TEST_CODEC_KEYS,
    });
    running = worker.run();
    // As beside a running `npm start`: the CLI finds Temporal and the shared PGlite through runtime.json.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lb-cli-'));
    const runtime: Runtime = { temporalAddress: temporalAddress(), namespace: 'default', databaseUrl: socket.url, pid: process.pid, startedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(dataDir, 'runtime.json'), JSON.stringify(runtime));
    cliEnv = {
      LEDGERBRIDGE_DATA_DIR: dataDir,
      LEDGERBRIDGE_TASK_QUEUE: taskQueue,
      LEDGERBRIDGE_SECRET_KEY: KEY.toString('base64'),
      LEDGERBRIDGE_CODEC_KEYS: TEST_CODEC_KEY.toString('base64'),
    };
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await Promise.all([tso?.close(), telaris?.close(), severa?.close(), talenom?.close(), costTracker?.close()]);
    await socket?.stop();
    await database?.close();
  });

  const stage: CliStage = {
    get database() { return database; },
    get tso() { return tso; },
    get telaris() { return telaris; },
    get severa() { return severa; },
    get talenom() { return talenom; },
    get costTracker() { return costTracker; },
    outputs,
    async cli(args, stdin = '', env = {}) {
      const result = await runCli(args, { ...cliEnv, ...env }, stdin);
      outputs.push(result);
      return result;
    },
    async aTenant({ batch = { postingMode: 'direct' }, voucherTypes = VOUCHER_TYPES } = {}) {
      const tenant = `acme-${randomBytes(4).toString('hex')}`;
      await createTenantRepo(database.db).add({ id: tenant, name: 'Acme AS', settings: { batch } });
      const connections = createConnectionRepo(database.db, createSecretBox(KEY));
      const { applicationId, username, password } = DEMO_CREDENTIALS;
      await connections.add(tenant, '24sevenoffice', '24so', { apiBaseUrl: tso.url, webservicesBaseUrl: tso.url }, { applicationId, username, password });
      await connections.add(tenant, 'telaris', 'telaris', { baseUrl: telaris.url, companyNo: DEMO_TELARIS.companyNo }, { apiToken: DEMO_TELARIS.apiToken });
      const mappings = createMappingRepo(database.db);
      for (const [kind, typeNo] of Object.entries(voucherTypes)) await mappings.set(tenant, ROUTES.telarisTo24so, 'voucher-type', kind, typeNo);
      return tenant;
    },
    async anInvoiceTenant({ salesAccountsInUse = false } = {}) {
      const tenant = `oy-${randomBytes(4).toString('hex')}`;
      const severaClientId = `severa-${tenant}`;
      const organizationNumber = tenant;
      severa.admin.createOrganization({ name: 'Kahvi ja Koodi Oy', clientId: severaClientId, clientSecret: INVOICE_SECRETS.severa, demo: true });
      const talenomClient = { clientId: `talenom-${tenant}`, clientSecret: INVOICE_SECRETS.talenom, subscriptionKey: INVOICE_SECRETS.subscriptionKey };
      talenom.admin.createOrganisation({ organizationNumber, ...talenomClient, usesSalesAccounts: salesAccountsInUse });
      await createTenantRepo(database.db).add({ id: tenant, name: 'Kahvi ja Koodi Oy', settings: { severa: { salesAccountsInUse } } });
      const connections = createConnectionRepo(database.db, createSecretBox(KEY));
      await connections.add(tenant, 'severa', 'severa', { baseUrl: severa.url }, { clientId: severaClientId, clientSecret: INVOICE_SECRETS.severa });
      await connections.add(tenant, 'talenom', 'talenom', { baseUrl: talenom.url, tokenUrl: talenom.tokenUrl, organizationNumber }, talenomClient);
      return { tenant, severaClientId, organizationNumber };
    },
    async aMatchingTenant(settings = {}) {
      if (!costTracker.admin.state().organisations.some((o) => o.id === DEMO_COSTTRACKER.organisationId)) seedDemo(costTracker.admin);
      const tenant = await stage.aTenant();
      await createTenantRepo(database.db).updateSettings(tenant, { matching: { windowDays: 31 } });
      await createConnectionRepo(database.db, createSecretBox(KEY)).add(tenant, 'costtracker', 'costtracker', {
        baseUrl: costTracker.url, organisationId: DEMO_COSTTRACKER.organisationId, mode: 'fetch', budget: { perSecond: 500 }, ...settings,
      }, { apiToken: DEMO_COSTTRACKER.apiToken });
      return tenant;
    },
  };
  return stage;
}

import { decryptedHistoryText } from '../harness/historyText';
/**
 * The "test integration" button end to end: a real Temporal dev server, the real worker and activities, the
 * real 24SevenOffice connector speaking SOAP to the sandbox on loopback, and the database.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { checkConnection, startConnectionCheck } from '../../client/api';
import { createConnectionRepo, createTenantRepo, connectionId } from '../../db/repos';
import { silentLogger } from '../../platform/log';
import { startTwentyFourSevenOfficeSandbox, DEMO_CREDENTIALS, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { startSeveraSandbox, DEMO_SEVERA, type SeveraSandbox } from '../../sandbox/severa';
import { createLedgerbridgeWorker } from '../../worker/createWorker';
import { NeedsAttentionKey, StageKey, TenantKey } from '../../workflows/searchAttributes';
import { aSecretBox, useTestDatabase } from '../db/testDatabase';
import { bundleWorkflows, connectTestEnv, TEST_CODEC_KEYS, uniqueTaskQueue } from '../harness/temporal';

const secrets = aSecretBox();
const store = useTestDatabase();
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
let sandbox: TwentyFourSevenOfficeSandbox;
let severa: SeveraSandbox;
let taskQueue: string;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  [env, bundle, sandbox, severa] = await Promise.all([
    connectTestEnv(), bundleWorkflows(), startTwentyFourSevenOfficeSandbox({ port: 0, seed: true }), startSeveraSandbox({ port: 0, seed: true }),
  ]);
});

beforeEach(async () => {
  taskQueue = uniqueTaskQueue('connection-check');
  worker = await createLedgerbridgeWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: bundle,
    deps: { db: store.db, secrets, log: silentLogger },
    codecKeys: TEST_CODEC_KEYS,
  });
  running = worker.run();
  await createTenantRepo(store.db).add({ id: 'acme-as', name: 'Acme AS' });
});

afterEach(async () => {
  worker.shutdown();
  await running;
});

afterAll(async () => {
  await Promise.all([sandbox?.close(), severa?.close()]);
  await env?.teardown();
});

async function addConnection(name: string, credentials: Record<string, unknown>, settings: Record<string, unknown> = {}) {
  await createConnectionRepo(store.db, secrets).add(
    'acme-as',
    '24sevenoffice',
    name,
    { apiBaseUrl: sandbox.url, webservicesBaseUrl: sandbox.url, ...settings },
    credentials,
  );
  return { tenant: 'acme-as', connectionId: connectionId('acme-as', name), system: '24sevenoffice' };
}

test('a working connection reports ok, records the check, and keeps every secret out of the history', async () => {
  const input = await addConnection('24so', { ...DEMO_CREDENTIALS }, { mappedAccounts: [1500, 3000] });

  const { report, workflowId } = await checkConnection(env.client, input, taskQueue);

  expect(report.ok).toBe(true);
  expect(report.items.map((i) => i.name)).toEqual(expect.arrayContaining(['login']));
  expect(workflowId).toBe('acme-as/connection-check/acme-as:24so');
  const stored = await createConnectionRepo(store.db, secrets).get(input.connectionId);
  expect(stored.lastCheck?.ok).toBe(true);

  const handle = env.client.workflow.getHandle(workflowId);
  const history = await decryptedHistoryText(await handle.fetchHistory());
  expect(history).toContain(input.connectionId); // the payloads were decoded: a leaked password would be found
  expect(history).not.toContain(DEMO_CREDENTIALS.password);
  expect(history).not.toContain(DEMO_CREDENTIALS.applicationId);
  const description = await handle.describe();
  expect(description.typedSearchAttributes.get(TenantKey)).toBe('acme-as');
  expect(description.typedSearchAttributes.get(StageKey)).toBe('ok');
  expect(description.typedSearchAttributes.get(NeedsAttentionKey)).toBe(false);
  expect(JSON.stringify(description.raw)).not.toContain(DEMO_CREDENTIALS.password);
});

test('a wrong password is a finished check that needs attention, naming the tenant and user', async () => {
  const input = await addConnection('wrong', { ...DEMO_CREDENTIALS, password: 'not-the-password' });

  const { report, workflowId } = await checkConnection(env.client, input, taskQueue);

  expect(report.ok).toBe(false);
  const login = report.items.find((i) => !i.ok)!;
  expect(login.detail).toMatch(/acme-as/);
  expect(login.detail).toContain(DEMO_CREDENTIALS.username);
  expect(JSON.stringify(report)).not.toContain('not-the-password');
  const description = await env.client.workflow.getHandle(workflowId).describe();
  expect(description.typedSearchAttributes.get(NeedsAttentionKey)).toBe(true);
  expect(description.typedSearchAttributes.get(StageKey)).toBe('failed');
});

test('checking twice at once joins the running check instead of starting a second one', async () => {
  const input = await addConnection('twice', { ...DEMO_CREDENTIALS });
  const [first, second] = await Promise.all([startConnectionCheck(env.client, input, taskQueue), startConnectionCheck(env.client, input, taskQueue)]);
  expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
  expect((await first.result()).ok).toBe(true);
});

test('credentials the connector cannot accept fail the check at once with the field named, not the value', async () => {
  const input = await addConnection('bad-config', { ...DEMO_CREDENTIALS, applicationId: 'not-a-guid-secret' });
  const handle = await startConnectionCheck(env.client, input, taskQueue);
  const failure = await handle.result().catch((err: Error & { cause?: Error & { cause?: Error & { type?: string } } }) => err);
  const cause = (failure as { cause?: { cause?: { type?: string; message?: string } } }).cause?.cause;
  expect(cause?.type).toBe('ValidationFailed');
  expect(cause?.message).toMatch(/credential applicationId/);
  expect(cause?.message).not.toContain('not-a-guid-secret');
});

test("a Severa connection's check looks for the tenant's transfer statuses by name and lists the ones Severa has", async () => {
  await createTenantRepo(store.db).updateSettings('acme-as', { severa: { waitingStatus: 'Odottaa siirtoa Talenomiin' } });
  await createConnectionRepo(store.db, secrets).add('acme-as', 'severa', 'severa', { baseUrl: severa.url },
    { clientId: DEMO_SEVERA.clientId, clientSecret: DEMO_SEVERA.clientSecret });
  const input = { tenant: 'acme-as', connectionId: connectionId('acme-as', 'severa'), system: 'severa' };

  const { report } = await checkConnection(env.client, input, taskQueue);

  expect(report.ok).toBe(false);
  const missing = report.items.find((i) => i.name === 'status "Odottaa siirtoa Talenomiin"')!;
  expect(missing.ok).toBe(false);
  expect(missing.detail).toContain('Severa has no invoice status "Odottaa siirtoa Talenomiin"; the active ones are ');
  expect(missing.detail).toContain('"Waiting for transfer to Talenom"');
  expect(missing.detail).toContain('ledgerbridge tenants settings acme-as severa=');
  // The transferred status was left at its default, which the organisation has.
  expect(report.items.find((i) => i.name === 'status "Transferred to Talenom"')?.ok).toBe(true);
  expect(JSON.stringify(report)).not.toContain(DEMO_SEVERA.clientSecret);
});

/**
 * The `ledgerbridge` CLI as a subprocess against a real Temporal dev server, a worker in this process, the
 * 24SevenOffice sandbox, and PGlite shared through its loopback socket (as `npm start` shares it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import { openDatabase, type Database } from '../../db';
import { servePglite } from '../../db/socket';
import { freePort } from '../../platform/dev-server';
import { silentLogger } from '../../platform/log';
import { startTwentyFourSevenOfficeSandbox, DEMO_CREDENTIALS, type TwentyFourSevenOfficeSandbox } from '../../sandbox/24sevenoffice';
import { createLedgerbridgeWorker } from '../../worker/createWorker';
import { createSecretBox } from '../../db/secrets';
import { bundleWorkflows, connectTestEnv, temporalAddress, uniqueTaskQueue } from '../harness/temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { runCli, type CliResult } from './run';

const KEY = Buffer.alloc(32, 9);
let database: Database;
let socket: { url: string; stop(): Promise<void> };
let sandbox: TwentyFourSevenOfficeSandbox;
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let cliEnv: NodeJS.ProcessEnv;
const outputs: CliResult[] = [];

beforeAll(async () => {
  database = await openDatabase({ url: '', dataDir: 'memory://' });
  socket = await servePglite(database, await freePort());
  sandbox = await startTwentyFourSevenOfficeSandbox({ port: 0, seed: true });
  env = await connectTestEnv();
  const taskQueue = uniqueTaskQueue('cli');
  worker = await createLedgerbridgeWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    deps: { db: database.db, secrets: createSecretBox(KEY), log: silentLogger },
  });
  running = worker.run();
  cliEnv = {
    LEDGERBRIDGE_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lb-cli-')),
    DATABASE_URL: socket.url,
    TEMPORAL_ADDRESS: temporalAddress(),
    LEDGERBRIDGE_TASK_QUEUE: taskQueue,
    LEDGERBRIDGE_SECRET_KEY: KEY.toString('base64'),
  };
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await sandbox?.close();
  await socket?.stop();
  await database?.close();
});

async function cli(args: string[], stdin = ''): Promise<CliResult> {
  const result = await runCli(args, cliEnv, stdin);
  outputs.push(result);
  return result;
}

test('an operator adds a tenant and a connection, tests it, and never sees a secret', async () => {
  const added = await cli(['tenants', 'add', 'acme-as', '--name', 'Acme AS']);
  expect(added.code).toBe(0);
  expect(added.stdout).toContain('next: ledgerbridge connections add acme-as');

  const listed = await cli(['tenants', 'list', '--json']);
  expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ id: 'acme-as', name: 'Acme AS' })]);

  const connection = await cli(
    ['connections', 'add', 'acme-as', '--system', '24sevenoffice', '--name', '24so',
      '--setting', `apiBaseUrl=${sandbox.url}`, '--setting', `webservicesBaseUrl=${sandbox.url}`, '--credentials-stdin'],
    JSON.stringify(DEMO_CREDENTIALS),
  );
  expect(connection.stderr).toBe('');
  expect(connection.code).toBe(0);

  const tested = await cli(['connections', 'test', 'acme-as', '24so']);
  expect(tested.code).toBe(0);
  expect(tested.stdout).toMatch(/login\s+ok/);
  expect(tested.stdout).toContain('connection works (workflow acme-as/connection-check/acme-as:24so)');

  const shown = await cli(['tenants', 'show', 'acme-as', '--json']);
  expect(JSON.parse(shown.stdout).connections).toEqual([expect.objectContaining({ id: 'acme-as:24so', lastCheck: expect.stringMatching(/^ok at /) })]);

  for (const { stdout, stderr } of outputs) {
    expect(stdout + stderr).not.toContain(DEMO_CREDENTIALS.password);
    expect(stdout + stderr).not.toContain(DEMO_CREDENTIALS.applicationId);
  }
});

test('a failing connection test exits 1 and says what to fix', async () => {
  await cli(['tenants', 'add', 'wrong-pw', '--name', 'Wrong']);
  await cli(
    ['connections', 'add', 'wrong-pw', '--system', '24sevenoffice', '--name', '24so',
      '--setting', `apiBaseUrl=${sandbox.url}`, '--setting', `webservicesBaseUrl=${sandbox.url}`, '--credentials-stdin'],
    JSON.stringify({ ...DEMO_CREDENTIALS, password: 'a-wrong-password' }),
  );
  const tested = await cli(['connections', 'test', 'wrong-pw', '24so', '--json']);
  expect(tested.code).toBe(1);
  const report = JSON.parse(tested.stdout);
  expect(report.ok).toBe(false);
  expect(tested.stdout + tested.stderr).not.toContain('a-wrong-password');
});

test('secrets on the command line are refused before anything is stored', async () => {
  const refused = await cli(['connections', 'add', 'acme-as', '--system', '24sevenoffice', '--name', 'x', '--password', 'hunter2']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('secrets are never taken from the command line');
  expect(refused.stderr).not.toContain('hunter2');
});

test('usage errors, unknown tenants and invalid settings get distinct exit codes and a next step', async () => {
  expect((await cli(['tenants', 'show'])).code).toBe(2);
  const missing = await cli(['tenants', 'show', 'nobody']);
  expect(missing.code).toBe(4);
  expect(missing.stderr).toContain('ledgerbridge tenants list');
  const invalid = await cli(
    ['connections', 'add', 'acme-as', '--system', '24sevenoffice', '--name', 'bad', '--credentials-stdin'],
    JSON.stringify({ ...DEMO_CREDENTIALS, username: 'not-an-email' }),
  );
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain('credential username');
  const duplicate = await cli(['tenants', 'add', 'acme-as', '--name', 'Again']);
  expect(duplicate.code).toBe(5);
});

test('every command has help with examples', async () => {
  const overview = await cli(['--help']);
  expect(overview.code).toBe(0);
  for (const name of ['tenants add', 'connections add', 'connections test', 'sandbox start', 'health']) {
    expect(overview.stdout).toContain(name);
    const help = await cli([...name.split(' '), '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:\n\s+\S/);
  }
  expect((await cli(['no-such-command'])).code).toBe(2);
});

test('health reports Temporal and the database', async () => {
  const health = await cli(['health', '--json']);
  expect(health.code).toBe(0);
  expect(JSON.parse(health.stdout)).toEqual(expect.objectContaining({ ok: true }));
});

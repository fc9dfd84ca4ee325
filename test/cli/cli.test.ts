/**
 * The `ledgerbridge` CLI as a subprocess against a real Temporal dev server, a worker in this process, the
 * sandboxes, and PGlite shared through its loopback socket (as `npm start` shares it). Each test makes the
 * tenants it needs, so any one of them runs alone (`-t`).
 */
import { randomBytes } from 'node:crypto';
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { commands } from '../../client/cli/commands';
import { SECRETS, useCliStage } from './cliStage';

// Each command is a subprocess that compiles the CLI with tsx: seconds apiece on a busy machine.
jest.setTimeout(120_000);

const stage = useCliStage();
const cli = (args: string[], stdin = '') => stage.cli(args, stdin);

/** What an operator types: the sandbox's demo user without its list of companies. */
const { identities: _companies, ...credentials } = DEMO_CREDENTIALS;

const aTenantId = () => `acme-${randomBytes(4).toString('hex')}`;

test('an operator adds a tenant and a connection, tests it, and never sees a secret', async () => {
  const tenant = aTenantId();
  const added = await cli(['tenants', 'add', tenant, '--name', 'Acme AS']);
  expect(added.code).toBe(0);
  expect(added.stdout).toContain(`next: ledgerbridge connections add ${tenant}`);

  const listed = await cli(['tenants', 'list', '--json']);
  expect(JSON.parse(listed.stdout)).toContainEqual(expect.objectContaining({ id: tenant, name: 'Acme AS' }));

  const connection = await cli(
    ['connections', 'add', tenant, '--system', '24sevenoffice', '--name', '24so',
      '--setting', `apiBaseUrl=${stage.tso.url}`, '--setting', `webservicesBaseUrl=${stage.tso.url}`, '--credentials-stdin'],
    JSON.stringify(credentials),
  );
  expect(connection.stderr).toBe('');
  expect(connection.code).toBe(0);

  const tested = await cli(['connections', 'test', tenant, '24so']);
  expect(tested.code).toBe(0);
  expect(tested.stdout).toMatch(/login\s+ok/);
  expect(tested.stdout).toContain(`connection works (workflow ${tenant}/connection-check/${tenant}:24so)`);
  expect(tested.stderr).not.toContain('no worker polls'); // the stage's worker polls

  const shown = await cli(['tenants', 'show', tenant, '--json']);
  expect(JSON.parse(shown.stdout).connections).toEqual([expect.objectContaining({ id: `${tenant}:24so`, lastCheck: expect.stringMatching(/^ok at /) })]);

  for (const { stdout, stderr } of stage.outputs) {
    for (const secret of SECRETS) expect(stdout + stderr).not.toContain(secret);
  }
});

test('a failing connection test exits 1 and says what to fix', async () => {
  const tenant = aTenantId();
  await cli(['tenants', 'add', tenant, '--name', 'Wrong']);
  await cli(
    ['connections', 'add', tenant, '--system', '24sevenoffice', '--name', '24so',
      '--setting', `apiBaseUrl=${stage.tso.url}`, '--setting', `webservicesBaseUrl=${stage.tso.url}`, '--credentials-stdin'],
    JSON.stringify({ ...credentials, password: 'a-wrong-password' }),
  );
  const tested = await cli(['connections', 'test', tenant, '24so', '--json']);
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
    JSON.stringify({ ...credentials, username: 'not-an-email' }),
  );
  expect(invalid.code).toBe(2);
  expect(invalid.stderr).toContain('credential username');
  const tenant = aTenantId();
  expect((await cli(['tenants', 'add', tenant, '--name', 'Acme AS'])).code).toBe(0);
  const duplicate = await cli(['tenants', 'add', tenant, '--name', 'Again']);
  expect(duplicate.code).toBe(5);
});

test('every command has help with examples', async () => {
  for (const command of commands) {
    expect(command.summary).not.toBe('');
    expect(command.examples.length).toBeGreaterThan(0);
    for (const example of command.examples) expect(example).toMatch(/ledgerbridge|npm start|temporal workflow/);
  }
  const overview = await cli(['--help']);
  expect(overview.code).toBe(0);
  for (const name of ['tenants settings', 'batch export', 'mappings set', 'log']) {
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

test('a command that waits on a workflow nobody runs says so at once, says how to start a worker, and gives up (exit 3)', async () => {
  const tenant = await stage.aTenant();
  const nobody = `nobody-${tenant}`;
  // A task queue no worker polls, as when `npm start` (or `ledgerbridge worker`) is not running.
  const tested = await stage.cli(['connections', 'test', tenant, '24so'], '', { LEDGERBRIDGE_TASK_QUEUE: nobody, LEDGERBRIDGE_WORKER_WAIT_SECONDS: '3' });
  expect(tested.code).toBe(3); // without the watch it would wait forever: the test's timeout would fail it
  expect(tested.stderr).toContain(`warning: no worker polls task queue "${nobody}" (namespace default)`);
  expect(tested.stderr).toContain('Start one: `npm start` (the whole stack on this machine) or `ledgerbridge worker`');
  expect(tested.stderr).toContain('waiting up to 3 s for one');
  expect(tested.stderr).toMatch(/error: .*Gave up after 3 s; what was started waits in Temporal and runs once a worker polls/);

  // Asked again where a worker does poll, the command joins the check still waiting on the other queue: the
  // queue that counts is the workflow's own.
  const joined = await stage.cli(['connections', 'test', tenant, '24so'], '', { LEDGERBRIDGE_WORKER_WAIT_SECONDS: '3' });
  expect(joined.code).toBe(3);
  expect(joined.stderr).toContain(`no worker polls task queue "${nobody}"`);
});

test('a TLS certificate or key that does not exist is named with its variable, and nothing starts (exit 3)', async () => {
  const tls = { TEMPORAL_TLS_CLIENT_CERT_PATH: '/nowhere/client.pem', TEMPORAL_TLS_CLIENT_KEY_PATH: '/nowhere/client.key' };
  for (const args of [['workflows', 'list'], ['worker']]) {
    const refused = await stage.cli(args, '', tls);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('the Temporal TLS file /nowhere/client.pem (TEMPORAL_TLS_CLIENT_CERT_PATH) does not exist');
  }
});

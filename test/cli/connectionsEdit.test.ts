/**
 * What an operator tripped over (issue 10, item 7): wrong credentials could not be replaced, a connection or a
 * mapping could not be removed, a misspelled setting was dropped without a word, and `… | head` ended in an EPIPE
 * stack trace. The real binary against a real worker and the sandboxes.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { SECRETS, useCliStage } from './cliStage';

jest.setTimeout(180_000);

const stage = useCliStage();
const cli = (args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) => stage.cli(args, stdin, env);

test('wrong credentials are replaced field by field, and the session of the old ones is not used again', async () => {
  const tenant = await stage.aTenant();
  expect(await cli(['connections', 'test', tenant, '24so'])).toMatchObject({ code: 0 }); // a session is cached now

  const wrong = await cli(['connections', 'update', tenant, '24so', '--credential-env', 'password=LB_TEST_PASSWORD'], '', { LB_TEST_PASSWORD: 'a-wrong-password' });
  expect(wrong).toMatchObject({ code: 0 });
  expect(wrong.stdout).toContain(`settings and credentials changed. next: ledgerbridge connections test ${tenant} 24so`);
  // Had the cached session outlived the change, this would still pass.
  const failing = await cli(['connections', 'test', tenant, '24so', '--json']);
  expect(failing.code).toBe(1);
  expect(JSON.parse(failing.stdout).ok).toBe(false);

  // Only the password is given: the application id and user stay.
  const right = await cli(['connections', 'update', tenant, '24so', '--credentials-stdin'], JSON.stringify({ password: DEMO_CREDENTIALS.password }));
  expect(right).toMatchObject({ code: 0 });
  expect(await cli(['connections', 'test', tenant, '24so'])).toMatchObject({ code: 0 });

  for (const { stdout, stderr } of stage.outputs) {
    for (const secret of [...SECRETS, 'a-wrong-password']) expect(stdout + stderr).not.toContain(secret);
  }
});

test('after the secret key was replaced, credentials are entered again whole (the old ones cannot be read to keep fields)', async () => {
  const tenant = await stage.aTenant();
  const newKey = { LEDGERBRIDGE_SECRET_KEY: randomBytes(32).toString('base64') };
  const partial = await cli(['connections', 'update', tenant, '24so', '--credentials-stdin'], JSON.stringify({ password: 'x' }), newKey);
  expect(partial.code).toBe(2);
  expect(partial.stderr).toMatch(/credential applicationId: .*credential username: /);
  const { identities: _companies, ...whole } = DEMO_CREDENTIALS;
  expect(await cli(['connections', 'update', tenant, '24so', '--credentials-stdin'], JSON.stringify(whole), newKey)).toMatchObject({ code: 0 });
});

test('settings change by name, --unset removes one, and an unknown or misspelled field is refused by name', async () => {
  const tenant = await stage.aTenant();
  const changed = await cli(['connections', 'update', tenant, '24so', '--setting', 'timeoutMs=30000', '--json']);
  expect(changed).toMatchObject({ code: 0 });
  expect(JSON.parse(changed.stdout).settings).toMatchObject({ timeoutMs: 30000, apiBaseUrl: stage.tso.url });

  const misspelled = await cli(['connections', 'update', tenant, '24so', '--setting', 'identityID=6a0f3c44-6f1e-4c1d-9a57-2f3d1c8e9b10']);
  expect(misspelled.code).toBe(2);
  expect(misspelled.stderr).toContain('setting identityID: not a field here (did you mean identityId?)');
  const password = await cli(['connections', 'add', tenant, '--system', 'telaris', '--name', 'telaris-2', '--setting', 'companyNo=1001', '--setting', 'token=x', '--credentials-stdin'], '{"apiToken":"t"}');
  expect(password.code).toBe(2);
  expect(password.stderr).toMatch(/setting token: not a field here.*\(the fields are baseUrl, companyNo, pageSize/);

  const unset = await cli(['connections', 'update', tenant, '24so', '--unset', 'timeoutMs', '--json']);
  expect(JSON.parse(unset.stdout).settings.timeoutMs).toBeUndefined();
  expect((await cli(['connections', 'update', tenant, '24so'])).code).toBe(2); // nothing to change
  expect((await cli(['connections', 'update', tenant, 'nope', '--setting', 'timeoutMs=1'])).code).toBe(4);

  // A misspelled field inside a tenant setting is refused too, not dropped.
  const batch = await cli(['tenants', 'settings', tenant, 'batch={"postingMod":"approval"}']);
  expect(batch.code).toBe(2);
  expect(batch.stderr).toContain('batch.postingMod: not a field here (did you mean postingMode?)');
});

test('a connection is removed with its credentials; removing it again is not found', async () => {
  const tenant = await stage.aTenant();
  const removed = await cli(['connections', 'remove', tenant, 'telaris']);
  expect(removed).toMatchObject({ code: 0 });
  expect(removed.stdout).toContain(`${tenant} has no telaris connection now; add one with: ledgerbridge connections add ${tenant} --system telaris`);
  const listed = JSON.parse((await cli(['connections', 'list', tenant, '--json'])).stdout) as Array<{ name: string }>;
  expect(listed.map((c) => c.name)).toEqual(['24so']);
  const again = await cli(['connections', 'remove', tenant, 'telaris']);
  expect(again.code).toBe(4);
  expect(again.stderr).toContain(`tenant ${tenant} has no connection named telaris: see ledgerbridge connections list ${tenant}`);
});

test('mappings are removed by source key on their route; a key that is not mapped is named', async () => {
  const tenant = await stage.aTenant();
  expect(await cli(['mappings', 'set', tenant, 'account', '3010=3000', '3020=3010'])).toMatchObject({ code: 0 });
  expect(await cli(['mappings', 'set', tenant, 'account', '3010=3100', '--source', 'duell'])).toMatchObject({ code: 0 });
  expect(await cli(['mappings', 'remove', tenant, 'account', '3010'])).toMatchObject({ code: 0 });
  const left = (source: string) => cli(['mappings', 'list', tenant, '--kind', 'account', '--source', source, '--json']).then((r) => JSON.parse(r.stdout).map((m: { source: string }) => m.source));
  expect(await left('telaris')).toEqual(['3020']);
  expect(await left('duell')).toEqual(['3010']); // DUELL's is another route's

  const missing = await cli(['mappings', 'remove', tenant, 'account', '3020', '4000']);
  expect(missing.code).toBe(4);
  expect(missing.stderr).toContain(`tenant ${tenant} has no account mapping for 4000 on telaris→24sevenoffice`);
  expect(await left('telaris')).toEqual([]); // the one that existed went

  expect(await cli(['mappings', 'set', tenant, 'customer', '10001=501'])).toMatchObject({ code: 0 });
  expect(await cli(['mappings', 'remove', tenant, 'customer', '10001'])).toMatchObject({ code: 0 });
  expect(JSON.parse((await cli(['mappings', 'list', tenant, '--kind', 'customer', '--json'])).stdout)).toEqual([]);
});

test('output piped into a reader that stops early ends quietly, without an EPIPE stack trace', async () => {
  const bin = path.resolve(__dirname, '../../bin/ledgerbridge.js');
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader is gone before the CLI writes its first line (as `| head -0` would be).
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  expect(stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
  expect(code).toBe(0);
});

test('a mapping to what the tenant\'s 24SevenOffice lacks is refused while it can be asked, and set with a warning when it cannot', async () => {
  const tenant = await stage.aTenant();
  const missing = await cli(['mappings', 'set', tenant, 'account', '3010=3999', '3020=3000']);
  expect(missing.code).toBe(4);
  expect(missing.stderr).toContain(`tenant ${tenant}: 24SevenOffice connection 24so has no account 3999; nothing was set`);
  const types = await cli(['mappings', 'set', tenant, 'voucher-type', 'cost=97']);
  expect(types.stderr).toContain('connection 24so has no voucher type (TypeNo) 97');
  expect(JSON.parse((await cli(['mappings', 'list', tenant, '--kind', 'account', '--json'])).stdout)).toEqual([]); // all or nothing
  expect(await cli(['mappings', 'set', tenant, 'account', '3010=3999', '--no-check'])).toMatchObject({ code: 0 });

  // 24SevenOffice out of reach: the operator may be preparing a company that is not there yet.
  expect(await cli(['connections', 'update', tenant, '24so', '--setting', 'apiBaseUrl=http://127.0.0.1:9', '--setting', 'webservicesBaseUrl=http://127.0.0.1:9'])).toMatchObject({ code: 0 });
  const offline = await cli(['mappings', 'set', tenant, 'account', '3020=3998']);
  expect(offline).toMatchObject({ code: 0 });
  expect(offline.stderr).toMatch(/warning: 24SevenOffice \(connection 24so\) could not be asked: .*; the mapping is set unchecked/);
});

test("on DUELL's route a mapping is looked up in the companies it applies to: a department's in its own, the tenant's in every department's", async () => {
  const tenant = await stage.aTenant();
  // A second company (Demo Kafé AS) for BGO; account 3057 exists only in Demo Handel AS (OSL's company).
  const kafe = DEMO_CREDENTIALS.identities.find((i) => i.clientId === 1002)!.id;
  const { identities: _companies, ...credentials } = DEMO_CREDENTIALS;
  expect(await cli(['connections', 'add', tenant, '--system', '24sevenoffice', '--name', '24so-kafe', '--setting', `apiBaseUrl=${stage.tso.url}`,
    '--setting', `webservicesBaseUrl=${stage.tso.url}`, '--setting', `identityId=${kafe}`, '--credentials-stdin'], JSON.stringify(credentials))).toMatchObject({ code: 0 });
  stage.tso.admin.addAccount(1001, { AccountNo: 3057, AccountName: 'Salg verksted' });
  expect(await cli(['tenants', 'settings', tenant, 'duell={"departments":{"OSL":{"company":"24so","department":2},"BGO":{"company":"24so-kafe","department":3}}}'])).toMatchObject({ code: 0 });

  expect(await cli(['mappings', 'set', tenant, 'settlement-account', 'OSL/sales:group:30=3057', '--source', 'duell'])).toMatchObject({ code: 0 });
  const bergen = await cli(['mappings', 'set', tenant, 'settlement-account', 'BGO/sales:group:30=3057', '--source', 'duell']);
  expect(bergen.code).toBe(4);
  expect(bergen.stderr).toContain('24SevenOffice connection 24so-kafe has no account 3057; nothing was set');
  const everywhere = await cli(['mappings', 'set', tenant, 'settlement-account', 'sales:group:30=3057', '--source', 'duell']);
  expect(everywhere.code).toBe(4);
  expect(everywhere.stderr).toContain('connection 24so-kafe has no account 3057');
  expect(everywhere.stderr).not.toContain('connection 24so has');
});

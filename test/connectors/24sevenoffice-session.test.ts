/**
 * 24SevenOffice sessions, identities and check(), over real SOAP against the sandbox on loopback (API doc §3).
 */
import { createTwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import { memorySessionStore, unlimitedBudget } from '../../connectors/types';
import { createLogger } from '../../platform/log';
import { calls, DEMO_CREDENTIALS, DEMO_HANDEL, DEMO_KAFE, startHarness, type Harness } from './24sevenoffice-fixtures';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

test('logs in with the application id, user and password and works in the default company', async () => {
  const { connector, ctx } = h.connect();
  const ids = await connector.identities();
  expect(ids.find((i) => i.isCurrent)?.companyName).toBe(DEMO_HANDEL.clientName);
  expect(h.sandbox.admin.state().logins).toBe(1);
  expect(await ctx.sessions.get('24sevenoffice:acme:default')).toMatch(/^[a-z0-5]{24}$/);
});

test('one login serves many calls and a second connector instance sharing the session store', async () => {
  const sessions = memorySessionStore();
  const first = h.connect({ sessions }).connector;
  await first.accounts();
  await first.taxCodes();
  await first.voucherTypes();
  const second = h.connect({ sessions }).connector;
  await second.accounts();
  await second.departments();
  expect(h.sandbox.admin.state().logins).toBe(1);
  expect(calls(h, 'Login')).toBe(1);
  expect(calls(h, 'HasSession')).toBe(0); // no HasSession before each request: it would double the use of the limit
  expect(calls(h, 'GetAccountList')).toBe(2);
});

test('an expired session is replaced by one fresh login and the call is retried once', async () => {
  const { connector, ctx } = h.connect();
  await connector.accounts();
  const before = await ctx.sessions.get('24sevenoffice:acme:default');
  h.sandbox.admin.expireSessions();
  expect((await connector.accounts()).length).toBeGreaterThan(10);
  expect(h.sandbox.admin.state().logins).toBe(2);
  expect(await ctx.sessions.get('24sevenoffice:acme:default')).not.toBe(before);
});

test('the sessionExpiry fault mid-run costs one extra login, not an error', async () => {
  const { connector } = h.connect();
  await connector.accounts();
  h.sandbox.admin.setFault({ operation: 'GetTypeList', kind: 'sessionExpiry' });
  expect((await connector.voucherTypes()).length).toBeGreaterThan(0);
  expect(h.sandbox.admin.state().logins).toBe(2);
  expect(calls(h, 'GetTypeList')).toBe(2);
});

test('switching identity works in the other company and caches its session separately', async () => {
  const { connector, ctx } = h.connect();
  await connector.accounts();
  await connector.switchIdentity(DEMO_KAFE.id);
  const ids = await connector.identities();
  expect(ids.find((i) => i.isCurrent)?.companyName).toBe(DEMO_KAFE.clientName);
  expect(await ctx.sessions.get(`24sevenoffice:acme:${DEMO_KAFE.id}`)).toBeDefined();
  // The default identity's session was not switched in place: other workers may be using it.
  const other = h.connect({ sessions: ctx.sessions }).connector;
  expect((await other.identities()).find((i) => i.isCurrent)?.companyName).toBe(DEMO_HANDEL.clientName);
  expect(calls(h, 'SetIdentityById')).toBe(1);
});

test('a configured identity id is used at login', async () => {
  const { connector, ctx } = h.connect({ settings: { identityId: DEMO_KAFE.id } });
  expect((await connector.identities()).find((i) => i.isCurrent)?.companyName).toBe(DEMO_KAFE.clientName);
  expect(await ctx.sessions.get(`24sevenoffice:acme:${DEMO_KAFE.id}`)).toBeDefined();
});

test('a wrong password is LoginFailed naming the tenant, the user and the fix, and is not retried', async () => {
  const { connector } = h.connect({ credentials: { password: 'wrong' } });
  const err = await connector.accounts().catch((e: unknown) => e);
  expect(err).toMatchObject({ type: 'LoginFailed', retryable: false });
  expect((err as Error).message).toContain('acme');
  expect((err as Error).message).toContain(DEMO_CREDENTIALS.username);
  expect((err as Error).message).toMatch(/password/);
  expect((err as Error).message).not.toContain('wrong');
  expect(calls(h, 'GetAccountList')).toBe(0);
});

test('a blocked identity is IdentityBlocked', async () => {
  h.sandbox.admin.setIdentityBlocked(DEMO_KAFE.id, true);
  const { connector } = h.connect({ settings: { identityId: DEMO_KAFE.id } });
  await expect(connector.accounts()).rejects.toMatchObject({ type: 'IdentityBlocked', retryable: false });
  await expect(h.connect().connector.switchIdentity(DEMO_KAFE.id)).rejects.toMatchObject({ type: 'IdentityBlocked' });
});

test('check() reports login, identity, mapped accounts and voucher types as ok', async () => {
  const { connector } = h.connect({ settings: { mappedAccounts: [1920, 3000], mappedVoucherTypes: [1, 6] } });
  const report = await connector.check();
  expect(report).toMatchObject({ system: '24sevenoffice', ok: true });
  expect(report.items.map((i) => i.name)).toEqual(['login', 'identity', 'account 1920', 'account 3000', 'voucher type 1', 'voucher type 6']);
  expect(report.items.find((i) => i.name === 'identity')?.detail).toContain(DEMO_HANDEL.clientName);
});

test('check() names each missing mapping with the fix instead of throwing', async () => {
  const { connector } = h.connect({ settings: { mappedAccounts: [1920, 3999], mappedVoucherTypes: [99] } });
  const report = await connector.check();
  expect(report.ok).toBe(false);
  const failed = report.items.filter((i) => !i.ok);
  expect(failed.map((i) => i.name)).toEqual(['account 3999', 'voucher type 99']);
  expect(failed[0]!.detail).toMatch(/does not exist in 24SevenOffice; create it there or change the mapping/);
});

test('check() reports bad credentials and a blocked identity as failed items', async () => {
  const bad = await h.connect({ credentials: { password: 'wrong' }, settings: { mappedAccounts: [1920] } }).connector.check();
  expect(bad.ok).toBe(false);
  expect(bad.items.map((i) => [i.name, i.ok])).toEqual([['login', false], ['identity', false], ['account 1920', false]]);
  expect(bad.items[0]!.detail).toMatch(/LoginFailed|login .* failed/i);

  h.sandbox.admin.setIdentityBlocked(DEMO_KAFE.id, true);
  const blocked = await h.connect({ settings: { identityId: DEMO_KAFE.id } }).connector.check();
  expect(blocked.items.map((i) => [i.name, i.ok])).toEqual([['login', true], ['identity', false]]);
  expect(blocked.items[1]!.detail).toMatch(/blocked/);
});

test('neither the password nor the session id ever reaches the log', async () => {
  const lines: string[] = [];
  const sessions = memorySessionStore();
  const connector = createTwentyFourSevenOffice({
    settings: { apiBaseUrl: h.sandbox.url, webservicesBaseUrl: h.sandbox.url },
    credentials: { applicationId: DEMO_CREDENTIALS.applicationId, username: DEMO_CREDENTIALS.username, password: DEMO_CREDENTIALS.password },
  }, { tenant: 'acme', sessions, budget: unlimitedBudget, log: createLogger({ level: 'debug', write: (l) => lines.push(l) }) });
  await connector.accounts();
  h.sandbox.admin.expireSessions();
  await connector.accounts();
  await h.connect({ credentials: { password: 'wrong-secret' } }).connector.accounts().catch(() => undefined);
  const sessionId = (await sessions.get('24sevenoffice:acme:default'))!;
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.join('\n')).not.toContain(DEMO_CREDENTIALS.password);
  expect(lines.join('\n')).not.toContain(sessionId);
});

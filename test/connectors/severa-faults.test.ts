/** The Severa connector when Severa misbehaves: rate limits, outages, broken answers, missing scopes, lost answers. */
import { isConnectorError, type ConnectorError } from '../../connectors/errors';
import { memorySessionStore, type SessionStore } from '../../connectors/types';
import { ALL_SCOPES } from '../../sandbox/severa/model';
import { all, startHarness, type Connected, type Harness } from './severaHarness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
afterEach(() => h.sandbox.admin.clearFaults());

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as ConnectorError);
const statusGuid = (c: Connected, name: string) => h.sandbox.admin.statuses(c.clientId).find((s) => s.name === name)!.guid;
const waitingInvoice = (c: Connected) => h.sandbox.admin.invoices(c.clientId).find((i) => (i.status as { name: string }).name === 'Waiting for transfer to Talenom')!;

test('429 with Retry-After: RateLimited at that time, and the tenant budget quarantined until then', async () => {
  const c = h.anOrganization();
  await c.severa.organization(); // the token first: the fault is for the invoices call
  h.sandbox.admin.setFault({ operation: 'invoices', kind: 'quarantine', retryAfterSeconds: 120 });
  const before = Date.now();
  const err = await failure(all(c.severa.invoices({})));
  expect(isConnectorError(err, 'RateLimited')).toBe(true);
  expect(err.retryable).toBe(true);
  const wait = err.retryAfter!.getTime() - before;
  expect(wait).toBeGreaterThanOrEqual(119_000);
  expect(wait).toBeLessThanOrEqual(122_000);
  expect(c.budget.quarantines).toEqual([{ system: 'severa', until: err.retryAfter, reason: expect.stringContaining('Severa rate limit') }]);
});

test('500 is Unavailable and retryable', async () => {
  const c = h.anOrganization();
  h.sandbox.admin.setFault({ operation: 'invoiceStatuses', kind: 'http500' });
  const err = await failure(c.severa.invoiceStatuses());
  expect(isConnectorError(err, 'Unavailable')).toBe(true);
  expect(err.retryable).toBe(true);
  expect(err.message).toContain('Severa answered HTTP 500 (InternalSystemError');
});

test('a broken field is named with the item and the path; nothing of the page is used', async () => {
  const c = h.anOrganization();
  h.sandbox.admin.setFault({ operation: 'invoices', kind: 'malformed', field: 'totalExcludingTax.amount', value: '1748,30', item: 2 });
  const err = await failure(all(c.severa.invoices({})));
  expect(isConnectorError(err, 'MalformedResponse')).toBe(true);
  expect(err.message).toMatch(/^Severa GET \/v1\/invoices \(tenant acme-oy, Severa client client-\d+\): invoice 3 \(guid [0-9a-f-]+\) field totalExcludingTax\.amount: expected number, received string/);
});

test('a broken field of one invoice, kept in Severa, is named by its guid', async () => {
  const c = h.anOrganization();
  const invoice = waitingInvoice(c);
  h.sandbox.admin.patchInvoice(c.clientId, invoice.guid as string, { 'status.name': null });
  const err = await failure(c.severa.invoice(invoice.guid as string));
  expect(err.message).toContain(`GET /v1/invoices/${invoice.guid}`);
  expect(err.message).toContain(`invoice (guid ${invoice.guid}) field status.name: expected string, received null`);
});

test('an answer that is not JSON is MalformedResponse with its start', async () => {
  const c = h.anOrganization();
  h.sandbox.admin.setFault({ operation: 'vatRates', kind: 'malformed' });
  const err = await failure(c.severa.vatRates());
  expect(isConnectorError(err, 'MalformedResponse')).toBe(true);
  expect(err.message).toMatch(/not JSON \("<html><head><title>Visma Severa/);
});

test('a missing scope names the scope and where to add it; once added, the next try works', async () => {
  const c = h.anOrganization({ scopes: ALL_SCOPES.filter((s) => s !== 'invoices:write') });
  const invoice = waitingInvoice(c);
  const err = await failure(c.severa.setInvoiceStatus(invoice.guid as string, statusGuid(c, 'Transferred to Talenom')));
  expect(isConnectorError(err, 'Rejected')).toBe(true);
  expect(err.message).toContain('the client credentials lack the scope invoices:write (InsufficientApiScope');
  expect(err.message).toContain("Settings → Integrations → REST API → edit the client credentials' scopes");

  h.sandbox.admin.setScopes(c.clientId, ALL_SCOPES);
  await expect(c.severa.setInvoiceStatus(invoice.guid as string, statusGuid(c, 'Transferred to Talenom'))).resolves.toMatchObject({ status: { name: 'Transferred to Talenom' } });
});

test('a 401 right after a new token is not retried again: NotAuthenticated after exactly two tokens', async () => {
  const c = h.anOrganization();
  h.sandbox.admin.setFault({ operation: 'organization', kind: 'sessionExpiry', times: 2 });
  const err = await failure(c.severa.organization());
  expect(isConnectorError(err, 'NotAuthenticated')).toBe(true);
  expect(h.sandbox.admin.calls({ operation: 'token', clientId: c.clientId })).toHaveLength(2);
  expect(h.sandbox.admin.calls({ operation: 'organization', clientId: c.clientId })).toHaveLength(2);
});

test('a lost PATCH answer is Unavailable, and the change it made can be looked up', async () => {
  const c = h.anOrganization();
  const invoice = waitingInvoice(c);
  h.sandbox.admin.setFault({ operation: 'patchInvoice', kind: 'lostResponse' });
  const err = await failure(c.severa.setInvoiceStatus(invoice.guid as string, statusGuid(c, 'Transferred to Talenom')));
  expect(isConnectorError(err, 'Unavailable')).toBe(true);
  expect(err.message).toMatch(/look a write up before repeating it/);
  expect((await c.severa.invoice(invoice.guid as string))!.status.name).toBe('Transferred to Talenom');
});

test('every request takes the tenant budget first, the token request included', async () => {
  const c = h.anOrganization();
  await c.severa.organization();
  await c.severa.vatRates();
  expect(c.budget.taken).toBe(3);
});

test('neither the client secret nor any token appears in any message or log line', async () => {
  const org = h.anOrganization({ scopes: ['organization:read'] });
  const tokens: string[] = [];
  const stored = memorySessionStore();
  const sessions: SessionStore = { ...stored, set: async (key, value) => { tokens.push(JSON.parse(value).accessToken); await stored.set(key, value); } };
  const c = h.connect(org.clientId, org.clientSecret, { sessions, settings: { pageSize: 1 } });
  const messages: string[] = [];
  const collect = (p: Promise<unknown>) => p.catch((e: Error) => { messages.push(e.message); });
  await collect(c.severa.organization());
  await collect(all(c.severa.invoices({}))); // missing scope
  h.sandbox.admin.expireTokens(c.clientId);
  await collect(c.severa.organization()); // 401, a new token
  h.sandbox.admin.setFault({ operation: 'organization', kind: 'http500' });
  await collect(c.severa.organization());
  const wrong = h.connect(c.clientId, 'wrong-secret-ABC');
  messages.push(JSON.stringify(await wrong.severa.check()));
  const everything = [...messages, ...c.logs, ...wrong.logs].join('\n');
  expect(messages).toHaveLength(3);
  expect(tokens.length).toBeGreaterThanOrEqual(2);
  expect(everything).toContain('severa call');
  for (const secret of [c.clientSecret, 'wrong-secret-ABC', ...tokens]) expect(everything).not.toContain(secret);
});

/**
 * What the wire can do wrong, and what the connector makes of it (API doc §11): every failure is a typed
 * ConnectorError an activity can act on, and unsafe or oversized XML never reaches the SOAP parser.
 */
import { calls, connectTo, startHarness, type Harness } from './24sevenoffice-fixtures';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

test('the tenant budget is taken before every request, the login included', async () => {
  const { connector, ctx } = h.connect();
  await connector.accounts();
  await connector.taxCodes();
  expect(ctx.budget.taken).toBe(3); // Login, GetAccountList, GetTaxCodeList
  expect(connector.apiLimit().remaining).toBeGreaterThan(7000); // APILimitRemaining recorded
});

test('a quarantine fault quarantines the tenant budget and is RateLimited until the quarantine end, never earlier', async () => {
  const { connector, ctx } = h.connect();
  await connector.accounts();
  const until = new Date(Date.now() + 42 * 60_000);
  until.setUTCMilliseconds(0);
  h.sandbox.admin.setFault({ operation: 'GetAccountList', kind: 'quarantine', until: until.toISOString() });
  const err = await connector.accounts().catch((e: unknown) => e);
  expect(err).toMatchObject({ type: 'RateLimited', retryable: true });
  const retryAfter = (err as { retryAfter: Date }).retryAfter;
  expect(retryAfter.getTime()).toBeGreaterThanOrEqual(until.getTime());
  expect(ctx.budget.quarantines).toEqual([{ system: '24sevenoffice', until: retryAfter, reason: expect.stringContaining('limit exceeded') }]);
});

test('exceeding the hourly limit is RateLimited until the next hour', async () => {
  await h.sandbox.close();
  h = await startHarness({ hourlyLimit: 3 });
  const { connector, ctx } = h.connect();
  await connector.accounts(); // Login + GetAccountList
  await connector.taxCodes();
  const err = await connector.voucherTypes().catch((e: unknown) => e);
  expect(err).toMatchObject({ type: 'RateLimited' });
  const nextHour = new Date();
  nextHour.setUTCMinutes(60, 0, 0);
  expect((err as { retryAfter: Date }).retryAfter.getTime()).toBeGreaterThanOrEqual(nextHour.getTime());
  expect(ctx.budget.quarantines).toHaveLength(1);
});

test('HTTP 500 without a SOAP fault is Unavailable (retryable)', async () => {
  const { connector } = h.connect();
  h.sandbox.admin.setFault({ operation: 'GetAccountList', kind: 'http500' });
  await expect(connector.accounts()).rejects.toMatchObject({ type: 'Unavailable', retryable: true });
  expect((await connector.accounts()).length).toBeGreaterThan(0);
});

test('a refused connection is Unavailable', async () => {
  const url = h.sandbox.url;
  await h.sandbox.close();
  const { connector } = connectTo(url);
  await expect(connector.accounts()).rejects.toMatchObject({ type: 'Unavailable', message: expect.stringMatching(/ECONNREFUSED/) });
  h = await startHarness();
});

test('a slow answer beyond timeoutMs is Unavailable', async () => {
  const { connector } = h.connect({ settings: { timeoutMs: 300 } });
  await connector.accounts();
  h.sandbox.admin.setFault({ operation: 'GetTypeList', kind: 'slow', delayMs: 1500 });
  await expect(connector.voucherTypes()).rejects.toMatchObject({ type: 'Unavailable', message: expect.stringMatching(/within 300 ms/) });
});

test('a 200 answer that is not SOAP (a maintenance page) is MalformedResponse', async () => {
  const { connector } = h.connect();
  await connector.accounts();
  h.sandbox.admin.setFault({ operation: 'GetTaxCodeList', kind: 'malformed' });
  await expect(connector.taxCodes()).rejects.toMatchObject({ type: 'MalformedResponse', retryable: false });
});

test('a response declaring a DOCTYPE is UnsafeXml, refused before parsing', async () => {
  const { connector } = h.connect();
  await connector.accounts();
  h.sandbox.admin.setFault({ operation: 'GetTaxCodeList', kind: 'doctype' });
  await expect(connector.taxCodes()).rejects.toMatchObject({ type: 'UnsafeXml' });
});

test('a response over the size bound is ResponseTooLarge', async () => {
  const { connector } = h.connect({ settings: { maxResponseBytes: 256 * 1024 } });
  await connector.accounts();
  h.sandbox.admin.setFault({ operation: 'GetTaxCodeList', kind: 'oversized', sizeBytes: 1024 * 1024 });
  await expect(connector.taxCodes()).rejects.toMatchObject({ type: 'ResponseTooLarge' });
  expect((await connector.voucherTypes()).length).toBeGreaterThan(0); // the connection pool is still usable
});

test('a query we can tell is wrong is ValidationFailed and never sent', async () => {
  const { connector } = h.connect();
  await expect(connector.transactions({ from: '2026-03-02', to: '2026-03-01' })).rejects.toMatchObject({ type: 'ValidationFailed' });
  expect(calls(h, 'GetTransactions')).toBe(0);
});

test('a SOAP fault from the service is SoapFault with the service\'s own sentence', async () => {
  const { connector } = h.connect();
  h.offWire('SaveInvoices'); // 'Bogus' is no OrderSlipStateType: the point of this test
  const err = await connector.saveInvoices([{ customerId: 10001, status: 'Bogus', rows: [{ name: 'x', quantity: 1, price: 100 }] }]).catch((e: unknown) => e);
  expect(err).toMatchObject({ type: 'SoapFault', retryable: false });
  expect((err as Error).message).toMatch(/'Bogus' is not a valid value for OrderSlipStateType/);
});

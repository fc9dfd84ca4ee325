/** What goes wrong with DUELL, over loopback HTTP: refused logins, rate limits and server faults become typed errors, bad answers are named. */
import type { ZReport } from '../../../domain/settlement/zReport';
import { aDay, allPages, failure, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
afterEach(() => h.sandbox.admin.clearFaults());

async function reports(pages: AsyncIterable<{ reports: ZReport[] }>): Promise<ZReport[]> {
  const out: ZReport[] = [];
  for await (const page of pages) out.push(...page.reports);
  return out;
}

function withReports(days = 1) {
  const connected = h.aCustomer({ pageSize: 10 });
  h.sandbox.admin.addZReports(connected.customerNumber, 'OSL', Array.from({ length: days }, (_, i) => aDay(`2026-11-${String(20 + i)}`)));
  return connected;
}

test('a wrong token is LoginFailed, not retried, and says where to fix it', async () => {
  const { customerNumber } = h.aCustomer();
  const { duell } = h.connect(customerNumber, 'not-the-token');
  const err = await failure(duell.departments());
  expect(err).toMatchObject({ type: 'LoginFailed', retryable: false });
  expect(err.message).toContain('check customer number and token in DUELL Backoffice > API-oppsett');
  expect(err.message).not.toContain('not-the-token');
  const report = await duell.check();
  expect(report).toMatchObject({ ok: false, items: [{ name: 'login', ok: false, detail: expect.stringContaining('API-oppsett') }] });
});

test('a token renewed in Backoffice fails the old one at once', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.renewToken(customerNumber, 'a-brand-new-token');
  await expect(duell.departments()).rejects.toMatchObject({ type: 'LoginFailed' });
  expect(await h.connect(customerNumber, 'a-brand-new-token').duell.departments()).toHaveLength(2);
});

test("429 with Retry-After is RateLimited until then, and the tenant's DUELL budget is quarantined", async () => {
  const { duell, budget } = withReports();
  h.sandbox.admin.setFault({ operation: 'daily-settlements', kind: 'quarantine', retryAfterSeconds: 90 });
  const started = Date.now();
  const err = await failure(reports(duell.zReports('OSL', { fromNumber: 1 })));
  expect(err).toMatchObject({ type: 'RateLimited', retryable: true });
  const wait = err.retryAfter!.getTime() - started;
  expect(wait).toBeGreaterThan(85_000);
  expect(wait).toBeLessThan(95_000);
  expect(budget.quarantines).toEqual([{ system: 'duell', until: err.retryAfter, reason: expect.stringMatching(/^DUELL rate limit for customer \d+; blocked until /) }]);
});

test('HTTP 500 is Unavailable and retryable; the next call goes through', async () => {
  const { duell } = withReports(2);
  h.sandbox.admin.setFault({ operation: 'daily-settlements', kind: 'http500' });
  const err = await failure(reports(duell.zReports('OSL', { fromNumber: 1 })));
  expect(err).toMatchObject({ type: 'Unavailable', retryable: true });
  expect(err.message).toMatch(/^DUELL daily-settlements \(tenant acme-as, DUELL customer \d+\): DUELL answered HTTP 500 \(internal_error: .*\); this is temporary/);
  expect(await reports(duell.zReports('OSL', { fromNumber: 1 }))).toHaveLength(2);
});

test('a lost answer to an upsert is Unavailable; the upsert again finds the customer saved once', async () => {
  const { duell } = h.aCustomer();
  h.sandbox.admin.setFault({ operation: 'upsert-customer', kind: 'lostResponse' });
  await expect(duell.upsertCustomer({ number: '7', name: 'Kunde Sju' })).rejects.toMatchObject({ type: 'Unavailable' });
  const saved = await duell.upsertCustomer({ number: '7', name: 'Kunde Sju' });
  expect(await allPages(duell.customers())).toEqual([saved]);
});

test('a malformed field is refused by the wire schema, naming the report, its place in the answer and the field', async () => {
  const { duell } = withReports(4);
  h.sandbox.admin.setFault({ operation: 'daily-settlements', kind: 'malformed', item: 3, field: 'payments.0.amount', value: '1180,00' });
  const err = await failure(reports(duell.zReports('OSL', { fromNumber: 1 })));
  expect(err).toMatchObject({ type: 'MalformedResponse', retryable: false });
  expect(err.message).toMatch(/^DUELL daily-settlements\[3\]\.payments\[0\]\.amount: expected a number \(Z 4 of department OSL\) \(tenant acme-as, DUELL customer \d+\): nothing of this page was used/);
});

test('an amount with a third decimal is refused, not rounded', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.upsertProducts(customerNumber, [{ number: '1', name: 'Ting', groupId: '10', price: 10, costPrice: 5, vatCode: '3' }]);
  h.sandbox.admin.setFault({ operation: 'products', kind: 'malformed', field: 'costPrice', value: 5.125 });
  const err = await failure(allPages(duell.products()));
  expect(err.message).toMatch(/^DUELL products\[0\]\.costPrice: 5\.125\d* has more than two decimals.* \(product 1\)/);
});

test('a missing field of a customer is named', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.upsertCustomers(customerNumber, [{ number: '10001', name: 'Fjord Eventbyrå AS' }]);
  h.sandbox.admin.setFault({ operation: 'customers', kind: 'malformed', field: 'name', value: null });
  await expect(allPages(duell.customers())).rejects.toThrow(/^DUELL customers\[0\]\.name: expected a string \(customer 10001\)/);
});

test('an HTML page instead of JSON is MalformedResponse saying a proxy may be in front', async () => {
  const { duell } = h.aCustomer();
  h.sandbox.admin.setFault({ operation: 'departments', kind: 'malformed' });
  const err = await failure(duell.departments());
  expect(err).toMatchObject({ type: 'MalformedResponse' });
  expect(err.message).toContain('answered with something that is not JSON ("<html><head><title>DUELL - Vedlikehold');
});

test('a PDF answered as HTML is refused by its content type', async () => {
  const { duell } = withReports();
  const [z] = await reports(duell.zReports('OSL', { fromNumber: 1 }));
  h.sandbox.admin.setFault({ operation: 'z-report-pdf', kind: 'malformed' });
  const err = await failure(duell.zReportPdf(z!));
  expect(err).toMatchObject({ type: 'MalformedResponse' });
  expect(err.message).toContain('answered the PDF of department OSL Z 1 (2026-11-20) with text/html');
});

test('a PDF over the connection\'s bound is ResponseTooLarge', async () => {
  const { customerNumber, token } = withReports();
  const { duell } = h.connect(customerNumber, token, { maxPdfBytes: 200 });
  const [z] = await reports(duell.zReports('OSL', { fromNumber: 1 }));
  await expect(duell.zReportPdf(z!)).rejects.toMatchObject({ type: 'ResponseTooLarge' });
});

test('a DUELL customer number that is not digits is refused when the connection is made', () => {
  expect(() => h.connect('OSL-1', 'token')).toThrow(/a DUELL customer number: digits/);
});

test('a malformed answer to an upsert names the field and the customer', async () => {
  const { duell } = h.aCustomer();
  h.sandbox.admin.setFault({ operation: 'upsert-customer', kind: 'malformed', field: 'changedAt', value: 'yesterday' });
  await expect(duell.upsertCustomer({ number: '8', name: 'Kunde Åtte' })).rejects.toThrow(/^DUELL upsert-customer\.changedAt: expected an ISO 8601 instant \(customer 8\) \(tenant acme-as/);
});

test('an answer over the connection\'s size bound is ResponseTooLarge', async () => {
  const { customerNumber, token } = h.aCustomer();
  const { duell } = h.connect(customerNumber, token, { maxResponseBytes: 4096 });
  h.sandbox.admin.setFault({ operation: 'customers', kind: 'oversized', sizeBytes: 100_000 });
  await expect(allPages(duell.customers())).rejects.toMatchObject({ type: 'ResponseTooLarge' });
});

test('an answer slower than the connection\'s timeout is Unavailable and retryable', async () => {
  const { customerNumber, token } = h.aCustomer();
  const { duell } = h.connect(customerNumber, token, { timeoutMs: 200 });
  h.sandbox.admin.setFault({ operation: 'products', kind: 'slow', delayMs: 1000 });
  await expect(allPages(duell.products())).rejects.toMatchObject({ type: 'Unavailable', retryable: true });
});

test('an admin product with a malformed stock is a 400 naming it, not a crash', () => {
  const { customerNumber } = h.aCustomer();
  expect(() => h.sandbox.admin.upsertProducts(customerNumber, [{ number: '1', name: 'Ting', groupId: '10', price: 10, costPrice: 5, vatCode: '3', stockQuantity: 'many' }]))
    .toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('stockQuantity') }));
});

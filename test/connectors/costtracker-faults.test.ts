/** What goes wrong with CostTracker, over loopback HTTP: server faults become typed errors, bad answers are named, a lost answer is repeated safely. */
import type { AccountingTransaction, MatchRecord } from '../../connectors/costtracker';
import type { Minor } from '../../domain/money';
import { allPages, failure, startHarness, type Harness } from './costtrackerHarness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
afterEach(() => h.sandbox.admin.clearFaults());

const AT = '2026-11-20T08:00:00.000Z';
const transaction = (id: string, amount: number): AccountingTransaction => ({ id, date: '2026-11-10', supplier: '501', account: 4300, amount: amount as Minor, currency: 'NOK' });
const auto = (transaction: string, po: string): MatchRecord => ({ transaction, kind: 'auto', po, rule: 'po-field', at: AT });

function withOrders() {
  const connected = h.anOrganisation();
  h.sandbox.admin.addPurchaseOrders(connected.organisationId, [{ year: 2026, supplier: '501', amount: '1000.00' }, { year: 2026, supplier: '502', amount: '50.00' }]);
  return connected;
}

test('HTTP 500 is Unavailable, retryable, and says a write may have been processed', async () => {
  const { costTracker } = withOrders();
  h.sandbox.admin.setFault({ operation: 'purchaseOrders', kind: 'http500' });
  const err = await failure(allPages(costTracker.purchaseOrders()));
  expect(err).toMatchObject({ type: 'Unavailable', retryable: true });
  expect(err.message).toMatch(/^CostTracker purchaseOrders \(tenant acme-as, CostTracker organisation ct-\d+\): CostTracker answered HTTP 500 \(internal_error: .*\); this is temporary/);
  expect(await allPages(costTracker.purchaseOrders())).toHaveLength(2); // the fault was for one call
});

test('429 is RateLimited until Retry-After, and the tenant\'s budget is quarantined for CostTracker', async () => {
  const { costTracker, budget } = withOrders();
  h.sandbox.admin.setFault({ operation: 'putTransactions', kind: 'quarantine', retryAfterSeconds: 120 });
  const started = Date.now();
  const err = await failure(costTracker.putTransactions([transaction('t1', 100)]));
  expect(err).toMatchObject({ type: 'RateLimited', retryable: true });
  const wait = err.retryAfter!.getTime() - started;
  expect(wait).toBeGreaterThan(115_000);
  expect(wait).toBeLessThan(125_000);
  expect(budget.quarantines).toEqual([{ system: 'costtracker', until: err.retryAfter, reason: expect.stringMatching(/^CostTracker rate limit for organisation ct-\d+; blocked until /) }]);
  expect(err.message).toContain('every worker of the tenant waits until then');
  expect(budget.taken).toBe(1); // the budget is taken before every request
});

test('a lost answer to putMatches: the records were applied; sending them again changes nothing', async () => {
  const { costTracker, organisationId } = withOrders();
  await costTracker.putTransactions([transaction('t1', 30000), transaction('t2', 20000)]);
  h.sandbox.admin.setFault({ operation: 'putMatches', kind: 'lostResponse' });
  const err = await failure(costTracker.putMatches([auto('t1', '2026-0001'), auto('t2', '2026-0001')]));
  expect(err).toMatchObject({ type: 'Unavailable', retryable: true });
  expect(err.message).toContain('the request may have been processed');
  expect(h.sandbox.admin.purchaseOrders(organisationId, '2026-0001')[0]).toMatchObject({ invoiced: '500.00' });
  expect(await costTracker.putMatches([auto('t1', '2026-0001'), auto('t2', '2026-0001')])).toEqual([]);
  expect(h.sandbox.admin.purchaseOrders(organisationId, '2026-0001')[0]).toMatchObject({ invoiced: '500.00', status: 'partly-invoiced' });
});

test('a lost answer to putTransactions: the page is there once after the retry', async () => {
  const { costTracker, organisationId } = withOrders();
  h.sandbox.admin.setFault({ operation: 'putTransactions', kind: 'lostResponse' });
  await expect(costTracker.putTransactions([transaction('t1', 100), transaction('t2', 200)])).rejects.toMatchObject({ type: 'Unavailable' });
  await costTracker.putTransactions([transaction('t1', 100), transaction('t2', 200)]);
  expect(h.sandbox.admin.transactions(organisationId)).toHaveLength(2);
});

test('a lost answer to markPosted: marking again with the same voucher number answers the posted invoice', async () => {
  const { costTracker, organisationId } = withOrders();
  h.sandbox.admin.addReceivedInvoices(organisationId, [{ id: 'ri-1', invoiceNumber: 'F-1', supplier: '501', date: '2026-11-02', lines: [{ account: 6800, amount: '100.00' }] }]);
  h.sandbox.admin.setFault({ operation: 'markPosted', kind: 'lostResponse' });
  await expect(costTracker.markPosted('ri-1', 70001)).rejects.toMatchObject({ type: 'Unavailable' });
  expect(await costTracker.markPosted('ri-1', 70001)).toMatchObject({ status: 'posted', postedVoucher: 70001 });
});

test('a malformed field is refused by the wire schema, naming the PO and the field', async () => {
  const { costTracker } = withOrders();
  h.sandbox.admin.setFault({ operation: 'purchaseOrders', kind: 'malformed', field: 'amount', value: '12,50', item: 1 });
  const err = await failure(allPages(costTracker.purchaseOrders()));
  expect(err).toMatchObject({ type: 'MalformedResponse', retryable: false });
  expect(err.message).toMatch(/^CostTracker purchaseOrders page 1 \(tenant acme-as, CostTracker organisation ct-\d+\): 1 purchase order\(s\) break the model — purchase order 2026-0002: amount: "12,50" is not an amount/);
  expect(err.message).toContain('nothing of this page was used');
});

test('a PO status outside the model is refused too', async () => {
  const { costTracker } = withOrders();
  h.sandbox.admin.setFault({ operation: 'purchaseOrders', kind: 'malformed', field: 'status', value: 'cancelled' });
  await expect(allPages(costTracker.purchaseOrders())).rejects.toThrow(/purchase order 2026-0001: status: Invalid option: expected one of "open"\|"partly-invoiced"\|"closed"/);
});

test('a maintenance page instead of JSON is MalformedResponse', async () => {
  const { costTracker } = withOrders();
  h.sandbox.admin.setFault({ operation: 'organisation', kind: 'malformed' });
  const err = await failure(costTracker.organisation());
  expect(err).toMatchObject({ type: 'MalformedResponse' });
  expect(err.message).toContain('answered with something that is not JSON ("<html>');
});

test('a slow answer past the timeout is Unavailable, and check() says to test again later', async () => {
  const { costTracker } = h.anOrganisation({ settings: { timeoutMs: 150 } });
  h.sandbox.admin.setFault({ operation: 'organisation', kind: 'slow', delayMs: 600 });
  const report = await costTracker.check();
  expect(report.items[0]).toMatchObject({ name: 'token', ok: false, detail: expect.stringMatching(/did not answer within 150 ms.*This is temporary; test again later\.$/) });
});

test('a token revoked mid-run is LoginFailed, not retried', async () => {
  const { costTracker } = withOrders();
  h.sandbox.admin.setFault({ operation: 'receivedInvoices', kind: 'sessionExpiry' });
  await expect(allPages(costTracker.receivedInvoices())).rejects.toMatchObject({ type: 'LoginFailed', retryable: false });
});

test('an oversized answer is refused at the bound', async () => {
  const { costTracker } = h.anOrganisation({ settings: { maxResponseBytes: 64 * 1024 } });
  h.sandbox.admin.setFault({ operation: 'suppliers', kind: 'oversized', sizeBytes: 512 * 1024 });
  await expect(allPages((async function* () { for await (const s of costTracker.suppliers()) yield [s]; })())).rejects.toMatchObject({ type: 'ResponseTooLarge' });
});

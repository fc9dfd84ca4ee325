/** What goes wrong with Telaris, over loopback HTTP: server faults become typed errors, bad data is named, nothing is guessed. */
import type { ConnectorError } from '../../connectors/errors';
import { startHarness, type Harness } from './telarisHarness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
afterEach(() => h.sandbox.admin.clearFaults());

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err as ConnectorError);

describe('server faults become typed, actionable errors', () => {
  test('HTTP 500 is Unavailable and retried', async () => {
    const { telaris } = h.aCompany();
    h.sandbox.admin.setFault({ operation: 'batches', kind: 'http500' });
    const err = await failure(telaris.batches());
    expect(err).toMatchObject({ type: 'Unavailable', retryable: true });
    expect(err.message).toMatch(/^Telaris batches \(tenant acme-as, Telaris company T\d+\): Telaris answered HTTP 500/);
    expect(await telaris.batches()).toEqual([]); // the fault was for one call
  });

  test('a maintenance page instead of JSON is MalformedResponse', async () => {
    const { telaris } = h.aCompany();
    h.sandbox.admin.setFault({ operation: 'openBatch', kind: 'malformed' });
    const err = await failure(telaris.openBatch());
    expect(err).toMatchObject({ type: 'MalformedResponse', retryable: false });
    expect(err.message).toContain('not JSON');
  });

  test('a lost close answer is repeated safely with the same idempotency key: one batch, not two', async () => {
    const { telaris, companyNo } = h.aCompany();
    h.sandbox.admin.setFault({ operation: 'closeBatch', kind: 'lostResponse' });
    const err = await failure(telaris.closeBatch({ idempotencyKey: 'acme-as/close/x' }));
    expect(err).toMatchObject({ type: 'Unavailable', retryable: true });
    const batch = await telaris.closeBatch({ idempotencyKey: 'acme-as/close/x' });
    expect(batch.label).toBe('2026-11 #1');
    expect(h.sandbox.admin.batches(companyNo)).toHaveLength(1);
  });

  test('a slow answer past the timeout is Unavailable', async () => {
    const { telaris } = h.aCompany({ settings: { timeoutMs: 150 } });
    h.sandbox.admin.setFault({ operation: 'company', kind: 'slow', delayMs: 600 });
    const report = await telaris.check();
    expect(report.items[0]).toMatchObject({ name: 'token', ok: false });
    expect(report.items[0]!.detail).toMatch(/did not answer within 150 ms.*temporary; test again later/);
  });

  test('an oversized answer is refused at the bound', async () => {
    const { telaris } = h.aCompany({ settings: { maxResponseBytes: 64 * 1024 } });
    h.sandbox.admin.setFault({ operation: 'customers', kind: 'oversized', sizeBytes: 512 * 1024 });
    await expect(telaris.customersPage(1)).rejects.toMatchObject({ type: 'ResponseTooLarge' });
  });

  test('429 is RateLimited until Retry-After, and the whole tenant is quarantined', async () => {
    const { telaris, budget } = h.aCompany();
    h.sandbox.admin.setFault({ operation: 'batches', kind: 'quarantine' }); // sandbox: Retry-After 30
    const started = Date.now();
    const err = await failure(telaris.batches());
    expect(err).toMatchObject({ type: 'RateLimited', retryable: true });
    const wait = err.retryAfter!.getTime() - started;
    expect(wait).toBeGreaterThanOrEqual(29_000);
    expect(wait).toBeLessThan(40_000);
    expect(budget.quarantines).toEqual([expect.objectContaining({ system: 'telaris', until: err.retryAfter })]);
  });

  test('an expired token is LoginFailed; an unknown company is IdentityBlocked', async () => {
    const { telaris, apiToken } = h.aCompany();
    h.sandbox.admin.setFault({ operation: 'openBatch', kind: 'sessionExpiry' });
    await expect(telaris.openBatch()).rejects.toMatchObject({ type: 'LoginFailed' });
    const elsewhere = h.connect('NO-SUCH', apiToken);
    await expect(elsewhere.telaris.customer('10001')).rejects.toMatchObject({ type: 'IdentityBlocked' });
  });
});

describe('bad documents', () => {
  test('an amount with three decimals fails its page, naming the batch, the document and the field', async () => {
    const { telaris, companyNo } = h.aCompany({ settings: { pageSize: 10 } });
    h.sandbox.admin.generateDocuments({ companyNo, count: 12 });
    const bad = h.sandbox.admin.addBadDocument({ companyNo, kind: 'threeDecimals' });
    const batch = await telaris.closeBatch();
    expect(batch.documentCount).toBe(13); // the batch itself still reads: its totals are rounded to øre

    expect((await telaris.documentsPage(batch.id, 1)).items).toHaveLength(10);
    const err = await failure(telaris.documentsPage(batch.id, 2));
    expect(err).toMatchObject({ type: 'MalformedResponse', retryable: false });
    expect(err.message).toContain('batch 2026-11 #1, page 2');
    expect(err.message).toContain(`document ${bad.documentId}`);
    expect(err.message).toMatch(/lines\[0\]\.amount: .*1\d*\.\d{3} has more than two decimals/);
  });

  test('every bad document of a page is named in one message', async () => {
    const { telaris, companyNo } = h.aCompany();
    const decimals = h.sandbox.admin.addBadDocument({ companyNo, kind: 'threeDecimals' });
    const broken = h.sandbox.admin.addBadDocument({ companyNo, kind: 'malformedDocument' });
    h.sandbox.admin.addDocument({ companyNo, document: { id: 'X-1', type: 'refund' } as never });
    const batch = await telaris.closeBatch();
    const err = await failure(telaris.documentsPage(batch.id, 1));
    expect(err.message).toContain('3 document(s) break the model');
    expect(err.message).toContain(`${decimals.documentId} (number`);
    expect(err.message).toMatch(new RegExp(`${broken.documentId} \\(number \\d+\\): date: `));
    expect(err.message).toMatch(/X-1: type: /);
  });

  test('documents that are well-formed but wrong for the books pass through unchanged: preflight judges them', async () => {
    const { telaris, companyNo } = h.aCompany();
    const kinds = ['unbalanced', 'unknownAccount', 'unknownVatCode', 'unknownProject', 'unknownDepartment'] as const;
    const ids = kinds.map((kind) => h.sandbox.admin.addBadDocument({ companyNo, kind }).documentId);
    const batch = await telaris.closeBatch();
    const docs = (await telaris.documentsPage(batch.id, 1)).items;
    expect(docs.map((d) => d.id)).toEqual(ids);
    const [unbalanced, account, vat, project, department] = docs;
    expect(unbalanced!.lines.reduce((s, l) => s + l.amount, 0)).toBe(10);
    expect(account!.lines.some((l) => l.account === 3999)).toBe(true);
    expect(vat!.lines.some((l) => l.vatCode === '99')).toBe(true);
    expect(project!.lines.some((l) => l.project === '99')).toBe(true);
    expect(department!.lines.some((l) => l.department === '99')).toBe(true);
  });
});

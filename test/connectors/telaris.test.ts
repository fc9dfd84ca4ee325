/** The Telaris connector against the Telaris sandbox over loopback HTTP: the batch lifecycle as an ERP customer runs it. */
import { isConnectorError } from '../../connectors/errors';
import { batchLabel, telarisBatchId, type TelarisDocument } from '../../connectors/telaris';
import { connectorDefinition } from '../../connectors/registry';
import { isValidOrgNumber } from '../../domain/orgNumber';
import { DEMO_TELARIS } from '../../sandbox/telaris';
import { startHarness, type Harness } from './telarisHarness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
beforeEach(() => { h.clock.now = new Date('2026-11-15T10:00:00Z'); });

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const balance = (d: TelarisDocument) => d.lines.reduce((s, l) => s + l.amount, 0);

describe('check (the "test integration" button)', () => {
  test('the demo token reaches the demo company and its batches', async () => {
    const { telaris } = h.connect(DEMO_TELARIS.companyNo, DEMO_TELARIS.apiToken);
    const report = await telaris.check();
    expect(report).toMatchObject({ system: 'telaris', ok: true });
    expect(report.items.map((i) => i.name)).toEqual(['token', 'company', 'batches']);
    expect(report.items[1]!.detail).toContain('Demo Handel AS');
  });

  test('a wrong token is reported with the fix, and the token itself appears nowhere', async () => {
    const { telaris, logs } = h.connect(DEMO_TELARIS.companyNo, 'not-the-token-XYZ');
    const report = await telaris.check();
    expect(report.ok).toBe(false);
    expect(report.items[0]).toMatchObject({ name: 'token', ok: false });
    expect(report.items[0]!.detail).toMatch(/Settings → API tokens.*ledgerbridge connections add acme-as --system telaris/);
    expect(JSON.stringify(report) + logs.join('\n')).not.toContain('not-the-token-XYZ');
  });

  test('a token for another company: the token is fine, the company is not', async () => {
    const other = h.aCompany();
    const { telaris } = h.connect(DEMO_TELARIS.companyNo, other.apiToken);
    const report = await telaris.check();
    expect(report.items.slice(0, 2).map((i) => i.ok)).toEqual([true, false]);
    expect(report.items[1]!.detail).toMatch(/does not give access to company 1001/);
  });

  test('every other call with a refused token is LoginFailed, not retried', async () => {
    const { telaris } = h.connect(DEMO_TELARIS.companyNo, 'wrong');
    const err = await telaris.batches().catch((e: unknown) => e);
    expect(isConnectorError(err, 'LoginFailed')).toBe(true);
    expect((err as { retryable: boolean }).retryable).toBe(false);
    expect(String((err as Error).message)).toContain('tenant acme-as, Telaris company 1001');
  });
});

describe('batches', () => {
  test('each close makes the next batch of the month: #1, #2, #3, and a new month starts at #1', async () => {
    const { telaris } = h.aCompany();
    const first = await telaris.closeBatch();
    const second = await telaris.closeBatch();
    const third = await telaris.closeBatch();
    expect([first, second, third].map((b) => b.label)).toEqual(['2026-11 #1', '2026-11 #2', '2026-11 #3']);
    expect(third).toMatchObject({ id: '2026-11-3', period: '2026-11', sequence: 3, status: 'closed' });
    expect((await telaris.batches({ period: '2026-11' })).map((b) => b.id)).toEqual(['2026-11-1', '2026-11-2', '2026-11-3']);

    h.clock.now = new Date('2026-11-30T23:30:00Z'); // already 1 December in Oslo
    expect((await telaris.closeBatch()).label).toBe('2026-12 #1');
    expect(await telaris.batches({ period: '2026-10' })).toEqual([]);
  });

  test('an empty batch may be closed: it has no documents and zero totals', async () => {
    const { telaris } = h.aCompany();
    const batch = await telaris.closeBatch();
    expect(batch).toMatchObject({ documentCount: 0, totals: { debit: 0, credit: 0 } });
    const page = await telaris.documentsPage(batch.id, 1);
    expect(page).toMatchObject({ totalItems: 0, totalPages: 0, items: [] });
    expect(await all(telaris.documents(batch.id))).toEqual([]);
  });

  test('a close repeated with the same idempotency key answers the same batch instead of closing another', async () => {
    const { telaris } = h.aCompany();
    const a = await telaris.closeBatch({ idempotencyKey: 'acme-as/batch-close/1' });
    const b = await telaris.closeBatch({ idempotencyKey: 'acme-as/batch-close/1' });
    expect(b.id).toBe(a.id);
    expect(await telaris.batches()).toHaveLength(1);
  });

  test('an unknown batch is undefined; a malformed period is refused before any request', async () => {
    const { telaris, budget } = h.aCompany();
    expect(await telaris.batch(telarisBatchId('2026-11-9'))).toBeUndefined();
    const before = budget.taken;
    await expect(telaris.batches({ period: '11/2026' })).rejects.toMatchObject({ type: 'ValidationFailed' });
    expect(budget.taken).toBe(before);
  });

  test('batch ids are validated and labelled as Telaris shows them', () => {
    expect(batchLabel(telarisBatchId('2026-11-3'))).toBe('2026-11 #3');
    expect(() => telarisBatchId('2026-13-1')).toThrow(/not a Telaris batch id/);
  });
});

describe('documents', () => {
  test('1 200 documents come in pages of 500, 500 and 200, in øre, each balanced, totals as the batch says', async () => {
    const { telaris, companyNo, budget } = h.aCompany({ settings: { pageSize: 500 } });
    h.sandbox.admin.generateDocuments({ companyNo, count: 1200 });
    const batch = await telaris.closeBatch();
    expect(batch.documentCount).toBe(1200);

    const pages = await Promise.all([1, 2, 3].map((p) => telaris.documentsPage(batch.id, p)));
    expect(pages.map((p) => p.items.length)).toEqual([500, 500, 200]);
    expect(pages[0]).toMatchObject({ batchId: batch.id, page: 1, pageSize: 500, totalItems: 1200, totalPages: 3 });

    const before = budget.taken;
    const docs = await all(telaris.documents(batch.id));
    expect(budget.taken - before).toBe(3); // one budget unit per request
    expect(new Set(docs.map((d) => d.id)).size).toBe(1200);
    expect(docs.map((d) => d.id)).toEqual(pages.flatMap((p) => p.items.map((d) => d.id)));
    for (const d of docs) {
      expect(balance(d)).toBe(0);
      for (const l of d.lines) expect(Number.isInteger(l.amount)).toBe(true);
    }
    const debit = docs.flatMap((d) => d.lines).reduce((s, l) => (l.amount > 0 ? s + l.amount : s), 0);
    expect(batch.totals).toEqual({ debit, credit: -debit });
    expect(new Set(docs.map((d) => d.type))).toEqual(new Set(['salesInvoice', 'payment', 'cost', 'cashSettlement']));
    expect(docs.some((d) => d.lines.some((l) => l.project) && d.lines.some((l) => l.department))).toBe(true);
  });

  test('a document listed twice in one batch reaches the caller twice (de-duplication is the staging step\'s job)', async () => {
    const { telaris, companyNo } = h.aCompany({ settings: { pageSize: 5 } });
    h.sandbox.admin.generateDocuments({ companyNo, count: 7 });
    const { documentId } = h.sandbox.admin.addBadDocument({ companyNo, kind: 'repeatedDocument' });
    const batch = await telaris.closeBatch();
    const [p1, p2] = [await telaris.documentsPage(batch.id, 1), await telaris.documentsPage(batch.id, 2)];
    expect(p1.items.filter((d) => d.id === documentId)).toHaveLength(1);
    expect(p2.items.filter((d) => d.id === documentId)).toHaveLength(1);
    const ids = (await all(telaris.documents(batch.id))).map((d) => d.id);
    expect(ids.filter((id) => id === documentId)).toHaveLength(2);
    expect(p2.items.find((d) => d.id === documentId)).toEqual(p1.items.find((d) => d.id === documentId));
  });
});

describe('export confirmation (Run export)', () => {
  test('a batch is marked exported once; a second confirmation is an outcome that tells ours from someone else\'s', async () => {
    const { telaris, companyNo } = h.aCompany();
    const batch = await telaris.closeBatch();
    const first = await telaris.confirmExport(batch.id, 'acme-as/batch/2026-11-1');
    expect(first).toMatchObject({ outcome: 'confirmed', batch: { status: 'exported', exportReference: 'acme-as/batch/2026-11-1' } });
    const exportedAt = first.outcome === 'confirmed' ? first.batch.exportedAt : undefined;

    const again = await telaris.confirmExport(batch.id, 'acme-as/batch/2026-11-1');
    expect(again).toMatchObject({ outcome: 'alreadyExported', exportedAt, ours: true });
    const someoneElse = await telaris.confirmExport(batch.id, 'manual');
    expect(someoneElse).toMatchObject({ outcome: 'alreadyExported', ours: false, exportReference: 'acme-as/batch/2026-11-1' });
    if (someoneElse.outcome === 'alreadyExported') expect(someoneElse.message).toBe(`batch 2026-11 #1 was exported at ${exportedAt} (reference acme-as/batch/2026-11-1)`);

    expect((await telaris.batch(batch.id))?.status).toBe('exported');
    const company = h.sandbox.admin.state().companies.find((c) => c.companyNo === companyNo);
    expect(company?.exportConfirmations.map((c) => c.outcome)).toEqual(['confirmed', 'already_exported', 'already_exported']);
  });
});

describe('customers', () => {
  test('customers page through with valid organisation numbers; an unknown number is undefined', async () => {
    const { telaris, companyNo } = h.aCompany({ customers: 12, settings: { pageSize: 5 } });
    const customers = await all(telaris.customers());
    expect(customers).toHaveLength(12);
    expect(customers.every((c) => isValidOrgNumber(c.organizationNumber))).toBe(true);
    expect(customers[0]).toMatchObject({ customerNo: '10001', address: { country: 'NO' } });
    expect(await telaris.customer('10003')).toEqual(customers[2]);
    expect(await telaris.customer('99999')).toBeUndefined();
    expect((await telaris.customersPage(3)).items).toHaveLength(2);
    expect(h.sandbox.admin.customers(companyNo)).toHaveLength(12);
  });

  test('a customer without organisation number is passed on as Telaris has it (preflight reports it)', async () => {
    const { telaris, companyNo } = h.aCompany();
    const { customerNo } = h.sandbox.admin.addBadDocument({ companyNo, kind: 'customerWithoutOrgNumber' });
    const { customerNo: invalidNo } = h.sandbox.admin.addBadDocument({ companyNo, kind: 'customerInvalidOrgNumber' });
    expect((await telaris.customer(customerNo!))?.organizationNumber).toBeUndefined();
    expect(isValidOrgNumber((await telaris.customer(invalidNo!))?.organizationNumber)).toBe(false);
  });
});

test('the registry builds the Telaris connector from a connection row', () => {
  const definition = connectorDefinition('telaris');
  expect(definition.settingsSchema.parse({ companyNo: '1001' })).toEqual({ baseUrl: 'https://api.telaris.no', companyNo: '1001', pageSize: 500 });
  expect(definition.settingsSchema.parse({ companyNo: 1001 }).companyNo).toBe('1001'); // `--setting companyNo=1001`
  expect(definition.settingsSchema.safeParse({ companyNo: '1001', pageSize: 501 }).success).toBe(false);
  expect(definition.settingsSchema.safeParse({ companyNo: '../x' }).success).toBe(false);
  expect(definition.credentialsSchema.safeParse({}).success).toBe(false);
});

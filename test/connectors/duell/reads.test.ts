/** The DUELL connector against the sandbox over loopback HTTP: every read in domain terms, paging, cursors, the PDF, the writes. */
import type { ZReport } from '../../../domain/settlement/zReport';
import { aDay, allPages, failure, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

async function reportsOf(pages: AsyncIterable<{ reports: ZReport[] }>): Promise<ZReport[]> {
  const out: ZReport[] = [];
  for await (const page of pages) out.push(...page.reports);
  return out;
}

test('check() logs in with customer number and token and lists the active departments', async () => {
  const { duell } = h.aCustomer();
  const report = await duell.check();
  expect(report).toMatchObject({ system: 'duell', ok: true });
  expect(report.items.map((i) => i.name)).toEqual(['login', 'departments']);
  expect(report.items[1]!.detail).toContain('OSL Butikk Oslo');
});

test('departments are read in domain terms', async () => {
  const { duell } = h.aCustomer();
  expect(await duell.departments()).toEqual([{ id: 'BGO', name: 'Butikk Bergen', active: true }, { id: 'OSL', name: 'Butikk Oslo', active: true }]);
});

test('a Z-report is read as the domain ZReport, money in øre, with its PDF id', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.addZReports(customerNumber, 'OSL', [aDay('2026-11-27', { tips: 20, payments: [{ type: 'bankaxept', count: 5, amount: 1200 }, { type: 'cash', count: 2, amount: 300 }] })]);
  const [z] = await reportsOf(duell.zReports('OSL', { fromNumber: 1 }));
  expect(z).toMatchObject({
    departmentId: 'OSL', number: 1, date: '2026-11-27', signedBy: 'Kari Nordmann', currency: 'NOK',
    sales: { gross: 148000, net: 120000, vat: [{ code: '3', rate: '25.00', base: 100000, vat: 25000 }, { code: '31', rate: '15.00', base: 20000, vat: 3000 }] },
    artGroups: [{ groupId: '10', vatCode: '3', count: 3, amount: 125000 }, { groupId: '20', vatCode: '31', count: 4, amount: 23000 }],
    payments: [{ type: 'bankaxept', count: 5, amount: 120000 }, { type: 'cash', count: 2, amount: 30000 }],
    cash: { openingFloat: 100000, expected: 130000, counted: 130000, bankWithdrawal: 0, difference: 0 },
    tips: 2000, rounding: 0, pdfId: expect.stringMatching(/^pdf-\d+$/),
  });
});

test('Z-reports page from a number in series order, each page within the page size', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.addZReports(customerNumber, 'OSL', ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'].map((d) => aDay(d)));
  h.sandbox.admin.addZReports(customerNumber, 'BGO', [aDay('2026-11-27')]);
  const pages: number[][] = [];
  for await (const page of duell.zReports('OSL', { fromNumber: 2 })) pages.push(page.reports.map((z) => z.number));
  expect(pages).toEqual([[2, 3], [4, 5]]);
  expect((await reportsOf(duell.zReports('BGO', { fromNumber: 1 }))).map((z) => [z.departmentId, z.number])).toEqual([['BGO', 1]]);
  expect(await reportsOf(duell.zReports('OSL', { fromNumber: 6 }))).toEqual([]);
});

test('Z-reports changed since an instant: the page tells the cursor, and a read from it finds only what came after', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.addZReports(customerNumber, 'OSL', [aDay('2026-11-25'), aDay('2026-11-26'), aDay('2026-11-27')]);
  let cursor = '1970-01-01T00:00:00.000Z';
  const seen: number[] = [];
  for await (const page of duell.zReports('OSL', { changedSince: cursor })) {
    seen.push(...page.reports.map((z) => z.number));
    cursor = page.changedUntil;
  }
  expect(seen).toEqual([1, 2, 3]);
  h.sandbox.admin.addZReports(customerNumber, 'OSL', [aDay('2026-11-28')]);
  const later = await reportsOf(duell.zReports('OSL', { changedSince: new Date(Date.parse(cursor) + 1).toISOString() }));
  expect(later.map((z) => z.number)).toEqual([4]);
});

test('an unknown department is Rejected, naming it', async () => {
  const { duell } = h.aCustomer();
  const err = await failure(reportsOf(duell.zReports('TRD', { fromNumber: 1 })));
  expect(err).toMatchObject({ type: 'Rejected', retryable: false });
  expect(err.message).toContain('department TRD does not exist');
});

test("a Z-report's PDF is read as bytes of a PDF with its file name", async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.addZReports(customerNumber, 'BGO', [aDay('2026-11-27')]);
  const [z] = await reportsOf(duell.zReports('BGO', { fromNumber: 1 }));
  const pdf = await duell.zReportPdf(z!);
  expect(pdf.contentType).toBe('application/pdf');
  expect(pdf.fileName).toBe('Z-BGO-1-2026-11-27.pdf');
  expect(pdf.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
  expect(pdf.bytes.toString('latin1')).toContain('(Z-rapport 1 - Butikk Bergen \\(BGO\\)) Tj'); // PDF text escapes its parentheses
  expect(pdf.bytes.toString('latin1')).toContain('Brutto salg 1480.00 NOK');
});

test('a report without a PDF id is refused with what to do, without a call', async () => {
  const { duell, budget } = h.aCustomer();
  const err = await failure(duell.zReportPdf({ departmentId: 'OSL', number: 7, date: '2026-11-27' }));
  expect(err).toMatchObject({ type: 'Rejected' });
  expect(err.message).toContain('DUELL has no PDF for department OSL Z 7 (2026-11-27)');
  expect(budget.taken).toBe(0);
});

test('invoice bases: customer, rows with product, quantity, unit price, VAT and discount, the gift card flagged', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.upsertCustomers(customerNumber, [{ number: '10001', name: 'Fjord Eventbyrå AS', orgNo: '912345670' }]);
  h.sandbox.admin.addInvoiceBases(customerNumber, [
    { departmentId: 'OSL', date: '2026-11-28', customerNumber: '10001', reference: 'PO 77', rows: [
      { productNumber: '1001', description: 'Ullgenser', quantity: 2.5, unitPrice: 719.2, vatCode: '3', discountPercent: 10 },
      { description: 'Gavekort', quantity: 1, unitPrice: 500, vatCode: '6', giftCard: true },
    ] },
    { departmentId: 'BGO', date: '2026-11-29', customerNumber: '10001', rows: [{ description: 'Kaffe', quantity: 1, unitPrice: 40, vatCode: '31' }] },
  ]);
  const all = await allPages(duell.invoiceBases());
  expect(all).toHaveLength(2);
  expect(all[0]).toMatchObject({
    number: 1, departmentId: 'OSL', date: '2026-11-28', customerNumber: '10001', reference: 'PO 77', currency: 'NOK',
    rows: [
      { productNumber: '1001', description: 'Ullgenser', quantity: 2.5, unitPrice: 71920, vatCode: '3', discountPercent: 10, giftCard: false },
      { description: 'Gavekort', quantity: 1, unitPrice: 50000, vatCode: '6', discountPercent: 0, giftCard: true },
    ],
  });
  expect((await allPages(duell.invoiceBases({ departmentId: 'BGO' }))).map((b) => b.number)).toEqual([2]);
});

test('customers are read changed-since: the latest changedAt is the next cursor, a change shows up again', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.upsertCustomers(customerNumber, [
    { number: '10001', name: 'Fjord Eventbyrå AS', orgNo: '912345670', address: { street: 'Kaigaten 1', postalCode: '5015', city: 'Bergen', country: 'NO' }, email: 'faktura@fjordevent.no' },
    { number: '10002', name: 'Oslo Skolekorps' },
    { number: '10003', name: 'Ingrid Berg' },
  ]);
  const first = await allPages(duell.customers());
  expect(first.map((c) => c.number)).toEqual(['10001', '10002', '10003']);
  expect(first[0]).toEqual({
    number: '10001', name: 'Fjord Eventbyrå AS', orgNo: '912345670', address: { street: 'Kaigaten 1', postalCode: '5015', city: 'Bergen', country: 'NO' },
    email: 'faktura@fjordevent.no', changedAt: expect.any(String),
  });
  const cursor = first.map((c) => c.changedAt).sort().at(-1)!;
  h.sandbox.admin.upsertCustomers(customerNumber, [{ number: '10002', name: 'Oslo Skolekorps og Musikklag' }]);
  const changed = await allPages(duell.customers({ changedSince: new Date(Date.parse(cursor) + 1).toISOString() }));
  expect(changed.map((c) => [c.number, c.name])).toEqual([['10002', 'Oslo Skolekorps og Musikklag']]);
});

test('products: group, price, cost price, VAT code, stock (none for a service), changed-since', async () => {
  const { duell, customerNumber } = h.aCustomer();
  h.sandbox.admin.upsertProducts(customerNumber, [
    { number: '1001', name: 'Ullgenser', groupId: '10', price: 899, costPrice: 380, vatCode: '3', stockQuantity: 42 },
    { number: '3001', name: 'Reparasjon', groupId: '10', price: 350, costPrice: 0, vatCode: '3' },
  ]);
  const products = await allPages(duell.products());
  expect(products).toEqual([
    { number: '1001', name: 'Ullgenser', groupId: '10', groupName: 'Klær', price: 89900, costPrice: 38000, vatCode: '3', stockQuantity: 42, changedAt: expect.any(String) },
    { number: '3001', name: 'Reparasjon', groupId: '10', groupName: 'Klær', price: 35000, costPrice: 0, vatCode: '3', changedAt: expect.any(String) },
  ]);
  expect(await allPages(duell.products({ changedSince: new Date(Date.parse(products[1]!.changedAt) + 1).toISOString() }))).toEqual([]);
});

test('upserts from 24SevenOffice as master: created, updated, and the same content again changes nothing', async () => {
  const { duell } = h.aCustomer();
  const created = await duell.upsertCustomer({ number: '20001', name: 'Bryggen Eiendom AS', orgNo: '956789012', email: 'post@bryggen.no' });
  expect(created).toMatchObject({ number: '20001', name: 'Bryggen Eiendom AS', orgNo: '956789012' });
  expect(await duell.upsertCustomer({ number: '20001', name: 'Bryggen Eiendom AS', orgNo: '956789012', email: 'post@bryggen.no' })).toEqual(created);
  const renamed = await duell.upsertCustomer({ number: '20001', name: 'Bryggen Eiendom Holding AS', orgNo: '956789012' });
  expect(Date.parse(renamed.changedAt)).toBeGreaterThan(Date.parse(created.changedAt));

  const product = await duell.upsertProduct({ number: '5001', name: 'Termos', groupId: '20', price: 29950 as never, costPrice: 12000 as never, vatCode: '3' });
  expect(product).toMatchObject({ number: '5001', groupName: 'Mat', price: 29950, costPrice: 12000 });
  expect(await allPages(duell.products())).toEqual([product]);
});

test('an upsert DUELL refuses is ValidationFailed naming the field', async () => {
  const { duell } = h.aCustomer();
  const err = await failure(duell.upsertProduct({ number: '5002', name: 'Sekk', groupId: '99', price: 10000 as never, costPrice: 5000 as never, vatCode: '3' }));
  expect(err).toMatchObject({ type: 'ValidationFailed', reasons: [{ field: 'groupId', message: expect.stringContaining('product group 99 does not exist') }] });
  expect(err.message).toMatch(/^DUELL upsert-product \(tenant acme-as, DUELL customer \d+\): DUELL refused the request, nothing was saved — groupId: /);
});

test('every request takes the tenant\'s budget first', async () => {
  const { duell, customerNumber, budget } = h.aCustomer();
  h.sandbox.admin.addZReports(customerNumber, 'OSL', ['2026-11-25', '2026-11-26', '2026-11-27'].map((d) => aDay(d)));
  await reportsOf(duell.zReports('OSL', { fromNumber: 1 }));
  expect(budget.taken).toBe(2); // two pages of two
});

test('an upsert with a field DUELL does not take is refused naming it once', async () => {
  const { duell } = h.aCustomer();
  const err = await failure(duell.upsertCustomer({ number: '20002', name: 'Feil AS', orgNo: '12345' }));
  expect(err).toMatchObject({ type: 'ValidationFailed', reasons: [{ field: 'orgNo', message: 'a Norwegian organisation number of 9 digits' }] });
  expect(err.message).toMatch(/nothing was saved — orgNo: a Norwegian organisation number of 9 digits$/);
});

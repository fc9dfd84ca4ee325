/**
 * The feed purchase-order matching reads: supplier invoices booked into the sandbox's ledger by its admin API,
 * read back through the connector's transactions() with the PO number (SupplierOrderSlip), the supplier
 * (Customer dimension), project and department; incremental reads by change time with an end (changedUntil).
 */
import { DEMO_HANDEL, startHarness, type Harness } from './24sevenoffice-fixtures';

const CLIENT = DEMO_HANDEL.clientId;
const GROSSISTEN = 20001; // seeded suppliers: 20001–20005
const KONTOR = 20002;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

async function adminPost(path: string, body: unknown, method = 'POST'): Promise<{ status: number; json: any }> {
  const res = await fetch(`${h.sandbox.url}/admin${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

test('a supplier invoice over HTTP becomes a balanced voucher: cost lines with PO, project, department and supplier, one credit on 2400', async () => {
  const posted = await adminPost(`/tenants/${CLIENT}/ledger/supplier-invoices`, [{
    date: '2026-03-05', dueDate: '2026-04-04', supplierId: GROSSISTEN, currency: 'NOK', invoiceNo: 'F-7781',
    lines: [
      { account: 4300, amount: '1250.50', project: 2, department: 3, poField: '2026-0042', comment: 'Kaffe' },
      { account: 6800, amount: 99.5, comment: 'Frakt' },
    ],
  }]);
  expect(posted).toEqual({ status: 200, json: { transactionNos: [30000] } });

  const { connector } = h.connect();
  const lines = await connector.transactions({ ...MARCH, transactionNoFrom: 30000, transactionNoTo: 30000 });
  expect(lines.map((l) => [l.accountNo, l.amount, l.poField, l.projectId, l.departmentId, l.customerId, l.systemType])).toEqual([
    [4300, 125050, '2026-0042', 2, 3, GROSSISTEN, 'InvoiceSupplier'],
    [6800, 9950, undefined, undefined, undefined, GROSSISTEN, 'InvoiceSupplier'],
    [2400, -135000, undefined, undefined, undefined, GROSSISTEN, 'InvoiceSupplier'],
  ]);
  expect(lines[0]).toMatchObject({ invoiceNo: 'F-7781', currency: 'NOK', currencyRate: 1, comment: 'Kaffe', date: '2026-03-05' });
  expect(lines[0]!.dimensions).toContainEqual({ type: 'SupplierOrderSlip', value: '2026-0042', typeId: 0 });
  expect(lines[2]).toMatchObject({ open: true, dueDate: '2026-04-04' });
});

test('a negative invoice is a supplier credit note; numbers follow the series; all or none is booked', async () => {
  const numbers = h.sandbox.admin.addSupplierInvoices(CLIENT, [
    { date: '2026-03-06', supplierId: KONTOR, invoiceNo: 'K-1', lines: [{ account: 6800, amount: '400.00', poField: '2026-0007' }] },
    { date: '2026-03-07', supplierId: KONTOR, invoiceNo: 'K-1-KR', lines: [{ account: 6800, amount: '-150.00', poField: '2026-0007' }] },
    { transactionNo: 30500, date: '2026-03-08', supplierId: KONTOR, invoiceNo: 'K-2', lines: [{ account: 6800, amount: 10 }] },
  ]);
  expect(numbers).toEqual([30000, 30001, 30500]);
  const { connector } = h.connect();
  const credit = await connector.transactions({ ...MARCH, transactionNoFrom: 30001, transactionNoTo: 30001 });
  expect(credit.map((l) => [l.accountNo, l.amount, l.systemType])).toEqual([[6800, -15000, 'CreditnoteSupplier'], [2400, 15000, 'CreditnoteSupplier']]);

  const before = h.sandbox.admin.tenant(CLIENT).ledger.lines;
  const refused = [
    [{ date: '2026-03-09', supplierId: KONTOR, invoiceNo: 'ok', lines: [{ account: 6800, amount: 1 }] }, { transactionNo: 30500, date: '2026-03-09', supplierId: KONTOR, invoiceNo: 'dup', lines: [{ account: 6800, amount: 1 }] }],
    [{ date: '2026-03-09', supplierId: 10001, invoiceNo: 'x', lines: [{ account: 6800, amount: 1 }] }], // a customer, not a supplier
    [{ date: '2026-03-09', supplierId: KONTOR, invoiceNo: 'x', lines: [{ account: 6800, amount: '1.005' }] }],
    [{ date: '2026-03-09', supplierId: KONTOR, invoiceNo: 'x', lines: [{ account: 6800, amount: 1, project: 999 }] }],
    [{ date: '2024-03-09', supplierId: KONTOR, invoiceNo: 'x', lines: [{ account: 6800, amount: 1 }] }],
  ];
  for (const body of refused) {
    const res = await adminPost(`/tenants/${CLIENT}/ledger/supplier-invoices`, body);
    expect([res.status, res.json.error]).toEqual([expect.any(Number), expect.stringContaining('supplier invoice')]);
    expect(res.status).toBeGreaterThanOrEqual(400);
  }
  expect(h.sandbox.admin.tenant(CLIENT).ledger.lines).toBe(before);
});

test('changing a line moves its DateChanged: an incremental read with changedSince/changedUntil sees exactly it', async () => {
  const registeredAt = '2026-03-10T08:00:00.000Z';
  h.sandbox.admin.addSupplierInvoices(CLIENT, [
    { date: '2026-03-10', supplierId: GROSSISTEN, invoiceNo: 'G-1', registeredAt, lines: [{ account: 4300, amount: 100, comment: 'uten bestillingsnr' }] },
  ]);
  const { connector } = h.connect();
  const window = { ...MARCH, changedSince: '2026-03-10T07:00:00Z', changedUntil: '2026-03-10T09:00:00Z' };
  const first = await connector.transactions(window);
  expect(first.map((l) => l.accountNo)).toEqual([4300, 2400]);
  expect(first[0]!.changedAt).toBe(registeredAt);

  const changed = await adminPost(`/tenants/${CLIENT}/ledger/lines/${first[0]!.id}`, { poField: '2026-0042', comment: 'bestnr 2026-0042', changedAt: '2026-03-11T12:00:00Z' }, 'PATCH');
  expect(changed.status).toBe(200);
  expect(await connector.transactions(window)).toEqual([expect.objectContaining({ accountNo: 2400 })]);
  const later = await connector.transactions({ ...MARCH, changedSince: '2026-03-11T00:00:00Z', changedUntil: '2026-03-12T00:00:00Z' });
  expect(later).toEqual([expect.objectContaining({ id: first[0]!.id, poField: '2026-0042', comment: 'bestnr 2026-0042', changedAt: '2026-03-11T12:00:00.000Z' })]);
  // Without an end the window runs to now + 1 h: the change is in it.
  expect((await connector.transactions({ ...MARCH, changedSince: '2026-03-11T00:00:00Z' })).map((l) => l.id)).toEqual([first[0]!.id]);

  expect((await adminPost(`/tenants/${CLIENT}/ledger/lines/00000000-0000-4000-8000-000000000000`, { comment: 'x' }, 'PATCH')).status).toBe(404);
  await expect(connector.transactions({ ...MARCH, changedUntil: '2026-03-12T00:00:00Z' })).rejects.toMatchObject({ type: 'ValidationFailed' });
});

test('entry-date windows over a large ledger return exactly their lines, in date and voucher order', async () => {
  const invoices = Array.from({ length: 600 }, (_, i) => ({
    date: `2026-03-${String(1 + (i % 31)).padStart(2, '0')}`, supplierId: 20001 + (i % 5), invoiceNo: `B-${i}`,
    lines: [{ account: 4300, amount: 100 + i, poField: `2026-${String(i).padStart(4, '0')}` }, { account: 6800, amount: 1 }],
  }));
  h.sandbox.admin.addSupplierInvoices(CLIENT, invoices);
  const { connector } = h.connect();
  const week = await connector.transactions({ from: '2026-03-08', to: '2026-03-14', accountFrom: 4000, accountTo: 7999 });
  const expected = invoices.filter((inv) => inv.date >= '2026-03-08' && inv.date <= '2026-03-14').length * 2;
  expect(week).toHaveLength(expected);
  const keys = week.map((l) => `${l.date}/${String(l.transactionNo).padStart(6, '0')}/${l.sequenceNo}`);
  expect(keys).toEqual([...keys].sort());
  expect(new Set(week.map((l) => l.accountNo))).toEqual(new Set([4300, 6800]));
});

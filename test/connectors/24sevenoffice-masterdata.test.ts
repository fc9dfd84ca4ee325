/**
 * Master data and documents: customers and suppliers, products and stock, projects, departments, orders and
 * invoices, voucher PDFs (API doc §7–§10), against the sandbox.
 */
import { aBundle, aCashSale, calls, DEMO_HANDEL, startHarness, type Harness } from './24sevenoffice-fixtures';

let h: Harness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.sandbox.close(); });

test('saveCompanies updates the company with the same external id instead of creating a second one', async () => {
  const { connector } = h.connect();
  const [existing] = await connector.companies({ externalId: 'CUST-1' });
  expect(existing).toMatchObject({ name: 'Nordlys Handel AS', organizationNumber: '912345678', type: 'Business' });

  const results = await connector.saveCompanies([
    { externalId: 'CUST-1', name: 'Nordlys Handel AS', email: 'post@nordlys.example', type: 'Business' },
    { externalId: 'CUST-NEW', name: 'Ny Kunde AS', organizationNumber: '998877665', type: 'Business', postAddress: { street: 'Nygata 1', postalCode: '0150', city: 'Oslo' } },
  ]);
  expect(results.map((r) => r.ok && [r.item.id, r.created])).toEqual([[existing!.id, false], [expect.any(Number), true]]);
  expect((await connector.companies({ externalId: 'CUST-1' }))[0]?.email).toBe('post@nordlys.example');
  expect(h.sandbox.admin.companies(DEMO_HANDEL.clientId).filter((c) => c.ExternalId === 'CUST-1')).toHaveLength(1);
});

test('saveCompanies matches on organisation number when the external id is new', async () => {
  const { connector } = h.connect();
  const [byOrgNo] = await connector.companies({ organizationNumber: '923456789' });
  const [result] = await connector.saveCompanies([{ externalId: 'TELARIS-77', organizationNumber: '923456789', name: 'Fjord Kafé AS' }]);
  expect(result).toMatchObject({ ok: true, created: false, item: { id: byOrgNo!.id } });
  expect(await connector.companies({ ids: [byOrgNo!.id!] })).toEqual([expect.objectContaining({ externalId: 'TELARIS-77' })]);
});

test('products: read, create with a price in minor units, set stock; per-item errors are results, not throws', async () => {
  const { connector } = h.connect();
  const [coffee] = await connector.products({ no: 'KAFFE-500' });
  expect(coffee).toMatchObject({ name: 'Kaffe 500 g', price: 8900, inPrice: 4500, stock: 120 });

  const results = await connector.saveProducts([
    { no: 'TE-100', name: 'Te 100 g', categoryId: 1, price: 4950, taxRate: 15 },
    { no: 'BAD-1', name: 'Ingen kategori', categoryId: 99 },
  ]);
  expect(results[0]).toMatchObject({ ok: true, created: true, item: { id: expect.any(Number) } });
  expect(results[1]).toMatchObject({ ok: false, error: expect.stringContaining('Category 99') });

  await connector.setStockQuantity(coffee!.id!, 117.5);
  expect((await connector.products({ ids: [coffee!.id!] }))[0]?.stock).toBe(117.5);
  await expect(connector.setStockQuantity(99999, 1)).rejects.toMatchObject({ type: 'Rejected' });
});

test('projects and departments are listed; a saved project becomes a usable dimension', async () => {
  const { connector } = h.connect();
  expect((await connector.departments()).map((d) => d.name)).toContain('Butikk Oslo');
  const before = await connector.projects();
  const id = await connector.saveProject({ name: 'Vinterkampanje', startDate: '2026-01-01' });
  const after = await connector.projects();
  expect(after).toHaveLength(before.length + 1);
  expect(await connector.projects({ ids: [id] })).toEqual([expect.objectContaining({ id, name: 'Vinterkampanje', active: true })]);
});

test('type groups: sales types on the sales accounts, a purchase type apart, each by its account\'s AccountId; a new one is listed', async () => {
  const { connector } = h.connect();
  const onAccounts = async (module: 'All' | 'Sale' | 'Purchase') => {
    const chart = new Map((await connector.accounts()).map((a) => [a.id, a.accountNo]));
    return (await connector.typeGroups(module)).map((g) => chart.get(g.accountId));
  };
  expect(await onAccounts('Sale')).toEqual([3000, 3010, 3020, 3100, 3200]);
  expect(await onAccounts('Purchase')).toEqual([4300]);
  expect(await onAccounts('All')).toHaveLength(6);

  h.sandbox.admin.addAccount(DEMO_HANDEL.clientId, { AccountNo: 3050, AccountName: 'Salg verksted' });
  expect(await onAccounts('Sale')).not.toContain(3050);
  h.sandbox.admin.addTypeGroup(DEMO_HANDEL.clientId, { AccountNo: 3050, Name: 'Salg verksted' });
  expect(await onAccounts('Sale')).toContain(3050);
});

test('orders: created with minor-unit prices, read back with totals, invoiced orders refused per item', async () => {
  const { connector } = h.connect();
  const [customer] = await connector.companies({ externalId: 'CUST-2' });
  const [coffee] = await connector.products({ no: 'KAFFE-500' });
  const [saved] = await connector.saveInvoices([{
    customerId: customer!.id!, status: 'Web', includeVat: false, yourReference: 'Ola',
    rows: [{ productId: coffee!.id, name: 'Kaffe 500 g', quantity: 2, price: 8900, vatRate: 15 }],
  }]);
  expect(saved).toMatchObject({ ok: true, created: true, item: { orderId: expect.any(Number) } });
  const orderId = saved!.ok ? saved!.item.orderId! : 0;
  const [order] = await connector.invoices({ orderIds: [orderId] });
  expect(order).toMatchObject({ customerId: customer!.id, status: 'Web', totalIncVat: 20470, totalVat: 2670 });
  expect(order!.rows).toEqual([expect.objectContaining({ productId: coffee!.id, quantity: 2, price: 8900 })]);

  const [invoiced] = await connector.saveInvoices([{ orderId, customerId: customer!.id!, status: 'Invoiced', rows: [] }]);
  expect(invoiced).toMatchObject({ ok: true, item: { invoiceId: expect.any(Number) } });
  const [refused] = await connector.saveInvoices([{ orderId, customerId: customer!.id!, invoiceTitle: 'changed', rows: [] }]);
  expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/invoiced/i) });
});

test('a PDF is uploaded in chunks and saved; its stamp number goes on the voucher entries', async () => {
  const { connector } = h.connect();
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(600 * 1024, 0x41), Buffer.from('\n%%EOF')]);
  const { stampNo } = await connector.uploadAttachment(pdf);
  expect(stampNo).toBeGreaterThan(0);
  expect(calls(h, 'AppendChunk')).toBe(2); // 512 KB chunks
  expect(h.sandbox.admin.tenant(DEMO_HANDEL.clientId).attachments).toBe(1);

  const voucher = aCashSale(await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 }));
  for (const entry of voucher.entries) entry.stampNo = stampNo;
  await connector.saveBundles([aBundle([voucher])], { mode: 'ledger' });
  const lines = await connector.transactions({ from: '2026-03-02', to: '2026-03-02', transactionNoFrom: voucher.transactionNo, transactionNoTo: voucher.transactionNo });
  expect(lines.map((l) => l.stampNo)).toEqual([stampNo, stampNo]);
  await expect(connector.uploadAttachment(Buffer.from('not a pdf'))).rejects.toMatchObject({ type: 'ValidationFailed' });
});

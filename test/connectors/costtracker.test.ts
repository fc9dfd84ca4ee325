/** The CostTracker connector against the CostTracker sandbox over loopback HTTP: every method as the matching flows use it. */
import { parseInput } from '../../client/cli/validate';
import type { AccountingTransaction, MatchRecord } from '../../connectors/costtracker';
import { connectorDefinition } from '../../connectors/registry';
import type { Minor } from '../../domain/money';
import { DEMO_COSTTRACKER } from '../../sandbox/costtracker';
import { allPages, failure, startHarness, type Harness } from './costtrackerHarness';
import { all } from './severaHarness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const minor = (n: number) => n as Minor;
const AT = '2026-11-20T08:00:00.000Z';

function transaction(id: string, amount: number, more: Partial<AccountingTransaction> = {}): AccountingTransaction {
  return { id, date: '2026-11-10', supplier: '501', account: 4300, amount: minor(amount), currency: 'NOK', ...more };
}

const auto = (transaction: string, po: string, rule = 'po-field'): MatchRecord => ({ transaction, kind: 'auto', po, rule, at: AT });

describe('organisation and master data', () => {
  test('the organisation with its PO prefix and currency', async () => {
    const { costTracker, organisationId } = h.anOrganisation({ poPrefix: 'PO-' });
    expect(await costTracker.organisation()).toEqual({ id: organisationId, name: `Organisation ${organisationId}`, poPrefix: 'PO-', currency: 'NOK' });
  });

  test('suppliers, projects and departments are read across pages, one request per page', async () => {
    const { costTracker, budget, organisationId } = h.anOrganisation({ settings: { pageSize: 2 } });
    h.sandbox.admin.addSuppliers(organisationId, [{ id: '504', name: 'Fjerde AS', organisationNumber: '934567890' }]);
    const suppliers = await all(costTracker.suppliers());
    expect(suppliers.map((s) => s.id)).toEqual(['501', '502', '503', '504']);
    expect(suppliers[3]).toEqual({ id: '504', name: 'Fjerde AS', organisationNumber: '934567890' });
    expect(budget.taken).toBe(2); // 4 items in pages of 2: the second page is full, and totalItems says it is the last
    expect((await all(costTracker.projects())).map((p) => p.id)).toEqual(['1', '2', '3']);
    expect(await all(costTracker.departments())).toEqual([{ id: '1', name: 'Avdeling 1', active: true }, { id: '2', name: 'Avdeling 2', active: true }]);
    expect(budget.taken).toBe(2 + 2 + 1);
  });
});

describe('master data from the accounting system', () => {
  test('suppliers, projects and departments are upserted by id in pages; a page sent again changes nothing', async () => {
    const { costTracker, budget } = h.anOrganisation({ settings: { pageSize: 2 } });
    await costTracker.putSuppliers([{ id: '501', name: 'Renamed AS' }, { id: '601', name: 'Ny Leverandør AS', organisationNumber: '999888777' }, { id: '602', name: 'Tredje AS' }]);
    expect(budget.taken).toBe(2);
    await costTracker.putSuppliers([{ id: '602', name: 'Tredje AS' }]);
    const suppliers = await all(costTracker.suppliers());
    expect(suppliers.find((s) => s.id === '501')?.name).toBe('Renamed AS');
    expect(suppliers.filter((s) => ['601', '602'].includes(s.id))).toEqual([{ id: '601', name: 'Ny Leverandør AS', organisationNumber: '999888777' }, { id: '602', name: 'Tredje AS' }]);
    await costTracker.putProjects([{ id: '12', name: 'Nybygg', active: true }, { id: '1', name: 'Prosjekt 1', active: false }]);
    expect((await all(costTracker.projects())).filter((p) => ['1', '12'].includes(p.id))).toEqual([{ id: '1', name: 'Prosjekt 1', active: false }, { id: '12', name: 'Nybygg', active: true }]);
    await costTracker.putDepartments([{ id: '7', name: 'Lager', active: true }]);
    expect((await all(costTracker.departments())).map((d) => d.id)).toContain('7');
  });

  test('a bad item is named and nothing of the page is applied', async () => {
    const { costTracker } = h.anOrganisation();
    const err = await failure(costTracker.putProjects([{ id: '12', name: 'Nybygg', active: true }, { id: '', name: 'x', active: true }]));
    expect(err.message).toMatch(/items\[1\]\.id/);
    expect((await all(costTracker.projects())).map((p) => p.id)).not.toContain('12');
  });
});

describe('purchase orders', () => {
  test('numbered with the prefix, amounts in minor units, by default only the open and partly invoiced ones, across pages', async () => {
    const { costTracker, organisationId } = h.anOrganisation({ poPrefix: 'PO-', settings: { pageSize: 3 } });
    const { numbers } = h.sandbox.admin.addPurchaseOrders(organisationId, [
      { year: 2026, supplier: '501', project: '1', department: '2', amount: '1000.00' },
      { year: 2026, supplier: '501', amount: '500.50', invoiced: '100.25' },
      { year: 2026, supplier: '502', amount: '200.00', invoiced: '200.00' },
      { year: 2026, supplier: '502', amount: '300.00', status: 'closed' },
      ...[1, 2, 3, 4].map(() => ({ year: 2026, supplier: '503', amount: '10.00' })),
    ]);
    expect(numbers.slice(0, 3)).toEqual(['PO-2026-0001', 'PO-2026-0002', 'PO-2026-0003']);

    const pages = [];
    for await (const page of costTracker.purchaseOrders()) pages.push(page);
    expect(pages.map((p) => p.length)).toEqual([3, 3]);
    const open = pages.flat();
    expect(open.map((o) => o.number)).toEqual(['PO-2026-0001', 'PO-2026-0002', 'PO-2026-0005', 'PO-2026-0006', 'PO-2026-0007', 'PO-2026-0008']);
    expect(open[0]).toMatchObject({ supplier: '501', project: '1', department: '2', amount: 100000, invoiced: 0, currency: 'NOK', status: 'open' });
    expect(open[0]!.lines).toEqual([{ description: 'PO PO-2026-0001', amount: 100000 }]);
    expect(open[1]).toMatchObject({ amount: 50050, invoiced: 10025, status: 'partly-invoiced', project: undefined });

    const closed = await allPages(costTracker.purchaseOrders({ statuses: ['closed'] }));
    expect(closed.map((o) => [o.number, o.invoiced])).toEqual([['PO-2026-0003', 20000], ['PO-2026-0004', 0]]);
  });

  test('updatedSince (>=) reads only the POs a match changed since', async () => {
    const { costTracker, organisationId } = h.anOrganisation();
    h.sandbox.admin.addPurchaseOrders(organisationId, [{ year: 2026, supplier: '501', amount: '100.00' }, { year: 2026, supplier: '501', amount: '100.00' }]);
    const before = await allPages(costTracker.purchaseOrders());
    const since = new Date(Math.max(...before.map((o) => Date.parse(o.updatedAt))) + 1).toISOString();
    expect(await allPages(costTracker.purchaseOrders({ updatedSince: since }))).toEqual([]);
    await costTracker.putTransactions([transaction('t1', 4000)]);
    expect(await costTracker.putMatches([auto('t1', '2026-0002')])).toEqual([]);
    const changed = await allPages(costTracker.purchaseOrders({ updatedSince: since }));
    expect(changed.map((o) => [o.number, o.invoiced, o.status])).toEqual([['2026-0002', 4000, 'partly-invoiced']]);
  });

  test('duplicate PO numbers can be seeded and are both listed: the matching sees them (and warns)', async () => {
    const { costTracker, organisationId } = h.anOrganisation();
    h.sandbox.admin.addPurchaseOrders(organisationId, [
      { number: '2026-0042', supplier: '501', amount: '100.00' },
      { number: '2026-0042', supplier: '502', amount: '200.00' },
      { year: 2026, supplier: '501', amount: '50.00' },
    ]);
    const orders = await allPages(costTracker.purchaseOrders());
    expect(orders.map((o) => [o.number, o.supplier])).toEqual([['2026-0042', '501'], ['2026-0042', '502'], ['2026-0043', '501']]);
    // A record names the PO by number: CostTracker takes the one of the transaction's supplier.
    await costTracker.putTransactions([transaction('t1', 5000, { supplier: '502' })]);
    expect(await costTracker.putMatches([auto('t1', '2026-0042')])).toEqual([]);
    expect(h.sandbox.admin.purchaseOrders(organisationId, '2026-0042').map((o) => [o.supplier, o.invoiced])).toEqual([['501', '0.00'], ['502', '50.00']]);
    // Two of the same supplier cannot be told apart: refused, naming the fix.
    h.sandbox.admin.addPurchaseOrders(organisationId, [{ number: '2026-0042', supplier: '502', amount: '300.00' }]);
    await costTracker.putTransactions([transaction('t2', 100, { supplier: '502' })]);
    expect(await costTracker.putMatches([auto('t2', '2026-0042')])).toEqual([
      { transaction: 't2', reason: 'PO number 2026-0042 is held by 3 purchase orders of this supplier; renumber one of them in CostTracker' },
    ]);
  });
});

describe('accounting transactions', () => {
  test('bulk upsert by id in pages of the page size; a page sent again changes nothing, a changed one is updated', async () => {
    const { costTracker, budget, organisationId } = h.anOrganisation({ settings: { pageSize: 1000 } });
    const transactions = Array.from({ length: 2500 }, (_, i) => transaction(`t${i}`, 100 + i, { poField: i % 2 ? '2026-0001' : undefined, description: `Faktura ${i}` }));
    await costTracker.putTransactions(transactions);
    expect(budget.taken).toBe(3);
    await costTracker.putTransactions(transactions.slice(0, 1000));
    await costTracker.putTransactions([{ ...transactions[7]!, amount: minor(999) }]);
    const state = h.sandbox.admin.state().organisations.find((o) => o.id === organisationId)!;
    expect(state.transactions).toBe(2500);
    expect(h.sandbox.admin.transactions(organisationId, 't7')).toEqual([expect.objectContaining({ amount: '9.99', description: 'Faktura 7', poField: '2026-0001' })]);
    expect(h.sandbox.admin.transactions(organisationId, 't8')).toEqual([expect.objectContaining({ amount: '1.08', description: 'Faktura 8' })]);
  });

  test('a field CostTracker refuses is ValidationFailed naming it, and nothing of the page is applied', async () => {
    const { costTracker, organisationId } = h.anOrganisation();
    const err = await failure(costTracker.putTransactions([transaction('ok', 100), transaction('bad', 100, { account: 0, currency: 'kr' })]));
    expect(err).toMatchObject({ type: 'ValidationFailed', retryable: false });
    expect(err.message).toContain('items[1].account: expected a positive whole number');
    expect(err.message).toContain('items[1].currency: expected an ISO 4217 currency code');
    expect(err.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'items[1].account' })]));
    expect(h.sandbox.admin.transactions(organisationId)).toEqual([]);
  });
});

describe('match records', () => {
  async function organisationWithOrders() {
    const connected = h.anOrganisation();
    h.sandbox.admin.addPurchaseOrders(connected.organisationId, [
      { year: 2026, supplier: '501', amount: '1000.00' }, // 2026-0001
      { year: 2026, supplier: '501', amount: '500.00' }, // 2026-0002
      { year: 2026, supplier: '501', amount: '300.00', status: 'closed' }, // 2026-0003, closed by a user
      { year: 2026, supplier: '502', amount: '800.00' }, // 2026-0004
      { year: 2026, supplier: '501', amount: '400.00', currency: 'EUR' }, // 2026-0005
    ]);
    return connected;
  }
  const po = (organisationId: string, number: string) => h.sandbox.admin.purchaseOrders(organisationId, number)[0]!;

  test('CostTracker recomputes each touched PO from the records; the same records again change nothing', async () => {
    const { costTracker, organisationId } = await organisationWithOrders();
    await costTracker.putTransactions([transaction('t1', 40000), transaction('t2', 60000), transaction('t3', 20000)]);
    const records = [auto('t1', '2026-0001'), auto('t2', '2026-0001', 'amount-percent:10'), { transaction: 't3', kind: 'manual' as const, po: '2026-0002', by: 'kari@acme.no', at: AT }];
    expect(await costTracker.putMatches(records)).toEqual([]);
    expect(po(organisationId, '2026-0001')).toMatchObject({ invoiced: '1000.00', status: 'closed', matchedMinor: 100000 });
    expect(po(organisationId, '2026-0002')).toMatchObject({ invoiced: '200.00', status: 'partly-invoiced' });
    const updatedAt = po(organisationId, '2026-0001').updatedAt;

    expect(await costTracker.putMatches(records)).toEqual([]);
    expect(po(organisationId, '2026-0001')).toMatchObject({ invoiced: '1000.00', status: 'closed', updatedAt });
    expect(po(organisationId, '2026-0002')).toMatchObject({ invoiced: '200.00' });

    // Unmatching gives the amount back; moving a match moves it.
    expect(await costTracker.putMatches([{ transaction: 't2', kind: 'unmatched', at: AT }, { transaction: 't3', kind: 'manual', po: '2026-0001', by: 'kari@acme.no', at: AT }])).toEqual([]);
    expect(po(organisationId, '2026-0001')).toMatchObject({ invoiced: '600.00', status: 'partly-invoiced' });
    expect(po(organisationId, '2026-0002')).toMatchObject({ invoiced: '0.00', status: 'open' });

    // A matched transaction whose amount changes moves its PO's invoiced amount by the difference.
    await costTracker.putTransactions([transaction('t1', 50000)]);
    expect(po(organisationId, '2026-0001')).toMatchObject({ invoiced: '700.00' });

    const read = await allPages(costTracker.matches());
    expect(read).toEqual([
      { transaction: 't1', kind: 'auto', po: '2026-0001', rule: 'po-field', at: AT },
      { transaction: 't2', kind: 'unmatched', at: AT },
      { transaction: 't3', kind: 'manual', po: '2026-0001', by: 'kari@acme.no', at: AT },
    ]);
    expect(await allPages(costTracker.matches({ transactions: ['t3', 'nope'] }))).toEqual([read[2]]);
  });

  test('each refused record comes back with its reason; the others of the page are applied', async () => {
    const { costTracker, organisationId } = await organisationWithOrders();
    await costTracker.putTransactions([
      transaction('ok', 10000), transaction('full', 50000), transaction('after-full', 100), transaction('other-supplier', 100),
      transaction('eur', 100), transaction('no-supplier', 100, { supplier: undefined }), transaction('manual-over', 95000),
      transaction('credit-over', -20000), transaction('auto-over', 95000),
    ]);
    const refused = await costTracker.putMatches([
      auto('ok', '2026-0001'),
      auto('unknown', '2026-0001'),
      auto('ok2', '2026-0099'),
      auto('full', '2026-0002'),
      auto('after-full', '2026-0002'),
      auto('other-supplier', '2026-0004'),
      auto('eur', '2026-0005'),
      auto('no-supplier', '2026-0001'),
      { transaction: 'manual-over', kind: 'manual', po: '2026-0001', by: 'ola', at: AT },
      auto('credit-over', '2026-0001'),
      auto('other-supplier', '2026-0003'),
    ]);
    expect(refused).toEqual([
      { transaction: 'unknown', reason: 'transaction unknown has not been received; send it with the accounting transactions first' },
      { transaction: 'ok2', reason: 'transaction ok2 has not been received; send it with the accounting transactions first' },
      { transaction: 'after-full', reason: 'PO 2026-0002 is closed: fully invoiced (500.00 of 500.00)' },
      { transaction: 'other-supplier', reason: 'PO 2026-0004 is of supplier 502, the transaction of supplier 501' },
      { transaction: 'eur', reason: 'PO 2026-0005 is in EUR, the transaction in NOK' },
      { transaction: 'no-supplier', reason: 'transaction no-supplier has no supplier; PO 2026-0001 is of supplier 501' },
      { transaction: 'manual-over', reason: '950.00 is more than PO 2026-0001 has open (900.00)' },
      { transaction: 'credit-over', reason: 'the credit note -200.00 is larger than what PO 2026-0001 has invoiced (100.00)' },
      { transaction: 'other-supplier', reason: 'PO 2026-0003 is closed' },
    ]);
    expect(po(organisationId, '2026-0001')).toMatchObject({ invoiced: '100.00', status: 'partly-invoiced' });
    expect(po(organisationId, '2026-0002')).toMatchObject({ invoiced: '500.00', status: 'closed' });
    // An automatic match may go past the amount (the rule's tolerance decided it); a manual one may not.
    expect(await costTracker.putMatches([auto('auto-over', '2026-0001', 'amount-percent:10')])).toEqual([]);
    expect(po(organisationId, '2026-0001')).toMatchObject({ invoiced: '1050.00', status: 'closed' });
    expect(await costTracker.putMatches([{ transaction: 'manual-over', kind: 'manual', po: '2026-0001', by: 'ola', at: AT }])).toEqual([
      { transaction: 'manual-over', reason: 'PO 2026-0001 is closed: fully invoiced (1050.00 of 1000.00)' },
    ]);
    expect(await costTracker.putMatches([auto('unknown', '2026-0099')])).toEqual([
      { transaction: 'unknown', reason: 'transaction unknown has not been received; send it with the accounting transactions first' },
    ]);
    await costTracker.putTransactions([transaction('lost', 100)]);
    expect(await costTracker.putMatches([auto('lost', '2026-0099')])).toEqual([{ transaction: 'lost', reason: 'PO 2026-0099 does not exist' }]);
  });

  test('a record that breaks the model (auto without a rule) is ValidationFailed naming the field', async () => {
    const { costTracker } = await organisationWithOrders();
    const err = await failure(costTracker.putMatches([{ transaction: 't', kind: 'auto', po: '2026-0001', at: AT }]));
    expect(err).toMatchObject({ type: 'ValidationFailed' });
    expect(err.message).toContain('items[0].rule: an auto match names the rule that matched');
  });
});

describe('received invoices (post mode)', () => {
  test('the approved ones by default, one by id, and marking posted is idempotent with the same voucher number', async () => {
    const { costTracker, organisationId } = h.anOrganisation();
    h.sandbox.admin.addReceivedInvoices(organisationId, [
      { id: 'ri-1', invoiceNumber: 'F-1', supplier: '501', date: '2026-11-02', dueDate: '2026-11-16', paymentReference: '1234567890128', poNumber: '2026-0001',
        lines: [{ account: 6800, amount: '1000.00', vatCode: '1', vatAmount: '250.00', project: '1', department: '2', description: 'Rekvisita' }] },
      { id: 'ri-2', invoiceNumber: 'F-2', supplier: '502', date: '2026-11-03', status: 'received', lines: [{ account: 6800, amount: '10.00' }] },
    ]);
    const approved = await allPages(costTracker.receivedInvoices());
    expect(approved).toEqual([expect.objectContaining({
      id: 'ri-1', invoiceNumber: 'F-1', supplier: '501', total: 125000, currency: 'NOK', status: 'approved', poNumber: '2026-0001', paymentReference: '1234567890128',
      lines: [{ account: 6800, amount: 100000, vatCode: '1', vatAmount: 25000, project: '1', department: '2', description: 'Rekvisita' }],
    })]);
    expect((await allPages(costTracker.receivedInvoices({ status: 'received' }))).map((i) => i.id)).toEqual(['ri-2']);
    expect(await costTracker.receivedInvoice('ri-1')).toEqual(approved[0]);
    expect(await costTracker.receivedInvoice('ri-404')).toBeUndefined();

    const posted = await costTracker.markPosted('ri-1', 70001);
    expect(posted).toMatchObject({ status: 'posted', postedVoucher: 70001 });
    expect(await costTracker.markPosted('ri-1', 70001)).toEqual(posted);
    const err = await failure(costTracker.markPosted('ri-1', 70002));
    expect(err).toMatchObject({ type: 'Rejected', retryable: false });
    expect(err.message).toMatch(/received invoice ri-1 is already marked posted with another voucher \(received invoice ri-1 was marked posted with voucher 70001 at .*\), not 70002; look both vouchers up/);
    await expect(costTracker.markPosted('ri-2', 70003)).rejects.toThrow(/ri-2 is not approved \(received invoice ri-2 is received; only an approved invoice can be marked posted\)/);
    await expect(costTracker.markPosted('ri-9', 70003)).rejects.toThrow(/CostTracker has no received invoice ri-9/);
  });
});

describe('check()', () => {
  test('token, organisation, and the filter\'s projects and departments; an unknown project names it and the fix', async () => {
    const { organisationId, apiToken } = h.anOrganisation();
    const good = h.connect(organisationId, apiToken, { filter: { projects: ['1', '3'], departments: ['2'] } });
    const report = await good.costTracker.check();
    expect(report).toMatchObject({ system: 'costtracker', ok: true });
    expect(report.items.map((i) => i.name)).toEqual(['token', 'organisation', 'project 1', 'project 3', 'department 2']);

    const bad = await h.connect(organisationId, apiToken, { filter: { projects: ['1', '77'], departments: ['9'] } }).costTracker.check();
    expect(bad.ok).toBe(false);
    expect(bad.items.filter((i) => !i.ok)).toEqual([
      { name: 'project 77', ok: false, detail: expect.stringMatching(/^The fetch filter names project 77, which CostTracker does not have; remove it from the connection's filter \(ledgerbridge connections add acme-as --system costtracker --setting filter=/) },
      { name: 'department 9', ok: false, detail: expect.stringContaining('The fetch filter names department 9, which CostTracker does not have') },
    ]);
  });

  test('a wrong token is LoginFailed with the fix, and never shows the token', async () => {
    const { organisationId } = h.anOrganisation();
    const { costTracker, logs } = h.connect(organisationId, 'not-the-token-123');
    const report = await costTracker.check();
    expect(report.items).toEqual([
      { name: 'token', ok: false, detail: expect.stringMatching(/the API token was refused \(unauthorized: the API token is not valid.*create an API token in CostTracker \(Settings → Integrations → API tokens\)/) },
      { name: 'organisation', ok: false, detail: 'Not checked: the token was not accepted.' },
    ]);
    await expect(costTracker.organisation()).rejects.toMatchObject({ type: 'LoginFailed', retryable: false });
    expect(JSON.stringify(report) + logs.join('\n')).not.toContain('not-the-token-123');
  });

  test('an unknown organisation, or another organisation\'s token, is IdentityBlocked naming organisationId', async () => {
    const { apiToken } = h.anOrganisation();
    const other = h.anOrganisation();
    const unknown = await h.connect('ct-nope', apiToken).costTracker.check();
    expect(unknown.items[0]).toMatchObject({ name: 'token', ok: true });
    expect(unknown.items[1]!.detail).toMatch(/organisation_not_found: organisation ct-nope does not exist\); check organisationId in the connection settings/);
    const foreign = await h.connect(other.organisationId, apiToken).costTracker.check();
    expect(foreign.items[1]).toMatchObject({ ok: false, detail: expect.stringContaining(`the API token is not for organisation ${other.organisationId}`) });
  });

  test('the demo organisation has the 24SevenOffice sandbox\'s suppliers, projects and departments, and POs in every status', async () => {
    const { startCostTrackerSandbox } = await import('../../sandbox/costtracker');
    const demo = await startCostTrackerSandbox();
    try {
      const state = demo.admin.state().organisations[0]!;
      expect(state).toMatchObject({ id: DEMO_COSTTRACKER.organisationId, poPrefix: '', suppliers: 5, projects: 3, departments: 3, purchaseOrders: 20 });
      const orders = demo.admin.purchaseOrders(DEMO_COSTTRACKER.organisationId);
      expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['open', 'partly-invoiced', 'closed']));
      expect(orders.filter((o) => o.number === '2026-0007')).toHaveLength(2);
      expect(orders.map((o) => o.supplier)).toEqual(expect.arrayContaining(['20001', '20005']));
      expect(demo.admin.receivedInvoices(DEMO_COSTTRACKER.organisationId).filter((i) => i.status === 'approved')).toHaveLength(3);
    } finally {
      await demo.close();
    }
  });
});

describe('connection settings (what `connections add` validates)', () => {
  const { settingsSchema } = connectorDefinition('costtracker');
  const add = (settings: Record<string, unknown>) => parseInput(settingsSchema, { organisationId: 'ct-1001', ...settings }, 'costtracker settings', 'setting ');

  test('a valid filter and criteria pass with their defaults', () => {
    expect(add({ filter: { startDate: '2026-01-01', accounts: ['4000-4999', '6540'], projects: ['12'] }, criteria: ['po-field', 'amount-percent:10'] }))
      .toMatchObject({ mode: 'fetch', pageSize: 500, filter: { accounts: ['4000-4999', '6540'], departments: [] } });
  });

  test('an inverted account interval is refused with the fix', () => {
    expect(() => add({ filter: { accounts: ['4999-4000'] } })).toThrow(
      'costtracker settings are not valid: setting filter.accounts: G/L account interval "4999-4000" is inverted: write the lower account first, "4000-4999"');
  });

  test('a negative tolerance is refused', () => {
    expect(() => add({ criteria: ['po-field', 'amount-absolute:-500'] })).toThrow(
      'costtracker settings are not valid: setting criteria: criterion "amount-absolute:-500": a tolerance cannot be negative');
  });

  test('an unknown mode and a page size beyond the API\'s 1 000 are refused', () => {
    expect(() => add({ mode: 'push', pageSize: 5000 })).toThrow(/setting mode: .*"fetch".*"post".*; setting pageSize: Too big/);
  });
});

/** The Severa connector against the Severa sandbox over loopback HTTP: what the invoice transfer reads and writes. */
import { isConnectorError } from '../../connectors/errors';
import { connectorDefinition } from '../../connectors/registry';
import type { Invoice } from '../../connectors/severa';
import { isValidFinnishVatNumber, isValidYTunnus } from '../../domain/yTunnus';
import { all, startHarness, type Connected, type Harness } from './severaHarness';

const WAITING = 'Waiting for transfer to Talenom';
const TRANSFERRED = 'Transferred to Talenom';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const statusGuid = (c: Connected, name: string) => h.sandbox.admin.statuses(c.clientId).find((s) => s.name === name)!.guid;
const tokenRequests = (c: Connected) => h.sandbox.admin.calls({ operation: 'token', clientId: c.clientId }).length;
const byCustomer = (invoices: Invoice[], name: string) => invoices.find((i) => i.customer.name === name)!;

test('the registry builds a Severa connector from a connection row', () => {
  expect(connectorDefinition('severa').system).toBe('severa');
  expect(connectorDefinition('severa').settingsSchema.parse({})).toMatchObject({ baseUrl: 'https://api.severa.visma.com/rest-api', pageSize: 100 });
});

describe('check (the "test integration" button)', () => {
  test('token, organisation and statuses; each named status exists and is active', async () => {
    const c = h.anOrganization();
    const report = await c.severa.check({ statusNames: [WAITING, TRANSFERRED] });
    expect(report).toMatchObject({ system: 'severa', ok: true });
    expect(report.items.map((i) => i.name)).toEqual(['token', 'organization', 'invoice statuses', `status "${WAITING}"`, `status "${TRANSFERRED}"`]);
  });

  test('an unknown status name is an item naming it and listing the active ones; an inactive one says so', async () => {
    const c = h.anOrganization();
    const report = await c.severa.check({ statusNames: ['Odottaa siirtoa Talenomiin', 'Odottaa siirtoa Netvisoriin'] });
    expect(report.ok).toBe(false);
    const [missing, inactive] = report.items.slice(3);
    expect(missing).toMatchObject({ ok: false, name: 'status "Odottaa siirtoa Talenomiin"' });
    expect(missing!.detail).toContain(`Severa has no invoice status "Odottaa siirtoa Talenomiin"; the active ones are "Luonnos", "${WAITING}"`);
    expect(missing!.detail).toContain("ledgerbridge tenants settings acme-oy severa=");
    expect(inactive).toMatchObject({ ok: false });
    expect(inactive!.detail).toMatch(/"Odottaa siirtoa Netvisoriin" is not active/);
  });

  test('wrong client credentials: the token item fails with the fix, and the secret appears nowhere', async () => {
    const c = h.anOrganization();
    const wrong = h.connect(c.clientId, 'not-the-secret-XYZ');
    const report = await wrong.severa.check();
    expect(report.items.map((i) => i.ok)).toEqual([false, false, false]);
    expect(report.items[0]!.detail).toMatch(/refused the client credentials.*Settings → Integrations → REST API/);
    expect(JSON.stringify(report) + wrong.logs.join('\n')).not.toContain('not-the-secret-XYZ');
  });
});

describe('the token', () => {
  test('is obtained once and reused, also by a second connector sharing the session store', async () => {
    const c = h.anOrganization();
    await c.severa.organization();
    await c.severa.invoiceStatuses();
    await all(c.severa.invoices({}));
    const other = h.connect(c.clientId, c.clientSecret, { sessions: c.sessions });
    await other.severa.vatRates();
    expect(tokenRequests(c)).toBe(1);
    expect(await c.sessions.get(`severa:${c.clientId}`)).toMatch(/"expiresAt":\d+/);
  });

  test('is renewed a minute before it expires, so Severa never sees an expired one', async () => {
    const c = h.anOrganization();
    h.sandbox.admin.setTokenLifetime(c.clientId, 62); // good for 2 s more than the renewal margin
    await c.severa.organization();
    await c.severa.organization();
    expect(tokenRequests(c)).toBe(1);
    await new Promise((r) => setTimeout(r, 2_100));
    await c.severa.organization();
    expect(tokenRequests(c)).toBe(2);
    expect(h.sandbox.admin.calls({ clientId: c.clientId }).filter((x) => x.status === 401)).toEqual([]);
  });

  test('a token that dies mid-run (401) is renewed once and the call repeated, also between two pages', async () => {
    const c = h.anOrganization({ settings: { pageSize: 2 } });
    let pages = 0;
    const stop = h.sandbox.admin.watchCalls((call) => {
      if (call.clientId === c.clientId && call.operation === 'invoices' && ++pages === 1) h.sandbox.admin.expireTokens(c.clientId);
    });
    try {
      expect(await all(c.severa.invoices({}))).toHaveLength(6);
    } finally {
      stop();
    }
    const calls = h.sandbox.admin.calls({ clientId: c.clientId });
    expect(calls.filter((x) => x.status === 401)).toHaveLength(1);
    expect(tokenRequests(c)).toBe(2);
  });
});

describe('invoices', () => {
  test('every page is read with a small pageSize, following NextPageToken', async () => {
    const c = h.anOrganization({ settings: { pageSize: 2 } });
    const invoices = await all(c.severa.invoices({}));
    expect(new Set(invoices.map((i) => i.guid)).size).toBe(6);
    expect(h.sandbox.admin.calls({ clientId: c.clientId, operation: 'invoices' })).toHaveLength(3);
  });

  test('filters: one status, two statuses (the key repeated), and changedSince (>=)', async () => {
    const c = h.anOrganization();
    const waiting = await all(c.severa.invoices({ invoiceStatusGuids: [statusGuid(c, WAITING)] }));
    expect(waiting.map((i) => i.customer.name).sort()).toEqual(['Kahvila Åkerlund Ab', 'Lehtosen Sähkö ja Pörssi Ky', 'Mäkelän Rakennus Oy', 'Svenska Kaffebolaget AB']);
    expect(await all(c.severa.invoices({ invoiceStatusGuids: [statusGuid(c, WAITING), statusGuid(c, 'Luonnos')] }))).toHaveLength(5);

    await new Promise((r) => setTimeout(r, 5));
    const since = new Date().toISOString();
    const draft = byCustomer(await all(c.severa.invoices({})), 'Matti Meikäläinen');
    h.sandbox.admin.setInvoiceStatus(c.clientId, draft.guid, WAITING);
    const changed = await all(c.severa.invoices({ changedSince: since }));
    expect(changed.map((i) => i.guid)).toEqual([draft.guid]);
    expect(changed[0]!.number).toEqual(expect.any(Number)); // numbered on entering a status with hasInvoiceNumber
  });

  test('totals, the credit note and the invoice it credits, and undefined for an unknown guid', async () => {
    const c = h.anOrganization();
    const invoices = await all(c.severa.invoices({}));
    expect(byCustomer(invoices, 'Mäkelän Rakennus Oy')).toMatchObject({
      totalExcludingTax: { amount: 1748.3, currencyCode: 'EUR' }, totalTax: { amount: 445.81 }, totalIncludingTax: { amount: 2194.11 },
      status: { name: WAITING }, currency: { code: 'EUR' }, receiverAddress: { city: 'Tampere', countryCode: 'FI' },
    });
    const credit = invoices.find((i) => i.isCreditNote)!;
    const sent = invoices.find((i) => i.status.name === 'Lähetetty')!;
    expect(credit.creditNoteInvoice).toEqual({ guid: sent.guid, number: sent.number });
    expect(credit.totalExcludingTax.amount).toBe(-380);
    expect(await c.severa.invoice(sent.guid)).toEqual(sent);
    expect(await c.severa.invoice('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });

  test('rows across VAT rates, and what lies behind each row: work type, product, travel-expense type with codes', async () => {
    const c = h.anOrganization();
    const invoices = await all(c.severa.invoices({}));
    const rows = await c.severa.invoiceRows(byCustomer(invoices, 'Kahvila Åkerlund Ab').guid);
    expect(rows.map((r) => [r.rowType, r.vatRate, r.salesAccount?.number])).toEqual([
      ['Hours', 25.5, '3000'], ['ProjectFees', 13.5, '3020'], ['ProjectFees', 10, '3030'], ['ProjectFees', 14, '3010'],
    ]);
    expect(await c.severa.rowSources(rows[0]!.guid)).toMatchObject({ workTypes: [{ name: 'Suunnittelu', code: 'SUUN' }], products: [], travelExpenses: [] });
    expect((await c.severa.rowSources(rows[1]!.guid)).products).toMatchObject([{ code: 'KAHVI' }]);
    const travel = (await c.severa.invoiceRows(byCustomer(invoices, 'Mäkelän Rakennus Oy').guid)).find((r) => r.rowType === 'TravelExpenses')!;
    expect((await c.severa.rowSources(travel.guid)).travelExpenses).toMatchObject([{ name: 'Kilometrikorvaus', code: 'KM' }]);
  });

  test('the status PATCH moves waiting → transferred; a read-only status refuses the next change', async () => {
    const c = h.anOrganization();
    const invoice = byCustomer(await all(c.severa.invoices({ invoiceStatusGuids: [statusGuid(c, WAITING)] })), 'Mäkelän Rakennus Oy');
    const moved = await c.severa.setInvoiceStatus(invoice.guid, statusGuid(c, TRANSFERRED));
    expect(moved).toMatchObject({ guid: invoice.guid, number: invoice.number, status: { name: TRANSFERRED, isSent: true } });
    expect(Date.parse(moved.lastUpdatedDateTime)).toBeGreaterThan(Date.parse(invoice.lastUpdatedDateTime));

    const err = await c.severa.setInvoiceStatus(invoice.guid, statusGuid(c, WAITING)).catch((e: unknown) => e);
    expect(isConnectorError(err, 'Rejected')).toBe(true);
    expect((err as Error).message).toContain(`PATCH /v1/invoices/${invoice.guid}`);
    expect((err as Error).message).toContain(`InvalidOperation: Invoice is in status '${TRANSFERRED}' which is read-only`);
  });
});

describe('customers, settings data, organisation', () => {
  test('customers: e-invoice address and operator, a consumer without business id, a Swedish buyer; a removed e-invoice address', async () => {
    const c = h.anOrganization();
    const invoices = await all(c.severa.invoices({}));
    const makela = (await c.severa.customer(byCustomer(invoices, 'Mäkelän Rakennus Oy').customer.guid))!;
    expect(makela).toMatchObject({ eInvoiceAddress: '003712345671', eInvoiceOperator: '003723327487' });
    expect(isValidYTunnus(makela.vatNumber)).toBe(true);
    expect((await c.severa.customer(byCustomer(invoices, 'Matti Meikäläinen').customer.guid))!.vatNumber).toBeUndefined();
    const swedish = byCustomer(invoices, 'Svenska Kaffebolaget AB').customer.guid;
    expect(await c.severa.customerAddresses(swedish)).toMatchObject([{ city: 'Stockholm', country: 'Sweden', countryCode: 'SE', isBillingAddress: true }]);

    h.sandbox.admin.changeCustomer(c.clientId, makela.guid, { eInvoiceAddress: null, eInvoiceOperator: null, address: { addressline: 'Satakunnankatu 3', postalCode: '33210', city: 'Tampere' } });
    expect((await c.severa.customer(makela.guid))!.eInvoiceAddress).toBeUndefined();
    expect((await c.severa.customerAddresses(makela.guid))[0]).toMatchObject({ addressline: 'Satakunnankatu 3' });
    expect(await c.severa.customer('no-such-customer')).toBeUndefined();
  });

  test('sales accounts, VAT rates, products, work types and travel-expense types with their codes', async () => {
    const c = h.anOrganization();
    expect((await c.severa.salesAccounts()).map((a) => a.number)).toEqual(['3000', '3010', '3020', '3030', '3040', '3050']);
    expect((await c.severa.vatRates()).map((v) => v.percentage)).toEqual([25.5, 14, 13.5, 10, 0]);
    expect((await all(c.severa.products())).map((p) => p.code)).toEqual(['LIS', 'KAHVI', 'KIRJA', 'KOUL']);
    expect((await all(c.severa.workTypes())).map((w) => w.code)).toEqual(['OHJ', 'SUUN', 'PM']);
    expect((await all(c.severa.travelExpenseTypes())).map((t) => [t.code, t.expenseClass])).toEqual([['KM', 'Mileage'], ['PR', 'DailyAllowance'], ['JUNA', 'OtherTravelExpense']]);
    expect(await all(c.severa.products({ changedSince: '2999-01-01T00:00:00Z' }))).toEqual([]);
  });

  test('the organisation: Y-tunnus and VAT number valid, bank accounts, e-invoice address', async () => {
    const c = h.anOrganization();
    const org = await c.severa.organization();
    expect(isValidYTunnus(org.businessId)).toBe(true);
    expect(isValidFinnishVatNumber(org.vatNumber)).toBe(true);
    expect(org.bankAccounts.filter((b) => b.isDefault)).toHaveLength(1);
    expect(org).toMatchObject({ address: { countryCode: 'FI' }, eInvoiceOperator: '003723327487' });
  });

  test('the /v1.0 prefix answers like /v1, and the token endpoint takes client_Id / client_Secret too', async () => {
    const c = h.anOrganization();
    const res = await fetch(`${h.sandbox.url}/v1.0/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ client_Id: c.clientId, client_Secret: c.clientSecret }) });
    const { access_token } = (await res.json()) as { access_token: string };
    const rates = await fetch(`${h.sandbox.url}/v1.0/vatrates`, { headers: { Authorization: `Bearer ${access_token}` } });
    expect(rates.status).toBe(200);
    expect(((await rates.json()) as unknown[]).length).toBe(5);
  });
});

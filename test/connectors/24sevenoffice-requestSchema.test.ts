/**
 * Item 9: our requests are the real 24SevenOffice wire. Every operation of our WSDL subset is sent through the
 * connector (every query form), and each request is validated against the real WSDLs' schemas with xmllint
 * (test/harness/tsoRequestSchema.ts; the connector suites' own requests are validated the same way when their
 * sandbox closes, see 24sevenoffice-fixtures.ts). Required-but-nillable elements go out as xsi:nil, and the
 * check fails when one is dropped. The sandbox reads both forms, nil and omitted, as the real service does.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadServiceSchema } from '../../sandbox/24sevenoffice/schema';
import { DEMO_CREDENTIALS, SERVICE_PATHS } from '../../sandbox/24sevenoffice';
import { aBundle, aCashSale, connectTo, DEMO_HANDEL, DEMO_KAFE, startHarness, type Harness } from './24sevenoffice-fixtures';
import { describeInvalid, invalidRequests, operationElement, TSO_WSDL_MISSING, tsoWsdlAvailable } from '../harness/tsoRequestSchema';

const available = tsoWsdlAvailable();
if (!available) console.warn(TSO_WSDL_MISSING); // eslint-disable-line no-console
const describeIfSchemas = available ? describe : describe.skip;

const OUR_WSDLS = path.resolve(__dirname, '../../connectors/24sevenoffice/wsdl');
const TX_NS = 'http://24sevenoffice.com/webservices/economy/accounting/';
const TX_ACTION = `${TX_NS}GetTransactions`;
/** In our subset for the sandbox's sake (other clients use them), never sent by the connector (session.ts says why). */
const NOT_SENT_BY_THE_CONNECTOR = ['http://24sevenOffice.com/webservices/HasSession', 'http://24sevenOffice.com/webservices/GetIdentitiesWithCredential'];

/** A GetTransactions body as a .NET client would write it; `tail` is what follows TransactionTypeId. */
function getTransactions(tail: string): string {
  return '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soap:Body><GetTransactions xmlns="${TX_NS}"><searchParams><DateSearchParameters>EntryDate</DateSearchParameters>` +
    `<DateStart>2026-03-01T00:00:00</DateStart><DateEnd>2026-03-31T23:59:59</DateEnd>${tail}</searchParams></GetTransactions></soap:Body></soap:Envelope>`;
}
const NIL_BOTH = '<SystemType xsi:nil="true" /><HasInvoiceId xsi:nil="true" />';

describeIfSchemas('requests against the real WSDL schemas', () => {
  const tx = (xml: string) => [{ wsdl: 'transactionService.wsdl', soapAction: TX_ACTION, xml }];

  test('a required-but-nillable element left out fails, nil passes: the check can fail', () => {
    expect(invalidRequests(tx(getTransactions(NIL_BOTH)))).toEqual([]);
    expect(invalidRequests(tx(getTransactions('<SystemType>InvoiceSupplier</SystemType><HasInvoiceId>true</HasInvoiceId>')))).toEqual([]);
    const noHasInvoiceId = invalidRequests(tx(getTransactions('<SystemType xsi:nil="true" />')));
    expect(noHasInvoiceId).toHaveLength(1);
    expect(noHasInvoiceId[0]!.errors.join('\n')).toMatch(/Missing child element.*HasInvoiceId/);
    expect(invalidRequests(tx(getTransactions('<HasInvoiceId xsi:nil="true" />')))[0]?.errors.join('\n')).toMatch(/HasInvoiceId.*not expected|SystemType/);
    expect(invalidRequests(tx(getTransactions('<SystemType>Bogus</SystemType><HasInvoiceId xsi:nil="true" />')))).toHaveLength(1);
    // Elements out of WSDL order are off the wire too.
    expect(invalidRequests(tx(getTransactions('<HasInvoiceId xsi:nil="true" /><SystemType xsi:nil="true" />')))).toHaveLength(1);
  });

  test('the operation element keeps the envelope namespaces it needs (xsi for nil)', () => {
    expect(operationElement(getTransactions(NIL_BOTH))).toMatch(/^<GetTransactions xmlns="[^"]+" xmlns:soap="[^"]+" xmlns:xsi="http:\/\/www.w3.org\/2001\/XMLSchema-instance">/);
  });

  describe('every operation the connector sends', () => {
    let h: Harness;
    let proxy: http.Server | undefined;
    beforeEach(async () => { h = await startHarness(); });
    afterEach(async () => {
      await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
      proxy = undefined;
      await h.sandbox.close(); // validates every request again, as for every connector suite
    });

    test('passes the real schema, and every operation of our WSDL subset is among them', async () => {
      const { connector } = h.connect();
      await connector.check();
      await connector.identities();
      await connector.accounts();
      await connector.taxCodes();
      await connector.voucherTypes();
      await connector.typeGroups('Sale');
      const no = await connector.nextTransactionNo({ date: '2026-03-02', entrySeriesId: 6 });
      await connector.saveBundles([aBundle([aCashSale(no, { departmentId: 1, projectId: 1 })])], { mode: 'ledger', defaultCustomerId: 10001 });
      await connector.saveBundles([aBundle([{ ...aCashSale(no + 1), entries: [{ accountNo: 1920, amount: 100, taxNo: '3', customerId: 10001, invoiceReferenceNo: 'F-1', invoiceOcr: '0001', dueDate: '2026-03-20', currency: 'NOK', currencyRate: 1, comment: 'x', stampNo: 1 }, { accountNo: 3000, amount: -100 }] }])],
        { mode: 'journal', allowDifference: true, ignoreWarnings: ['invoicealreadyexists'] });
      await connector.fiscalYears();
      await connector.transactions({ from: '2026-03-01', to: '2026-03-31', accountFrom: 4000, accountTo: 7999, projectId: 1, departmentId: 1, customerId: 20001, transactionNoFrom: 1, transactionNoTo: 99999 });
      await connector.transactions({ from: '2026-03-01', to: '2026-03-31', changedSince: new Date(Date.now() - 60_000), changedUntil: new Date() });
      await connector.departments();
      const projectQueries: Array<Parameters<typeof connector.projects>[0]> = [undefined, { ids: [1, 2] }, { customerId: 10001 }, { changedAfter: '2026-01-01T00:00:00Z' }, { search: 'Intern' }];
      for (const q of projectQueries) await connector.projects(q);
      const projectId = await connector.saveProject({ name: 'Skjemaprøve', active: true, customerId: 10001, departmentId: 1, startDate: '2026-01-01', stopDate: '2026-12-31', description: 'x' });
      await connector.saveProject({ id: projectId, name: 'Skjemaprøve 2' });
      for (const q of [{ externalId: 'CUST-1' }, { organizationNumber: '912345678' }, { ids: [10001] }, { changedAfter: new Date('2026-01-01') }]) await connector.companies(q);
      await connector.saveCompanies([
        { externalId: 'CUST-1', name: 'Nordlys Handel AS', email: 'a@b.no', invoiceEmail: 'f@b.no', phone: '+4722000000', type: 'Business', postAddress: { street: 'Gate 1', postalCode: '0150', city: 'Oslo' }, country: 'NO', currency: 'LOCAL', paymentTime: 14, vatNumber: 'NO912345678MVA', note: 'n' },
        { name: 'Ola Nordmann', firstName: 'Ola', type: 'Consumer' },
      ]);
      for (const q of [{ ids: [1] }, { no: 'KAFFE-500' }, { ean: '7038010000010' }, { changedAfter: '2026-01-01T00:00:00Z' }, { categoryId: 1 }]) await connector.products(q);
      await connector.saveProducts([{ no: 'TE-1', name: 'Te', categoryId: 1, price: 4950, inPrice: 2000, cost: 2000, taxRate: 15, ean: '7038010000034', description: 'd' }]);
      await connector.setStockQuantity(1, 10.5);
      for (const q of [{ orderIds: [10001] }, { invoiceIds: [50001] }, { customerIds: [10001] }, { changedAfter: '2026-01-01T00:00:00Z', states: ['Web', 'Invoiced'] }]) await connector.invoices(q);
      await connector.saveInvoices([
        { customerId: 10001, rows: [{ name: 'Kaffe', quantity: 2, price: 8900 }] },
        { customerId: 10001, status: 'Web', includeVat: true, dateOrdered: '2026-03-02', yourReference: 'Kari', invoiceTitle: 'T', invoiceText: 'x', projectId: 1, departmentId: 1, referenceNumber: 'duell/OSL/invoice-basis/fg-1',
          rows: [{ productId: 1, productNo: 'KAFFE-500', name: 'Kaffe', quantity: 1, price: 8900, vatRate: 15, discountRate: 10, projectId: 1, departmentId: 1 }] },
      ]);
      await connector.uploadAttachment(Buffer.from('%PDF-1.4 schema'), { location: 'Retrieval' });
      // The GetFileInfo fallback: a Create answer without its stamp number, through a loopback proxy.
      const viaProxy = connectTo(await stampLessProxy(h.sandbox.url, (p) => { proxy = p; })).connector;
      await viaProxy.uploadAttachment(Buffer.from('%PDF-1.4 stamp later'));
      await connector.switchIdentity(DEMO_KAFE.id);
      await connector.accounts();

      const ours = fs.readdirSync(OUR_WSDLS).flatMap((file) => [...loadServiceSchema(path.join(OUR_WSDLS, file)).soapActions.values()]);
      const sent = new Set(h.requests.map((r) => r.soapAction));
      expect(ours.filter((action) => !sent.has(action))).toEqual(NOT_SENT_BY_THE_CONNECTOR);
      expect(describeInvalid(invalidRequests(h.requests))).toBe('');
      expect(h.requests.length).toBeGreaterThan(ours.length);
    });

    test('the nillable elements go out as xsi:nil, and the sandbox reads nil and omitted alike', async () => {
      const { connector } = h.connect();
      await connector.transactions({ from: '2026-03-01', to: '2026-03-31' });
      await connector.saveInvoices([{ customerId: 10001, rows: [{ name: 'Kaffe', quantity: 1, price: 8900 }] }]);
      const body = (action: string) => operationElement(h.requests.find((r) => r.soapAction.endsWith(action))!.xml);
      expect(body('/GetTransactions')).toMatch(/<SystemType xsi:nil="true"><\/SystemType><HasInvoiceId xsi:nil="true"><\/HasInvoiceId><\/searchParams>/);
      expect(body('/SaveInvoices')).toMatch(/<IncludeVAT xsi:nil="true"><\/IncludeVAT>/);
      expect(describeInvalid(invalidRequests(h.requests))).toBe('');
      h.offWire('GetTransactions'); // from here on, raw requests that leave the nillable elements out on purpose

      h.sandbox.admin.addSupplierInvoices(DEMO_HANDEL.clientId, [{ date: '2026-03-03', supplierId: 20001, invoiceNo: 'N-1', lines: [{ account: 4300, amount: 10 }] }]);
      const session = await login(h.sandbox.url);
      const answer = async (tail: string) => {
        const res = await fetch(h.sandbox.url + SERVICE_PATHS.transaction, { method: 'POST', body: getTransactions(tail), headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${TX_ACTION}"`, cookie: `ASP.NET_SessionId=${session}` } });
        expect(res.status).toBe(200);
        return (await res.text()).match(/<Transaction>/g)?.length ?? 0;
      };
      const all = await answer(NIL_BOTH);
      expect(all).toBe(2);
      expect(await answer('')).toBe(all); // omitted, as older clients send it
      expect(await answer('<SystemType xsi:nil="true" />')).toBe(all);
      expect(await answer('<SystemType>InvoiceSupplier</SystemType><HasInvoiceId xsi:nil="true" />')).toBe(2);
      expect(await answer('<SystemType>CashSale</SystemType><HasInvoiceId xsi:nil="true" />')).toBe(0);
    });
  });
});

/** Logs the demo user in with a raw SOAP call; the session id from Set-Cookie. */
async function login(url: string): Promise<string> {
  const ns = 'http://24sevenOffice.com/webservices';
  const xml = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
    `<Login xmlns="${ns}"><credential><ApplicationId>${DEMO_CREDENTIALS.applicationId}</ApplicationId><Password>${DEMO_CREDENTIALS.password}</Password><Username>${DEMO_CREDENTIALS.username}</Username></credential></Login></soap:Body></soap:Envelope>`;
  const res = await fetch(url + SERVICE_PATHS.authenticate, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ns}/Login"` } });
  const cookie = /ASP\.NET_SessionId=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error(`login failed: ${await res.text()}`);
  return cookie;
}

/** Forwards to the sandbox; drops the StampNo from Create's answer, as a service that stamps on Save would. */
async function stampLessProxy(target: string, started: (server: http.Server) => void): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)).map(([k, v]) => [k, String(v)]));
      const answer = await fetch(target + req.url, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
      let text = await answer.text();
      if (String(req.headers.soapaction ?? '').endsWith('/Create"')) text = text.replace(/<StampNo>\d+<\/StampNo>/, '');
      const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'text/xml' };
      const cookie = answer.headers.get('set-cookie');
      if (cookie) out['set-cookie'] = cookie;
      res.writeHead(answer.status, out).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  started(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

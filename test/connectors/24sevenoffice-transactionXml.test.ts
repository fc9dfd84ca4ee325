/**
 * GetTransactions' streaming reader (connectors/24sevenoffice/transactionXml.ts) against soap's own reading of
 * the same answers: the same Transactions, the same refusals. The answers are the sandbox's, over HTTP, plus
 * hand-written edge cases (nil, one-element arrays, entities, a missing Amount, broken XML).
 */
import { readWithSoap } from '../../connectors/24sevenoffice/soap-client';
import { transaction } from '../../connectors/24sevenoffice/transactions';
import { TRANSACTION_NS, transactionElements } from '../../connectors/24sevenoffice/transactionXml';
import { items } from '../../connectors/24sevenoffice/wire';
import { DEMO_CREDENTIALS as C, SERVICE_PATHS } from '../../sandbox/24sevenoffice';
import { DEMO_HANDEL, startHarness, type Harness } from './24sevenoffice-fixtures';

async function bothWays(xml: string) {
  const soap = items<Record<string, unknown>>((await readWithSoap('transaction', 'GetTransactions', xml)).GetTransactionsResult, 'Transaction').map(transaction);
  const sax = transactionElements(xml, 'acme').map(transaction);
  return { soap, sax };
}

function envelope(transactions: string): string {
  return '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    `<soap:Body><GetTransactionsResponse xmlns="${TRANSACTION_NS}"><GetTransactionsResult>${transactions}</GetTransactionsResult></GetTransactionsResponse></soap:Body></soap:Envelope>`;
}

describe('against the sandbox', () => {
  let h: Harness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.sandbox.close(); });

  test('a ledger of supplier invoices, credit notes and the seed reads the same both ways', async () => {
    h.sandbox.admin.addSupplierInvoices(DEMO_HANDEL.clientId, Array.from({ length: 40 }, (_, i) => ({
      date: `2025-0${1 + (i % 9)}-1${i % 10}`, dueDate: '2025-12-31', supplierId: 20001 + (i % 5), currency: i % 7 === 0 ? 'SEK' : 'NOK', invoiceNo: `F-${i}`,
      lines: [
        { account: 4300, amount: i % 5 === 0 ? `-${i + 1}.25` : `${1000 + i}.40`, project: 1 + (i % 3), department: 1 + (i % 3), poField: i % 2 ? `2025-${String(i).padStart(4, '0')}` : undefined, comment: `Kjøp <${i}> & "sånn"` },
        { account: 6800, amount: '0.01' },
      ],
    })));
    const { connector } = h.connect();
    const res = await fetch(h.sandbox.url + SERVICE_PATHS.transaction, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${TRANSACTION_NS}GetTransactions"`, cookie: `ASP.NET_SessionId=${await rawLogin(h)}` },
      body: '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<soap:Body><GetTransactions xmlns="${TRANSACTION_NS}"><searchParams><DateSearchParameters>EntryDate</DateSearchParameters><DateStart>2025-01-01T00:00:00</DateStart><DateEnd>2025-12-31T23:59:59</DateEnd>` +
        '<SystemType xsi:nil="true" /><HasInvoiceId xsi:nil="true" /></searchParams></GetTransactions></soap:Body></soap:Envelope>',
    });
    const xml = await res.text();
    const { soap, sax } = await bothWays(xml);
    expect(sax).toHaveLength(40 * 3 + 2);
    expect(sax).toEqual(soap);
    expect(sax.find((t) => t.comment === 'Kjøp <1> & "sånn"')).toMatchObject({ poField: '2025-0001', customerId: 20002, projectId: 2, departmentId: 2 });
    // And the connector, which reads with the streaming parser, gives the same.
    expect(await connector.transactions({ from: '2025-01-01', to: '2025-12-31' })).toEqual(soap);
  });
});

test('edge cases read the same: nil, empty, one dimension, sentinels, entities, unknown elements', async () => {
  const line = (inner: string) => `<Transaction>${inner}</Transaction>`;
  const xml = envelope([
    line('<Date>2026-03-01T00:00:00</Date><AccountNo>4300</AccountNo><Currency /><Amount>12.345</Amount><StampNo>-2147483648</StampNo><Comment>a &amp; b &lt;c&gt; &#229;</Comment>' +
      '<TransactionNo>30001</TransactionNo><VatCode xsi:nil="true" /><Id>5c5f9a9e-1b2c-4d3e-8f40-123456789abc</Id><InvoiceNo></InvoiceNo><SystemType>InvoiceSupplier</SystemType>' +
      '<Dimensions><Dimension><Type>SupplierOrderSlip</Type><Value>2026-0042</Value><TypeId>0</TypeId></Dimension></Dimensions><DateChanged>2026-03-02T10:00:00Z</DateChanged><Hidden>false</Hidden><Open>true</Open><OCR>000123</OCR>'),
    line('<Date>2026-03-02T00:00:00</Date><AccountNo>2400</AccountNo><Amount>-12.35</Amount><TransactionNo>30001</TransactionNo><Dimensions /><Hidden>1</Hidden><Open>0</Open><Unknown>x</Unknown>'),
    line('<Date>2026-03-02T00:00:00</Date><AccountNo>6800</AccountNo><Amount>1</Amount><Dimensions><Dimension><Type>Customer</Type><Value>20001</Value></Dimension><Dimension><Type>Project</Type><Value>2</Value></Dimension><Dimension xsi:nil="true" /></Dimensions><Hidden>false</Hidden><Open>false</Open>'),
  ].join(''));
  const { soap, sax } = await bothWays(xml);
  expect(sax).toEqual(soap);
  expect(sax.map((t) => [t.amount, t.poField, t.comment, t.customerId, t.projectId, t.hidden])).toEqual([
    [1235, '2026-0042', 'a & b <c> å', undefined, undefined, false],
    [-1235, undefined, undefined, undefined, undefined, true],
    [100, undefined, undefined, 20001, 2, false],
  ]);
  expect(await bothWays(envelope(''))).toEqual({ soap: [], sax: [] });
});

test('a line without Amount is refused by both; broken XML and a stray element by the streaming reader', async () => {
  const noAmount = envelope('<Transaction><Date>2026-03-01T00:00:00</Date><AccountNo>4300</AccountNo><TransactionNo>7</TransactionNo><Hidden>false</Hidden><Open>false</Open></Transaction>');
  await expect(bothWays(noAmount)).rejects.toMatchObject({ type: 'MalformedResponse', message: expect.stringContaining('transaction 7 has no Amount') });
  expect(() => transactionElements(noAmount, 'acme').map(transaction)).toThrow(/transaction 7 has no Amount/);
  expect(() => transactionElements(envelope('<Transaction><Amount>1</Amount>'), 'acme')).toThrow(expect.objectContaining({ type: 'MalformedResponse', message: expect.stringContaining('acme') }));
  expect(() => transactionElements(envelope('<Bogus /><Transaction><Amount>1</Amount></Transaction>'), 'acme')).toThrow(/unexpected element <Bogus>/);
});

async function rawLogin(h: Harness): Promise<string> {
  const ns = 'http://24sevenOffice.com/webservices';
  const res = await fetch(h.sandbox.url + SERVICE_PATHS.authenticate, {
    method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${ns}/Login"` },
    body: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><Login xmlns="${ns}"><credential><ApplicationId>${C.applicationId}</ApplicationId><Password>${C.password}</Password><Username>${C.username}</Username></credential></Login></soap:Body></soap:Envelope>`,
  });
  return /ASP\.NET_SessionId=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
}

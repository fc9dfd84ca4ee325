import { createTalenom, type Talenom, type TalenomContact, type TalenomConfigInput } from '../../connectors/talenom';
import { isConnectorError, type ConnectorError } from '../../connectors/errors';
import { memorySessionStore, unlimitedBudget, type ConnectorContext } from '../../connectors/types';
import { finnishReference, finvoiceDocument } from '../../domain/finvoice';
import { createLogger } from '../../platform/log';
import { DEMO_TALENOM, startTalenomSandbox, type TalenomSandbox } from '../../sandbox/talenom';
import { aSalesInvoice } from '../domain/salesInvoiceFixture';
import { FINVOICE_XSD_MISSING, finvoiceXsdAvailable, validateFinvoice } from '../harness/finvoiceXsd';

let sandbox: TalenomSandbox;
const logs: string[] = [];
const ORG = DEMO_TALENOM.organizationNumber;

beforeAll(async () => {
  sandbox = await startTalenomSandbox({ seed: true });
  if (!finvoiceXsdAvailable()) console.warn(FINVOICE_XSD_MISSING);
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.admin.clearFaults());

function connect(credentials: Partial<TalenomConfigInput['credentials']> = {}): Talenom {
  const ctx: ConnectorContext = { tenant: 'acme', sessions: memorySessionStore(), budget: unlimitedBudget, log: createLogger({ level: 'debug', write: (line) => logs.push(line) }) };
  return createTalenom({
    settings: { baseUrl: sandbox.url, tokenUrl: sandbox.tokenUrl, organizationNumber: ORG },
    credentials: { clientId: DEMO_TALENOM.clientId, clientSecret: DEMO_TALENOM.clientSecret, subscriptionKey: DEMO_TALENOM.subscriptionKey, ...credentials },
  }, ctx);
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!isConnectorError(err)) throw new Error(`expected a ConnectorError, got ${String(err)}`);
  return err;
}

const contact = (number: string, overrides: Partial<TalenomContact> = {}): TalenomContact => ({
  number, type: 'Company', name: 'Asiakas Oy', businessId: '7654321-2', currency: 'EUR', invoiceLanguage: 'fi-FI',
  invoicingAddress: { address1: 'Hämeenkatu 5', postalCode: '33100', postOffice: 'Tampere', country: 'FI' },
  eInvoiceAddress: { address: '003776543212', operator: 'NDEAFIHH' }, ...overrides,
});

/** Every document the sandbox received is a valid Finvoice 3.0. */
function expectReceivedDocumentsValid(): void {
  if (!finvoiceXsdAvailable()) return;
  for (const invoice of sandbox.admin.invoices(ORG)) expect({ documentId: invoice.documentId, ...validateFinvoice(invoice.xml) }).toEqual({ documentId: invoice.documentId, ok: true, errors: [] });
}

test('check: token, subscription key and organisation', async () => {
  const report = await connect().check();
  expect(report.ok).toBe(true);
  expect(report.items.map((i) => i.name)).toEqual(['token', 'subscription key', 'organisation']);
});

test('a missing or wrong subscription key is APIM\'s 401, said plainly; a wrong secret fails at the token', async () => {
  const missing = await failure(connect({ subscriptionKey: ' ' }).salesAccounts());
  expect(missing.type).toBe('LoginFailed');
  expect(missing.message).toContain('Access denied due to missing subscription key');
  expect((await failure(connect({ subscriptionKey: 'wrong-key' }).salesAccounts())).message).toContain('Access denied due to invalid subscription key');
  const report = await connect({ subscriptionKey: 'wrong-key' }).check();
  expect(report.items.map((i) => [i.name, i.ok])).toEqual([['token', true], ['subscription key', false], ['organisation', false]]);
  const secret = await failure(connect({ clientSecret: 'not-the-secret' }).salesAccounts());
  expect(secret.type).toBe('LoginFailed');
  expect(secret.message).toMatch(/client demo-talenom was refused \(HTTP 401, invalid_client/);
});

test('a contact is created, then updated by number; a null e-invoice address turns e-invoicing off', async () => {
  const talenom = connect();
  const created = await talenom.upsertContact(contact('C-100'));
  expect(created.created).toBe(true);
  const updated = await talenom.upsertContact(contact('C-100', { name: 'Asiakas Oyj' }));
  expect(updated).toEqual({ contactId: created.contactId, created: false });
  expect(await talenom.contact('C-100')).toMatchObject({ contactId: created.contactId, name: 'Asiakas Oyj', eInvoiceAddress: { address: '003776543212', operator: 'NDEAFIHH' } });
  await talenom.upsertContact(contact('C-100', { eInvoiceAddress: null }));
  expect((await talenom.contact('C-100'))?.eInvoiceAddress).toBeNull();
  expect(sandbox.admin.contacts(ORG).find((c) => c.number === 'C-100')).toMatchObject({ eInvoiceAddress: null, eInvoiceOperator: null });
  expect(await talenom.contact('nobody')).toBeUndefined();
});

test('an invoice is sent as Finvoice, booked on the sales ledger and found by its document id; a second send is DuplicateData', async () => {
  const talenom = connect();
  const { contactId } = await talenom.upsertContact(contact('C-200'));
  const invoice = aSalesInvoice({ number: '20001', rowSpecs: [{ salesAccount: '3000', vatPercent: 25.5, unitPrice: 800 }, { salesAccount: '3010', vatPercent: 14, unitPrice: 100 }] });
  const finvoiceXml = finvoiceDocument(invoice, { messageId: 'm-20001', timestamp: '2026-12-01T10:00:00Z' });
  const received = await talenom.sendInvoice({ documentId: 'doc-20001', contactId, finvoiceXml });
  expect(received).toMatchObject({ documentId: 'doc-20001', number: '20001', contactNumber: 'C-200', status: 'Received' });
  expect(await talenom.invoiceByDocumentId('doc-20001')).toEqual(received);
  expect(await talenom.invoiceByDocumentId('doc-none')).toBeUndefined();
  expect((await talenom.salesLedger()).find((i) => i.invoiceNumber === '20001')).toMatchObject({ contactNumber: 'C-200', referenceNumber: finnishReference('20001'), dueDate: '2026-12-14', amount: 100400 + 11400, openAmount: 111800 });
  const again = await failure(talenom.sendInvoice({ documentId: 'doc-20001', contactId, finvoiceXml }));
  expect(again.type).toBe('DuplicateData');
  expect(again.message).toContain('documentId: an invoice with documentId doc-20001 has already been received');
  expectReceivedDocumentsValid();
});

test('a row whose sales account and VAT % match no account of the ledger is Rejected, naming row, account and rate', async () => {
  const talenom = connect();
  const { contactId } = await talenom.upsertContact(contact('C-300'));
  const invoice = aSalesInvoice({ number: '30001', rowSpecs: [{ salesAccount: '3000', vatPercent: 25.5 }, { salesAccount: '3010', vatPercent: 25.5 }] });
  const err = await failure(talenom.sendInvoice({ documentId: 'doc-30001', contactId, finvoiceXml: finvoiceDocument(invoice, { messageId: 'msg-1', timestamp: '2026-12-01T10:00:00Z' }) }));
  expect(err.type).toBe('Rejected');
  expect(err.reasons).toEqual([{ field: 'InvoiceRow[2].RowNormalProposedAccountIdentifier', message: 'row 2: sales account 3010 with VAT 25.5 % does not match a sales account of the ledger (3010 is for VAT 14 %)' }]);
  expect(err.message).toContain('row 2: sales account 3010 with VAT 25.5 %');
  expect(await talenom.invoiceByDocumentId('doc-30001')).toBeUndefined();
});

test('a send whose answer is lost is found by the look-up, not sent twice', async () => {
  const talenom = connect();
  const { contactId } = await talenom.upsertContact(contact('C-400'));
  sandbox.admin.setFault({ operation: 'sendInvoice', kind: 'lostResponse' });
  const finvoiceXml = finvoiceDocument(aSalesInvoice({ number: '40001' }), { messageId: 'msg-1', timestamp: '2026-12-01T10:00:00Z' });
  const lost = await failure(talenom.sendInvoice({ documentId: 'doc-40001', contactId, finvoiceXml }));
  expect(lost.type).toBe('Unavailable');
  expect(await talenom.invoiceByDocumentId('doc-40001')).toMatchObject({ number: '40001', status: 'Received' });
  expect(sandbox.admin.invoices(ORG).filter((i) => i.documentId === 'doc-40001')).toHaveLength(1);
});

test('HTTP 5xx is Unavailable (retryable)', async () => {
  sandbox.admin.setFault({ operation: 'products', kind: 'http500', times: 2 });
  const talenom = connect();
  for (let i = 0; i < 2; i++) {
    const err = await failure(talenom.products());
    expect([err.type, err.retryable]).toEqual(['Unavailable', true]);
  }
  await expect(talenom.products()).resolves.toEqual(expect.any(Array));
});

test('products are upserted by code and the sales ledger by invoice number', async () => {
  const talenom = connect();
  expect(await talenom.upsertProducts([{ code: 'CONS', name: 'Konsultointi', unit: 'h', unitPrice: 120, vatPercent: 25.5, salesAccountNumber: '3000', isActive: true }])).toEqual({ created: 1, updated: 0 });
  expect(await talenom.upsertProducts([{ code: 'CONS', name: 'Konsultointi, senior', isActive: true }, { code: 'TRAV', name: 'Matkat', isActive: false }])).toEqual({ created: 1, updated: 1 });
  expect((await talenom.products()).find((p) => p.code === 'CONS')).toEqual({ code: 'CONS', name: 'Konsultointi, senior', isActive: true });
  const item = { invoiceNumber: '9001', contactNumber: 'C-100', referenceNumber: '90015', date: '2026-10-01', dueDate: '2026-10-15', currency: 'EUR', amount: 12550, openAmount: 12550, payments: [] };
  expect(await talenom.upsertSalesLedger([item])).toEqual({ created: 1, updated: 0 });
  expect(await talenom.upsertSalesLedger([{ ...item, openAmount: 2550, payments: [{ date: '2026-10-10', amount: 10000 }] }])).toEqual({ created: 0, updated: 1 });
  expect((await talenom.salesLedger()).find((i) => i.invoiceNumber === '9001')).toMatchObject({ openAmount: 2550, payments: [{ date: '2026-10-10', amount: 10000 }] });
  expect(sandbox.admin.recordPayment(ORG, { invoiceNumber: '9001', date: '2026-10-20', amount: 2550 }).openAmount).toBe(0);
});

test('secrets appear in no error and no log line', async () => {
  const errors = [
    await failure(connect({ clientSecret: 'wrong-secret-value' }).salesAccounts()),
    await failure(connect({ subscriptionKey: 'wrong-key-value' }).salesAccounts()),
  ].map((e) => e.message);
  const everything = [...errors, ...logs, JSON.stringify(sandbox.admin.calls())].join('\n');
  for (const secret of [DEMO_TALENOM.clientSecret, DEMO_TALENOM.subscriptionKey, 'wrong-secret-value', 'wrong-key-value', 'sandbox-']) expect(everything).not.toContain(secret);
  expect(logs.length).toBeGreaterThan(0);
});

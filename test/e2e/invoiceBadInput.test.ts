/**
 * What Severa may hand us that cannot go to Talenom as it is: each waits in needs attention with a message
 * naming the tenant, the invoice and the fix, and nothing of it is half-sent (Talenom has nothing for it, its
 * Severa status is unchanged). What Finvoice can carry (every Finnish VAT rate, texts over its field lengths, a
 * consumer) transfers, and every document Talenom received validates against the Finvoice 3.0 XSD.
 */
import { randomUUID } from 'node:crypto';
import { cancelTransfer, invoiceWorkflowId, retryTransfer } from '../../client/invoices';
import { createMappingRepo, ROUTES } from '../../db/repos';
import { DEMO_SEVERA } from '../../sandbox/severa';
import { withCheckDigit } from '../../sandbox/severa/seed';
import { DEFAULT_SALES_ACCOUNTS, DEMO_TALENOM } from '../../sandbox/talenom';
import { anInvoice, CUSTOMERS, hours, numberOf, readFinvoice, waitForRow, waitForRun } from './invoiceFixtures';
import { useInvoiceStage, TRANSFERRED, WAITING } from './invoiceHarness';

jest.setTimeout(60_000);

const stage = useInvoiceStage();

/** Nothing half-sent: Talenom has no document for it and Severa still shows it waiting. */
function expectNothingSent(guid: string): void {
  expect(stage.receivedFor(guid)).toEqual([]);
  expect(stage.severaStatus(guid)).toBe(WAITING);
}

async function expectNeedsAttention(guid: string, ...says: (string | RegExp)[]): Promise<string> {
  const view = await stage.waitForStage(guid, 'needs-attention');
  const row = await waitForRow(stage, guid, 'needs-attention');
  for (const text of [stage.tenant, `invoice ${numberOf(stage, guid)}`, ...says]) {
    expect(view.attention).toEqual(expect.stringMatching(typeof text === 'string' ? escape(text) : text));
  }
  expect(row.attention).toBe(view.attention);
  expectNothingSent(guid);
  return view.attention!;
}

const escape = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

beforeEach(() => stage.clearWaiting());

test('status names Severa does not have stop the run with the names it has; after the fix a retry of the run goes on', async () => {
  const guid = stage.addInvoice(anInvoice());
  await stage.configure({ waitingStatus: 'Odottaa siirtoa Talenomiin' });
  const runId = await stage.startRun();

  const view = await waitForRun(stage, runId, 'needs-attention');
  expect(view.attention).toContain(`tenant ${stage.tenant}`);
  expect(view.attention).toContain('no invoice status "Odottaa siirtoa Talenomiin" (severa.waitingStatus)');
  expect(view.attention).toContain(`"${WAITING}", "${TRANSFERRED}"`);
  expect(view.attention).toContain(`ledgerbridge tenants settings ${stage.tenant} severa=`);
  expect(stage.received()).toEqual([]);
  expect(stage.severaStatus(guid)).toBe(WAITING);

  await stage.configure({});
  await retryTransfer(stage.env.client, stage.tenant, { workflowId: runId });
  const summary = await stage.env.client.workflow.getHandle(runId).result();
  expect(summary.transferred).toEqual([numberOf(stage, guid)]);
  expect(stage.receivedFor(guid)).toHaveLength(1);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
});

test('invoices Severa cannot give whole wait in needs attention, each with its fix; the good one beside them transfers', async () => {
  const noCustomer = stage.addInvoice(anInvoice());
  // The customer was removed in Severa after invoicing: the invoice names a customer Severa no longer has.
  const ghost = { guid: randomUUID(), name: 'Poistettu Asiakas Oy', number: 9999 };
  stage.severa.admin.patchInvoice(DEMO_SEVERA.clientId, noCustomer, { customer: ghost, billingCustomer: ghost });
  const creditNote = stage.addInvoice(anInvoice({ isCreditNote: true, rows: [hours(-2)] }));
  stage.severa.admin.addCustomer(DEMO_SEVERA.clientId, {
    name: 'Virtasen Valimo Oy', vatNumber: withCheckDigit('1572861'), eInvoiceAddress: '003715728610', eInvoiceOperator: 'VALIMOVERKKO',
    address: { addressline: 'Valimotie 3', postalCode: '33400', city: 'Tampere' },
  });
  const unknownOperator = stage.addInvoice(anInvoice({ customer: 'Virtasen Valimo Oy' }));
  const noRows = stage.addInvoice(anInvoice({ rows: [] }));
  const good = stage.addInvoice(anInvoice({ customer: CUSTOMERS.eInvoicing }));

  const summary = await stage.run();
  expect(summary.transferred).toEqual([numberOf(stage, good)]);
  expect([...summary.needsAttention].sort()).toEqual([noCustomer, creditNote, unknownOperator, noRows].map((g) => numberOf(stage, g)).sort());

  await expectNeedsAttention(noCustomer, 'has no customer', 'choose the billing customer on the invoice in Severa', `ledgerbridge invoices retry ${stage.tenant}`);
  await expectNeedsAttention(creditNote, 'credit note without the invoice it credits', 'link the credited invoice in Severa');
  await expectNeedsAttention(unknownOperator, 'e-invoice operator "VALIMOVERKKO"', 'correct it in Severa');
  await expectNeedsAttention(noRows, 'has no rows', 'add the rows in Severa');
  expect(stage.receivedFor(good)).toHaveLength(1);
  expect(stage.severaStatus(good)).toBe(TRANSFERRED);
});

test('every Finnish VAT rate, texts longer than Finvoice allows and a consumer transfer, each document valid', async () => {
  const rates = stage.addInvoice(anInvoice({
    rows: [
      hours(2, 100), // 25.5 %
      { type: 'ProjectFees', code: 'KOUL', quantity: 1, unitPrice: 650 }, // 14 %
      { type: 'ProjectFees', code: 'KAHVI', quantity: 10, unitPrice: 12.9 }, // 13.5 %: 17.415 → 17.42
      { type: 'ProjectFees', code: 'KIRJA', quantity: 2, unitPrice: 39 }, // 10 %
      { type: 'TravelExpenses', code: 'PR', quantity: 1, unitPrice: 53 }, // 0 %
    ],
  }));
  const longDescription = `Ohjelmistokehitys: ${'rajapintojen ja tietovarastojen yhteensovitus, '.repeat(8)}loppu`;
  const longNotes = `Lisätietoja: ${'projektin vaihe ja hyväksytyt muutospyynnöt. '.repeat(20)}`;
  const longTexts = stage.addInvoice(anInvoice({
    yourReference: `Tilaajan viite ${'X'.repeat(120)}`, orderNumber: `PO-${'9'.repeat(80)}`, notes: longNotes,
    rows: [hours(3, 95, { description: longDescription })],
  }));
  const consumer = stage.addInvoice(anInvoice({ customer: CUSTOMERS.consumer }));

  const summary = await stage.run();
  expect([...summary.transferred].sort()).toEqual([rates, longTexts, consumer].map((g) => numberOf(stage, g)).sort());

  const [ratesDoc] = stage.receivedFor(rates); // received() has checked every document against the XSD
  expect(readFinvoice(ratesDoc!.xml).vat).toEqual([
    { rate: '25,5', base: '200,00', vat: '51,00' },
    { rate: '14', base: '650,00', vat: '91,00' },
    { rate: '13,5', base: '129,00', vat: '17,42' },
    { rate: '10', base: '78,00', vat: '7,80' },
    { rate: '0', base: '53,00', vat: '0,00' },
  ]);

  const long = readFinvoice(stage.receivedFor(longTexts)[0]!.xml);
  expect(long.rows[0]!.name.length).toBeLessThanOrEqual(100);
  expect(longDescription.startsWith(long.rows[0]!.name.replace(/…$/, ''))).toBe(true);
  expect(long.rows[0]!.freeTexts.join('')).toContain('loppu'); // the whole description survives in the row's free texts
  expect(long.yourReference!.length).toBeLessThanOrEqual(70);
  expect(long.freeTexts.length).toBeGreaterThan(0);
  expect(long.freeTexts.every((t) => t.length <= 512)).toBe(true);

  const contact = stage.talenom.admin.contacts(DEMO_TALENOM.organizationNumber).find((c) => c.name === CUSTOMERS.consumer);
  expect(contact).toMatchObject({ type: 'Consumer', businessId: null });
  expect(readFinvoice(stage.receivedFor(consumer)[0]!.xml).buyerName).toBe(CUSTOMERS.consumer);
});

test('a sales account Talenom does not book at that VAT rate waits with the mapping command; after the mapping a retry transfers it', async () => {
  await stage.useSalesAccounts();
  const guid = stage.addInvoice(anInvoice({ rows: [hours(2), { type: 'TravelExpenses', code: 'KM', quantity: 100, unitPrice: 0.59 }] }));

  const summary = await stage.run();
  expect(summary.needsAttention).toEqual([numberOf(stage, guid)]);
  await expectNeedsAttention(guid, 'row 2 "Kilometrikorvaus"', 'sales account 3050 with VAT 25.5 %',
    `ledgerbridge mappings set ${stage.tenant} sales-account 3050@25.5=3000 --source severa --target talenom`);

  await createMappingRepo(stage.db).set(stage.tenant, ROUTES.severaToTalenom, 'sales-account', '3050@25.5', '3000');
  await retryTransfer(stage.env.client, stage.tenant, { invoiceGuid: guid });
  await waitForRow(stage, guid, 'transferred');
  const [doc] = stage.receivedFor(guid);
  expect(readFinvoice(doc!.xml).rows.map((r) => [r.account, r.rate])).toEqual([['3000', '25,5'], ['3000', '25,5']]);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
});

test('a malformed field in Severa\'s answer is named; the invoice waits and transfers on retry', async () => {
  const guid = stage.addInvoice(anInvoice());
  stage.severa.admin.setFault({ operation: 'invoice', kind: 'malformed', field: 'totalIncludingTax.amount', value: '12,50' });

  const summary = await stage.run();
  expect(summary.needsAttention).toEqual([numberOf(stage, guid)]);
  const view = await stage.waitForStage(guid, 'needs-attention');
  expect(view.attention).toContain('MalformedResponse');
  expect(view.attention).toContain('totalIncludingTax.amount');
  expect(view.attention).toContain(`tenant ${stage.tenant}`);
  expectNothingSent(guid);

  await retryTransfer(stage.env.client, stage.tenant, { invoiceGuid: guid });
  await waitForRow(stage, guid, 'transferred');
  expect(stage.receivedFor(guid)).toHaveLength(1);
});

test('cancel of an invoice in needs attention ends it cancelled with a line in the export log; nothing reaches Talenom', async () => {
  const guid = stage.addInvoice(anInvoice({ rows: [] }));
  await stage.run();
  await stage.waitForStage(guid, 'needs-attention');

  await cancelTransfer(stage.env.client, stage.tenant, { invoiceGuid: guid }, 'deleted in Severa next week');
  const row = await waitForRow(stage, guid, 'cancelled');
  expect(row.attention).toBe('deleted in Severa next week');
  const log = await stage.exportLog();
  expect(log.filter((l) => l.sourceId === guid && l.outcome === 'skipped').map((l) => l.message))
    .toEqual([`invoice ${numberOf(stage, guid)} cancelled: deleted in Severa next week; it stays in its Severa status`]);
  expectNothingSent(guid);
});

test('the Temporal UI\'s Request Cancellation of an invoice in needs attention is recorded as cancelled too; a later run may transfer it again', async () => {
  const guid = stage.addInvoice(anInvoice({ rows: [] }));
  await stage.run();
  await stage.waitForStage(guid, 'needs-attention');

  await stage.env.client.workflow.getHandle(invoiceWorkflowId(stage.tenant, guid)).cancel();
  const row = await waitForRow(stage, guid, 'cancelled');
  expect(row.attention).toBe('cancelled in the Temporal UI');
  expect((await stage.exportLog()).filter((l) => l.sourceId === guid && l.outcome === 'skipped')).toHaveLength(1);
  expectNothingSent(guid);

  // Still waiting in Severa: the next run starts it again (and it needs attention again, for the same reason).
  const again = await stage.run();
  expect(again.needsAttention).toEqual([numberOf(stage, guid)]);
});

test('Talenom\'s own refusal (rows without the sales accounts it books by) waits with its reason; after the setting is fixed a retry transfers', async () => {
  stage.talenom.admin.setSalesAccounts(DEMO_TALENOM.organizationNumber, DEFAULT_SALES_ACCOUNTS, true); // the tenant's settings still say no
  const guid = stage.addInvoice(anInvoice());

  const summary = await stage.run();
  expect(summary.needsAttention).toEqual([numberOf(stage, guid)]);
  await expectNeedsAttention(guid, 'Rejected', 'Talenom refused it', 'row 1 has no sales account',
    `ledgerbridge tenants settings ${stage.tenant} severa='{"salesAccountsInUse":true}'`, `ledgerbridge invoices retry ${stage.tenant} ${numberOf(stage, guid)}`);

  await stage.configure({ salesAccountsInUse: true });
  await retryTransfer(stage.env.client, stage.tenant, { invoiceGuid: guid });
  await waitForRow(stage, guid, 'transferred');
  expect(readFinvoice(stage.receivedFor(guid)[0]!.xml).rows.map((r) => r.account)).toEqual(['3000']);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
});

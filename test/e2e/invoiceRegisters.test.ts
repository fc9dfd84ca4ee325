/**
 * The product register and the sales ledger, Severa → Talenom, as their scheduled workflows run them: codes
 * (mapped where a mapping says so) become Talenom's products, open items and payments its sales ledger, and a
 * second pass sends only what changed since the first.
 */
import { createMappingRepo, ROUTES } from '../../db/repos';
import type { RegisterOutcome } from '../../activities/invoices';
import { DEMO_SEVERA } from '../../sandbox/severa';
import { DEMO_TALENOM } from '../../sandbox/talenom';
import { productRegisterTransfer, salesLedgerTransfer } from '../../workflows/invoiceRegisters';
import { anInvoice, CUSTOMERS, hours } from './invoiceFixtures';
import { useInvoiceStage } from './invoiceHarness';

jest.setTimeout(60_000);

const stage = useInvoiceStage();
const ORG = DEMO_TALENOM.organizationNumber;
let passes = 0;

/** One pass of a register workflow, as its schedule would start it. */
async function pass(workflow: typeof productRegisterTransfer | typeof salesLedgerTransfer): Promise<RegisterOutcome> {
  return stage.env.client.workflow.execute(workflow, {
    taskQueue: stage.taskQueue, workflowId: `${stage.tenant}/${workflow.name}/${++passes}`, args: [{ tenant: stage.tenant }],
  });
}

const talenomPuts = (path: string) => stage.talenom.admin.calls().filter((c) => c.method === 'PUT' && c.path.endsWith(path));

test('products, work types and travel expenses reach Talenom by code, mapped where mapped; a second pass sends nothing unchanged', async () => {
  await createMappingRepo(stage.db).set(stage.tenant, ROUTES.severaToTalenom, 'product', 'KAHVI', 'K500');

  const first = await pass(productRegisterTransfer);
  expect(first).toEqual({ sent: 10, created: 10, updated: 0, skipped: 0 });
  const products = stage.talenom.admin.products(ORG);
  expect(products.map((p) => p.code).sort()).toEqual(['JUNA', 'K500', 'KIRJA', 'KM', 'KOUL', 'LIS', 'OHJ', 'PM', 'PR', 'SUUN']);
  expect(products.find((p) => p.code === 'K500')).toMatchObject({ name: 'Kahvipaketti 500 g', unitPrice: 12.9, vatPercent: 13.5, salesAccountNumber: '3020', isActive: true });
  expect(products.find((p) => p.code === 'KM')).toMatchObject({ name: 'Kilometrikorvaus', salesAccountNumber: '3050', isActive: true });
  expect(talenomPuts('/products')).toHaveLength(3); // one upsert per stream: products, work types, travel expenses

  const second = await pass(productRegisterTransfer);
  expect(second).toEqual({ sent: 0, created: 0, updated: 0, skipped: 0 });
  expect(talenomPuts('/products')).toHaveLength(3);
  const log = (await stage.exportLog()).filter((l) => l.entityType === 'product-register').map((l) => l.message);
  expect(log).toEqual(['product register: 10 sent to Talenom (10 new, 0 updated)', 'product register: 0 sent to Talenom (0 new, 0 updated)']);
});

test('the sales ledger gets open items and payments; the next pass sends only the invoice paid since', async () => {
  stage.clearWaiting();
  const sent = stage.severa.admin.invoices(DEMO_SEVERA.clientId).find((i) => (i.status as { name: string }).name === 'Lähetetty')!;
  const paid = stage.addInvoice({ ...anInvoice({ customer: CUSTOMERS.eInvoicing, rows: [hours(3, 120)] }), status: 'Maksettu' });
  const cents = (guid: string) => Math.round((stage.severaInvoice(guid).totalIncludingTax as { amount: number }).amount * 100);
  const item = (guid: string) => stage.talenom.admin.salesLedger(ORG).find((i) => i.invoiceNumber === String(stage.severaInvoice(guid).number));

  const first = await pass(salesLedgerTransfer);
  expect(first).toMatchObject({ sent: 2, created: 2 });
  expect(item(String(sent.guid))).toMatchObject({ amount: cents(String(sent.guid)), openAmount: cents(String(sent.guid)), payments: [] });
  expect(cents(String(sent.guid))).toBeGreaterThan(0);
  expect(item(paid)).toMatchObject({ amount: cents(paid), openAmount: 0, payments: [{ amount: cents(paid), date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }] });

  stage.severa.admin.setInvoiceStatus(DEMO_SEVERA.clientId, String(sent.guid), 'Maksettu');
  const second = await pass(salesLedgerTransfer);
  expect(second).toMatchObject({ sent: 1, created: 0, updated: 1 });
  expect(item(String(sent.guid))).toMatchObject({ openAmount: 0, payments: [{ amount: cents(String(sent.guid)) }] });
  expect(talenomPuts('/sales-ledger')).toHaveLength(2);
});

/**
 * An operator steers post mode from the `ledgerbridge` CLI: `matching refresh` (CostTracker in post mode) posts the
 * approved invoices; one with an account 24SevenOffice lacks waits until `mappings set … --source costtracker` and
 * `matching retry <tenant> <invoice number>`; a cancel; the refusals when nothing waits or the flags contradict.
 */
import { randomBytes } from 'node:crypto';
import { createConnectionRepo, createCrossReferenceRepo, createSupplierInvoicePostingRepo, createTenantRepo, ROUTES, type SupplierInvoicePosting } from '../../db/repos';
import { createSecretBox } from '../../db/secrets';
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { KEY, useCliStage } from './cliStage';

jest.setTimeout(120_000);

const stage = useCliStage();
const cli = (...args: string[]) => stage.cli(args);
const TOKEN = 'costtracker-cli-token-post';

afterAll(() => {
  for (const output of stage.outputs) expect(output.stdout + output.stderr).not.toContain(TOKEN);
});

/** A tenant with its own CostTracker organisation in post mode and the stage's 24SevenOffice demo company. */
async function aPostingTenant(): Promise<{ tenant: string; organisation: string }> {
  const tenant = `as-${randomBytes(4).toString('hex')}`;
  const organisation = `ct-${tenant}`;
  stage.costTracker.admin.createOrganisation({ id: organisation, apiToken: `${TOKEN}-${tenant}`, currency: 'NOK' });
  await createTenantRepo(stage.database.db).add({ id: tenant, name: 'Demo Handel AS', settings: { matching: { post: { concurrency: 2 } } } });
  const connections = createConnectionRepo(stage.database.db, createSecretBox(KEY));
  const { applicationId, username, password } = DEMO_CREDENTIALS;
  await connections.add(tenant, '24sevenoffice', '24so', { apiBaseUrl: stage.tso.url, webservicesBaseUrl: stage.tso.url }, { applicationId, username, password });
  await connections.add(tenant, 'costtracker', 'costtracker', { baseUrl: stage.costTracker.url, organisationId: organisation, mode: 'post' }, { apiToken: `${TOKEN}-${tenant}` });
  return { tenant, organisation };
}

async function untilStage(tenant: string, invoiceId: string, wanted: string): Promise<SupplierInvoicePosting> {
  let last: SupplierInvoicePosting | undefined;
  for (let i = 0; i < 160; i++) {
    last = await createSupplierInvoicePostingRepo(stage.database.db).find(tenant, invoiceId);
    if (last?.stage === wanted) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`CostTracker invoice ${invoiceId} never reached ${wanted}; last ${JSON.stringify(last)}`);
}

test('refresh posts; an account 24SevenOffice lacks waits for a mapping and `matching retry <invoice number>`; a second retry is refused', async () => {
  const { tenant, organisation } = await aPostingTenant();
  const suffix = randomBytes(2).toString('hex');
  const [ok, unmapped] = stage.costTracker.admin.addReceivedInvoices(organisation, [
    { invoiceNumber: `OK-${suffix}`, supplier: '20004', date: '2026-11-20', dueDate: '2026-12-04', lines: [{ account: 4300, amount: '100.00', vatCode: '11', vatAmount: '15.00', project: '1', department: '2' }] },
    { invoiceNumber: `UM-${suffix}`, supplier: '20004', date: '2026-11-21', dueDate: '2026-12-05', lines: [{ account: 6540, amount: '200.00', vatCode: '1', vatAmount: '50.00', project: '1', department: '2' }] },
  ]).ids;

  expect((await cli('matching', 'refresh', tenant)).code).toBe(0);
  const posted = await untilStage(tenant, ok!, 'posted');
  const waiting = await untilStage(tenant, unmapped!, 'needs-attention');
  expect(waiting.attention).toContain(`ledgerbridge mappings set ${tenant} account 6540=<account> --source costtracker`);
  expect(stage.costTracker.admin.receivedInvoices(organisation).find((i) => i.id === ok)).toMatchObject({ status: 'posted', postedVoucher: posted.transactionNo });

  const contradicting = await cli('matching', 'retry', tenant, `UM-${suffix}`, '--in-target', '--resend');
  expect(contradicting.code).toBe(2);
  expect(contradicting.stderr).toContain('contradict');

  expect((await cli('mappings', 'set', tenant, 'account', '6540=6800', '--source', 'costtracker')).code).toBe(0);
  const retried = await cli('matching', 'retry', tenant, `UM-${suffix}`);
  expect(retried.code).toBe(0);
  expect(retried.stdout).toContain(`CostTracker invoice UM-${suffix}: retrying the step that needed attention`);
  const done = await untilStage(tenant, unmapped!, 'posted');
  expect(stage.costTracker.admin.receivedInvoices(organisation).find((i) => i.id === unmapped)).toMatchObject({ status: 'posted', postedVoucher: done.transactionNo });

  const again = await cli('matching', 'retry', tenant, unmapped!);
  expect(again.code).toBe(5);
  expect(again.stderr).toMatch(/not running; its stage is posted|does not need attention/);
  const unknown = await cli('matching', 'cancel', tenant, 'no-such-invoice');
  expect(unknown.code).toBe(4);
  expect(unknown.stderr).toContain(`tenant ${tenant} has no CostTracker invoice no-such-invoice`);
});

test('matching cancel: an invoice waiting for a supplier is cancelled, and stays approved in CostTracker', async () => {
  const { tenant, organisation } = await aPostingTenant();
  const [id] = stage.costTracker.admin.addReceivedInvoices(organisation, [
    { invoiceNumber: `NS-${randomBytes(2).toString('hex')}`, supplier: 'NEW-SUPPLIER', date: '2026-11-22', dueDate: '2026-12-06', lines: [{ account: 6800, amount: '80.00', vatCode: '1', vatAmount: '20.00' }] },
  ]).ids;
  expect((await cli('matching', 'refresh', tenant)).code).toBe(0);
  const waiting = await untilStage(tenant, id!, 'needs-attention');
  expect(waiting.attention).toContain(`ledgerbridge mappings set ${tenant} supplier NEW-SUPPLIER=<supplier id> --source costtracker`);

  const cancelled = await cli('matching', 'cancel', tenant, id!, '--reason', 'supplier not yet in 24SevenOffice');
  expect(cancelled.code).toBe(0);
  expect(cancelled.stdout).toContain('cancelled: nothing more is posted');
  expect(await untilStage(tenant, id!, 'cancelled')).toMatchObject({ attention: 'supplier not yet in 24SevenOffice' });
  expect(stage.costTracker.admin.receivedInvoices(organisation).find((i) => i.id === id)).toMatchObject({ status: 'approved', postedVoucher: null });
  // The link an operator would set next (`mappings set … supplier NEW-SUPPLIER=20001 --source costtracker`) is a cross-reference.
  expect((await cli('mappings', 'set', tenant, 'supplier', 'NEW-SUPPLIER=20001', '--source', 'costtracker')).code).toBe(0);
  expect(await createCrossReferenceRepo(stage.database.db).targetOf(tenant, ROUTES.costtrackerTo24so, 'supplier', 'NEW-SUPPLIER')).toBe('20001');
});

/**
 * Post mode end to end: supplier invoices approved in CostTracker become supplier-invoice vouchers in the
 * 24SevenOffice sandbox's ledger, each exactly once, with project and department, and CostTracker shows them
 * posted with the voucher numbers; a second run posts nothing. A preflight problem (a supplier and an account
 * 24SevenOffice lacks) waits in needs attention until a mapping and `retry`; `cancel` leaves the ledger alone.
 */
import { createCrossReferenceRepo, createMappingRepo, ROUTES } from '../../db/repos';
import { cancelMatchingRun, retryMatchingRun, startMatchingRun } from '../../client/matching';
import { supplierInvoiceWorkflowId } from '../../client/supplierPostings';
import { usePostingStage } from './supplierPostingHarness';

const stage = usePostingStage();

/** The demo's approved invoices (sandbox/costtracker/seed.ts). */
const DEMO = { 'ri-1': 'F-88120', 'ri-2': '2026-311', 'ri-3': 'B-4410' } as const;

test('approved invoices are posted once each with project and department, marked posted in CostTracker; a second run posts nothing', async () => {
  const before = stage.ledger();
  const summary = await stage.run();
  expect(summary).toMatchObject({ waiting: 3, posted: 3, alreadyPosted: 0, skipped: 0, needsAttention: 0, failed: 0 });

  const ledger = stage.ledger();
  for (const [id, number] of Object.entries(DEMO)) {
    const vouchers = stage.vouchersOf(number);
    expect(vouchers).toHaveLength(1);
    expect(before.has(vouchers[0]!)).toBe(false);
    expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: vouchers[0] });
    expect(await stage.row(id)).toMatchObject({ stage: 'posted', transactionNo: vouchers[0] });
  }

  // F-88120: 1 480.00 + 25 % VAT, project 1, department 1, KID on the supplier's line.
  const f88120 = ledger.get(stage.vouchersOf('F-88120')[0]!)!;
  expect(f88120).toEqual(expect.arrayContaining([
    expect.objectContaining({ accountNo: 2400, amount: -1_850_00, customerId: 20002, invoiceNo: 'F-88120', ocr: '1234567890128' }),
    expect.objectContaining({ accountNo: 6800, amount: 1_480_00, projectId: 1, departmentId: 1 }),
    expect.objectContaining({ accountNo: 2710, amount: 370_00 }),
  ]));
  expect(f88120).toHaveLength(3);
  // 2026-311: two lines at two VAT rates, project 1, department 2.
  const lines311 = ledger.get(stage.vouchersOf('2026-311')[0]!)!;
  expect(lines311.filter((l) => l.accountNo === 4300 || l.accountNo === 6800)).toEqual([
    expect.objectContaining({ accountNo: 4300, amount: 3_000_00, projectId: 1, departmentId: 2 }),
    expect.objectContaining({ accountNo: 6800, amount: 600_00, projectId: 1, departmentId: 2 }),
  ]);
  expect(lines311.reduce((sum, l) => sum + l.amount, 0)).toBe(0);

  const log = await stage.exportLog();
  expect(log.filter((l) => l.entityType === 'invoice' && /posted to the ledger as voucher/.test(l.message ?? ''))).toHaveLength(3);
  expect(log.filter((l) => l.entityType === 'invoice' && /marked posted in CostTracker/.test(l.message ?? ''))).toHaveLength(3);

  const again = await stage.run();
  expect(again).toMatchObject({ waiting: 0, posted: 0, alreadyPosted: 0, needsAttention: 0, failed: 0 });
  expect(stage.ledger()).toEqual(ledger);
}, 120_000);

test('an unknown supplier and account need attention with the fix named; after the mappings, retry posts it', async () => {
  stage.clearApproved();
  const id = stage.addInvoice({
    invoiceNumber: 'K-991', supplier: 'KONTOR', date: '2026-11-10', dueDate: '2026-11-24', paymentReference: '0000000000017',
    lines: [{ account: 6540, amount: '800.00', vatCode: '1', vatAmount: '200.00', project: '2', department: '3', description: 'Inventar' }],
  });
  const summary = await stage.run();
  expect(summary).toMatchObject({ waiting: 1, posted: 0, needsAttention: 1 });
  const view = await stage.waitForStage(id, 'needs-attention');
  expect(view.attention).toContain(`supplier KONTOR is not a company in 24SevenOffice`);
  expect(view.attention).toContain(`ledgerbridge mappings set ${stage.tenant} supplier KONTOR=<supplier id> --source costtracker`);
  expect(view.attention).toContain(`ledgerbridge mappings set ${stage.tenant} account 6540=<account> --source costtracker`);
  expect(view.nextAction).toContain(`ledgerbridge matching retry ${stage.tenant} ${id}`);
  expect(await stage.row(id)).toMatchObject({ stage: 'needs-attention' });
  expect(stage.vouchersOf('K-991')).toEqual([]);
  expect(await stage.exportLog()).toEqual(expect.arrayContaining([
    expect.objectContaining({ sourceId: id, outcome: 'failed', message: expect.stringContaining('invoice K-991 needs attention: MappingMissing') }),
  ]));

  // The operator's fix, as `ledgerbridge mappings set … --source costtracker` writes it.
  await createCrossReferenceRepo(stage.db).link(stage.tenant, ROUTES.costtrackerTo24so, 'supplier', 'KONTOR', '20002', 'operator');
  await createMappingRepo(stage.db).set(stage.tenant, ROUTES.costtrackerTo24so, 'account', '6540', '6800');
  await retryMatchingRun(stage.env.client, supplierInvoiceWorkflowId(stage.tenant, id));
  expect(await stage.env.client.workflow.getHandle(supplierInvoiceWorkflowId(stage.tenant, id)).result()).toMatchObject({ outcome: 'posted' });

  const [voucher] = stage.vouchersOf('K-991');
  expect(stage.ledger().get(voucher!)).toEqual(expect.arrayContaining([
    expect.objectContaining({ accountNo: 2400, amount: -1_000_00, customerId: 20002 }),
    expect.objectContaining({ accountNo: 6800, amount: 800_00, projectId: 2, departmentId: 3 }),
  ]));
  expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: voucher });
  expect(await stage.row(id)).toMatchObject({ stage: 'posted', attention: null });
}, 120_000);

test('cancel: an invoice that needs attention is cancelled, nothing reaches the ledger, and it stays approved in CostTracker', async () => {
  stage.clearApproved();
  const id = stage.addInvoice({
    invoiceNumber: 'P-17', supplier: '20005', date: '2026-11-12', dueDate: '2026-11-26',
    lines: [{ account: 6800, amount: '400.00', vatCode: '1', vatAmount: '100.00', project: '99', description: 'Papir' }],
  });
  const runId = await stage.startRun();
  const view = await stage.waitForStage(id, 'needs-attention');
  expect(view.attention).toContain('project 99 does not exist in 24SevenOffice');
  await cancelMatchingRun(stage.env.client, supplierInvoiceWorkflowId(stage.tenant, id), 'posted by hand');
  await expect(stage.env.client.workflow.getHandle(supplierInvoiceWorkflowId(stage.tenant, id)).result()).rejects.toThrow();
  expect(await stage.env.client.workflow.getHandle(runId).result()).toMatchObject({ posted: 0, needsAttention: 1 });

  expect(await stage.row(id)).toMatchObject({ stage: 'cancelled', attention: 'posted by hand' });
  expect(stage.vouchersOf('P-17')).toEqual([]);
  expect(stage.invoice(id)).toMatchObject({ status: 'approved', postedVoucher: null });
  const log = await stage.exportLog();
  expect(log).toEqual(expect.arrayContaining([expect.objectContaining({ sourceId: id, outcome: 'skipped', message: expect.stringContaining('cancelled: posted by hand') })]));
}, 120_000);

test('the nightly matching run, with CostTracker in post mode, hands over to the posting run', async () => {
  const handle = await startMatchingRun(stage.env.client, stage.tenant, 'all', stage.taskQueue);
  await handle.result();
  const posting = await stage.env.client.workflow.getHandle(`${handle.workflowId}/posting`).result();
  expect(posting).toMatchObject({ waiting: 3, posted: 3, needsAttention: 0, failed: 0 });
  for (const [id, number] of Object.entries(DEMO)) {
    const [voucher] = stage.vouchersOf(number);
    expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: voucher });
  }
}, 120_000);

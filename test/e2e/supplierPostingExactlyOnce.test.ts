/**
 * Post mode exactly once at both edges: 24SevenOffice's answer to the posting lost (the voucher IS saved) is
 * settled by looking the voucher up, never by posting it again; CostTracker's answer to "mark posted" lost is
 * repeated after reading the invoice, never re-posted; a number another writer took in 24SevenOffice waits for
 * the operator, whose retry posts under a new number.
 */
import { retryMatchingRun } from '../../client/matching';
import { supplierInvoiceWorkflowId } from '../../client/supplierPostings';
import { usePostingStage } from './supplierPostingHarness';

const stage = usePostingStage();

const anInvoice = (invoiceNumber: string) => ({
  invoiceNumber, supplier: '20001', date: '2026-11-20', dueDate: '2026-12-20', paymentReference: '9876543210',
  lines: [{ account: 4300, amount: '2000.00', vatCode: '1', vatAmount: '500.00', project: '3', department: '2', description: 'Varer' }],
});

const saves = () => stage.tso.admin.state().calls.SaveBundleList ?? 0;

test("24SevenOffice's answer lost after it saved the voucher: the retry finds it by look-up and posts nothing again", async () => {
  stage.clearApproved();
  const id = stage.addInvoice(anInvoice('G-5001'));
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });

  const summary = await stage.run();
  expect(summary).toMatchObject({ waiting: 1, posted: 1, needsAttention: 0, failed: 0 });
  const vouchers = stage.vouchersOf('G-5001');
  expect(vouchers).toHaveLength(1);
  expect(saves()).toBe(1);
  expect(stage.ledger().get(vouchers[0]!)).toEqual(expect.arrayContaining([
    expect.objectContaining({ accountNo: 4300, amount: 2_000_00, projectId: 3, departmentId: 2 }),
  ]));
  expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: vouchers[0] });
  const log = await stage.exportLog();
  expect(log.filter((l) => l.sourceId === id).map((l) => l.outcome)).toEqual(['duplicate', 'ok']);
  expect(log.find((l) => l.sourceId === id)?.message).toContain('found in 24SevenOffice after an uncertain answer; not posted again');
}, 120_000);

test("CostTracker's answer to mark-posted lost: the mark is read back and repeated, the voucher is not posted again", async () => {
  stage.clearApproved();
  const id = stage.addInvoice(anInvoice('G-5002'));
  stage.costtracker.admin.setFault({ operation: 'markPosted', kind: 'lostResponse', times: 1 });

  const summary = await stage.run();
  expect(summary).toMatchObject({ posted: 1, needsAttention: 0, failed: 0 });
  const vouchers = stage.vouchersOf('G-5002');
  expect(vouchers).toHaveLength(1);
  expect(saves()).toBe(1);
  expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: vouchers[0] });
  // The lost mark was applied; the retry read the invoice posted with our number and did not mark it again.
  expect(stage.costtracker.admin.state().calls.markPosted).toBe(1);
  expect(await stage.row(id)).toMatchObject({ stage: 'posted', transactionNo: vouchers[0] });

  // Approved again in CostTracker by mistake: the next run finds the voucher ours and posts nothing.
  stage.costtracker.admin.setReceivedInvoiceStatus('ct-demo', id, 'approved');
  const again = await stage.run();
  expect(again).toMatchObject({ waiting: 1, posted: 0, alreadyPosted: 1, needsAttention: 0, failed: 0 });
  expect(stage.vouchersOf('G-5002')).toEqual(vouchers);
  expect(saves()).toBe(1);
  expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: vouchers[0] });
}, 120_000);

test('another writer took the voucher number: needs attention; the retry gives the number up and posts under a new one', async () => {
  stage.clearApproved();
  const id = stage.addInvoice(anInvoice('G-5003'));
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'numbersTaken', times: 1 });
  const runId = await stage.startRun();
  const view = await stage.waitForStage(id, 'needs-attention');
  const first = view.transactionNo!;
  expect(view.attention).toContain(`24SevenOffice holds another voucher under number ${first}`);
  expect(stage.vouchersOf('G-5003')).toEqual([]);
  expect(await stage.env.client.workflow.getHandle(runId).result()).toMatchObject({ needsAttention: 1 });

  await retryMatchingRun(stage.env.client, supplierInvoiceWorkflowId(stage.tenant, id));
  expect(await stage.env.client.workflow.getHandle(supplierInvoiceWorkflowId(stage.tenant, id)).result()).toMatchObject({ outcome: 'posted' });
  const vouchers = stage.vouchersOf('G-5003');
  expect(vouchers).toHaveLength(1);
  expect(vouchers[0]).not.toBe(first);
  expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: vouchers[0] });
}, 120_000);

/**
 * A worker process killed with SIGKILL after 24SevenOffice saved a supplier invoice's voucher and before its answer
 * reached the worker: no shutdown, no `finally`, the activity in flight simply vanishes. A new worker process takes
 * the step over (once Temporal times the dead one's attempt out), looks the voucher up instead of posting it
 * again, and marks the invoice posted in CostTracker: the ledger holds it exactly once.
 */
import type { CallPhase } from '../../sandbox/24sevenoffice';
import { supplierInvoiceWorkflowId } from '../../client/supplierPostings';
import { useChildWorkers, type ChildWorker } from '../harness/childWorker';
import { usePostingStage } from './supplierPostingHarness';

const stage = usePostingStage({ inProcessWorker: false });
const workers = useChildWorkers(() => stage);

/** The step's startToCloseTimeout (2 minutes) passes before Temporal hands the dead worker's attempt to another. */
const TAKEOVER_MS = 240_000;

/** Kills `worker` inside the first SaveBundleList once 24SevenOffice has applied it, before the answer is written. */
function killOnceSaved(worker: ChildWorker, phase: CallPhase = 'handled'): () => void {
  let done = false;
  return stage.tso.admin.watchCalls((operation, at) => {
    if (operation !== 'SaveBundleList' || at !== phase || done) return;
    done = true;
    worker.killNow(); // SIGKILL is sent before this call goes on: the dead worker hears nothing of it
  });
}

test('a worker killed after 24SevenOffice saved the voucher and before the answer is replaced; the ledger holds it once and CostTracker shows it posted', async () => {
  stage.clearApproved();
  const id = stage.addInvoice({
    invoiceNumber: 'W-7001', supplier: '20003', date: '2026-11-25', dueDate: '2026-12-10',
    lines: [{ account: 6300, amount: '18000.00', vatCode: '0', department: '1', project: '2', description: 'Husleie desember' }],
  });
  const first = await workers.start();
  const stopWatching = killOnceSaved(first);
  const runId = await stage.startRun();
  await first.exited;
  stopWatching();
  const saved = stage.vouchersOf('W-7001');
  expect(saved).toHaveLength(1);
  expect(stage.invoice(id)).toMatchObject({ status: 'approved', postedVoucher: null });

  await workers.start();
  const child = stage.env.client.workflow.getHandle(supplierInvoiceWorkflowId(stage.tenant, id));
  expect(await child.result()).toMatchObject({ outcome: 'posted', transactionNo: saved[0] });
  expect(await stage.env.client.workflow.getHandle(runId).result()).toMatchObject({ posted: 1, needsAttention: 0, failed: 0 });

  expect(stage.vouchersOf('W-7001')).toEqual(saved);
  expect(stage.tso.admin.state().calls.SaveBundleList).toBe(1);
  expect(stage.ledger().get(saved[0]!)).toEqual([
    expect.objectContaining({ accountNo: 2400, amount: -18_000_00, customerId: 20003 }),
    expect.objectContaining({ accountNo: 6300, amount: 18_000_00, projectId: 2, departmentId: 1 }),
  ]);
  expect(stage.invoice(id)).toMatchObject({ status: 'posted', postedVoucher: saved[0] });
  expect(await stage.row(id)).toMatchObject({ stage: 'posted', transactionNo: saved[0] });
  const log = await stage.exportLog();
  expect(log.filter((l) => l.sourceId === id).map((l) => l.outcome)).toEqual(['duplicate', 'ok']);
}, TAKEOVER_MS + 60_000);

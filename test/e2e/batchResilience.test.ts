/**
 * Nothing missing, nothing doubled: a worker that stops mid-batch, and a SaveBundleList whose answer is lost
 * after 24SevenOffice committed it, in both ledger and journal mode.
 */
import { batchStatus, retryBatch } from '../../client/batches';
import { createExportLogRepo } from '../../db/repos';
import { CLIENT_ID, useBatchStage } from './batchHarness';

const stage = useBatchStage();

function expectEachVoucherOnce(ledger: Map<number, { amount: number }[]>, before: Map<number, unknown>, count: number) {
  const fresh = [...ledger.keys()].filter((no) => !before.has(no));
  expect(fresh).toHaveLength(count);
  for (const no of fresh) expect(ledger.get(no)!.reduce((s, l) => s + l.amount, 0)).toBe(0);
}

// A graceful shutdown (running activities finish); a worker killed with SIGKILL is batchWorkerKilled.test.ts.
test('a worker shut down after some chunks is replaced and the batch finishes with nothing missing or doubled', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 5 });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(40);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'slow', delayMs: 250, times: 100 });
  const { handle } = await stage.exportBatch(batchId);

  for (;;) {
    const view = await batchStatus(stage.env.client, stage.tenant, batchId).catch(() => undefined);
    if (view && view.chunks.sent >= 3) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await stage.stopWorker();
  const postedWhenStopped = stage.ledger().size - before.size;
  expect(postedWhenStopped).toBeGreaterThanOrEqual(15);
  expect(postedWhenStopped).toBeLessThan(40); // stopped mid-batch, not after it

  await stage.startWorker();
  expect((await handle.result()).outcome).toBe('posted');
  expectEachVoucherOnce(stage.ledger(), before, 40);
}, 180_000); // a busy machine: the replaced worker may wait out an activity's heartbeat timeout (1 minute)

test('a lost SaveBundleList response is looked up in the ledger, not sent again', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 10 });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(20);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });
  const { handle } = await stage.exportBatch(batchId);

  expect((await handle.result()).outcome).toBe('posted');
  expectEachVoucherOnce(stage.ledger(), before, 20);
  expect(stage.tso.admin.state().calls.SaveBundleList).toBe(2); // the lost one and the next chunk: no resend
});

test('a lost journal save is not sent again blindly: a person looks in the journal, then it is posted once', async () => {
  // The journal cannot be read through the API, and 24SevenOffice may accept a journal voucher under a used number.
  stage.tso.admin.setJournalChecksNumbers(CLIENT_ID, false);
  await stage.configure({ postingMode: 'journal', chunkSize: 10 });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(10);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });
  const { handle } = await stage.exportBatch(batchId);

  const waiting = await stage.waitForStage(batchId, 'needs-attention');
  expect(waiting.attention).toMatch(/OutcomeUnknown: .*the answer to saving 10 voucher\(s\) in the journal was lost.*Accounting → Posting.*--in-journal.*--resend/);
  const journal = () => stage.tso.admin.tenant(CLIENT_ID).journal.filter((b) => !b.posted);
  expect(journal().flatMap((b) => b.vouchers)).toHaveLength(10); // saved once, and not again
  expect(journal().map((b) => b.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^Telaris 2026-\d\d #1 · \d+/)]));

  await retryBatch(stage.env.client, stage.tenant, batchId, { resolution: 'in-target' }); // the operator saw it there
  await stage.waitForStage(batchId, 'in-journal');
  expect(journal().flatMap((b) => b.vouchers)).toHaveLength(10);
  for (const bundle of journal()) stage.tso.admin.postJournal(CLIENT_ID, bundle.id);
  expect((await handle.result()).outcome).toBe('posted');
  expectEachVoucherOnce(stage.ledger(), before, 10);
});

test('where 24SevenOffice refuses a used number in the journal too, a lost journal save resolves itself', async () => {
  await stage.configureTarget({ journalRefusesUsedNumbers: true });
  await stage.configure({ postingMode: 'journal', chunkSize: 10 });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(10);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });
  const { handle } = await stage.exportBatch(batchId);
  await stage.waitForStage(batchId, 'in-journal');

  const journal = stage.tso.admin.tenant(CLIENT_ID).journal.filter((b) => !b.posted);
  expect(journal.flatMap((b) => b.vouchers)).toHaveLength(10);
  for (const bundle of journal) stage.tso.admin.postJournal(CLIENT_ID, bundle.id);
  expect((await handle.result()).outcome).toBe('posted');
  expectEachVoucherOnce(stage.ledger(), before, 10);
  const log = await createExportLogRepo(stage.db).list({ tenant: stage.tenant, flow: 'batch', outcome: 'duplicate' });
  expect(log.map((l) => l.message)).toContain('24SevenOffice refused a repeat of our own earlier save (DuplicateData): already there');
});

test('24SevenOffice down for a moment (HTTP 500) is retried without a person', async () => {
  await stage.configure({ postingMode: 'direct' });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(6);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'http500', times: 2 });
  const { handle } = await stage.exportBatch(batchId);
  expect((await handle.result()).outcome).toBe('posted');
  expectEachVoucherOnce(stage.ledger(), before, 6);
});

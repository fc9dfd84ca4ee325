/**
 * The batch workflow's own guards against a second posting, reached past the client's checks: a second run of
 * an exported batch's workflow, and a journal save whose answer was lost while the accountant posted it.
 */
import { exportInput } from '../../client/batches';
import { batchExport } from '../../workflows/batchExport';
import { CLIENT_ID, useBatchStage } from './batchHarness';
import { expectPostedOnce } from './postedOnce';

const stage = useBatchStage();

/** The accountant presses Post on everything waiting in 24SevenOffice's journal. */
function postTheJournal(): void {
  for (const bundle of stage.tso.admin.tenant(CLIENT_ID).journal.filter((b) => !b.posted)) stage.tso.admin.postJournal(CLIENT_ID, bundle.id);
}

test('a second run of an exported batch\'s workflow answers already-exported and posts nothing again', async () => {
  await stage.configure({ postingMode: 'direct' });
  const batchId = await stage.closeBatch(8);
  const { handle } = await stage.exportBatch(batchId);
  expect((await handle.result()).outcome).toBe('posted');
  const ledger = stage.ledger();
  const saves = stage.tso.admin.state().calls.SaveBundleList;
  const confirmations = stage.telaris.admin.state().calls.confirmExport;

  // Past the client's check (it refuses an exported batch): the same input straight to Temporal, under the same
  // workflow id once the first run has completed, as a second client or a script might start it.
  const input = await exportInput({ db: stage.db, secrets: stage.secrets }, { tenant: stage.tenant, batchId });
  const again = await stage.env.client.workflow.execute(batchExport, {
    taskQueue: stage.taskQueue, workflowId: handle.workflowId, workflowIdReusePolicy: 'ALLOW_DUPLICATE', args: [input],
  });

  expect(again.outcome).toBe('already-exported');
  expect(again.message).toMatch(/already exported/);
  expect(stage.ledger()).toEqual(ledger);
  expect(stage.tso.admin.state().calls.SaveBundleList).toBe(saves);
  expect(stage.telaris.admin.state().calls.confirmExport).toBe(confirmations);
});

/**
 * Journal mode, one chunk: the save lands in the journal, its answer is lost, and the accountant posts it at
 * once, so the worker's retry meets vouchers that are in the ledger now, no longer in the journal. The test
 * then posts whatever else the journal holds, as the accountant would, and returns where the batch ended.
 */
async function lostJournalSavePostedBeforeTheRetry() {
  await stage.configure({ postingMode: 'journal', chunkSize: 25 });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(20);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });
  let firstSave = true;
  const stopWatching = stage.tso.admin.watchCalls((operation, phase) => {
    if (operation !== 'SaveBundleList' || phase !== 'handled' || !firstSave) return;
    firstSave = false;
    postTheJournal();
  });
  await stage.exportBatch(batchId);

  await stage.waitForStage(batchId, ['in-journal', 'needs-attention']);
  stopWatching();
  postTheJournal();
  const end = await stage.waitForStage(batchId, ['posted', 'needs-attention']);
  return { before, batchId, end };
}

test('a journal save whose answer was lost and which the accountant posted before the retry reaches the ledger once', async () => {
  const { before, batchId } = await lostJournalSavePostedBeforeTheRetry();
  await expectPostedOnce(stage, batchId, before, 20);
});

// Failed before the exactly-once module: the retry was refused ("the invoice … already exists in the ledger") and
// recorded as "nothing of this chunk was saved". An uncertain journal save is now looked up first: the ledger holds it.
test('a journal save whose answer was lost and which the accountant posted before the retry still finishes as posted', async () => {
  const { end } = await lostJournalSavePostedBeforeTheRetry();
  expect(end).toEqual(expect.objectContaining({ stage: 'posted' }));
});

/**
 * The accounting batch in each posting mode, end to end: Telaris sandbox → workflow on a real Temporal dev
 * server → 24SevenOffice sandbox over SOAP, with the real activities and connectors.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { createBatchRepo, createExportLogRepo } from '../../db/repos';
import { approveBatch, batchHandle } from '../../client/batches';
import { CLIENT_ID, useBatchStage } from './batchHarness';
import { stagedVouchers } from './postedOnce';
import { ledgerbridgeDataConverter } from '../../platform/dataConverter';
import { TEST_CODEC_KEYS } from '../harness/temporal';

const stage = useBatchStage();

function sumOf(ledger: Map<number, { amount: number }[]>): number {
  let total = 0;
  for (const lines of ledger.values()) for (const l of lines) total += l.amount;
  return total;
}

test('direct mode posts every voucher to the ledger once, reconciles, and marks the Telaris batch exported', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 15 });
  const before = stage.ledger().size;
  const batchId = await stage.closeBatch(40);

  const { handle } = await stage.exportBatch(batchId);
  const outcome = await handle.result();

  expect(outcome).toEqual(expect.objectContaining({ outcome: 'posted', vouchers: 40 }));
  const ledger = stage.ledger();
  expect(ledger.size - before).toBe(40);
  expect(sumOf(ledger)).toBe(0);
  const batch = await createBatchRepo(stage.db).get(stage.tenant, batchId);
  expect(batch.stage).toBe('posted');
  expect(batch.chunkCount).toBe(3);
  expect(batch.reconciliation?.ok).toBe(true);
  expect(stage.telaris.admin.batches('1001').find((b) => b.id === batchId)?.status).toBe('exported');
});

test('journal mode waits in 24SevenOffice until the accountant posts, reminding meanwhile', async () => {
  await stage.configure({ postingMode: 'journal' });
  const batchId = await stage.closeBatch(12);
  const { handle } = await stage.exportBatch(batchId);

  const waiting = await stage.waitForStage(batchId, 'in-journal');
  expect(waiting.nextAction).toContain('Accounting → Posting');
  const journal = stage.tso.admin.tenant(CLIENT_ID).journal.filter((b) => !b.posted);
  expect(journal.length).toBeGreaterThan(0);
  const before = stage.ledger().size;
  // Past remindEvery (1 s in tests): wait for the reminder itself, however slow this machine's polls are.
  const reminded = async () => (await createExportLogRepo(stage.db).list({ tenant: stage.tenant, flow: 'batch', outcome: 'pending' })).length > 0;
  for (let waited = 0; waited < 30_000 && !(await reminded()); waited += 200) await new Promise((r) => setTimeout(r, 200));
  expect(stage.telaris.admin.batches('1001').find((b) => b.id === batchId)?.status).toBe('closed');

  for (const bundle of journal) stage.tso.admin.postJournal(CLIENT_ID, bundle.id); // the accountant presses Post
  const outcome = await handle.result();

  expect(outcome.outcome).toBe('posted');
  expect(stage.ledger().size - before).toBe(12);
  const reminders = await createExportLogRepo(stage.db).list({ tenant: stage.tenant, flow: 'batch', outcome: 'pending' });
  expect(reminders.length).toBeGreaterThan(0);
  expect(reminders[0]!.message).toMatch(/12 voucher\(s\) still wait in 24SevenOffice's journal; open Accounting → Posting/);
});

test('approval mode waits for an approval, records who approved, then posts to the ledger', async () => {
  await stage.configure({ postingMode: 'approval' });
  const batchId = await stage.closeBatch(10);
  const { handle } = await stage.exportBatch(batchId);
  await stage.waitForStage(batchId, 'awaiting-approval');
  await new Promise((r) => setTimeout(r, 1000)); // time enough to send 10 vouchers, were it not waiting
  const unapproved = stage.ledger();

  const view = await approveBatch(stage.env.client, stage.tenant, batchId, { by: 'kari@acme.no' });
  expect(view.approvedBy).toBe('kari@acme.no');
  const outcome = await handle.result();

  expect(outcome.outcome).toBe('posted');
  const numbers = (await stagedVouchers(stage, batchId)).map((v) => v.transactionNo);
  expect(numbers).toHaveLength(10);
  expect(numbers.filter((no) => unapproved.has(no))).toEqual([]); // nothing of the batch before the approval
  expect(numbers.filter((no) => stage.ledger().has(no))).toEqual(numbers); // all of it after
  expect((await createBatchRepo(stage.db).get(stage.tenant, batchId)).approvedBy).toBe('kari@acme.no');
  // The workflow code replays its own history (signals, updates, timers) without a determinism error.
  await Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows'), replayName: batchId, dataConverter: ledgerbridgeDataConverter(TEST_CODEC_KEYS) }, await handle.fetchHistory());
  await expect(approveBatch(stage.env.client, stage.tenant, batchId, { by: 'kari@acme.no' })).rejects.toBeInstanceOf(Error);
});

test('a second approval is refused with who approved first; a signal approval is validated alike', async () => {
  await stage.configure({ postingMode: 'approval' });
  const batchId = await stage.closeBatch(5);
  await stage.exportBatch(batchId);
  await stage.waitForStage(batchId, 'awaiting-approval');
  const handle = batchHandle(stage.env.client, stage.tenant, batchId);

  await handle.signal('approve', { by: '' }); // refused: no name
  await new Promise((r) => setTimeout(r, 300));
  expect((await handle.query('status') as { refusals: string[] }).refusals[0]).toMatch(/approve refused: an approval must say who approves/);

  await approveBatch(stage.env.client, stage.tenant, batchId, { by: 'ola@acme.no' });
  const second = await approveBatch(stage.env.client, stage.tenant, batchId, { by: 'kari@acme.no' }).catch((e) => e);
  expect(second).toBeInstanceOf(WorkflowUpdateFailedError);
  expect(String(second.cause?.message)).toMatch(/already approved by ola@acme.no|being posted|already posted/);
  expect((await handle.result()).outcome).toBe('posted');
});

test('an empty batch completes as nothing to export and is marked exported', async () => {
  await stage.configure({ postingMode: 'direct' });
  const batchId = await stage.closeBatch(0);
  const { handle } = await stage.exportBatch(batchId);
  const outcome = await handle.result();
  expect(outcome.outcome).toBe('nothing-to-export');
  expect(outcome.message).toContain('nothing to export');
  expect(stage.telaris.admin.batches('1001').find((b) => b.id === batchId)?.status).toBe('exported');
});

test('exporting the same batch twice answers with the first export and posts nothing again', async () => {
  await stage.configure({ postingMode: 'direct' });
  const batchId = await stage.closeBatch(8);
  await (await stage.exportBatch(batchId)).handle.result();
  const after = stage.ledger().size;

  await expect(stage.exportBatch(batchId)).rejects.toThrow(/already exported at .* \(workflow acme-[0-9a-f]+\/batch\//);
  expect(stage.ledger().size).toBe(after);
});

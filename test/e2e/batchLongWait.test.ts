/**
 * A batch that waits in 24SevenOffice's journal for days polls thousands of times: the workflow continues as
 * new before its history grows too long, carrying what it needs, and still completes once posted. A server of
 * its own with a low continue-as-new threshold makes "days" a few seconds.
 */
import { CLIENT_ID, useBatchStageContinuingAsNewAfter } from './batchHarness';

const stage = useBatchStageContinuingAsNewAfter(40);

test('a long journal wait continues as new and completes when the accountant posts', async () => {
  await stage.configure({ postingMode: 'journal' });
  const before = stage.ledger().size;
  const batchId = await stage.closeBatch(6);
  const { handle } = await stage.exportBatch(batchId, { pollEvery: '50 ms' });
  await stage.waitForStage(batchId, 'in-journal');
  const firstRun = (await handle.describe()).runId;

  const deadline = Date.now() + 30_000;
  while ((await handle.describe()).runId === firstRun && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect((await handle.describe()).runId).not.toBe(firstRun);
  expect((await stage.waitForStage(batchId, 'in-journal')).chunks).toEqual({ sent: 1, total: 1 });

  for (const bundle of stage.tso.admin.tenant(CLIENT_ID).journal.filter((b) => !b.posted)) stage.tso.admin.postJournal(CLIENT_ID, bundle.id);
  expect((await handle.result()).outcome).toBe('posted');
  expect(stage.ledger().size - before).toBe(6);
});

test('a batch of many tiny chunks continues as new while sending and posts every voucher once', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 1, sendConcurrency: 2 });
  const before = stage.ledger().size;
  const batchId = await stage.closeBatch(30);
  const { handle } = await stage.exportBatch(batchId);
  const firstRun = (await handle.describe()).runId;

  expect((await handle.result()).outcome).toBe('posted');
  const first = await stage.env.client.workflow.getHandle(handle.workflowId, firstRun).describe();
  expect(first.status.name).toBe('CONTINUED_AS_NEW');
  expect(stage.ledger().size - before).toBe(30);
  for (const [, lines] of stage.ledger()) expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(0);
});

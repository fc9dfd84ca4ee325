/**
 * A month-end batch of 20 000 vouchers: history stays small (ids, counts and chunk cursors only), every voucher
 * reaches the ledger once.
 */
import { useBatchStage } from './batchHarness';

jest.setTimeout(600_000);
const stage = useBatchStage();

test('a 20 000-voucher batch posts every voucher with fewer than 2 000 history events', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 250 });
  const before = stage.ledger().size;
  const batchId = await stage.closeBatch(Number(process.env.LB_LARGE_BATCH ?? 20_000));

  const { handle } = await stage.exportBatch(batchId);
  const outcome = await handle.result();

  expect(outcome).toEqual(expect.objectContaining({ outcome: 'posted', vouchers: Number(process.env.LB_LARGE_BATCH ?? 20_000) }));
  expect(stage.ledger().size - before).toBe(Number(process.env.LB_LARGE_BATCH ?? 20_000));
  const history = await handle.fetchHistory();
  expect(history.events!.length).toBeLessThan(2_000);
  const largest = Math.max(...history.events!.map((e) => JSON.stringify(e).length));
  expect(largest).toBeLessThan(64 * 1024); // far below the 256 KB payload warning
});

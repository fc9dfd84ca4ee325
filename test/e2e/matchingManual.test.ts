/**
 * Manual matches through the tenant's matching desk: validated (same supplier, within the open amount), applied as
 * the person's decision, told to CostTracker at once, and never undone by a later automatic run.
 */
import { sendManualMatch } from '../../client/matching';
import { matchingDeskId, matchSignal } from '../../workflows/matchingDesk';
import { useMatchingStage } from './matchingHarness';

const stage = useMatchingStage();

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: Error & { cause?: Error }) => e);
  if (!err) throw new Error('expected a refusal');
  expect(err.name).toBe('WorkflowUpdateFailedError');
  return err.cause?.message ?? err.message;
}

test('a manual match and an unmatch survive the next automatic runs, also after the line changed; CostTracker follows', async () => {
  const [m1, m2] = stage.book([
    { date: '2026-11-02', supplierId: 20005, invoiceNo: 'M-1', lines: [{ account: 6800, amount: '600.00', comment: 'Papir' }] },
    { date: '2026-11-03', supplierId: 20005, invoiceNo: 'M-2', lines: [{ account: 6800, amount: '2500.00', comment: 'Penner' }] },
  ]);
  const [one, two] = [stage.costLines(m1!)[0]!, stage.costLines(m2!)[0]!];
  await stage.run();
  expect(await stage.result(one)).toMatchObject({ outcome: 'auto-matched', po: '2026-0012' });
  expect(await stage.result(two)).toMatchObject({ outcome: 'auto-matched', po: '2026-0014' });

  const matched = await sendManualMatch(stage.env.client, stage.tenant, { transaction: one, po: '2026-0019', by: 'kari' }, stage.taskQueue);
  expect(matched).toMatchObject({ transaction: one, po: '2026-0019', by: 'kari' });
  expect(matched.refused).toBeUndefined();
  await sendManualMatch(stage.env.client, stage.tenant, { transaction: two, by: 'ola' }, stage.taskQueue);
  expect(await stage.result(one)).toMatchObject({ source: 'manual', outcome: 'matched', po: '2026-0019', by: 'kari' });
  expect(await stage.result(two)).toMatchObject({ source: 'manual', outcome: 'unmatched', po: null, by: 'ola' });
  expect(stage.ctMatch(one)).toMatchObject({ kind: 'manual', po: '2026-0019', by: 'kari' });
  expect(stage.ctMatch(two)).toMatchObject({ kind: 'unmatched' });
  expect(stage.ctOrder('2026-0012')).toMatchObject({ invoiced: '0.00' });
  expect(stage.ctOrder('2026-0014')).toMatchObject({ invoiced: '0.00' });

  // The lines change (a PO number appears) and the next runs read them again: the person's decisions stand.
  stage.changeLine(one, { poField: '2026-0012' });
  stage.changeLine(two, { comment: 'PO 2026-0014' });
  const again = await stage.run();
  expect(again.transactions.changed).toBe(2);
  await stage.run();
  expect(await stage.result(one)).toMatchObject({ source: 'manual', po: '2026-0019', by: 'kari' });
  expect(await stage.result(two)).toMatchObject({ source: 'manual', outcome: 'unmatched', by: 'ola' });
  expect(stage.ctMatch(one)).toMatchObject({ kind: 'manual', po: '2026-0019' });
  expect(stage.ctMatch(two)).toMatchObject({ kind: 'unmatched' });
}, 180_000);

test('a manual match is refused for a PO of another supplier and beyond the open amount, naming tenant, transaction, PO and the fix', async () => {
  const [m] = stage.book([{ date: '2026-11-02', supplierId: 20005, invoiceNo: 'R-1', lines: [{ account: 6800, amount: '2500.00' }] }]);
  const line = stage.costLines(m!)[0]!;
  await stage.run();
  const before = await stage.result(line);

  const otherSupplier = await refusal(sendManualMatch(stage.env.client, stage.tenant, { transaction: line, po: '2026-0001', by: 'kari' }, stage.taskQueue));
  expect(otherSupplier).toMatch(new RegExp(`tenant ${stage.tenant}: transaction ${line} cannot be matched to PO 2026-0001: the PO is for supplier 20001, the transaction's supplier is 20005`));
  expect(otherSupplier).toMatch(/ledgerbridge matching (show|unmatch)/);
  const beyond = await refusal(sendManualMatch(stage.env.client, stage.tenant, { transaction: line, po: '2026-0012', by: 'kari' }, stage.taskQueue));
  expect(beyond).toMatch(/cannot be matched to PO 2026-0012: its amount NOK 2 500.00 is more than the NOK 650.00 left on the PO/);
  const closed = await refusal(sendManualMatch(stage.env.client, stage.tenant, { transaction: line, po: '2026-0006', by: 'kari' }, stage.taskQueue));
  expect(closed).toMatch(/PO 2026-0006: the PO is closed/);
  expect(await refusal(sendManualMatch(stage.env.client, stage.tenant, { transaction: 'no-such-line', po: '2026-0012', by: 'kari' }, stage.taskQueue))).toMatch(/no such transaction/);
  // Nothing changed, here or in CostTracker; the desk is still there for the next request.
  expect(await stage.result(line)).toEqual(before);
  expect(stage.ctMatch(line)).toMatchObject({ kind: 'auto', po: '2026-0014' });

  // The Temporal UI's signal takes the same path.
  await stage.env.client.workflow.getHandle(matchingDeskId(stage.tenant)).signal(matchSignal, { transaction: line, by: 'ui-user' });
  const deadline = Date.now() + 20_000;
  while ((await stage.result(line))?.source !== 'manual' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  expect(await stage.result(line)).toMatchObject({ source: 'manual', outcome: 'unmatched', by: 'ui-user' });
}, 180_000);

/**
 * A worker process killed with SIGKILL after 24SevenOffice saved a settlement's voucher and before its answer reached
 * the worker: no shutdown, no `finally`. A new worker process takes the step over (once Temporal times the dead
 * one's attempt out), looks the voucher up instead of posting it again, and the run goes on with the next Z: the
 * ledger holds each report exactly once.
 */
import { settlementWorkflowId } from '../../client/settlements';
import { useChildWorkers } from '../harness/childWorker';
import { useSettlementStage } from './settlementHarness';

const stage = useSettlementStage({ inProcessWorker: false });
const workers = useChildWorkers(() => stage);

/** The step's startToCloseTimeout (2 minutes) passes before Temporal hands the dead worker's attempt to another. */
const TAKEOVER_MS = 240_000;

test('a worker killed after 24SevenOffice saved Z 1 and before the answer is replaced; every Z is in the ledger once', async () => {
  await stage.mapAccounts({ 'sales:group:30': '3000' });
  const before = stage.ledger();
  const first = await workers.start();
  let killed = false;
  const stopWatching = stage.tso.admin.watchCalls((operation, at) => {
    if (operation !== 'SaveBundleList' || at !== 'handled' || killed) return;
    killed = true;
    first.killNow(); // SIGKILL before this call goes on: the dead worker hears nothing of it
  });
  const runId = await stage.startRun();
  await first.exited;
  stopWatching();
  expect([...stage.ledger().keys()].filter((no) => !before.has(no))).toHaveLength(1);

  await workers.start();
  expect(await stage.env.client.workflow.getHandle(settlementWorkflowId(stage.tenant, 'OSL', 1)).result()).toMatchObject({ outcome: 'posted' });
  expect(await stage.env.client.workflow.getHandle(runId).result()).toMatchObject({ posted: 3, needsAttention: 0, failed: 0 });
  const posted = [...stage.ledger()].filter(([no]) => !before.has(no));
  expect(posted).toHaveLength(3);
  expect(stage.tso.admin.state().calls.SaveBundleList).toBe(3);
  expect((await stage.exportLog()).filter((l) => l.sourceId === 'duell/OSL/z/1' && l.entityType === 'z-report').map((l) => l.outcome)).toEqual(['duplicate']);
}, TAKEOVER_MS + 60_000);

/**
 * A worker process killed with SIGKILL in the middle of sending a batch: no graceful shutdown, the activity in
 * flight simply vanishes (Temporal notices by its heartbeat timeout), its HTTP call and any open database
 * transaction are cut. A new worker process takes over and the batch still reaches the ledger exactly once.
 * The worker runs in a child process on the test's Temporal server and database (PGlite over a loopback
 * socket, or PostgreSQL with DATABASE_URL); the 24SevenOffice sandbox's call watcher picks the moment.
 */
import type { CallPhase } from '../../sandbox/24sevenoffice';
import { useChildWorkers, type ChildWorker } from '../harness/childWorker';
import { useBatchStage } from './batchHarness';
import { expectPostedOnce } from './postedOnce';

const stage = useBatchStage({ inProcessWorker: false });
const workers = useChildWorkers(() => stage);

const VOUCHERS = 300;
const CHUNK = 20;
/** The SaveBundleList during which the worker dies (two chunks are in flight at once, the tenant's default). */
const FATAL_CALL = 5;
/** The replacement waits for Temporal to time out the dead worker's activity (heartbeatTimeout) and retry it. */
const TAKEOVER_MS = 300_000;

/**
 * Kills `worker` at a moment of the `nth` SaveBundleList: as it arrives or once 24SevenOffice has applied it.
 * `alsoThen` runs right after the kill, inside the call (e.g. to make that call fail).
 */
function killAt(worker: ChildWorker, nth: number, phase: CallPhase, alsoThen: () => void = () => {}): () => void {
  let seen = 0;
  return stage.tso.admin.watchCalls((operation, at) => {
    if (operation !== 'SaveBundleList' || at !== phase || ++seen !== nth) return;
    worker.killNow(); // SIGKILL is sent before this call goes on: the dead worker hears nothing of it
    alsoThen();
  });
}

/** Killed in the middle: some chunks reached the ledger, not all. */
function expectMidBatch(before: Map<number, unknown>): void {
  const posted = stage.ledger().size - before.size;
  expect(posted).toBeGreaterThan(0);
  expect(posted).toBeLessThan(VOUCHERS);
}

async function exportUntilKilled(killed: ChildWorker, batchId: string) {
  const { handle } = await stage.exportBatch(batchId);
  await Promise.race([
    killed.exited,
    handle.result().then(() => { throw new Error(`batch ${batchId} finished before its worker was killed`); }),
  ]);
  return handle;
}

const MOMENTS: { moment: string; phase: CallPhase; alsoThen?: () => void }[] = [
  // The request dies with its worker: 24SevenOffice never completes that call (it answers a 500 nobody reads).
  { moment: 'before 24SevenOffice took it', phase: 'received', alsoThen: () => stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'http500' }) },
  // 24SevenOffice has saved the chunk; the answer goes to a dead process, so no one on our side knows.
  { moment: 'after 24SevenOffice applied it, before the answer arrived', phase: 'handled' },
];

test.each(MOMENTS)(`a worker killed at SaveBundleList #${FATAL_CALL}, $moment, is replaced and every voucher is posted exactly once`, async ({ phase, alsoThen }) => {
  await stage.configure({ postingMode: 'direct', chunkSize: CHUNK });
  const before = stage.ledger();
  const batchId = await stage.closeBatch(VOUCHERS);
  const first = await workers.start();
  const stopWatching = killAt(first, FATAL_CALL, phase, alsoThen);

  const handle = await exportUntilKilled(first, batchId);
  stopWatching();
  expectMidBatch(before);

  await workers.start();
  expect((await handle.result()).outcome).toBe('posted');
  await expectPostedOnce(stage, batchId, before, VOUCHERS);
}, TAKEOVER_MS);

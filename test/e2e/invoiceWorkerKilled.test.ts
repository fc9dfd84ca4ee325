/**
 * A worker process killed with SIGKILL between Talenom's acceptance of an invoice and Severa's status change:
 * no shutdown, no `finally`. A new worker process takes over and the invoice ends transferred, with exactly one
 * document at Talenom. Severa refuses the status change (HTTP 500) while the first worker runs, which holds the
 * invoice in that window; the worker dies while the step waits for its next attempt, and the fault is cleared
 * before the new worker starts.
 */
import { temporal } from '@temporalio/proto';
import { invoiceWorkflowId, runResult } from '../../client/invoices';
import { useChildWorkers } from '../harness/childWorker';
import { anInvoice, numberOf } from './invoiceFixtures';
import { useInvoiceStage, TRANSFERRED, WAITING } from './invoiceHarness';

const stage = useInvoiceStage({ inProcessWorker: false });
const workers = useChildWorkers(() => stage);

const SCHEDULED = temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED;

/** Talenom has the invoice and Severa's status change has failed, its next attempt not yet started. */
async function untilBetweenTalenomAndSevera(guid: string, timeoutMs = 60_000): Promise<void> {
  const child = stage.env.client.workflow.getHandle(invoiceWorkflowId(stage.tenant, guid));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stage.receivedFor(guid).length === 1) {
      const pending = (await child.describe()).raw.pendingActivities?.[0];
      // Waiting for a retry, with a second or more to go: the dead worker cannot have been handed that attempt.
      const next = pending?.nextAttemptScheduleTime;
      const left = next ? Number(String(next.seconds ?? 0)) * 1000 + (next.nanos ?? 0) / 1e6 - Date.now() : 0;
      if (pending?.activityType?.name === 'markTransferred' && pending.state === SCHEDULED && (pending.attempt ?? 0) >= 2 && left > 1_000) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`invoice ${guid} never waited between Talenom's acceptance and Severa's status change`);
}

test('a worker killed after Talenom took the invoice and before Severa\'s status changed is replaced; Talenom holds it once', async () => {
  stage.clearWaiting();
  const guid = stage.addInvoice(anInvoice());
  stage.severa.admin.setFault({ operation: 'patchInvoice', kind: 'http500', times: 1_000 });
  const first = await workers.start();
  const runId = await stage.startRun();

  await untilBetweenTalenomAndSevera(guid);
  first.killNow();
  await first.exited;
  expect(stage.severaStatus(guid)).toBe(WAITING);
  expect(stage.receivedFor(guid)).toHaveLength(1);

  stage.severa.admin.clearFaults();
  await workers.start();
  const summary = await runResult(stage.env.client, runId);
  expect(summary.transferred).toEqual([numberOf(stage, guid)]);
  expect(stage.severaStatus(guid)).toBe(TRANSFERRED);
  expect(stage.receivedFor(guid)).toHaveLength(1);
  expect(stage.talenom.admin.calls().filter((c) => c.method === 'POST' && c.path.endsWith('/invoices/finvoice'))).toHaveLength(1);
  const patches = stage.severa.admin.calls({ operation: 'patchInvoice' }).map((c) => c.status);
  expect(patches.at(-1)).toBe(200);
  expect(patches.filter((s) => s === 500).length).toBeGreaterThanOrEqual(1);
  expect(await stage.row(guid)).toMatchObject({ stage: 'transferred', talenomId: stage.receivedFor(guid)[0]!.id });
}, 150_000);

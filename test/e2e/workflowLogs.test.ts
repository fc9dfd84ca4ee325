/**
 * What a workflow logs (`log.info` in workflow code) reaches the worker's JSON log with the tenant, the flow and
 * the workflow id, as the operator's log search needs them; the SDK's own info chatter does not.
 */
import { createLogger } from '../../platform/log';
import { installRuntime } from '../../worker/runtime';
import { useBatchStage } from './batchHarness';

// The Runtime is installed once per process, before any connection: before the stage connects.
const lines: Record<string, unknown>[] = [];
installRuntime(createLogger({ level: 'info', base: { component: 'worker' }, write: (line) => lines.push(JSON.parse(line)) }));

const stage = useBatchStage();

test("a workflow's info line is in the worker's log with tenant, flow and workflow id", async () => {
  await stage.configure({ postingMode: 'direct' });
  const batchId = await stage.closeBatch(6);
  const { handle } = await stage.exportBatch(batchId);
  const outcome = await handle.result();
  expect(outcome.outcome).toBe('posted');

  // The workflow's closing line (workflows/batchExport.ts, finish) says what it did.
  expect(lines).toContainEqual(expect.objectContaining({
    level: 'info', component: 'worker', sdk: 'workflow', message: outcome.message,
    tenant: stage.tenant, flow: 'batch', workflowId: `${stage.tenant}/batch/${batchId}`, batch: batchId, workflowType: 'batchExport',
  }));
  expect(lines.filter((l) => l.level === 'info' && l.sdk !== 'workflow' && l.sdk !== 'activity')).toEqual([]);
});

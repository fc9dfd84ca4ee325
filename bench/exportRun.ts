/**
 * Part A of the benchmark: export one closed batch as an operator does (client/batches.ts startBatchExport) and
 * wait for the result, reporting progress. A batch that stops in "needs attention" would wait for an operator
 * forever: the benchmark ends it (terminate) and reports the reason instead of hanging.
 */
import type { Client } from '@temporalio/client';
import { batchStatus, startBatchExport, type Store } from '../client/batches';
import type { BatchOutcome } from '../workflows/batchExport';

export interface ExportRun {
  /** Start of the export to its result (or to the moment it needed attention). */
  ms: number;
  outcome?: BatchOutcome;
  /** Why the batch stopped for a person, when it did. */
  attention?: string;
  history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>;
}

export async function exportAndWait(
  client: Client, store: Store, request: { tenant: string; batchId: string; vouchers: number }, taskQueue: string,
  options: { pollMs: number; sayEveryMs: number; say: (line: string) => void },
): Promise<ExportRun> {
  const t0 = performance.now();
  const { handle } = await startBatchExport(client, store, { tenant: request.tenant, batchId: request.batchId, documentCount: request.vouchers }, taskQueue);
  let stop = false;
  let lastSaid = 0;
  const watch = async (): Promise<string | undefined> => {
    while (!stop) {
      await new Promise((r) => setTimeout(r, options.pollMs));
      const view = await batchStatus(client, request.tenant, request.batchId).catch(() => undefined);
      if (!view || stop) continue;
      if (view.stage === 'needs-attention') return view.attention ?? 'needs attention (no reason given)';
      if (performance.now() - lastSaid >= options.sayEveryMs) {
        lastSaid = performance.now();
        options.say(`workflow: ${view.stage}, chunks ${view.chunks.sent}/${view.chunks.total}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
    }
    return undefined;
  };
  const ended = await Promise.race([
    handle.result().then((outcome) => ({ outcome, attention: undefined })),
    watch().then((attention) => ({ outcome: undefined, attention })),
  ]).finally(() => { stop = true; });
  const ms = performance.now() - t0;
  if (ended.attention !== undefined) {
    options.say(`workflow NEEDS ATTENTION after ${(ms / 1000).toFixed(1)} s: ${ended.attention}`);
    await handle.terminate(`benchmark: the batch needed attention: ${ended.attention}`.slice(0, 1000));
  }
  return { ms, outcome: ended.outcome, attention: ended.attention, history: await handle.fetchHistory() };
}

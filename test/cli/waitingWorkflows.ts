/**
 * Workflows for the cross-flow commands (`workflows`, `status`) to find: a batch that waits for a person and a
 * finished connection check, started through the CLI as an operator would, and a poll for Temporal's
 * visibility, which shows a workflow's latest search attributes a moment after they are set.
 */
import { connectionCheckId } from '../../client/api';
import { batchWorkflowId } from '../../client/batches';
import { DEMO_TELARIS } from '../../sandbox/telaris';
import type { CliStage } from './cliStage';

export interface WaitingBatch {
  batchId: string;
  workflowId: string;
}

/** A closed batch whose export needs attention at preflight: the tenant maps no voucher type. */
export async function aBatchThatNeedsAttention(stage: CliStage, tenant: string): Promise<WaitingBatch> {
  stage.telaris.admin.generateDocuments({ companyNo: DEMO_TELARIS.companyNo, count: 4, withProjects: true });
  const closed = await stage.cli(['batch', 'close', tenant, '--json']);
  if (closed.code !== 0) throw new Error(`batch close ${tenant} exited ${closed.code}: ${closed.stderr}`);
  const batchId: string = JSON.parse(closed.stdout).id;
  const exported = await stage.cli(['batch', 'export', tenant, batchId]);
  if (exported.code !== 0) throw new Error(`batch export ${tenant} ${batchId} exited ${exported.code}: ${exported.stderr}`);
  return { batchId, workflowId: batchWorkflowId(tenant, batchId) };
}

/** A connection check run to its end (the 24SevenOffice sandbox answers: it completes with stage ok). */
export async function aFinishedConnectionCheck(stage: CliStage, tenant: string): Promise<string> {
  const tested = await stage.cli(['connections', 'test', tenant, '24so']);
  if (tested.code !== 0) throw new Error(`connections test ${tenant} exited ${tested.code}: ${tested.stderr}`);
  return connectionCheckId(tenant, `${tenant}:24so`);
}

/** `read` again until `done` holds (visibility is eventually consistent), or the last value in the error. */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 60; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} never came; last: ${JSON.stringify(last)}`);
}

/** No escape sequence anywhere: what a pipe or NO_COLOR must get. */
export const ANSI = /\x1b\[/;

/**
 * One document's child workflow in a run (a Severa invoice to Talenom, a CostTracker invoice to 24SevenOffice):
 * its workflow id is the document's identity, so it is started unless an earlier run's child for it still runs
 * (waiting for a person); it outlives the run, and the run waits for it only until it ends or says it needs a
 * person. A document set back to waiting after it went through runs again under the same id and finds itself there.
 *
 *   documentChild(() => startChild(invoiceTransfer, { ...DOCUMENT_CHILD, workflowId, args }), needsPerson)
 */
import { ParentClosePolicy, WorkflowIdReusePolicy, condition, log, type ActivityOptions } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';

/** The child options every document's workflow takes. */
export const DOCUMENT_CHILD = {
  // A document that went through and waits again runs again (and finds itself in the target); a running one is not doubled.
  workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
  // A child waiting for a person outlives the run; the next run finds it still running.
  parentClosePolicy: ParentClosePolicy.ABANDON,
} as const;

/** The activity options of a document's own workflow (its steps). */
export const DOCUMENT_STEP_OPTIONS: ActivityOptions = {
  // A step is a handful of calls, each bounded by the connector's timeout: a worker that dies mid-step holds the
  // document this long at most before another worker takes the step over (and looks the document up in the target first).
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 15 },
};

export type ChildEnd<R> = R | 'needs-attention' | 'still-running' | 'failed';

export async function documentChild<R>(
  start: () => Promise<{ workflowId: string; result(): Promise<R> }>,
  /** True once the child has told the run it waits for a person. */
  needsPerson: () => boolean,
): Promise<ChildEnd<R>> {
  let child;
  try {
    child = await start();
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'still-running';
    throw err;
  }
  let ended: R | 'failed' | undefined;
  child.result().then((r) => { ended = r; }, (err: unknown) => {
    log.warn('document workflow failed', { workflowId: child.workflowId, error: String(err) });
    ended = 'failed';
  });
  await condition(() => ended !== undefined || needsPerson());
  return ended ?? 'needs-attention';
}

/**
 * An accounting batch from Telaris into 24SevenOffice, as the operator's guide describes it:
 * stage → verify (preflight) → [approve] → send → [wait for the accountant to post] → reconcile → mark exported.
 *
 * Anything that needs a person (a preflight problem, a refused voucher, a reconciliation difference) makes
 * the batch wait in "needs attention" until an operator sends `retry` (after fixing) or `cancel`; transient
 * faults are retried by Temporal. The workflow id is the batch's business id, so a second export is a no-op.
 */
import {
  ApplicationFailure, condition, continueAsNew, defineQuery, defineSignal, defineUpdate, isCancellation, log,
  proxyActivities, setCurrentDetails, setHandler, sleep, upsertSearchAttributes, workflowInfo, allHandlersFinished,
  ActivityFailure,
} from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import type { Duration } from '@temporalio/common';
import type { BatchActivities } from '../activities/batch';
import type { BatchRef, PostingMode, StageResult } from '../domain/batch/flow';
import type { BatchStage } from '../db/schemaTypes';
import { BatchState, type Approval, type BatchView, type Rejection } from './batchState';
import { mapLimit } from '../platform/pool';
import { NeedsAttentionKey, StageKey } from './searchAttributes';

export interface BatchExportInput {
  tenant: string;
  batchId: string;
  label: string;
  /** Connection ids: Telaris (source) and 24SevenOffice (target). */
  source: string;
  target: string;
  mode: PostingMode;
  chunkSize: number;
  /** How often to look for the accountant's posting (journal mode), e.g. '5 minutes'. */
  pollEvery: Duration;
  /** How often to remind while vouchers wait in the journal, e.g. '1 day'. */
  remindEvery: Duration;
  /** SaveBundleList calls in flight at once (default 1); mind the tenant's 7 200 requests an hour. */
  sendConcurrency?: number;
  /** Set by continue-as-new while waiting in the journal. */
  resume?: { staged: StageResult; approval?: Approval & { at: string } };
}

export interface BatchOutcome {
  outcome: 'posted' | 'nothing-to-export' | 'already-exported';
  label: string;
  vouchers: number;
  message: string;
}

export const approve = defineSignal<[Approval]>('approve');
export const reject = defineSignal<[Rejection]>('reject');
export const retry = defineSignal<[]>('retry');
export const cancel = defineSignal<[string]>('cancel');
export const approveUpdate = defineUpdate<BatchView, [Approval]>('approve');
export const rejectUpdate = defineUpdate<BatchView, [Rejection]>('reject');
export const retryUpdate = defineUpdate<BatchView, []>('retry');
export const cancelUpdate = defineUpdate<BatchView, [string]>('cancel');
export const status = defineQuery<BatchView>('status');

const act = proxyActivities<BatchActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 20 },
});

export async function batchExport(input: BatchExportInput): Promise<BatchOutcome> {
  const state = new BatchState(input);
  const ref: BatchRef = { tenant: input.tenant, batchId: input.batchId, source: input.source, target: input.target, workflowId: workflowInfo().workflowId };
  registerHandlers(state);

  const show = async (stage: BatchStage, attention?: string) => {
    state.stage = stage;
    state.attention = attention;
    upsertSearchAttributes([{ key: StageKey, value: stage }, { key: NeedsAttentionKey, value: stage === 'needs-attention' }]);
    setCurrentDetails(state.details());
    await act.recordBatchStage({ ...ref, stage, attention: attention ?? null });
  };

  /** Runs a step; when it needs a person, waits for retry (then runs it again) or cancel. */
  const attended = async <T>(step: () => Promise<T>): Promise<T> => {
    const resumeStage = state.stage;
    for (;;) {
      try {
        return await step();
      } catch (err) {
        const reason = needsPerson(err);
        if (!reason) throw err;
        await needsAttention(reason);
        await show(resumeStage);
      }
    }
  };
  const needsAttention = async (reason: string) => {
    // Cleared before the stage is shown: a retry that arrives while the stage is being recorded must count.
    state.retryRequested = false;
    await show('needs-attention', reason);
    log.warn('batch needs attention', { batch: input.batchId, reason });
    await condition(() => state.retryRequested || state.cancelRequested !== undefined || state.rejection !== undefined);
    if (state.rejection) return finishRejected(state, show);
    if (state.cancelRequested !== undefined) {
      await show('cancelled', state.cancelRequested);
      throw ApplicationFailure.create({ type: 'BatchCancelled', nonRetryable: true, message: `batch ${input.label} cancelled: ${state.cancelRequested}` });
    }
  };

  let staged = input.resume?.staged;
  if (!staged) {
    staged = await attended(() => act.stageBatch({ ...ref, chunkSize: input.chunkSize, mode: input.mode }));
    state.staged = staged;
    if (staged.alreadyExported) {
      return finish(state, 'already-exported', `batch ${input.label} already exported at ${staged.alreadyExported.at} (workflow ${staged.alreadyExported.workflowId}); nothing done`);
    }
    if (staged.voucherCount === 0) {
      await attended(() => act.confirmExport({ ...ref, vouchers: 0 }));
      await show('nothing-to-export');
      return finish(state, 'nothing-to-export', `batch ${input.label} has no documents: nothing to export`);
    }

    await show('preflight');
    for (;;) {
      state.preflight = await attended(() => act.preflightBatch(ref));
      if (state.preflight.ok) break;
      await needsAttention(`preflight found ${state.preflight.problemCount} problem(s): ${state.preflight.firstProblems[0]}`);
      await show('preflight');
    }

    if (input.mode === 'approval') {
      await show('awaiting-approval');
      await condition(() => state.approval !== undefined || state.rejection !== undefined || state.cancelRequested !== undefined);
      if (state.rejection) return finishRejected(state, show);
      if (state.cancelRequested !== undefined) {
        await show('cancelled', state.cancelRequested);
        throw ApplicationFailure.create({ type: 'BatchCancelled', nonRetryable: true, message: `batch ${input.label} cancelled: ${state.cancelRequested}` });
      }
      await act.recordApproval({ ...ref, by: state.approval!.by, at: state.approval!.at });
    }

    state.sendingStarted = true;
    await show('sending');
    await attended(() => act.syncParties(ref));
    await attended(() => act.reserveTransactionNumbers(ref));
    const saveTo = input.mode === 'journal' ? 'journal' : 'ledger';
    // Chunks carry numbers drawn beforehand and an idempotency key each, so several may be in flight at once.
    const chunks = Array.from({ length: staged.chunkCount }, (_, chunk) => chunk);
    await mapLimit(chunks, input.sendConcurrency ?? 1, async (chunk) => {
      await attended(() => act.sendChunk({ ...ref, chunk, saveTo }));
      state.chunksSent++;
      setCurrentDetails(state.details());
    });
  } else {
    state.staged = staged;
    state.sendingStarted = true;
    state.chunksSent = staged.chunkCount;
    if (input.resume?.approval) state.approval = input.resume.approval;
  }

  if (input.mode === 'journal') {
    await show('in-journal');
    let lastReminder = Date.now();
    for (;;) {
      state.posted = await attended(() => act.checkPosted(ref));
      setCurrentDetails(state.details());
      if (state.posted.posted >= state.posted.total) break;
      if (Date.now() - lastReminder >= msToNumber(input.remindEvery)) {
        lastReminder = Date.now();
        await act.remindJournal({ ...ref, waiting: state.posted.total - state.posted.posted });
      }
      if (workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        return continueAsNew<typeof batchExport>({ ...input, resume: { staged, approval: state.approval } });
      }
      await sleep(input.pollEvery);
    }
  }

  await show('reconciling');
  for (;;) {
    const result = await attended(() => act.reconcileBatch(ref));
    if (result.ok) break;
    await needsAttention(`24SevenOffice's ledger differs from the batch in ${result.differenceCount} place(s): ${result.firstDifferences[0]}`);
    await show('reconciling');
  }
  await attended(() => act.confirmExport({ ...ref, vouchers: staged.voucherCount }));
  await show('posted');
  return finish(state, 'posted', `batch ${input.label}: ${staged.voucherCount} vouchers posted in 24SevenOffice and reconciled`);
}

function registerHandlers(state: BatchState): void {
  setHandler(status, () => state.view());
  const now = () => new Date(Date.now());
  // The same validation for the UI's signal dialog and the CLI's update; a refused signal is kept and shown.
  const viaSignal = <A extends unknown[]>(what: string, validate: (...a: A) => void, apply: (...a: A) => unknown) =>
    (...args: A) => {
      try {
        validate(...args);
      } catch (err) {
        state.refuse(what, err);
        setCurrentDetails(state.details());
        return;
      }
      apply(...args);
    };
  setHandler(approve, viaSignal('approve', (a: Approval) => state.assertApprovable(a), (a: Approval) => state.approve(a, now())));
  setHandler(reject, viaSignal('reject', (r: Rejection) => state.assertRejectable(r), (r: Rejection) => state.reject(r)));
  setHandler(retry, viaSignal('retry', () => state.assertRetryable(), () => state.retry()));
  setHandler(cancel, viaSignal('cancel', (_reason: string) => state.assertCancellable(), (reason: string) => state.cancel(reason || 'cancelled by an operator')));
  setHandler(approveUpdate, (a) => state.approve(a, now()), { validator: (a) => state.assertApprovable(a) });
  setHandler(rejectUpdate, (r) => state.reject(r), { validator: (r) => state.assertRejectable(r) });
  setHandler(retryUpdate, () => state.retry(), { validator: () => state.assertRetryable() });
  setHandler(cancelUpdate, (reason: string) => state.cancel(reason || 'cancelled by an operator'), { validator: (_reason: string) => state.assertCancellable() });
}

async function finishRejected(state: BatchState, show: (stage: BatchStage, attention?: string) => Promise<void>): Promise<never> {
  const r = state.rejection!;
  await show('rejected', `rejected by ${r.by}: ${r.reason}`);
  // A failure, not a result: a rejected batch may be exported again once fixed (ALLOW_DUPLICATE_FAILED_ONLY).
  throw ApplicationFailure.create({ type: 'BatchRejected', nonRetryable: true, message: `batch ${state.input.label} rejected by ${r.by}: ${r.reason}` });
}

function finish(state: BatchState, outcome: BatchOutcome['outcome'], message: string): BatchOutcome {
  log.info(message, { batch: state.input.batchId });
  return { outcome, label: state.input.label, vouchers: state.staged?.voucherCount ?? 0, message };
}

/** The reason a person must act, or undefined for failures that are not ours to hold (bugs, cancellation). */
function needsPerson(err: unknown): string | undefined {
  if (isCancellation(err)) return undefined;
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
    const cause = err.cause;
    if (cause.nonRetryable || ATTENTION_TYPES.has(cause.type ?? '')) return `${cause.type}: ${cause.message}`;
    // Retries ran out on a transient fault (service down for long): still a person's call, not a lost batch.
    return `${cause.type ?? 'Error'} after repeated retries: ${cause.message}`;
  }
  if (err instanceof ActivityFailure) return `${err.cause?.message ?? err.message}`;
  return undefined;
}

const ATTENTION_TYPES = new Set(['LoginFailed', 'IdentityBlocked', 'ValidationFailed', 'Rejected', 'MappingMissing', 'DuplicateMismatch', 'NotFound']);

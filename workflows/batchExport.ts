/**
 * An accounting batch from Telaris into 24SevenOffice, as the operator's guide describes it:
 * stage → verify (preflight) → [approve] → send → [wait for the accountant to post] → reconcile → mark exported.
 *
 * Anything that needs a person (a preflight problem, a refused voucher, a reconciliation difference) waits in
 * "needs attention" (attention.ts) for `retry` after the fix, or `cancel`; transient faults are retried by
 * Temporal. The workflow id is the batch's business id, so a second export is a no-op. Cancelling, from the CLI or
 * the UI's "Request Cancellation", is recorded before the workflow ends.
 */
import {
  ApplicationFailure, CancellationScope, allHandlersFinished, condition, continueAsNew, defineQuery, defineSignal,
  defineUpdate, isCancellation, log, proxyActivities, setCurrentDetails, setHandler, workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import type { Duration } from '@temporalio/common';
import type { BatchActivities } from '../activities/batch';
import type { BatchRef, PostingMode, StageResult } from '../domain/batch/flow';
import type { BatchStage } from '../db/schemaTypes';
import { BatchState, type Approval, type BatchView, type Rejection } from './batchState';
import { Attention, cancelledReason, decision, type RetryRequest } from './attention';
import { mapLimit } from '../platform/pool';
import { stepsWith } from './step';

export { retry, cancel, retryUpdate, cancelUpdate } from './attention';

export interface BatchExportInput {
  tenant: string;
  batchId: string;
  label: string;
  /** Connection ids: Telaris (source) and 24SevenOffice (target). */
  source: string;
  target: string;
  mode: PostingMode;
  chunkSize: number;
  /** How often to look for the accountant's posting (journal mode) at first, e.g. '5 minutes'; it backs off while nothing changes… */
  pollEvery: Duration;
  /** …up to this interval (default 1 hour)… */
  pollAtMost?: Duration;
  /** …and spends at most this many 24SevenOffice requests an hour on it (default 144, 2 % of 7 200). */
  pollRequestsPerHour?: number;
  /** How often to remind while vouchers wait in the journal, e.g. '1 day'. */
  remindEvery: Duration;
  /** SaveBundleList calls in flight at once (default 1); mind the tenant's 7 200 requests an hour. */
  sendConcurrency?: number;
  /** Set by continue-as-new: where the previous run stopped (absent phase: the journal wait, as older runs wrote it). */
  resume?: { staged: StageResult; approval?: Approval & { at: string }; phase?: 'sending' | 'in-journal'; sendFrom?: number };
}

export interface BatchOutcome {
  outcome: 'posted' | 'nothing-to-export' | 'already-exported';
  label: string;
  vouchers: number;
  message: string;
}

export const approve = defineSignal<[Approval]>('approve');
export const reject = defineSignal<[Rejection]>('reject');
export const check = defineSignal<[]>('check');
export const renumber = defineSignal<[string]>('renumber');
export const approveUpdate = defineUpdate<BatchView, [Approval]>('approve');
export const rejectUpdate = defineUpdate<BatchView, [Rejection]>('reject');
export const checkUpdate = defineUpdate<BatchView, []>('check');
/** Draw new numbers for the vouchers 24SevenOffice refused because another writer holds theirs, then go on. */
export const renumberUpdate = defineUpdate<BatchView, [string]>('renumber');
export const status = defineQuery<BatchView>('status');

/** Defaults for runs started before the journal wait backed off (their input has no say). */
const SLOWEST_POLL = '1 hour';
const POLL_REQUESTS_PER_HOUR = 144;

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 20 },
};
const act = proxyActivities<BatchActivities>(OPTIONS);

const step = stepsWith(OPTIONS);

export async function batchExport(input: BatchExportInput): Promise<BatchOutcome> {
  const state = new BatchState(input);
  const ref: BatchRef = { tenant: input.tenant, batchId: input.batchId, source: input.source, target: input.target, workflowId: workflowInfo().workflowId };
  const attention = new Attention({
    subject: `batch ${input.label}`,
    logContext: { tenant: input.tenant, batch: input.batchId },
    commands: { retry: `ledgerbridge batch retry ${input.tenant} ${input.batchId}`, cancel: `ledgerbridge batch cancel ${input.tenant} ${input.batchId}` },
    record: (stage, reason) => step(act.recordBatchStage, `Record stage ${stage}`, { ...ref, stage: stage as BatchStage, attention: reason ?? null }),
    details: () => state.details(),
    cancelRefusal: () => state.cancelRefusal(),
    view: () => state.view(),
  });
  state.attention = attention;
  attention.phase = 'staging';
  registerHandlers(state, attention, ref);

  try {
    return await exportBatch(input, state, attention, ref);
  } catch (err) {
    const reason = cancelledReason(err) ?? (isCancellation(err) ? 'cancelled in the Temporal UI' : undefined);
    if (reason !== undefined) await recordCancelled(attention, ref, reason);
    throw err;
  }
}

async function exportBatch(input: BatchExportInput, state: BatchState, attention: Attention, ref: BatchRef): Promise<BatchOutcome> {
  let staged = input.resume?.staged;
  let sendFrom = 0;
  if (!staged) {
    staged = await attention.attended(() => step(act.stageBatch, 'Stage the Telaris batch', { ...ref, chunkSize: input.chunkSize, mode: input.mode }));
    state.staged = staged;
    if (staged.alreadyExported) {
      return finish(state, 'already-exported', `batch ${input.label} already exported at ${staged.alreadyExported.at} (workflow ${staged.alreadyExported.workflowId}); nothing done`);
    }
    if (staged.voucherCount === 0) {
      await attention.attended(() => step(act.confirmExport, 'Mark exported in Telaris', { ...ref, vouchers: 0 }));
      await attention.enter('nothing-to-export');
      return finish(state, 'nothing-to-export', `batch ${input.label} has no documents: nothing to export`);
    }

    await attention.enter('preflight');
    for (;;) {
      state.preflight = await attention.attended(() => step(act.preflightBatch, 'Verify against 24SevenOffice', ref));
      if (state.preflight.ok) break;
      await attention.needsPerson(`preflight found ${state.preflight.problemCount} problem(s): ${state.preflight.firstProblems[0]}`);
    }

    if (input.mode === 'approval') {
      await attention.enter('awaiting-approval');
      await condition(() => state.approval !== undefined || state.rejection !== undefined || attention.cancelRequested !== undefined);
      if (state.rejection) return finishRejected(state, attention);
      attention.throwIfCancelled();
      await attention.attended(() => step(act.recordApproval, `Approved by ${state.approval!.by}`, { ...ref, by: state.approval!.by, at: state.approval!.at }));
    }

    state.sendingStarted = true;
    await attention.enter('sending');
    await attention.attended(() => step(act.syncParties, 'Customers into 24SevenOffice', ref));
    await attention.attended(() => step(act.reserveTransactionNumbers, 'Draw voucher numbers', ref));
  } else {
    state.staged = staged;
    state.sendingStarted = true;
    if (input.resume?.approval) state.approval = input.resume.approval;
    if (input.resume?.phase === 'sending') {
      sendFrom = input.resume.sendFrom ?? 0;
      await attention.enter('sending');
    } else {
      state.chunksSent = staged.chunkCount;
    }
  }

  if (state.chunksSent < staged.chunkCount) {
    const sent = await sendChunks(input, state, attention, ref, staged, sendFrom);
    if (sent !== 'all') {
      await condition(allHandlersFinished);
      return continueAsNew<typeof batchExport>({ ...input, resume: { staged, approval: state.approval, phase: 'sending', sendFrom: sent.from } });
    }
  }

  if (input.mode === 'journal') {
    const waited = await waitInJournal(input, state, attention, ref);
    if (waited === 'continue-as-new') {
      await condition(allHandlersFinished);
      return continueAsNew<typeof batchExport>({ ...input, resume: { staged, approval: state.approval, phase: 'in-journal' } });
    }
  }

  await attention.enter('reconciling');
  for (;;) {
    const result = await attention.attended(() => step(act.reconcileBatch, 'Reconcile with the ledger', ref));
    if (result.ok) break;
    await attention.needsPerson(`24SevenOffice's ledger differs from the batch in ${result.differenceCount} place(s): ${result.firstDifferences[0]}`);
  }
  await attention.attended(() => step(act.confirmExport, 'Mark exported in Telaris', { ...ref, vouchers: staged.voucherCount }));
  await attention.enter('posted');
  return finish(state, 'posted', `batch ${input.label}: ${staged.voucherCount} vouchers posted in 24SevenOffice and reconciled`);
}

/**
 * Every chunk from `from` on, `sendConcurrency` at a time. Chunks carry numbers drawn beforehand and each voucher
 * its own idempotency key, so chunks may run side by side and be sent again safely. When history grows long
 * (a tiny chunk size), it stops starting chunks and says where the next run begins.
 */
async function sendChunks(input: BatchExportInput, state: BatchState, attention: Attention, ref: BatchRef, staged: StageResult, from: number): Promise<'all' | { from: number }> {
  const saveTo = input.mode === 'journal' ? 'journal' : 'ledger';
  const done = new Set<number>();
  let stopped = false;
  const chunks = Array.from({ length: staged.chunkCount - from }, (_, i) => from + i);
  state.chunksSent = from;
  await mapLimit(chunks, input.sendConcurrency ?? 1, async (chunk) => {
    if (stopped) return;
    let renumbered = state.renumbers;
    await attention.attended(async (request: RetryRequest) => {
      if (state.renumbers > renumbered) {
        renumbered = state.renumbers;
        await step(act.renumberVouchers, 'Draw new numbers for refused vouchers', { ...ref, by: state.renumberedBy ?? 'an operator' });
        await step(act.reserveTransactionNumbers, 'Draw voucher numbers', ref);
      }
      return step(act.sendChunk, `Send chunk ${chunk + 1} of ${staged.chunkCount}`, { ...ref, chunk, saveTo, resolution: request.resolution });
    });
    done.add(chunk);
    state.chunksSent++;
    setCurrentDetails(state.details());
    if (workflowInfo().continueAsNewSuggested) stopped = true;
  });
  if (!stopped || done.size === chunks.length) return 'all';
  let next = from;
  while (done.has(next)) next++;
  return { from: next };
}

/**
 * Until the accountant has posted every voucher: look at what is still unposted, then wait, longer each time
 * nothing changed (up to an hour), never spending more than a set share of the tenant's requests, and at once on
 * `check`. Reminds every `remindEvery`.
 */
async function waitInJournal(input: BatchExportInput, state: BatchState, attention: Attention, ref: BatchRef): Promise<'posted' | 'continue-as-new'> {
  await attention.enter('in-journal');
  const first = msToNumber(input.pollEvery);
  let interval = first;
  let lastReminder = Date.now();
  for (;;) {
    state.checkRequested = false;
    const before = state.posted?.posted;
    state.posted = await attention.attended(() => step(act.checkPosted, 'Has the accountant posted?', ref));
    if (state.posted.posted >= state.posted.total) return 'posted';
    interval = before === undefined || state.posted.posted > before ? first : Math.min(interval * 2, Math.max(first, msToNumber(input.pollAtMost ?? SLOWEST_POLL)));
    // Looks recorded before they counted their calls have none: they count as one.
    interval = Math.max(interval, ((state.posted.calls ?? 1) * 3_600_000) / (input.pollRequestsPerHour ?? POLL_REQUESTS_PER_HOUR));
    if (Date.now() - lastReminder >= msToNumber(input.remindEvery)) {
      lastReminder = Date.now();
      await attention.attended(() => step(act.remindJournal, 'Remind: vouchers wait in the journal', { ...ref, waiting: state.posted!.total - state.posted!.posted }));
    }
    if (workflowInfo().continueAsNewSuggested) return 'continue-as-new';
    state.nextCheckAt = new Date(Date.now() + interval).toISOString();
    setCurrentDetails(state.details());
    await condition(() => state.checkRequested || attention.cancelRequested !== undefined, interval, { summary: 'Wait for the accountant to post' });
    attention.throwIfCancelled();
  }
}

function registerHandlers(state: BatchState, attention: Attention, ref: BatchRef): void {
  setHandler(status, () => state.view());
  const now = () => new Date(Date.now());
  attention.registerHandlers();
  decision(attention, approve, approveUpdate, 'approve', (a: Approval) => state.assertApprovable(a), (a: Approval) => state.approve(a, now()));
  decision(attention, reject, rejectUpdate, 'reject', (r: Rejection) => state.assertRejectable(r), (r: Rejection) => state.reject(r));
  decision(attention, check, checkUpdate, 'check', () => state.assertCheckable(), () => state.check());
  decision(attention, renumber, renumberUpdate, 'renumber', (by: string) => state.assertRenumberable(by),
    (by: string) => { state.renumber(by); attention.retry(); return state.view(); });
  log.info('batch export started', { tenant: ref.tenant, batch: ref.batchId, mode: state.input.mode });
}

/** The record says "cancelled", with its line in the export log, even when the UI cancelled the workflow itself. */
async function recordCancelled(attention: Attention, ref: BatchRef, reason: string): Promise<void> {
  attention.end('cancelled');
  await CancellationScope.nonCancellable(() =>
    step(act.recordBatchStage, 'Record the cancellation', { ...ref, stage: 'cancelled', attention: reason }).catch((err: unknown) => {
      log.warn('could not record the cancellation', { batch: ref.batchId, error: String(err) });
    }));
}

async function finishRejected(state: BatchState, attention: Attention): Promise<never> {
  const r = state.rejection!;
  await attention.enter('rejected', `rejected by ${r.by}: ${r.reason}`);
  // A failure, not a result: a rejected batch may be exported again once fixed (ALLOW_DUPLICATE_FAILED_ONLY).
  throw ApplicationFailure.create({ type: 'BatchRejected', nonRetryable: true, message: `batch ${state.input.label} rejected by ${r.by}: ${r.reason}` });
}

function finish(state: BatchState, outcome: BatchOutcome['outcome'], message: string): BatchOutcome {
  log.info(message, { batch: state.input.batchId });
  return { outcome, label: state.input.label, vouchers: state.staged?.voucherCount ?? 0, message };
}

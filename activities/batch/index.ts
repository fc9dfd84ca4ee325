/** The accounting batch's activities (Telaris → 24SevenOffice), bound to their dependencies. */
import type { ActivityDeps } from '../deps';
import type { BatchRef, PostingMode } from '../../domain/batch/flow';
import type { BatchStage } from '../../db/schemaTypes';
import { stageBatch } from './stage';
import { preflightBatch } from './preflight';
import { syncParties } from './parties';
import { renumberVouchers, reserveTransactionNumbers } from './numbers';
import { sendChunk, type SendChunkInput } from './send';
import { checkPosted, reconcileBatch } from './reconcile';
import { confirmExport, recordApproval, recordBatchStage, remindJournal } from './lifecycle';

export function createBatchActivities(deps: ActivityDeps) {
  return {
    stageBatch: (input: BatchRef & { chunkSize: number; mode: PostingMode }) => stageBatch(deps, input),
    preflightBatch: (ref: BatchRef) => preflightBatch(deps, ref),
    syncParties: (ref: BatchRef) => syncParties(deps, ref),
    reserveTransactionNumbers: (ref: BatchRef) => reserveTransactionNumbers(deps, ref),
    renumberVouchers: (input: BatchRef & { by: string }) => renumberVouchers(deps, input),
    sendChunk: (input: SendChunkInput) => sendChunk(deps, input),
    checkPosted: (ref: BatchRef) => checkPosted(deps, ref),
    reconcileBatch: (ref: BatchRef) => reconcileBatch(deps, ref),
    confirmExport: (input: BatchRef & { vouchers: number }) => confirmExport(deps, input),
    recordBatchStage: (input: BatchRef & { stage: BatchStage; attention: string | null }) => recordBatchStage(deps, input),
    recordApproval: (input: BatchRef & { by: string; at: string }) => recordApproval(deps, input),
    remindJournal: (input: BatchRef & { waiting: number }) => remindJournal(deps, input),
  };
}

export type BatchActivities = ReturnType<typeof createBatchActivities>;

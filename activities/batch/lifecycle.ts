/**
 * The batch's record for operators (stage, approval, reminders) and the last step: marking the Telaris batch
 * exported, which happens only once 24SevenOffice has every voucher (or there was nothing to send).
 */
import type { BatchRef } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import type { BatchStage } from '../../db/schemaTypes';
import { createExportLogRepo } from '../../db/repos';
import { telarisBatchId } from '../../connectors/telaris';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { openSource, repos } from './context';

/** The batch's stage where operators look; a rejected or cancelled batch also gets its line in the export log. */
export async function recordBatchStage(deps: ActivityDeps, input: BatchRef & { stage: BatchStage; attention: string | null }): Promise<void> {
  const { batches } = repos(deps);
  if (!(await batches.find(input.tenant, input.batchId))) return; // cancelled before staging made its row
  await batches.update(input.tenant, input.batchId, { stage: input.stage, attention: input.attention });
  if (input.stage === 'rejected' || input.stage === 'cancelled') {
    await createExportLogRepo(deps.db).record({
      tenant: input.tenant, flow: 'batch', entityType: 'batch', sourceId: input.batchId, outcome: 'skipped', workflowId: input.workflowId,
      message: `batch ${batchLabel(input.batchId)} ${input.stage}: ${input.attention ?? ''}; nothing more is sent. Vouchers already in 24SevenOffice stay there (ledgerbridge batch show ${input.tenant} ${input.batchId})`,
    });
  }
}

export async function recordApproval(deps: ActivityDeps, input: BatchRef & { by: string; at: string }): Promise<void> {
  await repos(deps).batches.update(input.tenant, input.batchId, { approvedBy: input.by, approvedAt: new Date(input.at) });
  deps.log.info('batch approved', { tenant: input.tenant, batch: input.batchId, by: input.by });
}

export async function remindJournal(deps: ActivityDeps, input: BatchRef & { waiting: number }): Promise<void> {
  const message = `batch ${batchLabel(input.batchId)}: ${input.waiting} voucher(s) still wait in 24SevenOffice's journal; ` +
    'open Accounting → Posting there and press Post on the incoming batch';
  deps.log.warn(message, { tenant: input.tenant, batch: input.batchId, workflowId: input.workflowId });
  await createExportLogRepo(deps.db).record({ tenant: input.tenant, flow: 'batch', entityType: 'batch', sourceId: input.batchId, outcome: 'pending', message, workflowId: input.workflowId });
}

export async function confirmExport(deps: ActivityDeps, input: BatchRef & { vouchers: number }): Promise<{ exportedAt: string }> {
  return withFailures(async () => {
    const telaris = await openSource(deps, input);
    const answer = await telaris.confirmExport(telarisBatchId(input.batchId), input.workflowId);
    const exportedAt = answer.outcome === 'confirmed' ? answer.batch.exportedAt ?? new Date().toISOString() : answer.exportedAt;
    if (answer.outcome === 'alreadyExported' && !answer.ours) {
      deps.log.warn(`Telaris says ${answer.message}; it was marked by someone else, ledgerbridge posted it too`, { tenant: input.tenant, batch: input.batchId });
    }
    const now = new Date();
    await repos(deps).batches.update(input.tenant, input.batchId, {
      exportedAt: new Date(exportedAt), postedAt: input.vouchers > 0 ? now : null,
      stage: input.vouchers > 0 ? 'posted' : 'nothing-to-export', attention: null,
    });
    await createExportLogRepo(deps.db).record({
      tenant: input.tenant, flow: 'batch', entityType: 'batch', sourceId: input.batchId, targetId: null, outcome: 'ok',
      message: input.vouchers > 0 ? `${input.vouchers} vouchers posted and reconciled; marked exported in Telaris` : 'empty batch: nothing to export; marked exported in Telaris',
      workflowId: input.workflowId,
    });
    return { exportedAt };
  });
}

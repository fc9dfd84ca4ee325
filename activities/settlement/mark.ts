/**
 * Where operators look: the report's stage and why it waits. Needing a person and a cancellation get their line in
 * the export log, so `ledgerbridge log <tenant> --flow duell` tells the whole story.
 */
import { createExportLogRepo, createSettlementRepo, type SettlementStage } from '../../db/repos';
import { settlementKey } from '../../domain/settlement/voucher';
import type { ActivityDeps } from '../deps';
import { FLOW, type SettlementRef } from './context';

export async function recordSettlementStage(deps: ActivityDeps, ref: SettlementRef & { date: string; stage: string; attention: string | null }): Promise<void> {
  const rows = createSettlementRepo(deps.db);
  const stage = ref.stage as SettlementStage;
  const known = await rows.find(ref.tenant, ref.departmentId, ref.zNumber);
  // A posted report stays posted: it is the department's progress, and its row the series' memory.
  if (known?.stage === 'posted') return;
  if (known) await rows.update(ref.tenant, ref.departmentId, ref.zNumber, { stage, attention: ref.attention, workflowId: ref.workflowId });
  // Not read from DUELL yet (it needs a person before that): its hash is unknown, and the run never counts it posted.
  else await rows.save(ref.tenant, ref.departmentId, ref.zNumber, { stage, date: ref.date, contentHash: '', attention: ref.attention, workflowId: ref.workflowId });
  if (stage !== 'cancelled' && stage !== 'needs-attention') return;
  const what = `Z ${ref.zNumber} of department ${ref.departmentId} (${known?.date ?? ref.date})`;
  await createExportLogRepo(deps.db).record({
    tenant: ref.tenant, flow: FLOW, entityType: 'z-report', sourceId: settlementKey({ departmentId: ref.departmentId, number: ref.zNumber }), workflowId: ref.workflowId,
    ...(stage === 'cancelled'
      ? { outcome: 'skipped', message: `${what} cancelled: ${ref.attention ?? ''}; not posted, so the department's next run takes it again (and holds the later reports until it is posted)` }
      : { outcome: 'failed', message: `${what} needs attention: ${ref.attention ?? ''}; the next run retries it once fixed` }),
  });
}

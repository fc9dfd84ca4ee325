/** A matching run's line in the export log: the counts an operator reads in `ledgerbridge log`. */
import { createExportLogRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import type { MatchingRef } from './context';

export interface MatchingSummary {
  scope: 'all' | 'suppliers' | 'transactions';
  suppliers?: number;
  lines: number;
  transactions: { added: number; changed: number; pushed: number; withoutSupplier: number };
  orders?: { open: number; closed: number };
  matched?: { 'auto-matched': number; ambiguous: number; unmatched: number; fixed: number };
  records?: { pushed: number; refused: number };
  orderWarnings: string[];
}

export function summaryText(tenant: string, s: MatchingSummary): string {
  const parts = [
    s.suppliers !== undefined && `${s.suppliers} suppliers`,
    `${s.lines} ledger lines read, ${s.transactions.added} new and ${s.transactions.changed} changed transactions, ${s.transactions.pushed} sent to CostTracker`,
    s.transactions.withoutSupplier > 0 && `${s.transactions.withoutSupplier} vouchers without a supplier`,
    s.orders && `${s.orders.open} open POs`,
    s.matched && `${s.matched['auto-matched']} auto-matched, ${s.matched.ambiguous} ambiguous, ${s.matched.unmatched} unmatched`,
    s.records && `${s.records.pushed} match records sent${s.records.refused ? `, ${s.records.refused} refused (ledgerbridge log ${tenant} --flow matching)` : ''}`,
    ...s.orderWarnings,
  ];
  return `Matching run of ${tenant} (${s.scope}): ${parts.filter(Boolean).join('; ')}`;
}

export async function recordMatchingSummary(deps: ActivityDeps, input: MatchingRef & { summary: MatchingSummary }): Promise<string> {
  const message = summaryText(input.tenant, input.summary);
  await createExportLogRepo(deps.db).record({
    tenant: input.tenant, flow: 'matching', entityType: 'run', sourceId: input.workflowId, workflowId: input.workflowId,
    outcome: input.summary.records?.refused ? 'warning' : 'ok', message,
  });
  return message;
}

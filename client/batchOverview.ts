/**
 * Which of a month's batches still need something: Telaris knows which batches exist (open, closed, exported),
 * our batches table knows how far each export went. One row per batch, with the command that moves it on.
 */
import type { Batch as TelarisBatch, OpenBatch } from '../connectors/telaris';
import type { Batch as StoredBatch } from '../db/repos';
import type { BatchStage } from '../db/schemaTypes';
import { batchLabel } from '../domain/batch/flow';

export type BatchState =
  | 'open' | 'closed' | 'exported' | 'exporting' | 'needs attention' | 'awaiting approval' | 'in journal'
  | 'posted' | 'nothing to export' | 'rejected' | 'cancelled';

export interface BatchOverview {
  /** Undefined for the open batch: it has no number until it is closed. */
  batchId?: string;
  label: string;
  state: BatchState;
  /** Our workflow's stage, when ledgerbridge has exported (or is exporting) the batch. */
  stage?: BatchStage;
  documents: number;
  debitMinor: number;
  closedAt?: string;
  exportedAt?: string;
  attention?: string;
  next?: string;
}

const STAGE_STATE: Record<BatchStage, BatchState> = {
  staging: 'exporting', preflight: 'exporting', sending: 'exporting', reconciling: 'exporting',
  'needs-attention': 'needs attention', 'awaiting-approval': 'awaiting approval', 'in-journal': 'in journal',
  posted: 'posted', 'nothing-to-export': 'nothing to export', rejected: 'rejected', cancelled: 'cancelled',
};

export function stateOfStage(stage: BatchStage): BatchState {
  return STAGE_STATE[stage];
}

/** The exact command that moves a batch on, or undefined when nothing is left to do. */
export function nextCommand(tenant: string, batchId: string | undefined, state: BatchState): string | undefined {
  switch (state) {
    case 'open':
      return `ledgerbridge batch close ${tenant}`;
    case 'closed':
    case 'rejected':
    case 'cancelled':
      return `ledgerbridge batch export ${tenant} ${batchId}`;
    case 'awaiting approval':
      return `ledgerbridge batch approve ${tenant} ${batchId} --by <your name>`;
    case 'needs attention':
    case 'exporting':
    case 'in journal':
      return `ledgerbridge batch show ${tenant} ${batchId}`;
    default:
      return undefined;
  }
}

/** The open batch first, then the month's batches by number, each with our state where we have one. */
export function batchOverview(tenant: string, open: OpenBatch | undefined, closed: TelarisBatch[], stored: StoredBatch[]): BatchOverview[] {
  const ours = new Map(stored.map((b) => [b.batchId, b]));
  const rows: BatchOverview[] = [];
  if (open) {
    rows.push({ label: 'open', state: 'open', documents: open.documentCount, debitMinor: open.totals.debit, next: open.documentCount > 0 ? nextCommand(tenant, undefined, 'open') : undefined });
  }
  for (const b of [...closed].sort((x, y) => x.sequence - y.sequence)) {
    const row = ours.get(b.id);
    const state: BatchState = row ? stateOfStage(row.stage) : b.status === 'exported' ? 'exported' : 'closed';
    rows.push({
      batchId: b.id, label: b.label || batchLabel(b.id), state, stage: row?.stage, documents: b.documentCount, debitMinor: b.totals.debit,
      closedAt: b.closedAt, exportedAt: row?.exportedAt?.toISOString() ?? b.exportedAt, attention: row?.attention ?? undefined,
      next: nextCommand(tenant, b.id, state),
    });
  }
  return rows;
}

/**
 * The export log: one row per entity transfer attempt, the first place an operator looks when "the batch did
 * not appear". Written by activities, read by the CLI (`ledgerbridge log`) newest first.
 */
import { and, desc, eq } from 'drizzle-orm';
import { metrics } from '../../platform/metrics';
import type { Db } from '../index';
import { exportLog, type ExportOutcome } from '../schema';

export interface ExportLogEntry {
  tenant: string;
  /** A domain Flow ('batch', 'settlement' …). */
  flow: string;
  /** What moved: 'voucher', 'invoice', 'order', 'product' … */
  entityType: string;
  sourceId: string;
  targetId?: string | null;
  outcome: ExportOutcome;
  /** One sentence for an operator; never secrets. */
  message?: string;
  attempt?: number;
  workflowId?: string | null;
}

export type ExportLogRow = typeof exportLog.$inferSelect;

export interface ExportLogQuery {
  tenant: string;
  flow?: string;
  outcome?: ExportOutcome;
  sourceId?: string;
  /** Default 50. */
  limit?: number;
}

export interface ExportLogRepo {
  /** Returns the row id. */
  record(entry: ExportLogEntry): Promise<number>;
  /** A chunk's outcomes in one statement. */
  recordAll(entries: ExportLogEntry[]): Promise<void>;
  /** Newest first. */
  list(query: ExportLogQuery): Promise<ExportLogRow[]>;
}

export function createExportLogRepo(db: Db): ExportLogRepo {
  return {
    async record(entry) {
      const [row] = await db.insert(exportLog).values(toRow(entry)).returning({ id: exportLog.id });
      countFailures([entry]);
      return row!.id;
    },

    async recordAll(entries) {
      if (entries.length > 0) await db.insert(exportLog).values(entries.map(toRow));
      countFailures(entries);
    },

    async list({ tenant, flow, outcome, sourceId, limit = 50 }) {
      return db
        .select()
        .from(exportLog)
        .where(
          and(
            eq(exportLog.tenantId, tenant),
            flow === undefined ? undefined : eq(exportLog.flow, flow),
            outcome === undefined ? undefined : eq(exportLog.outcome, outcome),
            sourceId === undefined ? undefined : eq(exportLog.sourceId, sourceId),
          ),
        )
        .orderBy(desc(exportLog.at), desc(exportLog.id))
        .limit(limit);
    },
  };
}

/**
 * Every flow's failed transfers are counted here, where they are recorded. Inside a transaction that is later
 * rolled back a failure is counted that the log does not keep: rare, and on the side of an alert.
 */
function countFailures(entries: ExportLogEntry[]): void {
  for (const { tenant, flow, outcome } of entries) if (outcome === 'failed') metrics.exportLogFailures.add(1, { tenant, flow });
}

function toRow(entry: ExportLogEntry): typeof exportLog.$inferInsert {
  const { tenant, ...rest } = entry;
  return { ...rest, tenantId: tenant };
}

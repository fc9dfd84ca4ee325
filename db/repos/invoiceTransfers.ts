/**
 * Severa invoices on their way to Talenom (invoice_transfers): written by the invoice-transfer activities, read
 * by `ledgerbridge invoices list | show`. An invoice is named by its Severa guid or, for people, its number.
 */
import { and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { invoiceTransfers, type InvoiceStage } from '../schema';

export type InvoiceTransfer = typeof invoiceTransfers.$inferSelect;
export type InvoiceTransferPatch = Partial<Omit<InvoiceTransfer, 'tenantId' | 'invoiceGuid' | 'createdAt' | 'updatedAt'>>;

export interface InvoiceTransferQuery {
  stage?: InvoiceStage;
  /** Any of these stages ("transferring" is preparing, sending and marking). */
  stages?: InvoiceStage[];
  /** Only invoices with an anomaly (moved to Transferred by hand, changed after the transfer). */
  anomalies?: boolean;
  limit?: number;
}

export interface InvoiceTransferRepo {
  /** Creates the row with `stage` or updates the given fields. */
  save(tenant: string, invoiceGuid: string, patch: InvoiceTransferPatch & { stage: InvoiceStage }): Promise<void>;
  update(tenant: string, invoiceGuid: string, patch: InvoiceTransferPatch): Promise<void>;
  /** By guid, or by invoice number. */
  find(tenant: string, invoice: string): Promise<InvoiceTransfer | undefined>;
  list(tenant: string, query?: InvoiceTransferQuery): Promise<InvoiceTransfer[]>;
  counts(tenant: string): Promise<Record<string, number>>;
}

export function createInvoiceTransferRepo(db: Db): InvoiceTransferRepo {
  const one = (tenant: string, guid: string) => and(eq(invoiceTransfers.tenantId, tenant), eq(invoiceTransfers.invoiceGuid, guid));
  return {
    async save(tenant, invoiceGuid, patch) {
      await db.insert(invoiceTransfers).values({ tenantId: tenant, invoiceGuid, ...patch })
        .onConflictDoUpdate({ target: [invoiceTransfers.tenantId, invoiceTransfers.invoiceGuid], set: { ...patch, updatedAt: new Date() } });
    },

    async update(tenant, invoiceGuid, patch) {
      await db.update(invoiceTransfers).set({ ...patch, updatedAt: new Date() }).where(one(tenant, invoiceGuid));
    },

    async find(tenant, invoice) {
      const [row] = await db.select().from(invoiceTransfers)
        .where(and(eq(invoiceTransfers.tenantId, tenant), or(eq(invoiceTransfers.invoiceGuid, invoice), eq(invoiceTransfers.number, invoice))))
        .orderBy(desc(invoiceTransfers.updatedAt)).limit(1);
      return row;
    },

    async list(tenant, { stage, stages, anomalies, limit = 200 } = {}) {
      return db.select().from(invoiceTransfers)
        .where(and(
          eq(invoiceTransfers.tenantId, tenant),
          stage ? eq(invoiceTransfers.stage, stage) : undefined,
          stages ? inArray(invoiceTransfers.stage, stages) : undefined,
          anomalies ? isNotNull(invoiceTransfers.anomaly) : undefined,
        ))
        .orderBy(asc(invoiceTransfers.stage), desc(invoiceTransfers.updatedAt))
        .limit(limit);
    },

    async counts(tenant) {
      const rows = await db.select({ stage: invoiceTransfers.stage, n: sql<number>`count(*)::int` }).from(invoiceTransfers)
        .where(eq(invoiceTransfers.tenantId, tenant)).groupBy(invoiceTransfers.stage);
      return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
    },
  };
}

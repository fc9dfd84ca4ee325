/**
 * Supplier invoices received in CostTracker on their way to 24SevenOffice (supplier_invoice_postings): written by
 * the post-mode activities, read by the CLI. An invoice is named by CostTracker's id or, for people, the
 * supplier's invoice number.
 */
import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { supplierInvoicePostings, type SupplierPostingStage } from '../schema';

export type SupplierInvoicePosting = typeof supplierInvoicePostings.$inferSelect;
export type SupplierInvoicePostingPatch = Partial<Omit<SupplierInvoicePosting, 'tenantId' | 'invoiceId' | 'createdAt' | 'updatedAt'>>;

export interface SupplierInvoicePostingRepo {
  /** Creates the row with `stage` or updates the given fields. */
  save(tenant: string, invoiceId: string, patch: SupplierInvoicePostingPatch & { stage: SupplierPostingStage }): Promise<void>;
  update(tenant: string, invoiceId: string, patch: SupplierInvoicePostingPatch): Promise<void>;
  /** By CostTracker id, or by the supplier's invoice number (the latest touched when several suppliers share one). */
  find(tenant: string, invoice: string): Promise<SupplierInvoicePosting | undefined>;
  list(tenant: string, query?: { stage?: SupplierPostingStage; limit?: number }): Promise<SupplierInvoicePosting[]>;
  counts(tenant: string): Promise<Record<string, number>>;
}

export function createSupplierInvoicePostingRepo(db: Db): SupplierInvoicePostingRepo {
  const t = supplierInvoicePostings;
  const one = (tenant: string, id: string) => and(eq(t.tenantId, tenant), eq(t.invoiceId, id));
  return {
    async save(tenant, invoiceId, patch) {
      await db.insert(t).values({ tenantId: tenant, invoiceId, ...patch })
        .onConflictDoUpdate({ target: [t.tenantId, t.invoiceId], set: { ...patch, updatedAt: new Date() } });
    },

    async update(tenant, invoiceId, patch) {
      await db.update(t).set({ ...patch, updatedAt: new Date() }).where(one(tenant, invoiceId));
    },

    async find(tenant, invoice) {
      const [row] = await db.select().from(t)
        .where(and(eq(t.tenantId, tenant), or(eq(t.invoiceId, invoice), eq(t.invoiceNumber, invoice))))
        // The id itself first: a number that happens to equal another invoice's id must not hide it.
        .orderBy(sql`${t.invoiceId} = ${invoice} desc`, desc(t.updatedAt)).limit(1);
      return row;
    },

    async list(tenant, { stage, limit = 200 } = {}) {
      return db.select().from(t)
        .where(and(eq(t.tenantId, tenant), stage ? eq(t.stage, stage) : undefined))
        .orderBy(desc(t.updatedAt)).limit(limit);
    },

    async counts(tenant) {
      const rows = await db.select({ stage: t.stage, n: sql<number>`count(*)::int` }).from(t).where(eq(t.tenantId, tenant)).groupBy(t.stage);
      return Object.fromEntries(rows.map((r) => [r.stage, Number(r.n)]));
    },
  };
}

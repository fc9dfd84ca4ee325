/**
 * CostTracker's purchase orders as the last matching run read them (matching_orders): replaced whole by each run,
 * read by the cascade and by the validation of a manual match. A PO number may come twice (CostTracker allows it;
 * the cascade warns and leaves both out of the PO-number rules), so rows are keyed by their place in the read.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { MatchOrder } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import type { Db } from '../index';
import { matchingOrders } from '../schema';
import { eachChunk, recordset } from './bulk';

export interface MatchingOrderRepo {
  replace(tenant: string, orders: readonly MatchOrder[]): Promise<void>;
  all(tenant: string): Promise<MatchOrder[]>;
  byNumber(tenant: string, number: string): Promise<MatchOrder[]>;
}

const COLUMNS = 'seq int, number text, supplier text, project text, department text, amount_minor bigint, invoiced_minor bigint, currency text, status text';

export function createMatchingOrderRepo(db: Db): MatchingOrderRepo {
  return {
    async replace(tenant, orders) {
      await db.transaction(async (tx) => {
        await tx.delete(matchingOrders).where(eq(matchingOrders.tenantId, tenant));
        const rows = orders.map((o, seq) => ({
          seq, number: o.number, supplier: o.supplier, project: o.project ?? null, department: o.department ?? null,
          amount_minor: o.amount, invoiced_minor: o.invoiced, currency: o.currency, status: o.status,
        }));
        await eachChunk(rows, async (chunk) => {
          await tx.execute(sql`insert into matching_orders (tenant_id, seq, number, supplier, project, department, amount_minor, invoiced_minor, currency, status)
            select ${tenant}, x.* from ${recordset(chunk, COLUMNS)}`);
        });
      });
    },

    async all(tenant) {
      const rows = await db.select().from(matchingOrders).where(eq(matchingOrders.tenantId, tenant)).orderBy(matchingOrders.seq);
      return rows.map(fromRow);
    },

    async byNumber(tenant, number) {
      const rows = await db.select().from(matchingOrders).where(and(eq(matchingOrders.tenantId, tenant), eq(matchingOrders.number, number)));
      return rows.map(fromRow);
    },
  };
}

function fromRow(r: typeof matchingOrders.$inferSelect): MatchOrder {
  return {
    number: r.number, supplier: r.supplier, amount: Number(r.amountMinor) as Minor, invoiced: Number(r.invoicedMinor) as Minor, currency: r.currency,
    status: r.status as MatchOrder['status'],
    ...(r.project != null && { project: r.project }), ...(r.department != null && { department: r.department }),
  };
}

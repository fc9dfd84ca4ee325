/**
 * The tenant-wide voucher-number allocator (TransactionNo in 24SevenOffice). Numbers are drawn per number series
 * (EntrySeriesId) and fiscal year, whichever flow draws them: a Telaris batch and a DUELL settlement in the same
 * series never get the same number. 24SevenOffice does not reserve numbers (API doc §4, Numbering), so the
 * allocator is the one place that hands them out for this tenant, never below what 24SevenOffice reports.
 *
 * Drawing is one transaction: the UPSERT on number_series locks the series row until the numbers and their
 * owners are written, and voucher_numbers' primary key makes a number unique in the schema. Drawing again for an
 * owner that holds a number returns the same one, so a retried activity burns nothing.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { numberSeries, voucherNumbers } from '../schema';

export interface Series {
  entrySeriesId: number;
  year: number;
}

export interface VoucherNumberRepo {
  /**
   * A number for each owner (a document's business identity) in one series and year: the ones it holds already,
   * fresh consecutive ones for the rest, never below `floor` (24SevenOffice's next number, GetEntryId).
   */
  draw(tenant: string, series: Series, owners: string[], floor: number): Promise<Map<string, number>>;
  /** The owners' numbers are taken in the target by someone else: burn them, so the next draw gives new ones. */
  burn(tenant: string, owners: string[], because: string): Promise<number>;
  /** Who holds this number (burnt or not), for error messages. */
  holder(tenant: string, series: Series, transactionNo: number): Promise<{ owner: string; burnt: boolean } | undefined>;
}

const SLICE = 1000;

export function createVoucherNumberRepo(db: Db): VoucherNumberRepo {
  const inSeries = (tenant: string, s: Series) =>
    and(eq(voucherNumbers.tenantId, tenant), eq(voucherNumbers.entrySeriesId, s.entrySeriesId), eq(voucherNumbers.year, s.year));

  return {
    async draw(tenant, series, owners, floor) {
      return db.transaction(async (tx) => {
        const held = new Map<string, number>();
        for (let i = 0; i < owners.length; i += SLICE) {
          const rows = await tx.select({ owner: voucherNumbers.owner, no: voucherNumbers.transactionNo }).from(voucherNumbers)
            .where(and(inSeries(tenant, series), inArray(voucherNumbers.owner, owners.slice(i, i + SLICE)), isNull(voucherNumbers.burntAt)));
          for (const r of rows) held.set(r.owner, r.no);
        }
        const fresh = [...new Set(owners)].filter((o) => !held.has(o));
        if (fresh.length === 0) return held;
        const [range] = await tx.insert(numberSeries)
          .values({ tenantId: tenant, entrySeriesId: series.entrySeriesId, year: series.year, nextNo: floor + fresh.length })
          .onConflictDoUpdate({
            target: [numberSeries.tenantId, numberSeries.entrySeriesId, numberSeries.year],
            set: { nextNo: sql`greatest(${numberSeries.nextNo}, ${floor}::int) + ${fresh.length}::int`, updatedAt: sql`now()` },
          })
          .returning({ next: numberSeries.nextNo });
        const first = range!.next - fresh.length;
        const drawn = fresh.map((owner, i) => ({ tenantId: tenant, ...series, transactionNo: first + i, owner }));
        for (let i = 0; i < drawn.length; i += SLICE) await tx.insert(voucherNumbers).values(drawn.slice(i, i + SLICE));
        for (const d of drawn) held.set(d.owner, d.transactionNo);
        return held;
      });
    },

    async burn(tenant, owners, because) {
      let burnt = 0;
      for (let i = 0; i < owners.length; i += SLICE) {
        const rows = await db.update(voucherNumbers).set({ burntAt: new Date(), burntBecause: because })
          .where(and(eq(voucherNumbers.tenantId, tenant), inArray(voucherNumbers.owner, owners.slice(i, i + SLICE)), isNull(voucherNumbers.burntAt)))
          .returning({ no: voucherNumbers.transactionNo });
        burnt += rows.length;
      }
      return burnt;
    },

    async holder(tenant, series, transactionNo) {
      const [row] = await db.select({ owner: voucherNumbers.owner, burntAt: voucherNumbers.burntAt }).from(voucherNumbers)
        .where(and(inSeries(tenant, series), eq(voucherNumbers.transactionNo, transactionNo)));
      return row && { owner: row.owner, burnt: row.burntAt !== null };
    },
  };
}

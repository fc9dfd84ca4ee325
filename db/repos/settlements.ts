/**
 * DUELL Z-reports on their way to 24SevenOffice (settlements): written by the settlement activities, read by the
 * run (a department's progress and its series) and the CLI.
 */
import { and, asc, desc, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { settlements, type SettlementStage } from '../schema';

export type Settlement = typeof settlements.$inferSelect;
export type { SettlementStage };
export type SettlementPatch = Partial<Omit<Settlement, 'tenantId' | 'departmentId' | 'zNumber' | 'createdAt' | 'updatedAt'>>;

export interface SettlementRepo {
  /** Creates the row or updates the given fields. */
  save(tenant: string, departmentId: string, zNumber: number, patch: SettlementPatch & { stage: SettlementStage; date: string; contentHash: string }): Promise<void>;
  update(tenant: string, departmentId: string, zNumber: number, patch: SettlementPatch): Promise<void>;
  find(tenant: string, departmentId: string, zNumber: number): Promise<Settlement | undefined>;
  /** The highest Z number posted in the department: the next run reads DUELL after it. */
  lastPosted(tenant: string, departmentId: string): Promise<number | undefined>;
  /** The department's posted reports (number and content hash), for the series check. */
  posted(tenant: string, departmentId: string): Promise<{ number: number; hash: string }[]>;
  list(tenant: string, query?: { departmentId?: string; stage?: SettlementStage; limit?: number }): Promise<Settlement[]>;
}

export function createSettlementRepo(db: Db): SettlementRepo {
  const t = settlements;
  const one = (tenant: string, dept: string, n: number) => and(eq(t.tenantId, tenant), eq(t.departmentId, dept), eq(t.zNumber, n));
  const postedIn = (tenant: string, dept: string) => and(eq(t.tenantId, tenant), eq(t.departmentId, dept), eq(t.stage, 'posted'));
  return {
    async save(tenant, departmentId, zNumber, patch) {
      await db.insert(t).values({ tenantId: tenant, departmentId, zNumber, ...patch })
        .onConflictDoUpdate({ target: [t.tenantId, t.departmentId, t.zNumber], set: { ...patch, updatedAt: new Date() } });
    },
    async update(tenant, departmentId, zNumber, patch) {
      await db.update(t).set({ ...patch, updatedAt: new Date() }).where(one(tenant, departmentId, zNumber));
    },
    async find(tenant, departmentId, zNumber) {
      const [row] = await db.select().from(t).where(one(tenant, departmentId, zNumber));
      return row;
    },
    async lastPosted(tenant, departmentId) {
      const [row] = await db.select({ n: max(t.zNumber) }).from(t).where(postedIn(tenant, departmentId));
      return row?.n ?? undefined;
    },
    async posted(tenant, departmentId) {
      const rows = await db.select({ number: t.zNumber, hash: t.contentHash }).from(t).where(postedIn(tenant, departmentId)).orderBy(asc(t.zNumber));
      return rows;
    },
    async list(tenant, { departmentId, stage, limit = 200 } = {}) {
      return db.select().from(t)
        .where(and(eq(t.tenantId, tenant), departmentId ? eq(t.departmentId, departmentId) : undefined, stage ? eq(t.stage, stage) : undefined))
        .orderBy(desc(t.updatedAt), sql`${t.zNumber} desc`).limit(limit);
    },
  };
}

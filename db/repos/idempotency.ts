/**
 * Idempotency keys make every write to an external system happen once (design principle 3). Before sending,
 * an activity reserves the key built from business identity (tenant, system, document); exactly one caller
 * acquires it, however many workers race. The states:
 *
 *   reserved  → about to send; a crash here leaves the outcome unknown
 *   sent      → the request went out; the outcome may still be unknown (timeout, lost response)
 *   confirmed → the target has it, under externalId: never send again
 *   failed    → the target certainly did NOT apply it (it refused, or we never sent): the key may be acquired again
 *
 * Whoever finds a key reserved or sent by an earlier attempt must look the document up in the target before
 * sending, never send blindly. Call fail() only when the target's answer proves nothing was written.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SystemName } from '../../connectors/types';
import type { Db } from '../index';
import { idempotency, type IdempotencyState } from '../schema';

export type IdempotencyRecord = typeof idempotency.$inferSelect;

export interface Reservation {
  /** True for exactly one caller: it owns the key and sends. False: `record` is an earlier attempt's. */
  acquired: boolean;
  record: IdempotencyRecord;
}

export interface IdempotencyRepo {
  /**
   * Atomic: one INSERT … ON CONFLICT; a key whose earlier attempt failed is taken over in the same statement.
   * `requestHash` (a hash of the payload) lets the caller tell "same document again" from "key reused for
   * different content".
   */
  reserve(tenant: string, system: SystemName, key: string, requestHash?: string): Promise<Reservation>;
  get(tenant: string, system: SystemName, key: string): Promise<IdempotencyRecord | undefined>;
  markSent(tenant: string, system: SystemName, key: string): Promise<void>;
  confirm(tenant: string, system: SystemName, key: string, externalId: string): Promise<void>;
  fail(tenant: string, system: SystemName, key: string): Promise<void>;
}

export function createIdempotencyRepo(db: Db): IdempotencyRepo {
  const one = (tenant: string, system: SystemName, key: string) =>
    and(eq(idempotency.tenantId, tenant), eq(idempotency.system, system), eq(idempotency.key, key));

  const get = async (tenant: string, system: SystemName, key: string) => {
    const [row] = await db.select().from(idempotency).where(one(tenant, system, key));
    return row;
  };

  const moveTo = async (tenant: string, system: SystemName, key: string, state: IdempotencyState, externalId?: string) => {
    const updated = await db
      .update(idempotency)
      .set({ state, updatedAt: sql`now()`, ...(externalId === undefined ? {} : { externalId }) })
      .where(one(tenant, system, key))
      .returning({ key: idempotency.key });
    if (updated.length === 0) {
      throw new Error(`idempotency key ${key} of tenant ${tenant} for ${system} was never reserved: reserve() it before sending`);
    }
  };

  return {
    async reserve(tenant, system, key, requestHash) {
      // Under READ COMMITTED a racing second INSERT waits for the first to commit, then sees the row: the
      // update's WHERE is re-checked against it, so only one caller gets a row back.
      const [won] = await db
        .insert(idempotency)
        .values({ tenantId: tenant, system, key, state: 'reserved', requestHash: requestHash ?? null })
        .onConflictDoUpdate({
          target: [idempotency.tenantId, idempotency.system, idempotency.key],
          set: { state: 'reserved', requestHash: requestHash ?? null, externalId: null, updatedAt: sql`now()` },
          setWhere: sql`${idempotency.state} = 'failed'`,
        })
        .returning();
      if (won) return { acquired: true, record: won };
      const existing = await get(tenant, system, key);
      if (!existing) throw new Error(`idempotency key ${key} of tenant ${tenant} for ${system} vanished while reserving it`);
      return { acquired: false, record: existing };
    },

    get,
    markSent: (tenant, system, key) => moveTo(tenant, system, key, 'sent'),
    confirm: (tenant, system, key, externalId) => moveTo(tenant, system, key, 'confirmed', externalId),
    fail: (tenant, system, key) => moveTo(tenant, system, key, 'failed'),
  };
}

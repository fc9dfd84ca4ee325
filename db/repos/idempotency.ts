/**
 * The durable record behind exactly-once writes (design principle 3; the protocol is activities/exactlyOnce.ts).
 * One row per document and target system, keyed by the document's business identity, never by its position:
 *
 *   reserved  → about to be sent; nothing has gone out yet
 *   sent      → the request went out and its outcome is unknown (timeout, lost answer, a crash)
 *   confirmed → the target has it, exactly as `requestHash` says: never send it again
 *   refused   → the target certainly applied nothing of it: the key may be taken again, and it never reads as ours
 *
 * `requestHash` is written before the request goes out, so "the same document again" is told from "the key
 * reused for other content". Bulk calls take a whole SaveBundleList's documents in a few statements.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SystemName } from '../../connectors/types';
import type { Db } from '../index';
import { idempotency } from '../schema';

export type IdempotencyRecord = typeof idempotency.$inferSelect;

export interface Reservation {
  /** True when this caller took the key (new, or refused before); false: `record` is an earlier attempt's. */
  acquired: boolean;
  record: IdempotencyRecord;
}

export interface IdempotencyRepo {
  /** Atomic per key: one INSERT … ON CONFLICT takes new keys and refused ones; the rest come back as they are. */
  reserveAll(tenant: string, system: SystemName, items: { key: string; requestHash: string }[]): Promise<Map<string, Reservation>>;
  reserve(tenant: string, system: SystemName, key: string, requestHash: string): Promise<Reservation>;
  get(tenant: string, system: SystemName, key: string): Promise<IdempotencyRecord | undefined>;
  /** The records of these keys (absent ones are left out). */
  getAll(tenant: string, system: SystemName, keys: string[]): Promise<IdempotencyRecord[]>;
  /** Just before the request goes out: from here on its outcome is unknown until confirmed or refused. */
  markSent(tenant: string, system: SystemName, items: { key: string; requestHash: string }[]): Promise<void>;
  confirm(tenant: string, system: SystemName, items: { key: string; externalId: string }[], detail: string): Promise<void>;
  /**
   * An operator saw the target holding this content under a key confirmed with other content (they corrected the
   * target by hand): from now on the key is confirmed as this request.
   */
  reconfirm(tenant: string, system: SystemName, key: string, requestHash: string, detail: string): Promise<void>;
  /** Only when the target's answer proves nothing of these was applied. */
  refuse(tenant: string, system: SystemName, keys: string[], detail: string): Promise<void>;
}

/** Bound on the keys in one statement: a 20 000-voucher batch is a few round trips, never 20 000. */
const SLICE = 1000;

export function createIdempotencyRepo(db: Db): IdempotencyRepo {
  const ofTenant = (tenant: string, system: SystemName) => and(eq(idempotency.tenantId, tenant), eq(idempotency.system, system));

  const get = async (tenant: string, system: SystemName, key: string) => {
    const [row] = await db.select().from(idempotency).where(and(ofTenant(tenant, system), eq(idempotency.key, key)));
    return row;
  };

  const eachSlice = async <T>(items: T[], body: (slice: T[]) => Promise<void>) => {
    for (let i = 0; i < items.length; i += SLICE) await body(items.slice(i, i + SLICE));
  };

  const reserveAll: IdempotencyRepo['reserveAll'] = async (tenant, system, items) => {
    const result = new Map<string, Reservation>();
    await eachSlice(items, async (slice) => {
      // Under READ COMMITTED a racing INSERT waits for the first to commit, then re-checks the WHERE against
      // the committed row: a key is acquired by one caller only.
      const won = await db
        .insert(idempotency)
        .values(slice.map((i) => ({ tenantId: tenant, system, key: i.key, state: 'reserved' as const, requestHash: i.requestHash })))
        .onConflictDoUpdate({
          target: [idempotency.tenantId, idempotency.system, idempotency.key],
          set: { state: 'reserved', requestHash: sql`excluded.request_hash`, externalId: null, detail: null, updatedAt: sql`now()` },
          setWhere: sql`${idempotency.state} = 'refused'`,
        })
        .returning();
      for (const record of won) result.set(record.key, { acquired: true, record });
      const others = slice.filter((i) => !result.has(i.key)).map((i) => i.key);
      if (others.length === 0) return;
      const rows = await db.select().from(idempotency).where(and(ofTenant(tenant, system), inArray(idempotency.key, others)));
      for (const record of rows) result.set(record.key, { acquired: false, record });
    });
    for (const i of items) {
      if (!result.has(i.key)) throw new Error(`idempotency key ${i.key} of tenant ${tenant} for ${system} vanished while reserving it`);
    }
    return result;
  };

  return {
    reserveAll,
    async reserve(tenant, system, key, requestHash) {
      return (await reserveAll(tenant, system, [{ key, requestHash }])).get(key)!;
    },
    get,
    async getAll(tenant, system, keys) {
      const rows: IdempotencyRecord[] = [];
      for (let i = 0; i < keys.length; i += SLICE) {
        rows.push(...await db.select().from(idempotency).where(and(ofTenant(tenant, system), inArray(idempotency.key, keys.slice(i, i + SLICE)))));
      }
      return rows;
    },
    async markSent(tenant, system, items) {
      await eachSlice(items, async (slice) => {
        const rows = sql.join(slice.map((i) => sql`(${i.key}, ${i.requestHash})`), sql`, `);
        const updated = await db.execute(sql`update idempotency as i set state = 'sent', request_hash = n.hash, sends = i.sends + 1, updated_at = now()
          from (values ${rows}) as n(key, hash)
          where i.tenant_id = ${tenant} and i.system = ${system} and i.key = n.key and i.state <> 'confirmed'
          returning i.key`);
        const count = Array.isArray(updated) ? updated.length : (updated as { rows: unknown[] }).rows.length;
        if (count !== slice.length) {
          throw new Error(`tenant ${tenant}, ${system}: ${slice.length - count} of ${slice.length} idempotency keys were not reserved (or were confirmed meanwhile): reserve them before sending`);
        }
      });
    },
    async confirm(tenant, system, items, detail) {
      await eachSlice(items, async (slice) => {
        const rows = sql.join(slice.map((i) => sql`(${i.key}, ${i.externalId})`), sql`, `);
        await db.execute(sql`update idempotency as i set state = 'confirmed', external_id = n.external_id, detail = ${detail}, updated_at = now()
          from (values ${rows}) as n(key, external_id)
          where i.tenant_id = ${tenant} and i.system = ${system} and i.key = n.key`);
      });
    },
    async reconfirm(tenant, system, key, requestHash, detail) {
      await db.update(idempotency).set({ requestHash, detail, updatedAt: sql`now()` })
        .where(and(ofTenant(tenant, system), eq(idempotency.key, key), eq(idempotency.state, 'confirmed')));
    },
    async refuse(tenant, system, keys, detail) {
      await eachSlice(keys, async (slice) => {
        await db.update(idempotency).set({ state: 'refused', detail, updatedAt: sql`now()` })
          .where(and(ofTenant(tenant, system), inArray(idempotency.key, slice), sql`${idempotency.state} <> 'confirmed'`));
      });
    },
  };
}

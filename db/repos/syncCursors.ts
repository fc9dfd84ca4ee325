/** Where each incremental sync left off (e.g. 24SevenOffice → Rackbeat "changed since"), per tenant, system and stream. */
import { and, eq, sql } from 'drizzle-orm';
import type { SystemName } from '../../connectors/types';
import type { Db } from '../index';
import { syncCursors } from '../schema';

export interface SyncCursorRepo {
  get(tenant: string, system: SystemName, stream: string): Promise<string | undefined>;
  set(tenant: string, system: SystemName, stream: string, cursor: string): Promise<void>;
}

export function createSyncCursorRepo(db: Db): SyncCursorRepo {
  return {
    async get(tenant, system, stream) {
      const [row] = await db
        .select({ cursor: syncCursors.cursor })
        .from(syncCursors)
        .where(and(eq(syncCursors.tenantId, tenant), eq(syncCursors.system, system), eq(syncCursors.stream, stream)));
      return row?.cursor;
    },

    async set(tenant, system, stream, cursor) {
      await db
        .insert(syncCursors)
        .values({ tenantId: tenant, system, stream, cursor })
        .onConflictDoUpdate({
          target: [syncCursors.tenantId, syncCursors.system, syncCursors.stream],
          set: { cursor, updatedAt: sql`now()` },
        });
    },
  };
}

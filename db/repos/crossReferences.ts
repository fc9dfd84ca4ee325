/**
 * Id cross-references the engine writes as it syncs: Telaris customer 10001 is company 501 in 24SevenOffice.
 * Apart from the operator's mappings (mappings.ts), looked up both ways (Rackbeat ↔ 24SevenOffice writes on both
 * sides), and unique both ways: one target id belongs to one source id per entity.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../index';
import { crossReferences } from '../schema';
import type { Route } from './mappings';

export interface CrossReference {
  sourceId: string;
  targetId: string;
  origin: string;
}

export interface CrossReferenceRepo {
  /** Links a source id to a target id, replacing the source id's earlier link (a stale one, re-synced). */
  link(tenant: string, route: Route, entity: string, sourceId: string, targetId: string, origin?: string): Promise<void>;
  targetOf(tenant: string, route: Route, entity: string, sourceId: string): Promise<string | undefined>;
  sourceOf(tenant: string, route: Route, entity: string, targetId: string): Promise<string | undefined>;
  /** Every link of an entity, or only those of the given source ids. */
  list(tenant: string, route: Route, entity: string, sourceIds?: string[]): Promise<CrossReference[]>;
  unlink(tenant: string, route: Route, entity: string, sourceId: string): Promise<void>;
}

export function createCrossReferenceRepo(db: Db): CrossReferenceRepo {
  const ofEntity = (tenant: string, route: Route, entity: string) => and(
    eq(crossReferences.tenantId, tenant), eq(crossReferences.sourceSystem, route.source),
    eq(crossReferences.targetSystem, route.target), eq(crossReferences.entity, entity),
  );
  const columns = { sourceId: crossReferences.sourceId, targetId: crossReferences.targetId, origin: crossReferences.origin };

  return {
    async link(tenant, route, entity, sourceId, targetId, origin = 'engine') {
      await db.transaction(async (tx) => {
        // The target id may still be linked to another source id (a merged customer): the newest link wins.
        await tx.delete(crossReferences).where(and(ofEntity(tenant, route, entity), eq(crossReferences.targetId, targetId), sql`${crossReferences.sourceId} <> ${sourceId}`));
        await tx.insert(crossReferences)
          .values({ tenantId: tenant, sourceSystem: route.source, targetSystem: route.target, entity, sourceId, targetId, origin })
          .onConflictDoUpdate({
            target: [crossReferences.tenantId, crossReferences.sourceSystem, crossReferences.targetSystem, crossReferences.entity, crossReferences.sourceId],
            set: { targetId, origin, updatedAt: sql`now()` },
          });
      });
    },
    async targetOf(tenant, route, entity, sourceId) {
      const [row] = await db.select(columns).from(crossReferences).where(and(ofEntity(tenant, route, entity), eq(crossReferences.sourceId, sourceId)));
      return row?.targetId;
    },
    async sourceOf(tenant, route, entity, targetId) {
      const [row] = await db.select(columns).from(crossReferences).where(and(ofEntity(tenant, route, entity), eq(crossReferences.targetId, targetId)));
      return row?.sourceId;
    },
    async list(tenant, route, entity, sourceIds) {
      if (sourceIds === undefined) return db.select(columns).from(crossReferences).where(ofEntity(tenant, route, entity));
      const found: CrossReference[] = [];
      for (let i = 0; i < sourceIds.length; i += 1000) {
        found.push(...await db.select(columns).from(crossReferences).where(and(ofEntity(tenant, route, entity), inArray(crossReferences.sourceId, sourceIds.slice(i, i + 1000)))));
      }
      return found;
    },
    async unlink(tenant, route, entity, sourceId) {
      await db.delete(crossReferences).where(and(ofEntity(tenant, route, entity), eq(crossReferences.sourceId, sourceId)));
    },
  };
}

/**
 * Mappings translate a source system's keys into the target's, per tenant, system and kind: account 3010 in
 * Telaris is account 3000 in 24SevenOffice. Preflight reads a whole kind at once with list().
 */
import { and, asc, eq } from 'drizzle-orm';
import type { SystemName } from '../../connectors/types';
import type { Db } from '../index';
import { mappings } from '../schema';

/** Open on purpose: a new flow may need a new kind without a migration. */
export type MappingKind =
  | 'account'
  | 'vat-code'
  | 'voucher-type'
  | 'department'
  | 'project'
  | 'product'
  | 'payment-type'
  | (string & {});

export interface Mapping {
  kind: MappingKind;
  sourceKey: string;
  targetKey: string;
}

export interface MappingRepo {
  set(tenant: string, system: SystemName, kind: MappingKind, sourceKey: string, targetKey: string): Promise<void>;
  get(tenant: string, system: SystemName, kind: MappingKind, sourceKey: string): Promise<string | undefined>;
  list(tenant: string, system: SystemName, kind?: MappingKind): Promise<Mapping[]>;
  remove(tenant: string, system: SystemName, kind: MappingKind, sourceKey: string): Promise<void>;
}

export function createMappingRepo(db: Db): MappingRepo {
  const one = (tenant: string, system: SystemName, kind: string, sourceKey: string) =>
    and(eq(mappings.tenantId, tenant), eq(mappings.system, system), eq(mappings.kind, kind), eq(mappings.sourceKey, sourceKey));

  return {
    async set(tenant, system, kind, sourceKey, targetKey) {
      await db
        .insert(mappings)
        .values({ tenantId: tenant, system, kind, sourceKey, targetKey })
        .onConflictDoUpdate({
          target: [mappings.tenantId, mappings.system, mappings.kind, mappings.sourceKey],
          set: { targetKey },
        });
    },

    async get(tenant, system, kind, sourceKey) {
      const [row] = await db.select({ targetKey: mappings.targetKey }).from(mappings).where(one(tenant, system, kind, sourceKey));
      return row?.targetKey;
    },

    async list(tenant, system, kind) {
      return db
        .select({ kind: mappings.kind, sourceKey: mappings.sourceKey, targetKey: mappings.targetKey })
        .from(mappings)
        .where(and(eq(mappings.tenantId, tenant), eq(mappings.system, system), kind === undefined ? undefined : eq(mappings.kind, kind)))
        .orderBy(asc(mappings.kind), asc(mappings.sourceKey));
    },

    async remove(tenant, system, kind, sourceKey) {
      await db.delete(mappings).where(one(tenant, system, kind, sourceKey));
    },
  };
}

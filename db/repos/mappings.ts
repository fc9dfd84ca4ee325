/**
 * The operator's mappings translate a source system's keys into the target's, per tenant and route (source →
 * target) and kind: account 3010 in Telaris is account 3000 in 24SevenOffice, and DUELL's 3010 is mapped on its
 * own. Ids the engine learns (customer 10001 is company 501) are cross-references (crossReferences.ts), not
 * mappings. Preflight reads a whole kind at once with list().
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

/** Where data flows: from a source system into a target system. */
export interface Route {
  source: SystemName;
  target: SystemName;
}

/** The routes the flows use: a mapping or cross-reference belongs to one. */
export const ROUTES = {
  /** The accounting batch. */
  telarisTo24so: { source: 'telaris', target: '24sevenoffice' },
  /** The invoice transfer: product, work-type, travel-expense and sales-account codes; customers as contacts. */
  severaToTalenom: { source: 'severa', target: 'talenom' },
  /** Post mode of the purchase-order matching: suppliers, accounts, VAT codes, projects, departments where CostTracker's differ. */
  costtrackerTo24so: { source: 'costtracker', target: '24sevenoffice' },
  /** The daily settlement: `settlement-account`, `vat-code`, `voucher-type` and `product-category`; customers and products as cross-references, either side master. */
  duellTo24so: { source: 'duell', target: '24sevenoffice' },
} as const satisfies Record<string, Route>;

export interface Mapping {
  kind: MappingKind;
  sourceKey: string;
  targetKey: string;
}

export interface MappingRepo {
  set(tenant: string, route: Route, kind: MappingKind, sourceKey: string, targetKey: string): Promise<void>;
  get(tenant: string, route: Route, kind: MappingKind, sourceKey: string): Promise<string | undefined>;
  list(tenant: string, route: Route, kind?: MappingKind): Promise<Mapping[]>;
  /** False when there was no such mapping. */
  remove(tenant: string, route: Route, kind: MappingKind, sourceKey: string): Promise<boolean>;
}

export function createMappingRepo(db: Db): MappingRepo {
  const ofRoute = (tenant: string, route: Route) =>
    and(eq(mappings.tenantId, tenant), eq(mappings.sourceSystem, route.source), eq(mappings.system, route.target));
  const one = (tenant: string, route: Route, kind: string, sourceKey: string) =>
    and(ofRoute(tenant, route), eq(mappings.kind, kind), eq(mappings.sourceKey, sourceKey));

  return {
    async set(tenant, route, kind, sourceKey, targetKey) {
      await db
        .insert(mappings)
        .values({ tenantId: tenant, sourceSystem: route.source, system: route.target, kind, sourceKey, targetKey })
        .onConflictDoUpdate({
          target: [mappings.tenantId, mappings.sourceSystem, mappings.system, mappings.kind, mappings.sourceKey],
          set: { targetKey },
        });
    },

    async get(tenant, route, kind, sourceKey) {
      const [row] = await db.select({ targetKey: mappings.targetKey }).from(mappings).where(one(tenant, route, kind, sourceKey));
      return row?.targetKey;
    },

    async list(tenant, route, kind) {
      return db
        .select({ kind: mappings.kind, sourceKey: mappings.sourceKey, targetKey: mappings.targetKey })
        .from(mappings)
        .where(and(ofRoute(tenant, route), kind === undefined ? undefined : eq(mappings.kind, kind)))
        .orderBy(asc(mappings.kind), asc(mappings.sourceKey));
    },

    async remove(tenant, route, kind, sourceKey) {
      return (await db.delete(mappings).where(one(tenant, route, kind, sourceKey)).returning({ sourceKey: mappings.sourceKey })).length > 0;
    },
  };
}

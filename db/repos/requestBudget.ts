/**
 * The per-tenant request budget of connectors/types.ts, kept in the database so that every worker of a tenant
 * draws from the same budget (design principle 7). 24SevenOffice allows 7 200 requests an hour and answers
 * excess with a quarantine; counting here keeps us below that instead of discovering it.
 *
 * The window is fixed, one hour from its first request, and uses the database's clock so workers with skewed
 * clocks agree. take() is one UPSERT: it resets an expired window, refuses when quarantined or over the limit,
 * and otherwise adds the requests, atomically for any number of concurrent workers.
 */
import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { ConnectorError } from '../../connectors/errors';
import type { RequestBudget, SystemName } from '../../connectors/types';
import type { Db } from '../index';
import { requestBudget } from '../schema';

/** Requests per hour per tenant and system. */
export const DEFAULT_HOURLY_LIMITS: Record<SystemName, number> = {
  '24sevenoffice': 7_200, // the documented API limit
  // No published limit known to us: a guard against a runaway loop, not a promise of the external system.
  telaris: 36_000,
  duell: 36_000,
  severa: 36_000,
  talenom: 36_000,
  costtracker: 36_000,
  rackbeat: 36_000,
};

const HOUR_MS = 3_600_000;

export interface BudgetUsage {
  system: SystemName;
  used: number;
  hourlyLimit: number;
  windowStart: Date;
  quarantinedUntil: Date | null;
  reason: string;
}

export interface TenantRequestBudget extends RequestBudget {
  /** What the CLI shows: every system this tenant has drawn on, as stored (an expired window still shows its count). */
  usage(): Promise<BudgetUsage[]>;
}

export function createRequestBudget(
  db: Db,
  tenant: string,
  options: { hourlyLimits?: Partial<Record<SystemName, number>> } = {},
): TenantRequestBudget {
  const limitOf = (system: SystemName) => options.hourlyLimits?.[system] ?? DEFAULT_HOURLY_LIMITS[system];
  const t = requestBudget;
  const expired = sql`${t.windowStart} <= now() - interval '1 hour'`;

  return {
    async take(system, requests = 1) {
      const limit = limitOf(system);
      if (!Number.isInteger(requests) || requests < 1 || requests > limit) {
        throw new Error(`cannot take ${requests} requests from a budget of ${limit} an hour for ${system}: take 1 to ${limit}`);
      }
      const [row] = await db
        .insert(t)
        .values({ tenantId: tenant, system, used: requests, hourlyLimit: limit })
        .onConflictDoUpdate({
          target: [t.tenantId, t.system],
          set: {
            windowStart: sql`case when ${expired} then now() else ${t.windowStart} end`,
            used: sql`case when ${expired} then excluded.used else ${t.used} + excluded.used end`,
            hourlyLimit: sql`excluded.hourly_limit`,
          },
          setWhere: sql`(${t.quarantinedUntil} is null or ${t.quarantinedUntil} <= now())
            and (${expired} or ${t.used} + excluded.used <= excluded.hourly_limit)`,
        })
        .returning({ used: t.used });
      if (!row) throw await refusal(system, limit);
    },

    usage,

    async quarantine(system, until, reason) {
      // Two workers reporting different ends: the later one wins, nobody shortens a quarantine.
      await db
        .insert(t)
        .values({ tenantId: tenant, system, used: 0, hourlyLimit: limitOf(system), quarantinedUntil: until, reason })
        .onConflictDoUpdate({
          target: [t.tenantId, t.system],
          set: {
            quarantinedUntil: sql`greatest(${t.quarantinedUntil}, excluded.quarantined_until)`,
            reason: sql`excluded.reason`,
          },
        });
    },
  };

  async function usage(): Promise<BudgetUsage[]> {
    const { tenantId: _tenant, ...columns } = getTableColumns(t);
    return db.select(columns).from(t).where(eq(t.tenantId, tenant)).orderBy(asc(t.system));
  }

  /** Why take() got no row back: read the state the UPSERT refused on, and say when to try again. */
  async function refusal(system: SystemName, limit: number): Promise<ConnectorError> {
    const [state] = await db
      .select({
        used: t.used,
        windowStart: t.windowStart,
        quarantinedUntil: t.quarantinedUntil,
        reason: t.reason,
        quarantined: sql<boolean>`coalesce(${t.quarantinedUntil} > now(), false)`,
      })
      .from(t)
      .where(and(eq(t.tenantId, tenant), eq(t.system, system)));
    if (state?.quarantined && state.quarantinedUntil) {
      const until = state.quarantinedUntil;
      return new ConnectorError(
        'RateLimited',
        `${system} has quarantined tenant ${tenant} until ${until.toISOString()}${state.reason ? ` (${state.reason})` : ''}: ` +
          'every worker of the tenant waits until then',
        { retryAfter: until },
      );
    }
    const retryAfter = new Date((state?.windowStart ?? new Date()).getTime() + HOUR_MS);
    return new ConnectorError(
      'RateLimited',
      `tenant ${tenant} has used ${state?.used ?? limit} of its ${limit} requests this hour to ${system}: ` +
        `the budget, shared by all workers, renews at ${retryAfter.toISOString()}`,
      { retryAfter },
    );
  }
}

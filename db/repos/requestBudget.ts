/**
 * The request budget: every call a connector makes to an external system passes through it, for every flow and
 * every worker process of a tenant, because it is kept in the database (design principle 7). Per tenant and
 * system it enforces the limits of connectors/shared/requestLimits.ts (defaults per system, a connection's
 * `budget` setting overrides them):
 *
 *   perSecond  pacing. Each request reserves the next free slot, 1/perSecond after the previous one, and its
 *              caller waits for it: over the rate a caller waits its turn instead of failing. A turn more than
 *              maxPacingWaitMs away (default 10 s, well inside an activity's heartbeat timeout) is refused.
 *   perHour    quotas per clock hour and per day, UTC. A request over either is refused with a RateLimited
 *   perDay     ConnectorError whose retryAfter is when that window renews (activities/failures.ts retries then).
 *
 * and a quarantine: when an external system says "blocked until …", every worker of the tenant waits until then.
 * Each wait, and each refusal with the time until its retry, is counted (ledgerbridge_rate_limit_waits, platform/metrics.ts).
 *
 *   const budget = createRequestBudget(db, tenant, { limits: { '24sevenoffice': settings.budget } });
 *   await budget.take('24sevenoffice');                  // before each request: may wait, may throw RateLimited
 *   await budget.quarantine('24sevenoffice', until, why); // the system's own refusal
 *   const { hour, day } = await budget.remaining('24sevenoffice'); // { used, limit, left, resetsAt } per window
 *
 * A poller that may use only a share of the budget compares `hour.used` with `share * hour.limit` before it polls.
 *
 * Windows are fixed and aligned to the clock because 24SevenOffice's are (its APILimitReset is the next hour,
 * sandbox/24sevenoffice/rateLimit.ts [INFERRED]), and a refusal can then name an exact renewal time. A system
 * that counts over a sliding hour, or days in its own time zone, could see up to twice a quota in one of its
 * windows when we use it all around our window change: give such a connection half the quota. All times are the
 * database's, so workers with skewed clocks agree; retryAfter and resetsAt are turned into this process's clock,
 * so a delay computed here from them is right.
 *
 * take() is one UPSERT in the common case: it reserves the pacing slot and counts the request in both windows
 * (a count from an earlier window reads as 0), or touches nothing when quarantined, over a quota or too far
 * behind; only then a second read says why. The row lock makes it atomic for any number of workers.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { ConnectorError } from '../../connectors/errors';
import { requestLimits, type RequestBudgetSetting, type RequestLimits } from '../../connectors/shared/requestLimits';
import type { RequestBudget, SystemName } from '../../connectors/types';
import { metrics } from '../../platform/metrics';
import type { Db } from '../index';
import { requestBudget } from '../schema';

export interface RequestBudgetOptions {
  /** A connection's `budget` setting per system; what it leaves out is the system's default. */
  limits?: Partial<Record<SystemName, RequestBudgetSetting | undefined>>;
  maxPacingWaitMs?: number;
}

export interface BudgetWindow {
  used: number;
  limit: number;
  left: number;
  resetsAt: Date;
}

export interface BudgetRemaining {
  system: SystemName;
  perSecond: number;
  hour: BudgetWindow;
  day: BudgetWindow;
  quarantine: { until: Date; reason: string } | null;
}

export interface TenantRequestBudget extends RequestBudget {
  remaining(system: SystemName): Promise<BudgetRemaining>;
}

const DEFAULT_MAX_PACING_WAIT_MS = 10_000;

/** A refusal can race with a window renewing between the UPSERT and the read that explains it: take again. */
const MAX_ROUNDS = 3;

const t = requestBudget;
const hourNow = sql`date_trunc('hour', now(), 'UTC')`;
const dayNow = sql`date_trunc('day', now(), 'UTC')`;
const hourUsed = sql`(case when ${t.hourStart} >= ${hourNow} then ${t.hourUsed} else 0 end)`;
const dayUsed = sql`(case when ${t.dayStart} >= ${dayNow} then ${t.dayUsed} else 0 end)`;
const slot = sql`greatest(${t.nextSlotAt}, now())`;
const quarantined = sql`coalesce(${t.quarantinedUntil} > now(), false)`;
/** Milliseconds from the database's now to a time, as a number on every driver. */
const msUntil = (at: SQL) => sql<number>`(extract(epoch from (${at}) - now()) * 1000)::float8`.mapWith(Number);
const seconds = (s: number) => sql`make_interval(secs => ${s})`;

export function createRequestBudget(db: Db, tenant: string, options: RequestBudgetOptions = {}): TenantRequestBudget {
  const limitsOf = (system: SystemName) => requestLimits(system, options.limits?.[system]);
  const maxPacingWaitMs = options.maxPacingWaitMs ?? DEFAULT_MAX_PACING_WAIT_MS;
  const thisRow = (system: SystemName) => and(eq(t.tenantId, tenant), eq(t.system, system));

  return {
    async take(system, requests = 1) {
      const limits = limitsOf(system);
      const most = Math.min(limits.perHour, limits.perDay);
      if (!Number.isInteger(requests) || requests < 1 || requests > most) {
        throw new Error(`cannot take ${requests} requests to ${system} for tenant ${tenant} at once: take 1 to ${most} ` +
          `(its budget: ${limits.perHour} an hour, ${limits.perDay} a day)`);
      }
      for (let round = 1; ; round++) {
        const waitMs = await reserve(system, requests, limits);
        if (waitMs !== undefined) {
          if (waitMs > 0) {
            waited(system, waitMs);
            await new Promise((resolve) => setTimeout(resolve, waitMs));
          }
          return;
        }
        const refusal = await explainRefusal(system, requests, limits);
        if (refusal) {
          // The activity is retried at retryAfter (activities/failures.ts): that is this request's wait.
          waited(system, refusal.retryAfter!.getTime() - Date.now());
          throw refusal;
        }
        if (round === MAX_ROUNDS) {
          throw new ConnectorError('RateLimited', `the request budget of tenant ${tenant} for ${system} is contended by ` +
            'many workers at a window change; retrying shortly', { retryAfter: new Date(Date.now() + 1_000) });
        }
      }
    },

    async quarantine(system, until, reason) {
      // Two workers reporting different ends: the later one wins, nobody shortens a quarantine.
      await db
        .insert(t)
        .values({ tenantId: tenant, system, quarantinedUntil: until, reason })
        .onConflictDoUpdate({
          target: [t.tenantId, t.system],
          set: { quarantinedUntil: sql`greatest(${t.quarantinedUntil}, excluded.quarantined_until)`, reason: sql`excluded.reason` },
        });
    },

    async remaining(system) {
      const limits = limitsOf(system);
      const state = await read(system);
      const window = (used: number, limit: number, resetMs: number): BudgetWindow =>
        ({ used, limit, left: Math.max(0, limit - used), resetsAt: localTime(resetMs) });
      return {
        system,
        perSecond: limits.perSecond,
        hour: window(state.hourUsed, limits.perHour, state.hourResetMs),
        day: window(state.dayUsed, limits.perDay, state.dayResetMs),
        quarantine: state.quarantineMs > 0 ? { until: localTime(state.quarantineMs), reason: state.reason } : null,
      };
    },
  };

  function waited(system: SystemName, ms: number) {
    metrics.rateLimitWaits.add(1, { tenant, system });
    metrics.rateLimitWaitSeconds.record(Math.max(0, ms) / 1000, { tenant, system });
  }

  /** Milliseconds the caller waits for its slot, or undefined when refused (and nothing was counted). */
  async function reserve(system: SystemName, requests: number, limits: RequestLimits): Promise<number | undefined> {
    const spacing = seconds(requests / limits.perSecond);
    const [row] = await db
      .insert(t)
      .values({
        tenantId: tenant,
        system,
        nextSlotAt: sql`now() + ${spacing}`,
        hourStart: hourNow,
        hourUsed: requests,
        dayStart: dayNow,
        dayUsed: requests,
      })
      .onConflictDoUpdate({
        target: [t.tenantId, t.system],
        set: {
          nextSlotAt: sql`${slot} + ${spacing}`,
          hourStart: hourNow,
          hourUsed: sql`${hourUsed} + ${requests}`,
          dayStart: dayNow,
          dayUsed: sql`${dayUsed} + ${requests}`,
        },
        setWhere: sql`not ${quarantined}
          and ${hourUsed} + ${requests} <= ${limits.perHour}
          and ${dayUsed} + ${requests} <= ${limits.perDay}
          and ${slot} <= now() + ${seconds(maxPacingWaitMs / 1000)}`,
      })
      // RETURNING sees the new row: the slot this caller reserved is the new next slot less its own spacing.
      .returning({ waitMs: msUntil(sql`${t.nextSlotAt} - ${spacing}`) });
    return row ? Math.max(0, row.waitMs) : undefined;
  }

  async function read(system: SystemName) {
    const [state] = await db
      .select({
        hourUsed: sql<number>`coalesce(${hourUsed}, 0)`.mapWith(Number),
        dayUsed: sql<number>`coalesce(${dayUsed}, 0)`.mapWith(Number),
        hourResetMs: msUntil(sql`${hourNow} + interval '1 hour'`),
        dayResetMs: msUntil(sql`${dayNow} + interval '1 day'`),
        slotMs: msUntil(sql`coalesce(${slot}, now())`),
        quarantineMs: msUntil(sql`coalesce(${t.quarantinedUntil}, now())`),
        reason: sql<string>`coalesce(${t.reason}, '')`,
      })
      // One row even before the tenant's first request, so the window ends still come from the database's clock.
      .from(sql`(select 1) as here`)
      .leftJoin(t, thisRow(system));
    return state!;
  }

  /** Why reserve() refused, naming the latest time the caller must wait for; undefined if nothing stops it now. */
  async function explainRefusal(system: SystemName, requests: number, limits: RequestLimits): Promise<ConnectorError | undefined> {
    const s = await read(system);
    const reasons: Array<{ at: Date; message: (at: string) => string }> = [];
    if (s.quarantineMs > 0) {
      reasons.push({ at: localTime(s.quarantineMs), message: (at) => `${system} has quarantined tenant ${tenant} until ${at}` +
        `${s.reason ? ` (${s.reason})` : ''}: every worker of the tenant waits until then` });
    }
    if (s.dayUsed + requests > limits.perDay) {
      reasons.push({ at: localTime(s.dayResetMs), message: quotaSpent(system, s.dayUsed, limits.perDay, 'today (UTC)', 'perDay') });
    }
    if (s.hourUsed + requests > limits.perHour) {
      reasons.push({ at: localTime(s.hourResetMs), message: quotaSpent(system, s.hourUsed, limits.perHour, 'this hour', 'perHour') });
    }
    if (s.slotMs > maxPacingWaitMs) {
      reasons.push({ at: localTime(s.slotMs), message: (at) => `tenant ${tenant} has requests to ${system} queued until ${at} ` +
        `(${limits.perSecond} a second), more than ${maxPacingWaitMs / 1000} s ahead: this one waits until then` });
    }
    const binding = reasons.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    return binding && new ConnectorError('RateLimited', binding.message(binding.at.toISOString()), { retryAfter: binding.at });
  }

  function quotaSpent(system: SystemName, used: number, limit: number, window: string, setting: keyof RequestLimits) {
    return (at: string) => `tenant ${tenant} has used ${used} of its ${limit} requests to ${system} ${window}: the budget, ` +
      `shared by all workers, renews at ${at}. If ${system} allows the tenant more, say so in the connection: ` +
      `ledgerbridge connections add ${tenant} --system ${system} … --setting budget='{"${setting}":…}' (replaces it)`;
  }
}

/** A time the database gave as "ms from its now", on this process's clock. */
function localTime(msFromNow: number): Date {
  return new Date(Date.now() + msFromNow);
}

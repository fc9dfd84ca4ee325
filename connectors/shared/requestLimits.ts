/**
 * How fast and how much ledgerbridge may call each external system for one tenant: the defaults, in this one
 * table, and the `budget` connection setting that overrides them (`--setting budget='{"perHour":3600}'`).
 * db/repos/requestBudget.ts enforces them for every worker at once.
 */
import { z } from 'zod';
import type { SystemName } from '../types';

export interface RequestLimits {
  /** Pacing: requests start at least 1/perSecond apart; a caller over the rate waits its turn. */
  perSecond: number;
  /** Requests per clock hour, UTC. */
  perHour: number;
  /** Requests per day, UTC. */
  perDay: number;
}

/**
 * For a system that publishes no limit: a guard against a runaway loop, not a promise of the system. The pace
 * is that of the most careful published clients we know (Severa's and Rackbeat's, 8–10 a second); the day is
 * the tightest published daily quota (Severa's).
 */
const UNPUBLISHED: RequestLimits = { perSecond: 10, perHour: 36_000, perDay: 100_000 };

export const DEFAULT_REQUEST_LIMITS: Readonly<Record<SystemName, RequestLimits>> = {
  // API doc 24sevenoffice.md §11: "7200 requests per hour", then a quarantine; ~25 a second, above that HTTP 429
  // (burst throttling). No daily quota: the day allows 24 full hours.
  '24sevenoffice': { perSecond: 25, perHour: 7_200, perDay: 24 * 7_200 },
  // other-systems.md §1: the legacy SOAP API allows 100 000 calls a day per organisation; clients throttle to
  // 8–10 a second. REST publishes no limit.
  severa: { ...UNPUBLISHED, perSecond: 8, perDay: 100_000 },
  // other-systems.md §3: no published limit, 429 ThrottledException; the community SDK keeps to 480 a minute.
  rackbeat: { ...UNPUBLISHED, perSecond: 8 },
  talenom: UNPUBLISHED, // Azure APIM, no published limit (other-systems.md §2)
  telaris: UNPUBLISHED, // our model (connectors/telaris/README.md): HTTP 429 with Retry-After, no numbers
  duell: UNPUBLISHED,
  costtracker: UNPUBLISHED,
};

/** A connection's `budget` setting: any of the three limits, the others stay the system's defaults. */
export const requestBudgetSetting = z
  .strictObject({
    perSecond: z.number().positive().max(1_000).optional(),
    perHour: z.number().int().positive().optional(),
    perDay: z.number().int().positive().optional(),
  })
  .refine((b) => b.perHour === undefined || b.perDay === undefined || b.perHour <= b.perDay, {
    message: 'perHour cannot be more than perDay',
    path: ['perHour'],
  });

export type RequestBudgetSetting = z.output<typeof requestBudgetSetting>;

export function requestLimits(system: SystemName, setting?: RequestBudgetSetting): RequestLimits {
  const defaults = DEFAULT_REQUEST_LIMITS[system];
  return {
    perSecond: setting?.perSecond ?? defaults.perSecond,
    perHour: setting?.perHour ?? defaults.perHour,
    perDay: setting?.perDay ?? defaults.perDay,
  };
}

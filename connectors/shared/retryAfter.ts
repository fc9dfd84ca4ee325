/** When a rate-limited caller may try again, from the answer's Retry-After header. */
import { ConnectorError } from '../errors';
import type { ConnectorContext, SystemName } from '../types';

/** Without Retry-After a 429 waits this long. */
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAt(header: string | string[] | undefined, now = new Date()): Date {
  const value = Array.isArray(header) ? header[0] : header;
  if (value && /^\d+$/.test(value.trim())) return new Date(now.getTime() + Number(value.trim()) * 1000);
  const date = value ? Date.parse(value) : NaN;
  return Number.isNaN(date) || date < now.getTime() ? new Date(now.getTime() + DEFAULT_RETRY_AFTER_MS) : new Date(date);
}

/**
 * A 429: the system said "not before Retry-After". Every worker of the tenant waits until then (the budget's
 * quarantine), and the call fails as RateLimited carrying the time.
 */
export async function rateLimited(ctx: ConnectorContext, system: SystemName, at: string, retryAfter: string | string[] | undefined, who: string): Promise<ConnectorError> {
  const until = retryAt(retryAfter);
  const reason = `${who}; blocked until ${until.toISOString()}`;
  await ctx.budget.quarantine(system, until, reason);
  ctx.log.warn(`${system} rate limited`, { at, until: until.toISOString() });
  return new ConnectorError('RateLimited', `${at}: ${reason}; every worker of the tenant waits until then`, { retryAfter: until });
}

/**
 * One request to an external system, the way every connector makes it: the tenant's request budget taken first
 * (it may wait its turn or refuse: nothing is sent then), then the request, counted per system and tenant with
 * its outcome (platform/metrics.ts). An HTTP answer of 400 or more is a failed call even when the connector goes
 * on to read it (a 404 look-up), so the error rate is the wire's, whatever the caller makes of it.
 */
import { metrics } from '../../platform/metrics';
import { isConnectorError } from '../errors';
import type { ConnectorContext, SystemName } from '../types';

/** `httpStatus`: the HTTP status of a plain HTTP answer (SOAP answers arrive parsed, their faults thrown). */
export async function externalCall<T>(ctx: ConnectorContext, system: SystemName, request: () => Promise<T>, httpStatus?: (answer: T) => number): Promise<T> {
  await ctx.budget.take(system);
  const labels = { tenant: ctx.tenant, system };
  try {
    const answer = await request();
    const status = httpStatus?.(answer);
    const failed = status !== undefined && status >= 400;
    metrics.externalCalls.add(1, { ...labels, outcome: failed ? 'error' : 'ok' });
    if (failed) metrics.externalErrors.add(1, { ...labels, type: `HTTP ${Math.floor(status / 100)}xx` });
    return answer;
  } catch (err) {
    metrics.externalCalls.add(1, { ...labels, outcome: 'error' });
    metrics.externalErrors.add(1, { ...labels, type: isConnectorError(err) ? err.type : 'Error' });
    throw err;
  }
}


/**
 * The Temporal Runtime is a per-process singleton and must be installed before any Worker or connection:
 * SDK logs go through our JSON logger at warn, metrics to a Prometheus endpoint when one is asked for.
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../platform/log';

let installed = false;

export function installRuntime(log: Logger, metricsAddress = process.env.LEDGERBRIDGE_METRICS_ADDRESS): void {
  if (installed) return;
  installed = true;
  const forward = (level: LogLevel, message: string, meta?: Record<string, unknown>) => {
    if (level === 'ERROR') log.error(message, meta);
    else if (level === 'WARN') log.warn(message, meta);
  };
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => forward(entry.level, entry.message, entry.meta)),
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
  });
}

/**
 * The Temporal Runtime is a per-process singleton and must be installed before any Worker or connection:
 * SDK logs go through our JSON logger (what workflows and activities log from debug, the SDK's own from warn),
 * metrics to a Prometheus endpoint when one is asked for.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { forwardTemporalLog, type Logger } from '../platform/log';

let installed = false;

export function installRuntime(log: Logger, metricsAddress = process.env.LEDGERBRIDGE_METRICS_ADDRESS): void {
  if (installed) return;
  installed = true;
  const forward = forwardTemporalLog(log);
  Runtime.install({
    // Every level reaches the forwarder, which keeps workflows' and activities' info and the SDK's warnings.
    logger: new DefaultLogger('DEBUG', (entry) => forward(entry.level, entry.message, entry.meta)),
    ...(metricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsAddress } } } } : {}),
  });
}

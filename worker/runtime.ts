/**
 * The Temporal Runtime is a per-process singleton and must be installed before any Worker or connection:
 * SDK logs go through our JSON logger (what workflows and activities log from debug, the SDK's own from warn),
 * metrics to a Prometheus endpoint when one is asked for: Temporal's worker metrics and ours (platform/metrics.ts).
 */
import * as net from 'node:net';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { freePort } from '../platform/dev-server';
import { forwardTemporalLog, type Logger } from '../platform/log';
import { HISTOGRAM_BUCKETS, useMetricMeter } from '../platform/metrics';

/** Where `npm start` and `ledgerbridge worker` serve /metrics unless LEDGERBRIDGE_METRICS_ADDRESS says otherwise. */
export const DEFAULT_METRICS_ADDRESS = '127.0.0.1:9464';

let installed = false;

/** `address`: serve /metrics there; none (or '') serves none. */
export function installRuntime(log: Logger, address = process.env.LEDGERBRIDGE_METRICS_ADDRESS): void {
  if (installed) return;
  installed = true;
  const forward = forwardTemporalLog(log);
  Runtime.install({
    // Every level reaches the forwarder, which keeps workflows' and activities' info and the SDK's warnings.
    logger: new DefaultLogger('DEBUG', (entry) => forward(entry.level, entry.message, entry.meta)),
    ...(address ? {
      telemetryOptions: { metrics: { prometheus: { bindAddress: address, histogramBucketOverrides: HISTOGRAM_BUCKETS } } },
    } : {}),
  });
  useMetricMeter(Runtime.instance().metricMeter);
}

/**
 * The address to serve metrics on: LEDGERBRIDGE_METRICS_ADDRESS, else the default, else (the default is taken,
 * e.g. by `npm start` when a `ledgerbridge worker` runs beside it) a free loopback port rather than no worker.
 */
export async function metricsAddress(): Promise<string> {
  if (process.env.LEDGERBRIDGE_METRICS_ADDRESS) return process.env.LEDGERBRIDGE_METRICS_ADDRESS;
  const [host, port] = DEFAULT_METRICS_ADDRESS.split(':') as [string, string];
  return (await isFree(host, Number(port))) ? DEFAULT_METRICS_ADDRESS : `${host}:${await freePort()}`;
}

export const metricsUrl = (address: string) => `http://${address}/metrics`;

function isFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

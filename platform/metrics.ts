/**
 * ledgerbridge's own metrics, all defined here: they go through the Temporal Runtime's metric meter, so they are
 * served on the same Prometheus endpoint as Temporal's worker metrics (worker/runtime.ts hands the meter over when
 * it installs the Runtime; until then, and in processes without one, they count nothing).
 *
 * Labels are bounded: a tenant id, a flow, a system, a rule name, an outcome or error type. Never a secret, a
 * customer's name, an amount or a document's content or id: each label value makes a series of its own.
 * Each counter is incremented where its event is recorded once (README, "Metrics and logs"), so an activity's retry
 * does not count a document twice.
 */
import { noopMetricMeter, type MetricCounter, type MetricHistogram, type MetricMeter } from '@temporalio/common';
import type { SystemName } from '../connectors/types';

let meter: MetricMeter = noopMetricMeter;
const instruments = new Map<string, MetricCounter | MetricHistogram>();

/** Called once the Runtime exists: from then on the counters below reach its Prometheus endpoint. */
export function useMetricMeter(runtimeMeter: MetricMeter): void {
  meter = runtimeMeter;
  instruments.clear();
}

export interface Counter<L> {
  add(value: number, labels: L): void;
}

function counter<L extends Record<string, string>>(name: string, unit: string, description: string): Counter<L> {
  return {
    add(value, labels) {
      if (value <= 0) return;
      let instrument = instruments.get(name) as MetricCounter | undefined;
      if (!instrument) instruments.set(name, (instrument = meter.createCounter(name, unit, description)));
      instrument.add(value, labels);
    },
  };
}

export interface Histogram<L> {
  record(value: number, labels: L): void;
}

function histogram<L extends Record<string, string>>(name: string, unit: string, description: string): Histogram<L> {
  return {
    record(value, labels) {
      let instrument = instruments.get(name) as MetricHistogram | undefined;
      if (!instrument) instruments.set(name, (instrument = meter.createHistogram(name, 'float', unit, description)));
      instrument.record(value, labels);
    },
  };
}

/** `flow`: the export log's flow ('batch', 'duell', 'invoice-transfer', 'supplier-posting' …). */
export type ByFlow = { tenant: string; flow: string };
type BySystem = { tenant: string; system: SystemName };

/** Bucket bounds of our histograms, in seconds (the SDK's default buckets are milliseconds'): pacing waits are sub-second, quotas an hour or a day. */
export const HISTOGRAM_BUCKETS: Record<string, number[]> = {
  ledgerbridge_rate_limit_wait_seconds: [0.05, 0.25, 1, 5, 30, 120, 600, 3600, 86400],
};

export const metrics = {
  vouchersPosted: counter<ByFlow>('ledgerbridge_vouchers_posted', 'vouchers', 'Vouchers confirmed in 24SevenOffice (journal or ledger)'),
  invoicesTransferred: counter<ByFlow>('ledgerbridge_invoices_transferred', 'invoices', 'Invoices confirmed at the target (Talenom)'),
  settlementsPosted: counter<ByFlow>('ledgerbridge_settlements_posted', 'settlements', 'Daily settlements (Z-reports) confirmed in 24SevenOffice'),
  matches: counter<{ tenant: string; rule: string }>('ledgerbridge_matches', 'transactions', 'Transactions matched to a purchase order, by the rule that matched (manual: a person)'),
  syncEvents: counter<ByFlow & { entity: string; outcome: string }>('ledgerbridge_sync_events', 'records', 'Master-data records written by a sync, by entity and outcome'),
  exportLogFailures: counter<ByFlow>('ledgerbridge_export_log_failures', 'entries', 'Export-log entries with outcome failed'),
  externalCalls: counter<BySystem & { outcome: 'ok' | 'error' }>('ledgerbridge_external_calls', 'requests', 'Requests to external systems, by outcome'),
  externalErrors: counter<BySystem & { type: string }>('ledgerbridge_external_errors', 'requests', 'Failed requests to external systems, by error type'),
  rateLimitWaits: counter<BySystem>('ledgerbridge_rate_limit_waits', 'waits', 'Requests that waited for the request budget (pacing, quota or quarantine)'),
  rateLimitWaitSeconds: histogram<BySystem>('ledgerbridge_rate_limit_wait_seconds', 's', 'How long a request waited, or was told to wait, for the request budget'),
};

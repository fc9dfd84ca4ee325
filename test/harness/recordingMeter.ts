/**
 * A metric meter that records what is counted, in place of the Runtime's, for tests of where ledgerbridge counts
 * (test/e2e/metrics.test.ts scrapes the real endpoint). Installed before each test of the file, removed after it.
 */
import { noopMetricMeter, type MetricMeter, type MetricTags } from '@temporalio/common';
import { useMetricMeter } from '../../platform/metrics';

/** The sum of what was added to (or recorded in) a metric under labels that include `labels`. */
export type SumOf = (name: string, labels?: MetricTags) => number;

export function useRecordingMeter(): SumOf {
  let recorded: { name: string; value: number; labels: MetricTags }[] = [];
  beforeEach(() => {
    recorded = [];
    const instrument = (name: string) => {
      const add = (value: number, labels: MetricTags = {}) => { recorded.push({ name, value, labels }); };
      return { add, record: add };
    };
    useMetricMeter({ ...noopMetricMeter, createCounter: instrument, createHistogram: instrument } as unknown as MetricMeter);
  });
  afterAll(() => useMetricMeter(noopMetricMeter));
  return (name, labels = {}) => recorded
    .filter((r) => r.name === name && Object.entries(labels).every(([k, v]) => r.labels[k] === v))
    .reduce((total, r) => total + r.value, 0);
}

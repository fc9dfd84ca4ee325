/** The worker's log names the flow of a scheduled run as it names a run started by hand. */
import { createLogger, forwardTemporalLog } from '../../platform/log';

function flowOf(workflowId: string): unknown {
  const lines: string[] = [];
  forwardTemporalLog(createLogger({ write: (l) => lines.push(l) }))('INFO', 'transfer run: 4 transferred', { sdkComponent: 'workflow', workflowId });
  return JSON.parse(lines[0]!).flow;
}

test('the flow is the segment after the tenant, without the time a schedule appends', () => {
  expect(flowOf('acme-oy/invoices-2026-12-02T04:00:00Z')).toBe('invoices');
  expect(flowOf('acme-oy/invoices/2026-12-02T04:00:00.000Z')).toBe('invoices');
  expect(flowOf('acme-oy/sales-ledger-2026-12-02T03:30:00Z')).toBe('sales-ledger');
  expect(flowOf('acme/batch/2026-11-3')).toBe('batch');
});

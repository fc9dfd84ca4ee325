/**
 * Where ledgerbridge's metrics are counted once: an external call with its outcome, a wait for the request budget,
 * a failed export-log entry, with a recording meter in place of the Runtime's.
 */
import { ConnectorError } from '../../connectors/errors';
import { externalCall } from '../../connectors/shared/externalCall';
import { memorySessionStore, unlimitedBudget, type ConnectorContext, type RequestBudget } from '../../connectors/types';
import { createExportLogRepo, createRequestBudget } from '../../db/repos';
import { silentLogger } from '../../platform/log';
import { useTestDatabase } from '../db/testDatabase';
import { useRecordingMeter } from '../harness/recordingMeter';

const store = useTestDatabase();
const sumOf = useRecordingMeter();

const context = (budget: RequestBudget = unlimitedBudget): ConnectorContext =>
  ({ tenant: 'acme-oy', sessions: memorySessionStore(), budget, log: silentLogger });

test('an external call is counted with its outcome; an HTTP error or a thrown ConnectorError is also an error of its type', async () => {
  const status = (res: { status: number }) => res.status;
  await externalCall(context(), 'severa', async () => ({ status: 200 }), status);
  await externalCall(context(), 'severa', async () => ({ status: 404 }), status);
  await expect(externalCall(context(), 'severa', async () => { throw new ConnectorError('Unavailable', 'down'); })).rejects.toThrow('down');

  const severa = { tenant: 'acme-oy', system: 'severa' };
  expect(sumOf('ledgerbridge_external_calls', { ...severa, outcome: 'ok' })).toBe(1);
  expect(sumOf('ledgerbridge_external_calls', { ...severa, outcome: 'error' })).toBe(2);
  expect(sumOf('ledgerbridge_external_errors', { ...severa, type: 'HTTP 4xx' })).toBe(1);
  expect(sumOf('ledgerbridge_external_errors', { ...severa, type: 'Unavailable' })).toBe(1);
});

test('a request the budget refuses is not an external call but a rate-limit wait until the budget renews', async () => {
  const budget = createRequestBudget(store.db, 'acme-oy', { limits: { severa: { perHour: 1, perDay: 1 } } });
  const call = jest.fn(async () => ({ status: 200 }));
  await externalCall(context(budget), 'severa', call);
  await expect(externalCall(context(budget), 'severa', call)).rejects.toMatchObject({ type: 'RateLimited' });

  expect(call).toHaveBeenCalledTimes(1);
  expect(sumOf('ledgerbridge_external_calls')).toBe(1);
  expect(sumOf('ledgerbridge_rate_limit_waits', { tenant: 'acme-oy', system: 'severa' })).toBe(1);
  const waited = sumOf('ledgerbridge_rate_limit_wait_seconds', { tenant: 'acme-oy', system: 'severa' });
  expect(waited).toBeGreaterThan(0);
  expect(waited).toBeLessThanOrEqual(24 * 3600); // until the next UTC day at most
});

test('a request paced behind another waits its turn, and the wait is counted in seconds', async () => {
  const budget = createRequestBudget(store.db, 'acme-oy', { limits: { severa: { perSecond: 5 } } });
  await budget.take('severa');
  await budget.take('severa');

  expect(sumOf('ledgerbridge_rate_limit_waits', { tenant: 'acme-oy', system: 'severa' })).toBe(1);
  expect(sumOf('ledgerbridge_rate_limit_wait_seconds')).toBeGreaterThan(0); // 1/5 s less the time between the two
  expect(sumOf('ledgerbridge_rate_limit_wait_seconds')).toBeLessThanOrEqual(0.2);
});

test('failed export-log entries are counted per tenant and flow, the others not', async () => {
  await createExportLogRepo(store.db).recordAll([
    { tenant: 'acme-oy', flow: 'invoice-transfer', entityType: 'invoice', sourceId: 'a', outcome: 'failed' },
    { tenant: 'acme-oy', flow: 'invoice-transfer', entityType: 'invoice', sourceId: 'b', outcome: 'ok' },
  ]);
  await createExportLogRepo(store.db).record({ tenant: 'acme-oy', flow: 'batch', entityType: 'voucher', sourceId: 'c', outcome: 'failed' });

  expect(sumOf('ledgerbridge_export_log_failures', { tenant: 'acme-oy', flow: 'invoice-transfer' })).toBe(1);
  expect(sumOf('ledgerbridge_export_log_failures', { tenant: 'acme-oy', flow: 'batch' })).toBe(1);
});

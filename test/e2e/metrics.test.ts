/**
 * The worker's Prometheus endpoint serves Temporal's metrics and ours, and ours move when a flow runs: scraped over
 * HTTP as Prometheus would, per tenant. And an activity's log line carries the tenant, flow and workflow id.
 */
import { createLogger } from '../../platform/log';
import { freePort } from '../../platform/dev-server';
import { installRuntime, metricsUrl } from '../../worker/runtime';
import { useBatchStage } from './batchHarness';

// One logger for the Runtime and the activities, as `ledgerbridge worker` has (worker/main.ts).
const lines: Record<string, unknown>[] = [];
const log = createLogger({ level: 'info', base: { component: 'worker' }, write: (line) => lines.push(JSON.parse(line)) });

// The Runtime is installed once per process, before any connection: this hook runs before the stage's.
let endpoint = '';
beforeAll(async () => {
  const address = `127.0.0.1:${await freePort()}`;
  installRuntime(log, address);
  endpoint = metricsUrl(address);
});

const stage = useBatchStage({ log });

test('a batch export moves vouchers posted and external calls for its tenant on the worker\'s /metrics', async () => {
  const before = await scrape();
  expect(before).toMatch(/^temporal_\w+/m); // Temporal's own worker metrics on the same endpoint
  expect(sum(before, 'ledgerbridge_vouchers_posted', { tenant: stage.tenant })).toBe(0);

  await stage.configure({ postingMode: 'direct' });
  const { handle } = await stage.exportBatch(await stage.closeBatch(6));
  const outcome = await handle.result();
  expect(outcome).toMatchObject({ outcome: 'posted', vouchers: 6 });

  const after = await scrapeUntil((text) => sum(text, 'ledgerbridge_vouchers_posted', { tenant: stage.tenant }) > 0);
  expect(sum(after, 'ledgerbridge_vouchers_posted', { tenant: stage.tenant, flow: 'batch' })).toBe(6);
  expect(sum(after, 'ledgerbridge_external_calls', { tenant: stage.tenant, system: '24sevenoffice', outcome: 'ok' })).toBeGreaterThan(0);
  expect(sum(after, 'ledgerbridge_external_calls', { tenant: stage.tenant, system: 'telaris', outcome: 'ok' })).toBeGreaterThan(0);
  expect(sum(after, 'ledgerbridge_external_errors', { tenant: stage.tenant })).toBe(0);
});

test('a lost SaveBundleList answer counts as an external error, and its vouchers, found on the retry, count once', async () => {
  await stage.configure({ postingMode: 'direct', chunkSize: 10 });
  const batchId = await stage.closeBatch(20);
  stage.tso.admin.setFault({ operation: 'SaveBundleList', kind: 'lostResponse', times: 1 });
  const { handle } = await stage.exportBatch(batchId);
  expect((await handle.result()).outcome).toBe('posted');

  const after = await scrapeUntil((text) => sum(text, 'ledgerbridge_vouchers_posted', { tenant: stage.tenant }) >= 20);
  expect(sum(after, 'ledgerbridge_vouchers_posted', { tenant: stage.tenant, flow: 'batch' })).toBe(20);
  expect(sum(after, 'ledgerbridge_external_errors', { tenant: stage.tenant, system: '24sevenoffice' })).toBe(1);
  expect(sum(after, 'ledgerbridge_external_calls', { tenant: stage.tenant, system: '24sevenoffice', outcome: 'error' })).toBe(1);
});

test("an activity's log line carries the tenant, the flow and the workflow id", async () => {
  await stage.configure({ postingMode: 'direct' });
  const batchId = await stage.closeBatch(3);
  const { handle } = await stage.exportBatch(batchId);
  await handle.result();

  // activities/batch/stage.ts says what it staged; nothing in that call names the flow or the workflow.
  expect(lines).toContainEqual(expect.objectContaining({
    level: 'info', component: 'worker', message: 'batch staged',
    tenant: stage.tenant, flow: 'batch', workflowId: `${stage.tenant}/batch/${batchId}`, activityType: 'stageBatch',
  }));
});

async function scrape(): Promise<string> {
  const res = await fetch(endpoint);
  expect(res.status).toBe(200);
  return res.text();
}

/** Counts reach the exporter through the native Runtime: a scrape polls briefly rather than assume it sees them at once. */
async function scrapeUntil(seen: (text: string) => boolean, timeoutMs = 5_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await scrape();
    if (seen(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The sum of a metric's samples whose labels include `labels`, from Prometheus's text format. */
function sum(text: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const sample = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!sample || sample[1] !== name) continue;
    const got = Object.fromEntries([...sample[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) total += Number(sample[3]);
  }
  return total;
}

/**
 * `ledgerbridge status <tenant>`: one screen for a tenant with a batch that waits for a person, a finished
 * connection check, a synced Severa schedule and a failed transfer in its export log; a tenant with nothing
 * waiting exits 0; an unknown tenant is not found.
 */
import { createExportLogRepo, createTenantRepo } from '../../db/repos';
import { useCliStage } from './cliStage';
import { ANSI, aBatchThatNeedsAttention, aFinishedConnectionCheck, eventually, type WaitingBatch } from './waitingWorkflows';

jest.setTimeout(180_000);

const stage = useCliStage();

let tenant: string;
let batch: WaitingBatch;
let check: string;

beforeAll(async () => {
  tenant = await stage.aTenant({ voucherTypes: {} });
  await createTenantRepo(stage.database.db).updateSettings(tenant, { severa: { transferSchedule: { at: ['06:00'], timezone: 'Europe/Helsinki' } } });
  expect((await stage.cli(['schedules', 'sync', tenant])).code).toBe(0);
  const log = createExportLogRepo(stage.database.db);
  await log.record({ tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: 'g-20001', outcome: 'failed', message: 'invoice 20001: Talenom refused the customer: VAT number missing' });
  await log.record({ tenant, flow: 'invoice-transfer', entityType: 'invoice', sourceId: 'g-20002', targetId: 't-1', outcome: 'ok', message: 'invoice 20002 transferred' });
  batch = await aBatchThatNeedsAttention(stage, tenant);
  check = await aFinishedConnectionCheck(stage, tenant);
});

const shown = (args: string[] = [], env: NodeJS.ProcessEnv = {}) => stage.cli(['status', tenant, ...args], '', env);

test('status --json: each flow’s last run, the waiting batch with its command, the schedules and only the failed transfers; exit 1 while a person is needed', async () => {
  const next = `fix what is listed, then: ledgerbridge batch retry ${tenant} ${batch.batchId}   (or: ledgerbridge batch cancel ${tenant} ${batch.batchId})`;
  const result = await eventually(() => shown(['--json']), (r) => JSON.parse(r.stdout).waiting?.length === 1 && JSON.parse(r.stdout).lastRuns.some((l: { outcome: string }) => l.outcome === 'completed'), `${tenant}'s status`);
  expect(result.code).toBe(1);
  const report = JSON.parse(result.stdout);
  expect(report.tenant).toBe(tenant);
  expect(report.lastRuns.find((r: { flow: string }) => r.flow === 'batch')).toEqual(expect.objectContaining({ outcome: 'running', stage: 'needs-attention', workflowId: batch.workflowId }));
  expect(report.lastRuns.find((r: { flow: string }) => r.flow === 'connection-check')).toEqual(expect.objectContaining({ outcome: 'completed', stage: 'ok', workflowId: check }));
  expect(report.lastRuns.find((r: { flow: string }) => r.flow === 'duell')).toEqual({ flow: 'duell', outcome: 'never run' });
  expect(report.waiting).toEqual([{ workflowId: batch.workflowId, flow: 'batch', businessKey: batch.batchId, stage: 'needs-attention', since: expect.any(String), next }]);
  expect(report.schedules.map((s: { scheduleId: string }) => s.scheduleId)).toEqual([`${tenant}/invoice-transfer`, `${tenant}/product-register`, `${tenant}/sales-ledger`]);
  const transfer = report.schedules[0];
  expect(transfer).toEqual(expect.objectContaining({ flow: 'invoice-transfer', when: '06:00 Europe/Helsinki daily', paused: false }));
  expect(new Date(transfer.nextRun).getTime()).toBeGreaterThan(Date.now());
  expect(report.failedExports).toEqual([{
    at: expect.any(String), flow: 'invoice-transfer', entity: 'invoice', source: 'g-20001', attempt: 1, message: 'invoice 20001: Talenom refused the customer: VAT number missing',
  }]);
});

test('the screen has its four parts, the command that answers the batch, and no colour when piped or with NO_COLOR', async () => {
  for (const env of [{}, { NO_COLOR: '1' }]) {
    const screen = await shown([], env);
    expect(screen.code).toBe(1);
    const out = screen.stdout;
    expect(out).toMatch(/^Last runs$/m);
    expect(out).toMatch(new RegExp(`^batch\\s+running\\s+needs-attention\\s+\\S+\\s+${batch.workflowId}$`, 'm'));
    expect(out).toMatch(/^duell\s+never run\s+-\s+-\s+-$/m);
    expect(out).toMatch(/^Waiting for a person \(1\)$/m);
    expect(out).toContain(`fix what is listed, then: ledgerbridge batch retry ${tenant} ${batch.batchId}`);
    expect(out).toMatch(new RegExp(`^${tenant}/invoice-transfer\\s+06:00 Europe/Helsinki daily\\s+\\S+\\s+false$`, 'm'));
    expect(out).toContain(`Failed transfers in the export log (the newest 5; all: ledgerbridge log ${tenant} --outcome failed)`);
    expect(out).toMatch(/^\S+\s+invoice-transfer\s+invoice\s+g-20001\s+1\s+invoice 20001: Talenom refused the customer: VAT number missing$/m);
    expect(out).not.toContain('g-20002');
    expect(out).not.toMatch(ANSI);
  }
});

test('a tenant with nothing waiting exits 0 and says so', async () => {
  const quiet = await stage.aTenant();
  const result = await stage.cli(['status', quiet]);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Waiting for a person \(0\)\n\(none\)$/m);
  expect(result.stdout).toMatch(/^Next scheduled runs\n\(none\)$/m);
});

test('an unknown tenant is not found (exit 4) with where to see the tenants, in words and in JSON', async () => {
  const unknown = await stage.cli(['status', 'nobody-here']);
  expect(unknown.code).toBe(4);
  expect(unknown.stderr).toContain('tenant nobody-here does not exist: see the tenants with: ledgerbridge tenants list');
  const json = await stage.cli(['status', 'nobody-here', '--json']);
  expect(json.code).toBe(4);
  expect(JSON.parse(json.stdout)).toEqual({ error: expect.stringContaining('tenant nobody-here does not exist'), exitCode: 4 });
  const missing = await stage.cli(['status']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('missing the tenant id, e.g. ledgerbridge status demo');
});

/**
 * Schedules follow tenant settings on a real Temporal dev server: created, left alone when nothing changed,
 * updated, deleted, and an operator's pause kept through it all. No worker polls the task queue: a triggered run
 * simply waits, which is all a schedule is responsible for.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { TypedSearchAttributes } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTenantRepo } from '../../db/repos';
import { CATCHUP_WINDOW_MS, describeSchedule, syncSchedules, triggerSchedule, type ScheduleSyncResult } from '../../client/schedules';
import { FlowKey, TenantKey } from '../../workflows/searchAttributes';
import { useTestDatabase } from '../db/testDatabase';
import { connectTestEnv, uniqueTaskQueue } from '../harness/temporal';

const store = useTestDatabase();
let env: TestWorkflowEnvironment;
let client: Client;
const taskQueue = uniqueTaskQueue('schedules');

beforeAll(async () => {
  env = await connectTestEnv();
  client = env.client;
});

afterAll(async () => {
  // The schedules would fire at 05:00 on a server that outlives this file: leave none behind.
  for await (const s of client.schedule.list()) if (s.scheduleId.startsWith('sched-')) await client.schedule.getHandle(s.scheduleId).delete().catch(() => undefined);
  await env?.teardown();
});

async function aTenant(settings: Record<string, unknown> = { severa: {} }): Promise<string> {
  const id = `sched-${randomBytes(4).toString('hex')}`;
  await createTenantRepo(store.db).add({ id, name: 'Acme Oy', settings });
  return id;
}

const sync = (tenant: string) => syncSchedules(client, store.db, { tenant, taskQueue });
const outcomes = (results: ScheduleSyncResult[]) => Object.fromEntries(results.map((r) => [r.flow, r.outcome]));
const setSevera = (tenant: string, severa: unknown) => createTenantRepo(store.db).updateSettings(tenant, { severa: severa as Record<string, unknown> });

test('a tenant with severa settings gets the three schedules, each starting its workflow for the tenant', async () => {
  const tenant = await aTenant({ severa: { transferSchedule: { at: ['06:00', '14:30'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] } } });
  const results = await sync(tenant);
  expect(outcomes(results)).toEqual({ 'invoice-transfer': 'created', 'product-register': 'created', 'sales-ledger': 'created' });
  expect(results.find((r) => r.flow === 'invoice-transfer')?.when).toBe('06:00, 14:30 Europe/Helsinki mon–fri');
  expect(results.find((r) => r.flow === 'sales-ledger')?.when).toBe('05:30 Europe/Helsinki daily');

  const transfer = (await describeSchedule(client, `${tenant}/invoice-transfer`))!;
  expect(transfer.action).toEqual(expect.objectContaining({
    workflowType: 'invoiceTransferRun', taskQueue, workflowId: `${tenant}/invoices`, args: [{ tenant }],
  }));
  expect(transfer.action.staticSummary).toContain(tenant);
  const runAttributes = transfer.action.typedSearchAttributes as TypedSearchAttributes; // describe() decodes them so
  expect(runAttributes.get(TenantKey)).toBe(tenant);
  expect(runAttributes.get(FlowKey)).toBe('invoice-transfer');
  expect(transfer.policies).toEqual({ overlap: 'SKIP', catchupWindow: CATCHUP_WINDOW_MS, pauseOnFailure: false });
  expect(transfer.memo).toEqual({ managedBy: 'ledgerbridge', tenant, flow: 'invoice-transfer' });
  expect(transfer.spec.timezone).toBe('Europe/Helsinki');
  expect(transfer.state.paused).toBe(false);
  // The next run is a weekday at 06:00 or 14:30 Helsinki time.
  const next = transfer.info.nextActionTimes[0]!;
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Helsinki', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(next);
  expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) (06:00|14:30)$/);

  expect((await describeSchedule(client, `${tenant}/products`))).toBeUndefined();
  expect((await describeSchedule(client, `${tenant}/product-register`))!.action).toEqual(expect.objectContaining({ workflowType: 'productRegisterTransfer', workflowId: `${tenant}/products` }));
  expect((await describeSchedule(client, `${tenant}/sales-ledger`))!.action).toEqual(expect.objectContaining({ workflowType: 'salesLedgerTransfer', workflowId: `${tenant}/sales-ledger` }));
});

test('a second sync changes nothing', async () => {
  const tenant = await aTenant({ severa: { salesLedgerSchedule: { every: '10 minutes' } } });
  await sync(tenant);
  const before = await Promise.all(['invoice-transfer', 'product-register', 'sales-ledger'].map((f) => describeSchedule(client, `${tenant}/${f}`)));
  const again = await sync(tenant);
  expect(outcomes(again)).toEqual({ 'invoice-transfer': 'unchanged', 'product-register': 'unchanged', 'sales-ledger': 'unchanged' });
  expect(again.find((r) => r.flow === 'sales-ledger')?.when).toBe('every 10 minutes');
  const after = await Promise.all(['invoice-transfer', 'product-register', 'sales-ledger'].map((f) => describeSchedule(client, `${tenant}/${f}`)));
  for (const [i, description] of after.entries()) {
    expect(description!.info.lastUpdatedAt).toEqual(before[i]!.info.lastUpdatedAt);
    expect(description!.raw.conflictToken).toEqual(before[i]!.raw.conflictToken); // the server's version of the schedule
  }
});

test('a changed transfer time updates that schedule only', async () => {
  const tenant = await aTenant();
  await sync(tenant);
  await setSevera(tenant, { transferSchedule: { at: ['07:15'], timezone: 'Europe/Oslo' } });
  const results = await sync(tenant);
  expect(outcomes(results)).toEqual({ 'invoice-transfer': 'updated', 'product-register': 'unchanged', 'sales-ledger': 'unchanged' });
  expect(results.find((r) => r.flow === 'invoice-transfer')?.when).toBe('07:15 Europe/Oslo daily');
  expect(outcomes(await sync(tenant))['invoice-transfer']).toBe('unchanged');
});

test('a schedule an operator paused stays paused, with its note, through a sync and a settings change', async () => {
  const tenant = await aTenant();
  await sync(tenant);
  await client.schedule.getHandle(`${tenant}/invoice-transfer`).pause('Talenom closes the year');

  expect(outcomes(await sync(tenant))['invoice-transfer']).toBe('unchanged');
  expect((await describeSchedule(client, `${tenant}/invoice-transfer`))!.state).toEqual(expect.objectContaining({ paused: true, note: 'Talenom closes the year' }));

  await setSevera(tenant, { transferSchedule: { at: ['08:00'] } });
  const results = await sync(tenant);
  expect(results.find((r) => r.flow === 'invoice-transfer')).toEqual(expect.objectContaining({
    outcome: 'paused-kept', when: '08:00 Europe/Helsinki daily', paused: true, note: 'Talenom closes the year',
  }));
  expect((await describeSchedule(client, `${tenant}/invoice-transfer`))!.state).toEqual(expect.objectContaining({ paused: true, note: 'Talenom closes the year' }));
});

test('a removed severa setting deletes the schedules; a schedule switched off deletes only that one', async () => {
  const offTenant = await aTenant();
  await sync(offTenant);
  await setSevera(offTenant, { productsSchedule: { off: true } });
  expect(outcomes(await sync(offTenant))).toEqual({ 'invoice-transfer': 'unchanged', 'product-register': 'deleted', 'sales-ledger': 'unchanged' });
  expect(await describeSchedule(client, `${offTenant}/product-register`)).toBeUndefined();

  const removedTenant = await aTenant();
  await sync(removedTenant);
  await createTenantRepo(store.db).updateSettings(removedTenant, { severa: null });
  expect(outcomes(await sync(removedTenant))).toEqual({ 'invoice-transfer': 'deleted', 'product-register': 'deleted', 'sales-ledger': 'deleted' });
  expect(await describeSchedule(client, `${removedTenant}/invoice-transfer`)).toBeUndefined();
  expect(await sync(removedTenant)).toEqual([]);
});

test('a schedule ledgerbridge did not make is left alone, and invalid settings leave the schedules as they were', async () => {
  const tenant = await aTenant();
  await sync(tenant);
  await client.schedule.create({
    scheduleId: `${tenant}/by-hand`, spec: { intervals: [{ every: '1h' }] },
    action: { type: 'startWorkflow', workflowType: 'somethingElse', taskQueue, args: [] },
  });
  await setSevera(tenant, { transferSchedule: { at: ['6am'] } });
  const results = await sync(tenant);
  expect(results).toEqual([expect.objectContaining({ outcome: 'failed', error: expect.stringContaining(`tenant ${tenant} has invalid severa settings (severa.transferSchedule`) })]);
  expect(await describeSchedule(client, `${tenant}/invoice-transfer`)).toBeDefined();

  await createTenantRepo(store.db).updateSettings(tenant, { severa: null });
  expect(outcomes(await sync(tenant))).toEqual({ 'invoice-transfer': 'deleted', 'product-register': 'deleted', 'sales-ledger': 'deleted' });
  expect(await describeSchedule(client, `${tenant}/by-hand`)).toBeDefined();
});

test('trigger starts the flow now, under the workflow id prefix, with the tenant search attribute', async () => {
  const tenant = await aTenant();
  await sync(tenant);
  const workflowId = await triggerSchedule(client, `${tenant}/invoice-transfer`);
  expect(workflowId.startsWith(`${tenant}/invoices-`)).toBe(true);
  const run = client.workflow.getHandle(workflowId);
  const description = await run.describe();
  expect(description.type).toBe('invoiceTransferRun');
  expect(description.typedSearchAttributes.get(TenantKey)).toBe(tenant);
  // While it runs a second trigger is refused rather than silently skipped by the overlap policy.
  await expect(triggerSchedule(client, `${tenant}/invoice-transfer`)).rejects.toThrow(`workflow ${workflowId}`);
  await run.terminate('test over');
});

test('a tenant with duell settings gets one settlement schedule for all its departments: every 24 hours, overlap skip, settlementRun', async () => {
  const tenant = await aTenant({ duell: { departments: { OSL: { company: '24so', department: 2 }, BGO: { company: '24so-kafe', department: 3 } } } });
  const results = await sync(tenant);
  expect(outcomes(results)).toEqual({ duell: 'created' });
  const settlement = (await describeSchedule(client, `${tenant}/duell`))!;
  expect(settlement.action).toEqual(expect.objectContaining({ workflowType: 'settlementRun', taskQueue, workflowId: `${tenant}/settlements`, args: [{ tenant }] }));
  expect((settlement.action.typedSearchAttributes as TypedSearchAttributes).get(FlowKey)).toBe('duell');
  expect(settlement.policies).toEqual({ overlap: 'SKIP', catchupWindow: CATCHUP_WINDOW_MS, pauseOnFailure: false });
  expect(settlement.spec.intervals).toEqual([expect.objectContaining({ every: 24 * 3_600_000 })]);
});

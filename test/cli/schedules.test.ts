/** `ledgerbridge schedules …` through the real CLI binary, against the run's Temporal dev server. */
import { createTenantRepo } from '../../db/repos';
import { useCliStage } from './cliStage';

// Each command is a subprocess that compiles the CLI with tsx: seconds apiece on a busy machine.
jest.setTimeout(120_000);

const stage = useCliStage();

async function aSeveraTenant(): Promise<string> {
  const tenant = await stage.aTenant();
  await createTenantRepo(stage.database.db).updateSettings(tenant, { severa: { transferSchedule: { at: ['06:00'], timezone: 'Europe/Helsinki' } } });
  return tenant;
}

test('an operator syncs, lists, pauses with a note and unpauses a tenant’s schedule', async () => {
  const tenant = await aSeveraTenant();
  const synced = await stage.cli(['schedules', 'sync', tenant, '--json']);
  expect(synced.code).toBe(0);
  expect(JSON.parse(synced.stdout).map((r: { scheduleId: string; outcome: string }) => [r.scheduleId, r.outcome])).toEqual([
    [`${tenant}/invoice-transfer`, 'created'], [`${tenant}/product-register`, 'created'], [`${tenant}/sales-ledger`, 'created'],
  ]);

  const listed = await stage.cli(['schedules', 'list', tenant, '--json']);
  expect(listed.code).toBe(0);
  const transfer = JSON.parse(listed.stdout).find((r: { flow: string }) => r.flow === 'invoice-transfer');
  expect(transfer).toEqual(expect.objectContaining({ scheduleId: `${tenant}/invoice-transfer`, when: '06:00 Europe/Helsinki daily', paused: false }));
  expect(new Date(transfer.nextRun).getTime()).toBeGreaterThan(Date.now());

  const paused = await stage.cli(['schedules', 'pause', tenant, 'invoice-transfer', '--note', 'Talenom closes the year', '--json']);
  expect(paused.code).toBe(0);
  expect(JSON.parse(paused.stdout)).toEqual({ scheduleId: `${tenant}/invoice-transfer`, paused: true, note: 'Talenom closes the year' });
  const whilePaused = JSON.parse((await stage.cli(['schedules', 'list', tenant, '--json'])).stdout);
  expect(whilePaused.find((r: { flow: string }) => r.flow === 'invoice-transfer')).toEqual(expect.objectContaining({ paused: true, note: 'Talenom closes the year' }));

  const table = await stage.cli(['schedules', 'list', tenant]);
  expect(table.stdout).toMatch(new RegExp(`${tenant}/invoice-transfer\\s+invoice-transfer\\s+06:00 Europe/Helsinki daily\\s+-\\s+-\\s+yes: Talenom closes the year`));

  const resynced = await stage.cli(['schedules', 'sync', tenant, '--json']);
  expect(JSON.parse(resynced.stdout)).toContainEqual(expect.objectContaining({ scheduleId: `${tenant}/invoice-transfer`, outcome: 'unchanged', paused: true, note: 'Talenom closes the year' }));
  expect(JSON.parse(resynced.stdout).every((r: { outcome: string }) => r.outcome === 'unchanged')).toBe(true);

  const unpaused = await stage.cli(['schedules', 'unpause', tenant, 'invoice-transfer', '--json']);
  expect(unpaused.code).toBe(0);
  expect(JSON.parse(unpaused.stdout)).toEqual(expect.objectContaining({ scheduleId: `${tenant}/invoice-transfer`, paused: false }));
});

test('an unknown flow lists the flows; a tenant without the setting is told which to add', async () => {
  const tenant = await stage.aTenant();
  const unknown = await stage.cli(['schedules', 'pause', tenant, 'invoices']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown flow "invoices": the scheduled flows are invoice-transfer, product-register, sales-ledger');

  const unset = await stage.cli(['schedules', 'trigger', tenant, 'invoice-transfer', '--json']);
  expect(unset.code).toBe(4);
  expect(JSON.parse(unset.stdout).error).toContain(`tenant ${tenant} has no severa setting, so invoice-transfer is not scheduled: add it, e.g. ledgerbridge tenants settings ${tenant} severa='{`);

  await createTenantRepo(stage.database.db).updateSettings(tenant, { severa: {} });
  const unsynced = await stage.cli(['schedules', 'unpause', tenant, 'sales-ledger']);
  expect(unsynced.code).toBe(4);
  expect(unsynced.stderr).toContain(`create it with: ledgerbridge schedules sync ${tenant}`);
});

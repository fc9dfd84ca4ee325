/**
 * An operator steers the daily settlement from the `ledgerbridge` CLI: `settlements run --wait` posts DUELL's
 * Z-reports and exits 1 while one waits for a person; `list` and `show` say which and what to do; after
 * `mappings set … settlement-account … --source duell`, `settlements retry <tenant> <department> <Z>` posts it;
 * `log --flow duell` tells the story; a retry of a report nothing waits for is refused.
 */
import { randomBytes } from 'node:crypto';
import { createConnectionRepo, createMappingRepo, createSettlementRepo, createTenantRepo, ROUTES, type Settlement } from '../../db/repos';
import { createSecretBox } from '../../db/secrets';
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { DEMO_DUELL, startDuellSandbox, type DuellSandbox } from '../../sandbox/duell';
import { ACCOUNTS, SETTLEMENT_TYPE } from '../e2e/settlementHarness';
import { KEY, useCliStage } from './cliStage';

jest.setTimeout(180_000);

const stage = useCliStage();
const cli = (...args: string[]) => stage.cli(args);
let duell: DuellSandbox;

beforeAll(async () => {
  duell = await startDuellSandbox({ port: 0, seed: true });
});
afterAll(async () => {
  await duell?.close();
  for (const output of stage.outputs) expect(output.stdout + output.stderr).not.toContain(DEMO_DUELL.token);
});

async function untilStage(tenant: string, z: number, wanted: string): Promise<Settlement> {
  let last: Settlement | undefined;
  for (let i = 0; i < 160; i++) {
    last = await createSettlementRepo(stage.database.db).find(tenant, 'OSL', z);
    if (last?.stage === wanted) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`OSL Z ${z} never reached ${wanted}; last ${JSON.stringify(last)}`);
}

test('run --wait posts and exits 1 while Z 3 needs attention; show names the fix; after the mapping, retry posts it', async () => {
  const tenant = `as-${randomBytes(4).toString('hex')}`;
  const db = stage.database.db;
  await createTenantRepo(db).add({ id: tenant, name: 'Demo Handel AS', settings: { duell: { departments: { OSL: { company: '24so', department: 2, saveTo: 'ledger' } } } } });
  const connections = createConnectionRepo(db, createSecretBox(KEY));
  const { applicationId, username, password } = DEMO_CREDENTIALS;
  await connections.add(tenant, '24sevenoffice', '24so', { apiBaseUrl: stage.tso.url, webservicesBaseUrl: stage.tso.url }, { applicationId, username, password });
  await connections.add(tenant, 'duell', 'duell', { baseUrl: duell.apiUrl, customerNumber: DEMO_DUELL.customerNumber }, { token: DEMO_DUELL.token });
  const mappings = createMappingRepo(db);
  await mappings.set(tenant, ROUTES.duellTo24so, 'voucher-type', 'cashSettlement', String(SETTLEMENT_TYPE));
  for (const [source, target] of Object.entries(ACCOUNTS)) await mappings.set(tenant, ROUTES.duellTo24so, 'settlement-account', source, target);

  const run = await cli('settlements', 'run', tenant, '--wait');
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('3 Z-report(s) to post in 1 department(s): 2 posted');
  expect(run.stdout).toContain(`next: ledgerbridge log ${tenant} --flow duell --outcome failed`);
  // The progress on stderr (a line per change when not on a terminal) ends with every report accounted for.
  expect(run.stderr).toMatch(/\[#+-*\] \w+ · 1 department\(s\) · \d\/3 · \d posted/);
  expect(run.stderr).toContain('· 3/3 · 2 posted · 1 need attention');
  await untilStage(tenant, 3, 'needs-attention');

  const listed = await cli('settlements', 'list', tenant, '--json');
  expect(JSON.parse(listed.stdout)).toEqual(expect.arrayContaining([
    expect.objectContaining({ department: 'OSL', z: 1, stage: 'posted' }), expect.objectContaining({ department: 'OSL', z: 3, stage: 'needs-attention' }),
  ]));
  const shown = await cli('settlements', 'show', tenant, 'OSL', '3');
  expect(shown.code).toBe(0);
  expect(shown.stdout).toContain('account 3001 does not exist in 24SevenOffice');
  expect(shown.stdout).toContain(`ledgerbridge settlements retry ${tenant} OSL 3`);

  expect((await cli('mappings', 'set', tenant, 'settlement-account', 'sales:group:30=3000', '--source', 'duell')).code).toBe(0);
  const retried = await cli('settlements', 'retry', tenant, 'OSL', '3');
  expect(retried.code).toBe(0);
  expect(retried.stdout).toContain('Z 3 of department OSL: retrying the step that needed attention');
  expect(await untilStage(tenant, 3, 'posted')).toMatchObject({ stampNo: expect.any(Number), transactionNo: expect.any(Number) });

  const log = await cli('log', tenant, '--flow', 'duell', '--json');
  expect(JSON.parse(log.stdout).map((l: { message: string }) => l.message)).toEqual(expect.arrayContaining([
    expect.stringContaining('Z 3 of department OSL (2026-11-29): posted to the ledger as voucher'),
    expect.stringContaining('Z 3 of department OSL (2026-11-29) needs attention'),
  ]));

  const again = await cli('settlements', 'retry', tenant, 'OSL', '3');
  expect(again.code).toBe(4);
  expect(again.stderr).toContain('is not running, so nothing waits for a retry');
});

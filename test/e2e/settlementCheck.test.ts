/**
 * `ledgerbridge connections test <tenant> duell`: the connectionCheck workflow on a DUELL connection checks the
 * whole settlement set-up against both sandboxes (departments, companies, accounts with sales types, the voucher
 * type, GIFTCARD), names each problem with its fix, and passes once they are fixed. A settlement whose sales
 * account lacks a sales type waits in needs-attention with the same fix.
 */
import { checkConnection } from '../../client/api';
import { retrySettlement, settlementWorkflowId } from '../../client/settlements';
import type { CheckReport } from '../../connectors/types';
import { createConnectionRepo } from '../../db/repos';
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { connectTo } from '../connectors/24sevenoffice-fixtures';
import { KAFE, useSettlementStage } from './settlementHarness';

const stage = useSettlementStage();

async function testDuell(): Promise<CheckReport> {
  const { report } = await checkConnection(stage.env.client, { tenant: stage.tenant, connectionId: `${stage.tenant}:duell`, system: 'duell' }, stage.taskQueue);
  return report;
}

const item = (report: CheckReport, name: string) => {
  const found = report.items.find((i) => i.name === name);
  if (!found) throw new Error(`no item "${name}" in ${JSON.stringify(report.items.map((i) => i.name))}`);
  return found;
};

test('a DUELL connection test checks every department: DUELL, the company and its department, accounts with sales types, the voucher type, GIFTCARD', async () => {
  // OSL sells Z 3's article group 30 on account 3050, which exists in Demo Handel AS without a sales type; BGO
  // posts to Demo Kafé AS's department 99, which does not exist, and sells a gift card on an invoice basis.
  stage.tso.admin.addAccount(1001, { AccountNo: 3050, AccountName: 'Salg verksted' });
  await stage.mapAccounts({ 'OSL/sales:group:30': '3050' });
  await stage.departments({
    OSL: { company: '24so', department: 2, saveTo: 'ledger' },
    BGO: { company: '24so-kafe', department: 99, invoices: true, fromDate: '2026-11-01' },
  });

  const broken = await testDuell();
  expect(broken.ok).toBe(false);
  expect(item(broken, 'login')).toMatchObject({ ok: true });
  expect(item(broken, 'OSL: DUELL department')).toMatchObject({ ok: true });
  expect(item(broken, 'OSL: company')).toMatchObject({ ok: true, detail: expect.stringContaining('Demo Handel AS') });
  expect(item(broken, 'OSL: 24SevenOffice department')).toMatchObject({ ok: true });
  expect(item(broken, 'OSL: account 1900 (settlement-account payment:cash)')).toMatchObject({ ok: true });
  expect(item(broken, 'OSL: account 3050 (settlement-account sales:group:30)')).toMatchObject({
    ok: false, detail: expect.stringContaining(`account 3050 has no sales type (type group) in 24SevenOffice`),
  });
  expect(item(broken, 'OSL: voucher type')).toMatchObject({ ok: true, detail: expect.stringContaining('Voucher type 6') });
  expect(item(broken, 'BGO: 24SevenOffice department')).toMatchObject({
    ok: false, detail: expect.stringMatching(/has no department 99; its departments are 1 Hovedkontor, 2 Butikk Oslo, 3 Butikk Bergen/),
  });
  expect(item(broken, 'BGO: product GIFTCARD')).toMatchObject({
    ok: false, detail: expect.stringMatching(/Invoice basis \d+ sells a gift card, and 24SevenOffice has no product GIFTCARD; create a product numbered GIFTCARD/),
  });
  // The department mapping overrides the tenant's only for OSL: BGO's accounts are the tenant's.
  expect(broken.items.some((i) => i.name.startsWith('BGO: account 3050'))).toBe(false);

  // The settlement itself refuses the account for the same reason, with the same fix.
  await stage.departments({ OSL: { company: '24so', department: 2, saveTo: 'ledger' } });
  expect(await stage.run()).toMatchObject({ posted: 2, needsAttention: 1 });
  const held = await stage.waitForStage('OSL', 3, 'needs-attention');
  expect(held.attention).toContain('account 3050 has no sales type (type group) in 24SevenOffice');
  expect(held.attention).toContain('Settings → Accounting → Type groups');

  // The accountant sets up what the test named: a sales type on 3050, GIFTCARD in Demo Kafé AS, BGO on department 3.
  await fetch(`${stage.tso.url}/admin/tenants/1001/type-groups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ AccountNo: 3050, Name: 'Salg verksted' }) });
  const kafe = connectTo(stage.tso.url, { settings: { identityId: DEMO_CREDENTIALS.identities.find((i) => i.clientId === KAFE)!.id } }).connector;
  await kafe.saveProducts([{ no: 'GIFTCARD', name: 'Gavekort', categoryId: 1, taxRate: 0 }]);
  await stage.departments({
    OSL: { company: '24so', department: 2, saveTo: 'ledger' },
    BGO: { company: '24so-kafe', department: 3, invoices: true, fromDate: '2026-11-01' },
  });
  const fixed = await testDuell();
  expect(fixed.items.filter((i) => !i.ok)).toEqual([]);
  expect(item(fixed, 'OSL: account 3050 (settlement-account sales:group:30)')).toMatchObject({ ok: true, detail: expect.stringContaining('with a sales type') });
  expect(item(fixed, 'BGO: product GIFTCARD')).toMatchObject({ ok: true });

  await retrySettlement(stage.env.client, settlementWorkflowId(stage.tenant, 'OSL', 3));
  expect(await stage.env.client.workflow.getHandle(settlementWorkflowId(stage.tenant, 'OSL', 3)).result()).toMatchObject({ outcome: 'posted' });
}, 180_000);

test('a DUELL connection test without departments in the settings, or with a wrong token, says what to set', async () => {
  await stage.departments({});
  const empty = await testDuell();
  expect(empty.ok).toBe(false);
  expect(item(empty, 'settings').detail).toContain(`ledgerbridge tenants settings ${stage.tenant} duell=`);

  await createConnectionRepo(stage.db, stage.secrets).update(`${stage.tenant}:duell`, { credentials: { token: 'not-the-token' } });
  const refused = await testDuell();
  expect(refused.items).toEqual([expect.objectContaining({ name: 'login', ok: false, detail: expect.stringContaining('token') })]);
}, 60_000);


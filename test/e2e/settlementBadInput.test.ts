/**
 * Bad inputs of the daily settlement end to end, each as an operator meets it: a Z-report in a closed accounting
 * period, a report whose PDF DUELL lost, a report DUELL gives unbalanced. Each waits in needs-attention naming the
 * report and the fix, nothing of it reaches 24SevenOffice, the later reports of its department wait behind it, and
 * once fixed, retry posts it once.
 */
import { retrySettlement, settlementWorkflowId } from '../../client/settlements';
import { DEMO_DUELL } from '../../sandbox/duell';
import { HANDEL, useSettlementStage } from './settlementHarness';

const stage = useSettlementStage();

async function admin(method: string, url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

/** Retries the report and waits for its workflow's outcome. */
async function retried(zNumber: number): Promise<unknown> {
  const id = settlementWorkflowId(stage.tenant, 'OSL', zNumber);
  await retrySettlement(stage.env.client, id);
  return stage.env.client.workflow.getHandle(id).result();
}

const vouchers = () => [...stage.ledger(HANDEL).keys()].length;

beforeEach(async () => {
  // Z 3's article group 30 has an account the company lacks; mapped, all three reports can go.
  await stage.mapAccounts({ 'sales:group:30': '3000' });
});

test('a Z-report in a closed accounting period waits with the period named; reopened, retry posts it and the rest follow', async () => {
  await admin('POST', `${stage.tso.url}/admin/tenants/${HANDEL}/periods/lock`, { period: '2026-11' });
  const before = vouchers();
  expect(await stage.run()).toMatchObject({ posted: 0, needsAttention: 1 });
  const view = await stage.waitForStage('OSL', 1, 'needs-attention');
  expect(view.attention).toMatch(/department OSL Z 1 \(2026-11-\d\d\): 24SevenOffice refused it/);
  expect(view.attention).toContain('the period 2026-11 is closed');
  expect(view.nextAction).toContain(`ledgerbridge settlements retry ${stage.tenant} OSL 1`);
  expect(vouchers()).toBe(before);
  expect(await stage.exportLog()).toContainEqual(expect.objectContaining({ outcome: 'failed', message: expect.stringContaining('the period 2026-11 is closed') }));

  await admin('POST', `${stage.tso.url}/admin/tenants/${HANDEL}/periods/unlock`, { period: '2026-11' });
  expect(await retried(1)).toMatchObject({ outcome: 'posted' });
  expect(await stage.run()).toMatchObject({ posted: 2, needsAttention: 0 });
  expect(vouchers()).toBe(before + 3);
}, 180_000);

test('a report whose PDF DUELL lost waits, saying the voucher goes only with its PDF; once DUELL has it, retry posts it once', async () => {
  const pdf = `${stage.duell.url}/admin/accounts/${DEMO_DUELL.customerNumber}/departments/OSL/z-reports/1/pdf`;
  await admin('PUT', pdf, { present: false });
  const before = vouchers();
  expect(await stage.run()).toMatchObject({ posted: 0, needsAttention: 1 });
  const view = await stage.waitForStage('OSL', 1, 'needs-attention');
  expect(view.attention).toContain('the voucher is posted only with its PDF');
  expect(view.attention).toContain(`ledgerbridge settlements retry ${stage.tenant} OSL 1`);
  expect(vouchers()).toBe(before);

  await admin('PUT', pdf, { present: true });
  expect(await retried(1)).toMatchObject({ outcome: 'posted' });
  const posted = (await stage.row('OSL', 1))!;
  const lines = stage.ledger(HANDEL).get(posted.transactionNo!)!;
  expect(lines.every((l) => l.stampNo === posted.stampNo && l.stampNo > 0)).toBe(true);
  expect(await stage.run()).toMatchObject({ posted: 2 });
  expect(vouchers()).toBe(before + 3);
}, 180_000);

test('a report DUELL gives unbalanced is refused with the difference named; once DUELL gives it right, retry posts it', async () => {
  // DUELL answers Z 1 with its BankAxept payments 7 000.00 instead of 6 120.50 until its support corrects it.
  await admin('POST', `${stage.duell.url}/admin/faults`, { operation: 'daily-settlements', kind: 'malformed', field: 'payments.1.amount', value: 7000, times: 20 });
  const before = vouchers();
  expect(await stage.run()).toMatchObject({ posted: 0, needsAttention: 1 });
  const view = await stage.waitForStage('OSL', 1, 'needs-attention');
  expect(view.attention).toContain('does not balance');
  expect(view.attention).toContain("compare it with the Z-report in DUELL's Backoffice");
  expect(vouchers()).toBe(before);

  await fetch(`${stage.duell.url}/admin/faults`, { method: 'DELETE' });
  expect(await retried(1)).toMatchObject({ outcome: 'posted' });
  expect(await stage.run()).toMatchObject({ posted: 2 });
  expect(vouchers()).toBe(before + 3);
}, 180_000);

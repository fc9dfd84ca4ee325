/**
 * The real SAF-T Cash Register example (../shared/reference/saf-t) as a shop's own file driving the demo: imported
 * into the DUELL sandbox as department FRO's Z-report, then settled through the whole flow into 24SevenOffice's
 * ledger as one balanced voucher with the file's payments, sales per VAT rate, output VAT and rounding. Skipped
 * when the reference folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_DUELL } from '../../sandbox/duell';
import { HANDEL, useSettlementStage } from './settlementHarness';

const EXAMPLE = path.resolve(__dirname, '../../../shared/reference/saf-t/cash-register-example-zreport.xml');
const present = fs.existsSync(EXAMPLE);
if (!present) console.warn(`skipped: ${EXAMPLE} is absent (the shared reference folder beside the project)`);
const withExample = present ? test : test.skip;

const stage = useSettlementStage();

async function admin(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

withExample('the SAF-T example Z-report is imported, settled and posted as one balanced voucher with the file\'s figures', async () => {
  await admin(`${stage.duell.url}/admin/accounts/${DEMO_DUELL.customerNumber}/departments/FRO/saf-t`, { xml: fs.readFileSync(EXAMPLE, 'utf8') });
  // The example is dated 2020-01-01: the company keeps that year's books open.
  await admin(`${stage.tso.url}/admin/tenants/${HANDEL}/fiscal-years`, { year: 2020 });
  await stage.departments({ FRO: { company: '24so', department: 1, saveTo: 'ledger' } });
  // Food at 15 % on the middle-rate sales account, tobacco and beer at 25 % on the high-rate one.
  await stage.mapAccounts({ 'sales:group:100': '3010', 'sales:group:200': '3000', 'sales:group:300': '3000' });

  expect(await stage.run()).toMatchObject({ read: 1, posted: 1, needsAttention: 0 });
  const row = await stage.row('FRO', 1);
  expect(row).toMatchObject({ stage: 'posted', date: '2020-01-01' });

  const lines = stage.ledger(HANDEL).get(row!.transactionNo!)!;
  expect(lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
  const on = (account: number) => lines.filter((l) => l.accountNo === account).reduce((sum, l) => sum + l.amount, 0);
  // Paid 513.80: 295.00 in cash and 218.80 by BankAxept, for 514.20 of sales less 0.40 rounding.
  expect(on(1900)).toBe(29500);
  expect(on(1920)).toBe(21880);
  expect(on(7740)).toBe(40);
  // Sales net per rate and their output VAT, as the file's reportCashSalesVat says.
  expect(on(3010)).toBe(-8938);
  expect(on(3000)).toBe(-32912);
  expect(on(2701)).toBe(-1342);
  expect(on(2700)).toBe(-8228);
  expect(lines.every((l) => l.departmentId === 1 && l.stampNo > 0)).toBe(true);
}, 120_000);

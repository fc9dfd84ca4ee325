/**
 * The real SAF-T Cash Register example (../shared/reference/saf-t) imported into the sandbox over its admin API and
 * read back through the connector: the Z-report's totals are the file's. Skipped when the reference folder is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ZReport } from '../../../domain/settlement/zReport';
import { brokenInvariants } from '../../../domain/settlement/invariants';
import { startHarness, type Harness } from './harness';

const EXAMPLE = path.resolve(__dirname, '../../../../shared/reference/saf-t/cash-register-example-zreport.xml');
const present = fs.existsSync(EXAMPLE);
if (!present) console.warn(`skipped: ${EXAMPLE} is absent (the shared reference folder beside the project)`);
const withExample = present ? test : test.skip;

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

async function importOverHttp(customerNumber: string, department: string, xml: string): Promise<Response> {
  return fetch(`${h.sandbox.url}/admin/accounts/${customerNumber}/departments/${department}/saf-t`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ xml }),
  });
}

withExample('the example file\'s Z report is read through the connector with the file\'s totals', async () => {
  const { duell, customerNumber } = h.aCustomer();
  const res = await importOverHttp(customerNumber, 'FRO', fs.readFileSync(EXAMPLE, 'utf8'));
  expect(res.status).toBe(200);

  expect(await duell.departments()).toContainEqual({ id: 'FRO', name: 'Location A: Shop Frogner', active: true });
  const read: ZReport[] = [];
  for await (const page of duell.zReports('FRO', { fromNumber: 1 })) read.push(...page.reports);
  expect(read).toHaveLength(1);
  const z = read[0]!;
  expect(z).toMatchObject({
    departmentId: 'FRO', number: 1, date: '2020-01-01', time: '23:56:59', registerId: '11.222-33.44.567', signedBy: 'Ola Nordmann', currency: 'NOK',
    sales: {
      gross: 51420, // reportTotalCashSales 514.20
      net: 41850,
      vat: [{ code: '31', rate: '15.00', base: 8938, vat: 1342 }, { code: '3', rate: '25.00', base: 32912, vat: 8228 }],
    },
    artGroups: [
      { groupId: '100', name: 'Food', vatCode: '31', count: 1, amount: 10280 },
      { groupId: '200', name: 'Tobacco', vatCode: '3', count: 2, amount: 23200 },
      { groupId: '300', name: 'Beer', vatCode: '3', count: 1, amount: 17940 },
    ],
    payments: [{ type: 'cash', count: 1, amount: 29500 }, { type: 'bankaxept', count: 1, amount: 21880 }],
    rounding: -40, // 513.80 paid for 514.20 of sales: the cash sale rounded down, as its roundingAmnt -0.40 says
    tips: 0,
    cash: { openingFloat: 0, expected: 29500, counted: 29500, bankWithdrawal: 0, difference: 0 },
    returns: { count: 1, amount: 1640 }, discounts: { count: 0, amount: 0 }, voids: { count: 0, amount: 0 }, receipts: 3,
  });
  expect(brokenInvariants(z)).toEqual([]);
  const pdf = await duell.zReportPdf(z);
  expect(pdf.bytes.toString('latin1')).toContain('Brutto salg 514.20 NOK');
});

withExample('importing the same file again is refused: a Z number is taken once in a series', async () => {
  const { customerNumber } = h.aCustomer();
  const xml = fs.readFileSync(EXAMPLE, 'utf8');
  expect((await importOverHttp(customerNumber, 'FRO', xml)).status).toBe(200);
  const again = await importOverHttp(customerNumber, 'FRO', xml);
  expect(again.status).toBe(400);
  expect(await again.json()).toEqual({ error: expect.stringContaining('the series of department FRO is at Z 1, so the next report is Z 2') });
});

test('a file declaring a DOCTYPE is refused before parsing', async () => {
  const { customerNumber } = h.aCustomer();
  const res = await importOverHttp(customerNumber, 'OSL', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><auditfile/>');
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: expect.stringContaining('DTD is prohibited') });
});

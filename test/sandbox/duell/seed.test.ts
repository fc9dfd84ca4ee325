/** The DUELL sandbox's demo chain and DUELL's rules on Z-reports, read through the connector where it matters. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDuell } from '../../../connectors/duell';
import { memorySessionStore, unlimitedBudget } from '../../../connectors/types';
import type { ZReport } from '../../../domain/settlement/zReport';
import { brokenInvariants } from '../../../domain/settlement/invariants';
import { createLogger } from '../../../platform/log';
import { DEMO_DUELL, startDuellSandbox, type DuellSandbox } from '../../../sandbox/duell';

const ctx = { tenant: 'demo', sessions: memorySessionStore(), budget: unlimitedBudget, log: createLogger({ level: 'error', write: () => undefined }) };
const connect = (sandbox: DuellSandbox) =>
  createDuell({ settings: { baseUrl: sandbox.apiUrl, customerNumber: DEMO_DUELL.customerNumber }, credentials: { token: DEMO_DUELL.token } }, ctx);

async function allReports(sandbox: DuellSandbox, department: string): Promise<ZReport[]> {
  const out: ZReport[] = [];
  for await (const page of connect(sandbox).zReports(department, { fromNumber: 1 })) out.push(...page.reports);
  return out;
}

let sandbox: DuellSandbox;
beforeAll(async () => { sandbox = await startDuellSandbox(); });
afterAll(async () => { await sandbox.close(); });

test('the seed: OSL and BGO with consecutive Z series that keep every invariant of the Z-report', async () => {
  expect((await connect(sandbox).departments()).map((d) => d.id)).toEqual(['BGO', 'OSL']);
  for (const department of DEMO_DUELL.departments) {
    const reports = await allReports(sandbox, department);
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(reports.map((z) => z.number)).toEqual(reports.map((_, i) => i + 1));
    for (const z of reports) {
      expect([z.departmentId, z.number, brokenInvariants(z)]).toEqual([department, z.number, []]);
      if (z.cash.difference !== 0) expect(z.cash.note).toBeTruthy();
    }
  }
});

test('the seed covers what the settlement must handle: cards, Vipps, gift cards, tips, rounding, a bank withdrawal, a cash difference', async () => {
  const all = [...(await allReports(sandbox, 'OSL')), ...(await allReports(sandbox, 'BGO'))];
  const types = new Set(all.flatMap((z) => z.payments.map((p) => p.type)));
  expect([...types].sort()).toEqual(['bankaxept', 'cash', 'giftcard', 'mastercard', 'stripe', 'terminal', 'vipps', 'visa']);
  expect(all.some((z) => z.tips > 0)).toBe(true);
  expect(all.some((z) => z.rounding !== 0)).toBe(true);
  expect(all.some((z) => z.cash.bankWithdrawal > 0)).toBe(true);
  expect(all.some((z) => z.cash.difference < 0)).toBe(true);
  const bases = [];
  for await (const page of connect(sandbox).invoiceBases()) bases.push(...page);
  expect(bases.flatMap((b) => b.rows).some((r) => r.giftCard)).toBe(true);
});

test("each Z-report's PDF is a well-formed PDF: every cross-reference offset points at its object", async () => {
  const [z] = await allReports(sandbox, 'OSL');
  const text = (await connect(sandbox).zReportPdf(z!)).bytes.toString('latin1');
  const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
  expect(text.slice(xref, xref + 4)).toBe('xref');
  const offsets = [...text.slice(xref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  expect(offsets).toHaveLength(5);
  offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  expect(text.endsWith('%%EOF\n')).toBe(true);
});

test('a Z-report that breaks a rule is refused, naming it: a cash difference without a note', () => {
  expect(() => sandbox.admin.addZReports(DEMO_DUELL.customerNumber, 'BGO', [{
    date: '2026-11-30', signedBy: 'Per Hansen', counted: 10, groups: [{ groupId: '10', vatCode: '3', count: 1, amount: 100 }],
  }])).toThrow('department BGO Z 3 (2026-11-30) breaks the Z-report\'s rules: a cash difference needs a note');
});

test('a Z-report whose payments fall short of the sales by more than øreavrunding is refused with the amounts', () => {
  expect(() => sandbox.admin.addZReports(DEMO_DUELL.customerNumber, 'BGO', [{
    date: '2026-11-30', signedBy: 'Per Hansen', groups: [{ groupId: '10', vatCode: '3', count: 1, amount: 100 }], payments: [{ type: 'visa', count: 1, amount: 90 }],
  }])).toThrow('the payments differ from sales + tips by -10.00, more than øreavrunding of at most 0.50 for each of 0 cash payment(s)');
});

test('a cursor the API did not give out is 400 validation_failed naming it', async () => {
  const res = await fetch(`${sandbox.apiUrl}/customers?cursor=nonsense`, { headers: { 'X-Customer-Number': DEMO_DUELL.customerNumber, 'X-Token': DEMO_DUELL.token } });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: { code: 'validation_failed', message: expect.stringContaining('start the read again'), field: 'cursor' } });
});

test('the state survives a restart through the state file, PDFs included', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'duell-')), 'duell.json');
  const first = await startDuellSandbox({ stateFile: file });
  first.admin.addZReports(DEMO_DUELL.customerNumber, 'OSL', [{ date: '2026-11-30', signedBy: 'Kari', groups: [{ groupId: '10', vatCode: '3', count: 1, amount: 100 }] }]);
  await first.close();
  const second = await startDuellSandbox({ stateFile: file });
  try {
    const reports = await allReports(second, 'OSL');
    expect(reports.at(-1)).toMatchObject({ number: 4, date: '2026-11-30' });
    expect((await connect(second).zReportPdf(reports.at(-1)!)).bytes.subarray(0, 5).toString()).toBe('%PDF-');
  } finally {
    await second.close();
  }
});

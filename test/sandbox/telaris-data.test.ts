/** The Telaris sandbox's generated data: realistic Norwegian bookkeeping, deterministic, and cheap at 20 000 documents. */
import { toMinor } from '../../domain/money';
import { isValidOrgNumber, orgNumberCheckDigit, orgNumberProblem } from '../../domain/orgNumber';
import { startTelarisSandbox, type TelarisSandbox, type WireDocument } from '../../sandbox/telaris';
import { kid } from '../../sandbox/telaris/documents';

let sandbox: TelarisSandbox;
const now = new Date('2026-11-15T10:00:00Z');
beforeAll(async () => { sandbox = await startTelarisSandbox({ seed: false, now: () => now }); });
afterAll(async () => { await sandbox.close(); });

let n = 0;
function aCompany(seed = 42): string {
  const companyNo = `D${++n}`;
  sandbox.admin.createCompany({ companyNo, apiToken: `tok-${companyNo}`, seed, customers: 40 });
  return companyNo;
}

function generatedBatch(count: number, options: { seed?: number; withProjects?: boolean } = {}): WireDocument[] {
  const companyNo = aCompany(options.seed);
  sandbox.admin.generateDocuments({ companyNo, count, withProjects: options.withProjects });
  return sandbox.admin.batchDocuments(companyNo, sandbox.admin.closeBatch(companyNo).id);
}

const CHART = new Set([1500, 1900, 1920, 2400, 2700, 2701, 2703, 2710, 3000, 3010, 3020, 3100, 4300, 6300, 6800]);
const RATE: Record<string, number> = { '3': 25, '31': 15, '33': 12, '5': 0 };
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

test('organisation numbers: modulus 11 with weights 3 2 7 6 5 4 3 2, check digit 10 never issued', () => {
  expect(isValidOrgNumber('974760673')).toBe(true); // Brønnøysundregistrene's own
  expect(isValidOrgNumber('974 760 673')).toBe(true);
  expect(isValidOrgNumber('974760674')).toBe(false);
  expect(orgNumberCheckDigit('91234567')).toBeUndefined();
  expect(orgNumberProblem(undefined)).toBe('has no organisation number');
  expect(orgNumberProblem('12345')).toMatch(/not nine digits/);
  expect(orgNumberProblem('974760674')).toMatch(/check digit is wrong/);
  expect(orgNumberProblem('974760673')).toBeUndefined();
});

// How fast is the benchmark's business (npm run bench generates its batch the same way), not a timed test's.
test('generating 20 000 documents gives a balanced batch of 20 000', () => {
  const companyNo = aCompany();
  const { added, open } = sandbox.admin.generateDocuments({ companyNo, count: 20_000 });
  expect(added).toBe(20_000);
  expect(open.documentCount).toBe(20_000);
  expect(open.totals.debit).toBe(open.totals.credit.slice(1));
});

test('the same seed gives the same documents, on every read', () => {
  const a = generatedBatch(200, { seed: 7 });
  const b = generatedBatch(200, { seed: 7 });
  expect(b).toEqual(a);
  expect(generatedBatch(200, { seed: 8 })).not.toEqual(a);
});

test('every generated document balances in whole øre, on accounts of the seeded chart, dated this month', () => {
  const docs = generatedBatch(2000);
  expect(new Set(docs.map((d) => d.id)).size).toBe(2000);
  for (const d of docs) {
    expect(sum(d.lines.map((l) => toMinor(l.amount)))).toBe(0);
    for (const l of d.lines) expect(CHART.has(l.account)).toBe(true);
    expect(d.date >= '2026-11-01' && d.date <= '2026-11-15').toBe(true);
    expect(d.currency).toBe('NOK');
  }
  const types = docs.reduce<Record<string, number>>((c, d) => ({ ...c, [d.type]: (c[d.type] ?? 0) + 1 }), {});
  expect(types.salesInvoice! / 2000).toBeCloseTo(0.5, 1);
  expect(types.payment! / 2000).toBeCloseTo(0.25, 1);
  expect(types.cost).toBeGreaterThan(200);
  expect(types.cashSettlement).toBeGreaterThan(100);
});

test('sales invoices: receivable with customer, KID and due date; net per rate 25/15/12/0 %; VAT per rate to the øre', () => {
  const invoices = generatedBatch(600).filter((d) => d.type === 'salesInvoice');
  const rates = new Set<string>();
  for (const inv of invoices) {
    expect(inv.lines[0]).toMatchObject({ account: 1500 });
    expect(inv.customerNo).toMatch(/^100\d\d$/);
    expect(inv.kid).toBe(kid(inv.kid!.slice(0, -1)));
    expect(inv.dueDate! > inv.date).toBe(true);
    const sales = inv.lines.filter((l) => l.vatCode);
    const vatLines = inv.lines.filter((l) => [2700, 2701, 2703].includes(l.account));
    for (const line of sales) rates.add(line.vatCode!);
    for (const code of ['3', '31', '33']) {
      const net = sum(sales.filter((l) => l.vatCode === code).map((l) => -toMinor(l.amount)));
      const vat = sum(vatLines.filter((l) => l.account === { '3': 2700, '31': 2701, '33': 2703 }[code]).map((l) => -toMinor(l.amount)));
      expect(vat).toBe(Math.round((net * RATE[code]!) / 100));
    }
  }
  expect(rates).toEqual(new Set(['3', '31', '33', '5']));
});

test('payments settle an earlier invoice of the same customer; costs carry supplier, input VAT and dimensions', () => {
  const docs = generatedBatch(800);
  const invoices = new Map(docs.filter((d) => d.type === 'salesInvoice').map((d) => [d.invoiceNo, d]));
  const settled = docs.filter((d) => d.type === 'payment' && invoices.has(d.invoiceNo));
  expect(settled.length).toBeGreaterThan(50);
  for (const p of settled) {
    const inv = invoices.get(p.invoiceNo)!;
    expect(p.customerNo).toBe(inv.customerNo);
    expect(p.lines.map((l) => [l.account, l.amount])).toEqual([[1920, inv.lines[0]!.amount], [1500, `-${inv.lines[0]!.amount}`]]);
    expect(p.date >= inv.date).toBe(true);
  }
  const costs = docs.filter((d) => d.type === 'cost');
  for (const c of costs) {
    expect(c.supplierNo).toMatch(/^S-\d+$/);
    expect(c.lines[c.lines.length - 1]!.account).toBe(2400);
  }
  expect(costs.some((c) => c.lines.some((l) => l.account === 2710))).toBe(true);
  expect(costs.some((c) => c.lines.some((l) => l.project && l.department))).toBe(true);
});

test('cash settlements from DUELL carry the shop\'s department on every line; without projects there are no dimensions but theirs', () => {
  const docs = generatedBatch(400, { withProjects: false });
  const settlements = docs.filter((d) => d.type === 'cashSettlement');
  expect(settlements.length).toBeGreaterThan(10);
  for (const s of settlements) {
    expect(s.description).toMatch(/^Dagsoppgjør Butikk (Oslo|Bergen) Z-\d+ \(DUELL\)$/);
    expect(new Set(s.lines.map((l) => l.department)).size).toBe(1);
    expect(s.lines.map((l) => l.account).sort()).toEqual([1900, 1920, 2700, 2701, 3000, 3010]);
  }
  expect(docs.filter((d) => d.type !== 'cashSettlement').every((d) => d.lines.every((l) => !l.project && !l.department))).toBe(true);
});

test('customers have Norwegian names, valid organisation numbers and addresses', () => {
  const companyNo = aCompany();
  const customers = sandbox.admin.customers(companyNo);
  expect(customers).toHaveLength(40);
  for (const c of customers) {
    expect(isValidOrgNumber(c.organizationNumber)).toBe(true);
    expect(c.name).toMatch(/ (AS|ASA|ANS|DA|SA)$/);
    expect(c.address).toMatchObject({ postalCode: expect.stringMatching(/^\d{4}$/), country: 'NO' });
  }
});

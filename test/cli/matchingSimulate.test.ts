/**
 * `ledgerbridge matching simulate` as a customer runs it: the real binary on CSV files, with a database and a
 * Temporal address that cannot be reached, so the test fails if the command ever opens either.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './run';

jest.setTimeout(120_000);

const examples = path.resolve(__dirname, '../../docs/examples/matching');
const RULES = 'po-field,po-description,supplier-project,amount-percent:10,amount-absolute:500';
const UNREACHABLE = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', TEMPORAL_ADDRESS: '127.0.0.1:1' };
const simulate = (transactions: string, orders = path.join(examples, 'orders.csv'), more: string[] = []) =>
  runCli(['matching', 'simulate', '--transactions', transactions, '--orders', orders, '--rules', RULES, ...more], UNREACHABLE);

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulate-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const aFile = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

test('the example files as JSON: one result per transaction, in date order, and the counts', async () => {
  const run = await simulate(path.join(examples, 'transactions.csv'), undefined, ['--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout) as { results: Record<string, unknown>[]; counts: Record<string, number> };
  expect(Object.keys(out)).toEqual(['results', 'counts']);
  expect(out.results[0]).toEqual({ id: 'T-1', outcome: 'auto-matched', po: '2026-0042', rule: 'po-field', candidates: [], warnings: [] });
  expect(out.results.find((r) => r.id === 'T-4')).toEqual({ id: 'T-4', outcome: 'ambiguous', po: null, rule: null, candidates: ['2026-0044', '2026-0045'], warnings: [] });
  expect(out.results.find((r) => r.id === 'T-7')).toMatchObject({ outcome: 'unmatched', warnings: ['transaction has no supplier'] });
  expect(out.counts).toEqual({ 'auto-matched': 5, ambiguous: 1, unmatched: 2 });
});

test('as text: a line per transaction with outcome, PO, rule, candidates and warnings, then the counts', async () => {
  const transactions = aFile('text.csv', [
    '\ufeffid,date,supplier,project,department,account,amount,currency,po_field,description',
    'B,2026-03-02,501,,,4000,500.00,NOK,2026-0047,"Tillegg, ""ekstra"""',
    'A,2026-03-01,501,,,4000,6000.00,NOK,,"Rør, PO: 2026-0042"',
  ].join('\r\n'));
  const run = await simulate(transactions);
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^ID\s+OUTCOME\s+PO\s+RULE\s+CANDIDATES\s+WARNINGS$/);
  expect(lines[1]).toMatch(/^A\s+auto-matched\s+2026-0042\s+po-description$/);
  expect(lines[2]).toMatch(/^B\s+unmatched\s+-\s+-\s+PO 2026-0047 is closed$/);
  expect(lines.at(-1)).toBe('2 transactions: 1 auto-matched, 0 ambiguous, 1 unmatched');
});

test('a missing column is named, with the header the file needs', async () => {
  const transactions = aFile('missing.csv', 'id,date,supplier,project,department,account,currency,po_field,description\nT-1,2026-03-01,501,,,4000,NOK,,x\n');
  const run = await simulate(transactions);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain(`error: ${transactions} line 1: column "amount" missing; the header must name id,date,supplier,project,department,account,amount,currency,po_field,description`);
});

test('a bad amount is named by file, line and column', async () => {
  const orders = aFile('orders.csv', 'number,supplier,project,department,amount,invoiced,currency,status\n2026-0001,501,,,100.00,,NOK,open\n2026-0002,501,,,"12,50",0.00,NOK,open\n');
  const run = await simulate(path.join(examples, 'transactions.csv'), orders, ['--json']);
  expect(run.code).toBe(2);
  expect(JSON.parse(run.stdout).error).toBe(`${orders} line 3, column amount: "12,50" is not an amount; write digits, a dot and two decimals, e.g. 1250.50 or -99.00`);
});

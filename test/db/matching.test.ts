import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/repos/bulk';
import { contentHash } from '../../db/repos/matchingTransactions';
import { runCascade } from '../../domain/matching/cascade';
import { parseRules } from '../../domain/matching/rules';
import { createMatchingOrderRepo, createMatchingResultRepo, createMatchingTransactionRepo, type AutoDecision, type StagedTransaction } from '../../db/repos';
import type { MatchOrder } from '../../domain/matching/types';
import type { Minor } from '../../domain/money';
import { useRecordingMeter } from '../harness/recordingMeter';
import { useTestDatabase } from './testDatabase';

const test_ = useTestDatabase();
const sumOf = useRecordingMeter();
const T = 'acme-as';

const line = (i: number, patch: Partial<StagedTransaction> = {}): StagedTransaction => ({
  id: `line-${String(i).padStart(7, '0')}`, voucherNo: 1000 + i, date: '2026-11-02', supplier: '501', account: 4000,
  amount: 10_000 as Minor, currency: 'NOK', description: `Invoice ${i}`, ...patch,
});
const auto = (id: string, patch: Partial<AutoDecision> = {}): AutoDecision => ({
  transaction: id, outcome: 'auto-matched', po: '2026-0001', rule: 'po-field', candidates: [], warnings: [], verdicts: [], decidedHash: 'h', recordHash: 'r1', ...patch,
});

test('staging is an upsert by line id: a line read again unchanged writes nothing, a changed one is staged again', async () => {
  const repo = createMatchingTransactionRepo(test_.db);
  expect(await repo.stage(T, [line(1), line(2)])).toEqual({ added: 2, changed: 0, delivered: 0 });
  expect(await repo.stage(T, [line(1), line(2, { amount: 12_000 as Minor })])).toEqual({ added: 0, changed: 1, delivered: 0 });
  expect(await repo.count(T)).toBe(2);
  expect((await repo.get(T, line(2).id))?.amount).toBe(12_000);

  const unpushed = await repo.unpushed(T, '', 10);
  expect(unpushed.map((t) => t.id)).toEqual([line(1).id, line(2).id]);
  await repo.markPushed(T, unpushed.map((t) => ({ id: t.id, hash: t.hash })));
  expect(await repo.unpushed(T, '', 10)).toEqual([]);
  await repo.stage(T, [line(1, { description: 'PO 2026-0042' })]);
  expect((await repo.unpushed(T, '', 10)).map((t) => t.id)).toEqual([line(1).id]);
});

test('staging with delivery: new, changed and never-delivered lines are delivered before they are written; a refused delivery writes nothing', async () => {
  const repo = createMatchingTransactionRepo(test_.db);
  await repo.stage(T, [line(1)]);
  const delivered: string[][] = [];
  const deliver = async (lines: readonly StagedTransaction[]) => { delivered.push(lines.map((l) => l.id)); };
  // line 1 was staged undelivered: read again unchanged, it is delivered now; line 2 is new, line 3 too.
  expect(await repo.stage(T, [line(1), line(2), line(3)], deliver)).toEqual({ added: 2, changed: 0, delivered: 3 });
  expect(delivered).toEqual([[line(1).id, line(2).id, line(3).id]]);
  expect(await repo.unpushed(T, '', 10)).toEqual([]);
  // Read again: line 2 unchanged (nothing), line 3 changed (delivered again).
  expect(await repo.stage(T, [line(2), line(3, { poField: '2026-0042' })], deliver)).toEqual({ added: 0, changed: 1, delivered: 1 });
  expect(delivered[1]).toEqual([line(3).id]);

  const refused = repo.stage(T, [line(4), line(3, { amount: 1 as Minor })], async () => { throw new Error('CostTracker is down'); });
  await expect(refused).rejects.toThrow('CostTracker is down');
  expect(await repo.get(T, line(4).id)).toBeUndefined();
  expect((await repo.get(T, line(3).id))?.poField).toBe('2026-0042');
  expect((await repo.get(T, line(3).id))?.amount).toBe(10_000);
});

test("a line's content hash is the one PostgreSQL computes from its fields, odd characters included", async () => {
  const odd = line(9, { description: 'Tab\there "quoted" \\ back\nslash, æøå, emoji 🧾, \u0001 control', project: undefined, poField: 'PO/2026-0042' });
  const [row] = rowsOf<{ hash: string }>(await test_.db.execute(sql`select md5(jsonb_build_array(${odd.voucherNo}::int, ${odd.date}::text, ${odd.supplier}::text,
    null::text, null::text, ${odd.account}::int, ${odd.amount}::bigint, ${odd.currency}::text, ${odd.poField}::text, ${odd.description}::text)::text) as hash`));
  expect(contentHash(odd)).toBe(row!.hash);
});

test('an automatic run never overwrites a manual match or unmatch (the bulk upsert itself refuses)', async () => {
  const lines = createMatchingTransactionRepo(test_.db);
  const results = createMatchingResultRepo(test_.db);
  await lines.stage(T, [line(1), line(2), line(3)]);
  await results.saveManual(T, { transaction: line(1).id, po: '2026-0007', by: 'kari', at: new Date('2026-11-03T10:00:00Z'), decidedHash: 'h', recordHash: 'm1' });
  await results.saveManual(T, { transaction: line(2).id, by: 'ola', at: new Date('2026-11-03T10:00:00Z'), decidedHash: 'h', recordHash: 'm2' });
  expect(await results.saveAuto(T, [auto(line(1).id), auto(line(2).id), auto(line(3).id)])).toBe(1);
  expect((await results.get(T, line(1).id))?.result).toMatchObject({ source: 'manual', outcome: 'matched', po: '2026-0007', by: 'kari' });
  expect((await results.get(T, line(2).id))?.result).toMatchObject({ source: 'manual', outcome: 'unmatched', po: null, by: 'ola' });
  expect((await results.get(T, line(3).id))?.result).toMatchObject({ source: 'auto', outcome: 'auto-matched', po: '2026-0001' });
  expect(await results.counts(T)).toEqual({ 'auto-matched': 1, 'manual-matched': 1, 'manual-unmatched': 1 });
});

test("matches are counted by the rule that matched, a person's as manual; a result the automatic run may not overwrite is not", async () => {
  const results = createMatchingResultRepo(test_.db);
  await createMatchingTransactionRepo(test_.db).stage(T, [line(1), line(2), line(3)]);
  await results.saveManual(T, { transaction: line(1).id, po: '2026-0007', by: 'kari', at: new Date('2026-11-03T10:00:00Z'), decidedHash: 'h', recordHash: 'm1' });
  await results.saveAuto(T, [auto(line(1).id), auto(line(2).id, { rule: 'supplier-project' }), auto(line(3).id, { outcome: 'ambiguous', po: undefined, rule: undefined })]);

  expect(sumOf('ledgerbridge_matches', { tenant: T, rule: 'manual' })).toBe(1);
  expect(sumOf('ledgerbridge_matches', { tenant: T, rule: 'supplier-project' })).toBe(1);
  expect(sumOf('ledgerbridge_matches')).toBe(2);
});

test('pending: new lines, undecided and changed ones and manual ones CostTracker lacks, each with what CostTracker counts', async () => {
  const lines = createMatchingTransactionRepo(test_.db);
  const results = createMatchingResultRepo(test_.db);
  await lines.stage(T, [line(1), line(2), line(3), line(4)]);
  const hashes = new Map((await lines.unpushed(T, '', 10)).map((t) => [t.id, t.hash]));
  const h = (i: number) => hashes.get(line(i).id)!;
  await results.saveAuto(T, [auto(line(1).id, { decidedHash: h(1) }), auto(line(2).id, { decidedHash: h(2), outcome: 'ambiguous', po: undefined, recordHash: null }),
    auto(line(3).id, { decidedHash: h(3) })]);
  await results.markPushed(T, [{ transaction: line(1).id, hash: 'r1', po: '2026-0001' }, { transaction: line(3).id, hash: 'r1', po: '2026-0001' }]);
  expect((await results.pending(T)).map((p) => p.transaction.id)).toEqual([line(2).id, line(4).id]);

  await lines.stage(T, [line(3, { amount: 9_000 as Minor })]);
  const pending = await results.pending(T);
  expect(pending.find((p) => p.transaction.id === line(3).id)).toMatchObject({ decidedPo: '2026-0001', transaction: { amount: 9_000 } });
  expect(await results.toPush(T)).toEqual([]);
  // What our decisions put on a PO (amounts as staged now) and what CostTracker counts for our records (as pushed).
  expect(await results.committedByOrder(T)).toEqual(new Map([['2026-0001', 19_000]]));
  expect(await results.pushedByOrder(T)).toEqual(new Map([['2026-0001', 19_000]]));
});

test('purchase orders are replaced whole by each run; a number held twice is kept twice', async () => {
  const repo = createMatchingOrderRepo(test_.db);
  const po = (number: string, patch: Partial<MatchOrder> = {}): MatchOrder => ({ number, supplier: '501', amount: 100_000 as Minor, invoiced: 0 as Minor, currency: 'NOK', status: 'open', ...patch });
  await repo.replace(T, [po('2026-0001'), po('2026-0002', { project: '12' })]);
  await repo.replace(T, [po('2026-0002', { project: '12' }), po('2026-0002', { supplier: '77' })]);
  expect(await repo.all(T)).toEqual([po('2026-0002', { project: '12' }), po('2026-0002', { supplier: '77' })]);
  expect(await repo.byNumber(T, '2026-0001')).toEqual([]);
});

// The 200 000-line timing is the benchmark's (bench/matching/pipeline.ts); here many chunks must add up.
test('thousands of transactions and their results store in chunks, each line once', async () => {
  const lines = createMatchingTransactionRepo(test_.db);
  const results = createMatchingResultRepo(test_.db);
  const n = 12_345;
  const all = Array.from({ length: n }, (_, i) => line(i, { poField: i % 3 === 0 ? `2026-${i % 5_000}` : undefined }));
  expect(await lines.stage(T, all)).toMatchObject({ added: n, changed: 0 });
  expect(await lines.stage(T, all)).toEqual({ added: 0, changed: 0, delivered: 0 });
  const pending = await results.pending(T);
  expect(pending).toHaveLength(n);
  expect(await results.saveAuto(T, pending.map((p) => auto(p.transaction.id, { decidedHash: p.hash })))).toBe(n);
  expect(await results.pending(T)).toEqual([]);
  expect(await lines.count(T)).toBe(n);
}, 180_000);

test("the cascade's verdicts read back as it gave them, each distinct list stored once; lists no result names are removed; a person's decision keeps them", async () => {
  const lines = createMatchingTransactionRepo(test_.db);
  const results = createMatchingResultRepo(test_.db);
  const orders: MatchOrder[] = [
    { number: '2026-0001', supplier: '501', project: '12', amount: 100_000 as Minor, invoiced: 0 as Minor, currency: 'NOK', status: 'open' },
    { number: '2026-0002', supplier: '501', amount: 55_000 as Minor, invoiced: 0 as Minor, currency: 'NOK', status: 'open' },
    { number: '2026-0003', supplier: '501', amount: 51_000 as Minor, invoiced: 0 as Minor, currency: 'NOK', status: 'open' },
  ];
  const staged = [
    line(1, { poField: '2026-0001' }), line(2, { description: 'bestnr: 2026-0002', amount: 5_000 as Minor }),
    line(3, { amount: 50_500 as Minor }), ...Array.from({ length: 40 }, (_, i) => line(10 + i, { amount: 1 as Minor })),
  ];
  await lines.stage(T, staged);
  const out = runCascade({ transactions: staged, orders, rules: parseRules('po-field,po-description,supplier-project,amount-absolute:10') });
  expect(out.counts).toEqual({ 'auto-matched': 2, ambiguous: 1, unmatched: 40 });
  await results.saveAuto(T, out.results.map((r) => ({ ...r, decidedHash: 'h', recordHash: null })));

  for (const r of out.results) expect((await results.get(T, r.transaction))?.result.verdicts).toEqual(r.verdicts);
  // Two matches (the winner rebuilt from rule and PO), one ambiguous, and the forty unmatched sharing one list.
  const stored = async () => rowsOf<{ n: number }>(await test_.db.execute(sql`select count(*)::int as n from matching_verdict_lists where tenant_id = ${T}`))[0]!.n;
  expect(await stored()).toBe(4);

  // Line 3 decided again with the unmatched ones' list: its own list goes. A person's decision keeps the cascade's verdicts (why it did not match).
  const unmatched = out.results.find((r) => r.outcome === 'unmatched')!;
  await results.saveAuto(T, [{ ...unmatched, transaction: line(3).id, decidedHash: 'h', recordHash: null }]);
  expect(await stored()).toBe(3);
  await results.saveManual(T, { transaction: line(3).id, po: '2026-0003', by: 'kari', at: new Date(), decidedHash: 'h', recordHash: 'm' });
  expect((await results.get(T, line(3).id))?.result).toMatchObject({ source: 'manual', verdicts: unmatched.verdicts });
  expect(await stored()).toBe(3);
});

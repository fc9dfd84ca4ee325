/**
 * Fetch mode end to end: supplier invoices booked in 24SevenOffice's ledger are read, staged, sent to CostTracker,
 * matched to CostTracker's POs by the tenant's criteria and the match records sent; a second run reads only what
 * changed, and decides a changed line again.
 */
import { cancelMatchingRun, matchingRunProgress } from '../../client/matching';
import { createMatchingTransactionRepo } from '../../db/repos';
import { ORG, useMatchingStage } from './matchingHarness';

const stage = useMatchingStage();

test('a first run reads the ledger, matches by each criterion and tells CostTracker; a second run reads only what changed', async () => {
  const [a, b, c, d, e] = stage.book([
    { date: '2026-11-02', supplierId: 20001, invoiceNo: 'A-1', lines: [{ account: 4300, amount: '12500.00', poField: '2026-0001', comment: 'Varer' }] },
    { date: '2026-11-03', supplierId: 20002, invoiceNo: 'B-1', lines: [{ account: 6800, amount: '1850.00', comment: 'Bestillingsnr 2026-0004 kontor' }] },
    { date: '2026-11-04', supplierId: 20004, invoiceNo: 'C-1', lines: [{ account: 4300, amount: '5000.00', project: 2, comment: 'Kaffe til åpningen' }] },
    { date: '2026-11-05', supplierId: 20004, invoiceNo: 'D-1', lines: [{ account: 4300, amount: '4500.00', comment: 'Kaffe' }] },
    { date: '2026-11-06', supplierId: 20005, invoiceNo: 'E-1', lines: [{ account: 6800, amount: '2500.00', comment: 'Papir' }] },
  ]);
  const [lineA, lineB, lineC, lineD, lineE] = [a, b, c, d, e].map((v) => stage.costLines(v!)[0]!);

  const first = await stage.run();
  expect(first.transactions).toMatchObject({ added: 5, changed: 0, pushed: 5 });
  expect(first.matched).toMatchObject({ 'auto-matched': 4, ambiguous: 1, unmatched: 0 });
  expect(await stage.result(lineA)).toMatchObject({ outcome: 'auto-matched', po: '2026-0001', rule: 'po-field', source: 'auto' });
  expect(await stage.result(lineB)).toMatchObject({ outcome: 'auto-matched', po: '2026-0004', rule: 'po-description' });
  expect(await stage.result(lineC)).toMatchObject({ outcome: 'auto-matched', po: '2026-0018', rule: 'supplier-project' });
  // Two POs of supplier 20004 have exactly 4 500 open: no rule matches alone.
  expect(await stage.result(lineD)).toMatchObject({ outcome: 'ambiguous', candidates: ['2026-0009', '2026-0010'] });
  expect(await stage.result(lineE)).toMatchObject({ outcome: 'auto-matched', po: '2026-0014', rule: 'amount-percent:10' });
  // CostTracker holds the transactions (with the invoice's link) and the match records; the POs' invoiced follows.
  expect(stage.ctMatch(lineA)).toMatchObject({ kind: 'auto', po: '2026-0001', rule: 'po-field' });
  expect(stage.ctMatch(lineD)).toBeUndefined();
  expect(stage.costtracker.admin.transactions(ORG, lineA)[0]).toMatchObject({ documentUrl: expect.stringContaining(`transactionNo=${a}`) });
  expect(stage.ctOrder('2026-0001')).toMatchObject({ invoiced: '12500.00', status: 'closed' });

  // Second run: nothing new but one changed line; it is read alone and decided again.
  stage.changeLine(lineD, { poField: '2026-0010' });
  const second = await stage.run();
  expect(second.lines).toBeLessThanOrEqual(2);
  expect(second.transactions).toMatchObject({ added: 0, changed: 1, pushed: 1 });
  expect(await stage.result(lineD)).toMatchObject({ outcome: 'auto-matched', po: '2026-0010', rule: 'po-field' });
  expect(stage.ctMatch(lineD)).toMatchObject({ kind: 'auto', po: '2026-0010' });
  expect(await createMatchingTransactionRepo(stage.db).count(stage.tenant)).toBe(5);
}, 120_000);


test('open amounts over two runs: what CostTracker already counts is counted once, so a second invoice takes exactly what is left', async () => {
  const [x] = stage.book([{ date: '2026-11-02', supplierId: 20005, invoiceNo: 'X-1', lines: [{ account: 6800, amount: '2000.00', poField: '2026-0014' }] }]);
  await stage.run();
  expect(stage.ctOrder('2026-0014')).toMatchObject({ invoiced: '2000.00', status: 'partly-invoiced' });
  // 750 is left of 2 750: within 10 % of 750 only (0012 has 650, 0019 890). Counted twice, 0014 would have nothing
  // left; not counted, 2 750: either way no match.
  const [y] = stage.book([{ date: '2026-11-20', supplierId: 20005, invoiceNo: 'Y-1', registeredAt: new Date().toISOString(), lines: [{ account: 6800, amount: '750.00' }] }]);
  const second = await stage.run();
  expect(second.transactions).toMatchObject({ added: 1, changed: 0 });
  expect(await stage.result(stage.costLines(y!)[0]!)).toMatchObject({ outcome: 'auto-matched', po: '2026-0014', rule: 'amount-percent:10' });
  expect(await stage.result(stage.costLines(x!)[0]!)).toMatchObject({ outcome: 'auto-matched', po: '2026-0014', rule: 'po-field' });
  expect(stage.ctOrder('2026-0014')).toMatchObject({ invoiced: '2750.00' });
}, 120_000);

test('an empty ledger: the run reads nothing, matches nothing, and completes; so does the next', async () => {
  const first = await stage.run();
  expect(first).toMatchObject({ lines: 0, transactions: { added: 0, changed: 0, pushed: 0 }, matched: { 'auto-matched': 0, ambiguous: 0, unmatched: 0 }, records: { pushed: 0, refused: 0 } });
  const second = await stage.run('transactions');
  expect(second).toMatchObject({ lines: 0, transactions: { added: 0 } });
  expect(second.suppliers).toBeUndefined();
}, 120_000);

test('the filter: account intervals and single accounts, projects, departments and the start date', async () => {
  await stage.connectCostTracker({ filter: { startDate: '2026-06-01', accounts: ['4000-4999', '6800'], projects: ['2'], departments: ['3'] } });
  const line = (account: number, project: number, department: number) => ({ account, amount: '100.00', project, department });
  const [v] = stage.book([
    { date: '2026-11-01', supplierId: 20001, invoiceNo: 'F-1', lines: [line(4300, 2, 3), line(6800, 2, 3), line(6300, 2, 3), line(4300, 1, 3), line(4300, 2, 1)] },
    { date: '2026-05-31', supplierId: 20001, invoiceNo: 'F-2', lines: [line(4300, 2, 3)] },
  ]);
  const summary = await stage.run();
  expect(summary.transactions.added).toBe(2);
  const [inInterval, single] = stage.costLines(v!);
  expect(await stage.result(inInterval!)).toBeDefined();
  expect(await stage.result(single!)).toBeDefined();
}, 120_000);

test('a filter naming a project 24SevenOffice does not have needs attention, with the fix; cancel ends the run', async () => {
  await stage.connectCostTracker({ filter: { projects: ['99'] } });
  const workflowId = await stage.startRun();
  const progress = await waitFor(() => matchingRunProgress(stage.env.client, workflowId), (p) => p.stage === 'needs-attention');
  expect(progress.attention).toMatch(new RegExp(`tenant ${stage.tenant}.*project 99.*ledgerbridge connections add ${stage.tenant} --system costtracker`));
  await cancelMatchingRun(stage.env.client, workflowId, 'wrong project');
  await expect(stage.env.client.workflow.getHandle(workflowId).result()).rejects.toThrow();
}, 120_000);

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

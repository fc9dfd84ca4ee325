/**
 * Fetch mode end to end: supplier invoices booked in 24SevenOffice's ledger are read, staged, sent to CostTracker,
 * matched to CostTracker's POs by the tenant's criteria and the match records sent; a second run reads only what
 * changed, and decides a changed line again.
 */
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


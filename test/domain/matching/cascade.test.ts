/** The matching cascade, criterion by criterion: what matches, in which order, and what the result says when not. */
import { runCascade } from '../../../domain/matching/cascade';
import type { CascadeInput, MatchOrder, MatchTransaction } from '../../../domain/matching/types';
import { aPurchaseOrder, aTransaction, rules } from './fixtures';

const cascade = (transactions: MatchTransaction[], orders: MatchOrder[], list: string, more: Partial<CascadeInput> = {}) =>
  runCascade({ transactions, orders, rules: rules(list), ...more });
const only = (transaction: MatchTransaction, orders: MatchOrder[], list: string, more: Partial<CascadeInput> = {}) =>
  cascade([transaction], orders, list, more).results[0]!;

describe('each criterion alone', () => {
  test('po-field: the PO field names the purchase order', () => {
    const result = only(aTransaction({ poField: '2026-0042' }), [aPurchaseOrder('2026-0041'), aPurchaseOrder('2026-0042')], 'po-field');
    expect(result).toMatchObject({ outcome: 'auto-matched', po: '2026-0042', rule: 'po-field', candidates: [], warnings: [] });
    expect(result.verdicts).toEqual([{ rule: 'po-field', verdict: 'matched', candidates: [], note: 'the PO field names the matched PO' }]);
  });

  test('po-description: the description names the purchase order', () => {
    const result = only(aTransaction({ description: 'Rør og deler, bestnr: 2026-0042' }), [aPurchaseOrder('2026-0042')], 'po-description');
    expect(result).toMatchObject({ outcome: 'auto-matched', po: '2026-0042', rule: 'po-description' });
  });

  test('supplier-project: the only open PO of the supplier with the project', () => {
    const orders = [aPurchaseOrder('2026-0001', { project: 'P1' }), aPurchaseOrder('2026-0002', { project: 'P2' }), aPurchaseOrder('2026-0003', { project: 'P1', supplier: '77' })];
    expect(only(aTransaction({ project: 'P1' }), orders, 'supplier-project')).toMatchObject({ outcome: 'auto-matched', po: '2026-0001' });
    expect(only(aTransaction({}), orders, 'supplier-project').verdicts[0]!.note).toBe('the transaction has no project');
  });

  test('amount-percent: the only open PO of the supplier within x % of its open amount', () => {
    const orders = [aPurchaseOrder('2026-0001', { amount: '1000.00' }), aPurchaseOrder('2026-0002', { amount: '5000.00' })];
    expect(only(aTransaction({ amount: '1080.00' }), orders, 'amount-percent:10')).toMatchObject({ outcome: 'auto-matched', po: '2026-0001', rule: 'amount-percent:10' });
    expect(only(aTransaction({ amount: '3000.00' }), orders, 'amount-percent:10').outcome).toBe('unmatched');
  });

  test('amount-absolute: the only open PO of the supplier within x of its open amount, net of what was invoiced', () => {
    const orders = [aPurchaseOrder('2026-0001', { amount: '9000.00', invoiced: '4000.00' }), aPurchaseOrder('2026-0002', { amount: '6000.00' })];
    expect(only(aTransaction({ amount: '4700.00' }), orders, 'amount-absolute:500')).toMatchObject({ outcome: 'auto-matched', po: '2026-0001', rule: 'amount-absolute:500' });
  });

  test('a credit note is never matched by amount', () => {
    const result = only(aTransaction({ amount: '-1000.00' }), [aPurchaseOrder('2026-0001', { invoiced: '1000.00' })], 'amount-absolute:5000');
    expect(result.verdicts[0]).toMatchObject({ verdict: 'none', note: 'a credit note is matched by PO number or project, never by amount' });
  });
});

describe('the order of the criteria decides', () => {
  test('po-field and po-description naming different POs: the first listed wins', () => {
    const tx = aTransaction({ poField: '2026-0001', description: 'PO 2026-0002' });
    const orders = [aPurchaseOrder('2026-0001'), aPurchaseOrder('2026-0002')];
    expect(only(tx, orders, 'po-field,po-description').po).toBe('2026-0001');
    expect(only(tx, orders, 'po-description,po-field').po).toBe('2026-0002');
  });

  test('supplier-project and an amount criterion pointing at different POs', () => {
    const tx = aTransaction({ project: 'P1', amount: '2000.00' });
    const orders = [aPurchaseOrder('2026-0001', { project: 'P1', amount: '9000.00' }), aPurchaseOrder('2026-0002', { amount: '2000.00' })];
    expect(only(tx, orders, 'supplier-project,amount-absolute:100').po).toBe('2026-0001');
    expect(only(tx, orders, 'amount-absolute:100,supplier-project').po).toBe('2026-0002');
  });

  test('percent and absolute tolerances pointing at different POs', () => {
    // 1050: within 10 % of 1160 (110 ≤ 116) but not within 100; within 100 of 950 but not within 10 % of it (100 > 95).
    const tx = aTransaction({ amount: '1050.00' });
    const orders = [aPurchaseOrder('2026-0001', { amount: '1160.00' }), aPurchaseOrder('2026-0002', { amount: '950.00' })];
    expect(only(tx, orders, 'amount-percent:10,amount-absolute:100').po).toBe('2026-0001');
    expect(only(tx, orders, 'amount-absolute:100,amount-percent:10').po).toBe('2026-0002');
  });

  test('after the winner the remaining criteria are not tried', () => {
    const result = only(aTransaction({ poField: '2026-0001' }), [aPurchaseOrder('2026-0001')], 'po-field,amount-percent:10');
    expect(result.verdicts[1]).toEqual({ rule: 'amount-percent:10', verdict: 'not-tried', candidates: [], note: 'an earlier criterion matched' });
  });
});

describe('ties', () => {
  const twins = [aPurchaseOrder('2026-0001', { project: 'P1' }), aPurchaseOrder('2026-0002', { project: 'P1' })];

  test('several candidates and no criterion matching alone: ambiguous, all candidates listed', () => {
    const result = only(aTransaction({ project: 'P1' }), twins, 'supplier-project,amount-absolute:0');
    expect(result).toMatchObject({ outcome: 'ambiguous', candidates: ['2026-0001', '2026-0002'] });
    expect(result.po).toBeUndefined();
    expect(result.verdicts.map((v) => v.verdict)).toEqual(['several', 'several']);
  });

  test('a later criterion that finds one wins over an earlier tie', () => {
    const result = only(aTransaction({ project: 'P1', description: 'PO 2026-0002' }), twins, 'supplier-project,po-description');
    expect(result).toMatchObject({ outcome: 'auto-matched', po: '2026-0002', rule: 'po-description' });
  });
});

describe('a PO number that cannot be matched: the cascade goes on, the result says why', () => {
  const fallback = aPurchaseOrder('2026-0009', { amount: '1000.00' });
  const named = (po: MatchOrder) => only(aTransaction({ poField: po.number }), [po, fallback], 'po-field,amount-absolute:0');

  test('a closed PO', () => {
    expect(named(aPurchaseOrder('2026-0001', { status: 'closed' }))).toMatchObject({ outcome: 'auto-matched', po: '2026-0009', warnings: ['PO 2026-0001 is closed'] });
  });

  test("another supplier's PO", () => {
    expect(named(aPurchaseOrder('2026-0001', { supplier: '77' })).warnings).toEqual(['PO 2026-0001 belongs to another supplier (77)']);
  });

  test('a PO in another currency', () => {
    expect(named(aPurchaseOrder('2026-0001', { currency: 'EUR' })).warnings).toEqual(['PO 2026-0001 is in EUR, the transaction in NOK']);
  });

  test('a number no PO holds', () => {
    expect(only(aTransaction({ poField: '2026-7777' }), [fallback], 'po-field').warnings).toEqual(['the PO field "2026-7777" names no purchase order']);
  });

  test('a PO number held twice: an order warning, and the PO-number criteria find both', () => {
    const orders = [aPurchaseOrder('2026-0001'), aPurchaseOrder('2026-0001', { supplier: '77' })];
    const out = cascade([aTransaction({ poField: '2026-0001' })], orders, 'po-field');
    expect(out.orderWarnings).toEqual(['PO number 2026-0001 is held by 2 purchase orders (suppliers 501, 77): the PO-number criteria cannot tell them apart; renumber one in CostTracker']);
    expect(out.results[0]).toMatchObject({ outcome: 'ambiguous', candidates: ['2026-0001'], warnings: ['PO number 2026-0001 is held by 2 purchase orders'] });
    expect(out.results[0]!.verdicts[0]!.candidates).toEqual(['2026-0001', '2026-0001']);
  });

  test('a transaction with no supplier matches nothing', () => {
    const result = only(aTransaction({ supplier: undefined, poField: '2026-0009' }), [fallback], 'po-field,amount-absolute:0');
    expect(result).toMatchObject({ outcome: 'unmatched', warnings: ['transaction has no supplier'] });
    expect(result.verdicts.map((v) => v.verdict)).toEqual(['none', 'none']);
  });

  test('candidates by amount are in the transaction currency only', () => {
    expect(only(aTransaction({ currency: 'EUR' }), [fallback], 'amount-absolute:0').outcome).toBe('unmatched');
  });
});

describe('consumption: the open amount follows, in date then id order', () => {
  test('several invoices consume one PO up to its amount; beyond it, no match and a warning', () => {
    const po = aPurchaseOrder('2026-0001', { amount: '1000.00' });
    const txs = [
      aTransaction({ id: 'c', date: '2026-03-03', poField: '2026-0001', amount: '100.00' }),
      aTransaction({ id: 'a', date: '2026-03-01', poField: '2026-0001', amount: '600.00' }),
      aTransaction({ id: 'b', date: '2026-03-01', poField: '2026-0001', amount: '400.00' }),
    ];
    const out = cascade(txs, [po], 'po-field');
    expect(out.results.map((r) => [r.transaction, r.outcome])).toEqual([['a', 'auto-matched'], ['b', 'auto-matched'], ['c', 'unmatched']]);
    expect(out.results[2]!.warnings).toEqual(["PO 2026-0001 has 0.00 open, less than the transaction's 100.00"]);
    expect(out.counts).toEqual({ 'auto-matched': 2, ambiguous: 0, unmatched: 1 });
  });

  test('a fully consumed PO is no candidate for the amount criteria', () => {
    const txs = [aTransaction({ date: '2026-03-01' }), aTransaction({ date: '2026-03-02' })];
    const out = cascade(txs, [aPurchaseOrder('2026-0001')], 'amount-absolute:0');
    expect(out.results.map((r) => r.outcome)).toEqual(['auto-matched', 'unmatched']);
  });

  test('a partly consumed PO is found by the amount of what is left', () => {
    const txs = [aTransaction({ date: '2026-03-01', poField: '2026-0001', amount: '700.00' }), aTransaction({ date: '2026-03-02', amount: '300.00' })];
    expect(cascade(txs, [aPurchaseOrder('2026-0001')], 'po-field,amount-absolute:0').results[1]).toMatchObject({ outcome: 'auto-matched', po: '2026-0001' });
  });

  test('a credit note gives back: the PO takes the next invoice again', () => {
    const txs = [
      aTransaction({ date: '2026-03-01', poField: '2026-0001', amount: '1000.00' }),
      aTransaction({ date: '2026-03-02', poField: '2026-0001', amount: '-400.00' }),
      aTransaction({ date: '2026-03-03', amount: '400.00' }),
    ];
    expect(cascade(txs, [aPurchaseOrder('2026-0001')], 'po-field,amount-absolute:0').results.map((r) => r.po)).toEqual(['2026-0001', '2026-0001', '2026-0001']);
  });

  test('a credit note larger than what was invoiced on the PO is not matched', () => {
    const result = only(aTransaction({ poField: '2026-0001', amount: '-600.00' }), [aPurchaseOrder('2026-0001', { invoiced: '500.00' })], 'po-field');
    expect(result).toMatchObject({ outcome: 'unmatched', warnings: ['credit note of 600.00 is larger than the 500.00 invoiced on PO 2026-0001'] });
  });

  test('fixed matches get no result and consume their PO in their place in the order', () => {
    const po = aPurchaseOrder('2026-0001', { amount: '1000.00' });
    const txs = [
      aTransaction({ id: 'manual', date: '2026-03-01', amount: '800.00' }),
      aTransaction({ id: 'later', date: '2026-03-02', poField: '2026-0001', amount: '300.00' }),
      aTransaction({ id: 'earlier', date: '2026-02-28', poField: '2026-0001', amount: '300.00' }),
      aTransaction({ id: 'no-po', date: '2026-02-01', amount: '1000.00' }),
    ];
    const out = cascade(txs, [po], 'po-field', { fixed: [{ transaction: 'manual', po: '2026-0001' }, { transaction: 'no-po' }] });
    expect(out.results.map((r) => [r.transaction, r.outcome])).toEqual([['earlier', 'auto-matched'], ['later', 'unmatched']]);
    // 1000 − 300 − 800: a person may take a PO past its amount, the cascade never does.
    expect(out.results[1]!.warnings).toEqual(["PO 2026-0001 has -100.00 open, less than the transaction's 300.00"]);
  });
});

describe('bounds are inclusive', () => {
  const po = [aPurchaseOrder('2026-0001', { amount: '1000.00' })];
  const outcome = (amount: string, list: string) => only(aTransaction({ amount }), po, list).outcome;

  test.each([
    ['1100.00', 'amount-percent:10', 'auto-matched'], ['1100.01', 'amount-percent:10', 'unmatched'],
    ['900.00', 'amount-percent:10', 'auto-matched'], ['899.99', 'amount-percent:10', 'unmatched'],
    ['1025.00', 'amount-percent:2.5', 'auto-matched'], ['1025.01', 'amount-percent:2.5', 'unmatched'],
    ['1001.00', 'amount-percent:0.1', 'auto-matched'], ['1001.01', 'amount-percent:0.1', 'unmatched'],
    ['1000.00', 'amount-percent:0', 'auto-matched'], ['1000.01', 'amount-percent:0', 'unmatched'],
    ['1500.00', 'amount-absolute:500', 'auto-matched'], ['1500.01', 'amount-absolute:500', 'unmatched'],
    ['500.00', 'amount-absolute:500', 'auto-matched'], ['499.99', 'amount-absolute:500', 'unmatched'],
    ['1000.00', 'amount-absolute:0', 'auto-matched'], ['999.99', 'amount-absolute:0', 'unmatched'],
  ])('%s against an open 1000.00 with %s: %s', (amount, list, expected) => {
    expect(outcome(amount, list)).toBe(expected);
  });

  test('an invoice of exactly the open amount is matched by number, one cent more is not', () => {
    const by = (amount: string) => only(aTransaction({ poField: '2026-0001', amount }), po, 'po-field').outcome;
    expect([by('1000.00'), by('1000.01')]).toEqual(['auto-matched', 'unmatched']);
  });
});

/** PO numbers as people write them: in the description as a whole token, with or without the organisation's prefix. */
import { runCascade } from '../../../domain/matching/cascade';
import { PO_DESCRIPTION_ACCEPTED, PO_DESCRIPTION_REJECTED, poKey } from '../../../domain/matching/poNumbers';
import { aPurchaseOrder, aTransaction, rules } from './fixtures';

const byDescription = (description: string, orders = [aPurchaseOrder('2026-0042'), aPurchaseOrder('2026-0043')], prefix?: string) =>
  runCascade({ transactions: [aTransaction({ description })], orders, rules: rules('po-description'), prefix }).results[0]!;

test.each(PO_DESCRIPTION_ACCEPTED)('"%s" names PO 2026-0042', (description) => {
  expect(byDescription(description)).toMatchObject({ outcome: 'auto-matched', po: '2026-0042' });
  expect(byDescription(`Levering uke 9, ${description.toUpperCase()} takk`).po).toBe('2026-0042');
});

test.each(PO_DESCRIPTION_REJECTED)('"%s" names no PO: the number is part of a longer token', (description) => {
  expect(byDescription(description)).toMatchObject({ outcome: 'unmatched', verdicts: [{ verdict: 'none', note: 'the description names no PO number' }] });
});

test('two different PO numbers in one description point at neither', () => {
  const result = byDescription('PO 2026-0043 og PO 2026-0042');
  expect(result.outcome).toBe('unmatched');
  expect(result.verdicts[0]!.note).toBe('the description names 2 different PO numbers (2026-0042, 2026-0043), so it points at none');
});

test('the same number twice is one number', () => {
  expect(byDescription('PO 2026-0042 (bestnr 2026-0042)').po).toBe('2026-0042');
});

test('numbers no PO holds do not count as a second PO number', () => {
  expect(byDescription('Faktura 2026-1234, PO 2026-0042').po).toBe('2026-0042');
});

describe("the organisation's prefix: written or not, any case", () => {
  const prefixed = [aPurchaseOrder('PO-2026-0042')];
  const match = (tx: { poField?: string; description?: string }, orders = prefixed) =>
    runCascade({ transactions: [aTransaction(tx)], orders, rules: rules('po-field,po-description'), prefix: 'PO-' }).results[0]!;

  test.each(['2026-0042', 'PO-2026-0042', 'po-2026-0042', ' PO-2026-0042 '])('PO field "%s"', (poField) => {
    expect(match({ poField })).toMatchObject({ outcome: 'auto-matched', po: 'PO-2026-0042', rule: 'po-field' });
  });

  test.each(['Varer PO-2026-0042', 'bestnr: po-2026-0042', 'PO 2026-0042', 'ref 2026-0042.'])('description "%s"', (description) => {
    expect(match({ description })).toMatchObject({ outcome: 'auto-matched', po: 'PO-2026-0042', rule: 'po-description' });
  });

  test('POs listed without the prefix match numbers written with it', () => {
    expect(match({ poField: 'PO-2026-0042' }, [aPurchaseOrder('2026-0042')]).po).toBe('2026-0042');
  });

  test('without a prefix configured, a prefixed number is another token', () => {
    expect(poKey('PO-2026-0042')).toBe('PO-2026-0042');
    expect(byDescription('PO-2026-0042').outcome).toBe('unmatched');
  });
});

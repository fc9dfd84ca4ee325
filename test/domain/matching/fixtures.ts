/** Small builders for the matching tests: a supplier invoice line and a purchase order, in NOK, supplier 501. */
import { toMinor } from '../../../domain/money';
import { parseRules } from '../../../domain/matching/rules';
import type { MatchOrder, MatchTransaction } from '../../../domain/matching/types';

let next = 0;

/** Amounts as written ("1250.00"). */
export function aTransaction(over: Partial<Omit<MatchTransaction, 'amount'>> & { amount?: string } = {}): MatchTransaction {
  const { amount, ...rest } = over;
  next++;
  return { id: `t${String(next).padStart(4, '0')}`, date: '2026-03-01', supplier: '501', account: 4000, currency: 'NOK', ...rest, amount: toMinor(amount ?? '1000.00') };
}

export function aPurchaseOrder(number: string, over: Partial<Omit<MatchOrder, 'amount' | 'invoiced'>> & { amount?: string; invoiced?: string } = {}): MatchOrder {
  const { amount, invoiced, ...rest } = over;
  return { number, supplier: '501', currency: 'NOK', status: 'open', ...rest, amount: toMinor(amount ?? '1000.00'), invoiced: toMinor(invoiced ?? '0') };
}

export const rules = (list: string) => parseRules(list);

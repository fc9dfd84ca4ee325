/**
 * The amount criteria's windows, exact at the bound (inclusive): `|amount − open| ≤ tolerance` in whole minor
 * units, and `|amount − open| ≤ percent % of open` decided in integers (a percentage like 0.1 is not exact in
 * binary floating point, and a match exactly at 10 % must not depend on rounding).
 */
import type { Rule } from './types';

export type AmountRule = Extract<Rule, { name: 'amount-percent' | 'amount-absolute' }>;

/** The open amounts that may match lie in [low, high]: exact for a tolerance, a superset for a percentage. */
export function amountWindow(rule: AmountRule, amount: number): { low: number; high: number } {
  if (rule.name === 'amount-absolute') return { low: amount - rule.tolerance, high: amount + rule.tolerance };
  const x = rule.percent;
  // From 100·|a − V| ≤ x·V: V ≥ 100a / (100 + x) and, below 100 %, V ≤ 100a / (100 − x); widened by one for rounding.
  return { low: Math.floor((100 * amount) / (100 + x)) - 1, high: x >= 100 ? Infinity : Math.ceil((100 * amount) / (100 - x)) + 1 };
}

/** Whether an open amount inside the window matches: always for a tolerance, exactly for a percentage. */
export function withinWindow(rule: AmountRule, amount: number, open: number): boolean {
  return rule.name === 'amount-absolute' || withinPercent(amount, open, rule.percent);
}

const SCALE = 12;

/** 100·|amount − open| ≤ percent·open, exactly: in floating point when clearly on one side, else in integers. */
function withinPercent(amount: number, open: number, percent: number): boolean {
  const lhs = 100 * Math.abs(amount - open);
  const rhs = percent * open;
  if (lhs < rhs * (1 - 1e-9)) return true;
  if (lhs > rhs * (1 + 1e-9)) return false;
  const numerator = BigInt(percent.toFixed(SCALE).replace('.', ''));
  const diff = BigInt(Math.abs(amount - open));
  return 100n * 10n ** BigInt(SCALE) * diff <= numerator * BigInt(open);
}

/**
 * The invariants of a well-formed Z-report (./zReport.ts), each broken one as a sentence naming the amounts. The
 * DUELL sandbox refuses a report that breaks one; the settlement's preflight reports them before posting.
 */
import { formatMinor } from '../money';
import type { ZReport } from './zReport';

export function zReportProblems(z: ZReport): string[] {
  const problems: string[] = [];
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const money = formatMinor;

  const vatTotal = sum(z.sales.vat.map((v) => v.base + v.vat));
  if (vatTotal !== z.sales.gross) {
    problems.push(`the VAT lines add up to ${money(vatTotal)} (base + VAT) but the gross sales are ${money(z.sales.gross)}`);
  }
  const net = sum(z.sales.vat.map((v) => v.base));
  if (net !== z.sales.net) problems.push(`the VAT bases add up to ${money(net)} but the net sales are ${money(z.sales.net)}`);
  const paid = sum(z.payments.map((p) => p.amount));
  if (paid !== z.sales.gross + z.tips + z.rounding) {
    problems.push(`the payments add up to ${money(paid)} but gross + tips + rounding is ${money(z.sales.gross + z.tips + z.rounding)}`);
  }
  if (z.cash.difference !== z.cash.counted - z.cash.expected) {
    problems.push(`the cash difference is ${money(z.cash.difference)} but counted − expected is ${money(z.cash.counted - z.cash.expected)}`);
  }
  const cashPaid = sum(z.payments.filter((p) => p.type === 'cash').map((p) => p.amount));
  if (z.cash.expected !== z.cash.openingFloat + cashPaid - z.cash.bankWithdrawal) {
    problems.push(`the expected cash is ${money(z.cash.expected)} but opening float + cash payments − bank withdrawal is ` +
      `${money(z.cash.openingFloat + cashPaid - z.cash.bankWithdrawal)}`);
  }
  return problems;
}

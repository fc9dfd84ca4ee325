/**
 * The sums a well-formed Z-report keeps (zReport.ts), each broken one as a sentence with the amounts, so a person
 * can compare them with the report in DUELL's Backoffice. The settlement voucher balances exactly when these hold;
 * the DUELL sandbox refuses a report that breaks one.
 */
import { displayMinor, sumMinor } from '../money';
import type { ZReport } from './zReport';

export function brokenInvariants(z: ZReport): string[] {
  const nok = (minor: number) => displayMinor(minor, z.currency);
  const broken: string[] = [];
  const bases = sumMinor(z.sales.vat.map((v) => v.base));
  const vat = sumMinor(z.sales.vat.map((v) => v.vat));
  if (z.sales.gross !== bases + vat) {
    broken.push(`sales of ${nok(z.sales.gross)} are not the VAT lines' bases ${nok(bases)} + VAT ${nok(vat)} = ${nok(bases + vat)}`);
  }
  if (z.sales.net !== bases) broken.push(`net sales of ${nok(z.sales.net)} are not the VAT lines' bases ${nok(bases)}`);
  const paid = sumMinor(z.payments.map((p) => p.amount));
  const owed = z.sales.gross + z.tips + z.rounding;
  if (paid !== owed) {
    broken.push(`payments sum to ${nok(paid)}, but sales ${nok(z.sales.gross)} + tips ${nok(z.tips)} + rounding ${nok(z.rounding)} = ${nok(owed)}`);
  }
  const { openingFloat, expected, counted, bankWithdrawal, difference } = z.cash;
  if (difference !== counted - expected) {
    broken.push(`the cash difference ${nok(difference)} is not counted ${nok(counted)} − expected ${nok(expected)} = ${nok(counted - expected)}`);
  }
  const cashPaid = sumMinor(z.payments.filter((p) => p.type === 'cash').map((p) => p.amount));
  if (expected !== openingFloat + cashPaid - bankWithdrawal) {
    broken.push(`expected cash ${nok(expected)} is not the float ${nok(openingFloat)} + cash payments ${nok(cashPaid)} − bank withdrawal ${nok(bankWithdrawal)} = ${nok(openingFloat + cashPaid - bankWithdrawal)}`);
  }
  return broken;
}

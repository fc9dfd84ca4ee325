/**
 * What a Z-report books, entry by entry, and what it would need an account for: one function, so the preflight
 * reports exactly the accounts the voucher will want. Debit positive, credit negative, minor units.
 *
 *   debit   each payment type's account          what the customers paid, by means
 *   credit  sales per account and VAT code        net (sales.ts)
 *   credit  output VAT per code                   the report's VAT, as printed
 *   credit  rounding (øreavrunding)               when customers paid more than the sales
 *   credit  tips                                  owed to the staff: a liability, not sales
 *   ± cash difference                             counted − expected, between the cash account and its own
 *   ± bank withdrawal                             only when it has an account other than cash (see below)
 *   debit inventory change, credit inventory      the goods' cost price, when the department posts it
 */
import type { DuellDepartmentSettings } from './settings';
import { PAYMENT_LABEL, paymentAccount, type SettlementAccounts, type SettlementAccountSource } from './accounts';
import { allocateSales, percent } from './sales';
import type { ZReport, ZReportArtGroup } from './zReport';

export interface SettlementInput {
  z: ZReport;
  department: Pick<DuellDepartmentSettings, 'department' | 'inventoryChange' | 'inventoryChangeAccount' | 'inventoryAccount'>;
  accounts: SettlementAccounts;
  /** The cost price of the goods sold per article group (minor units), which the Z-report does not hold. */
  costOfGoods?: ReadonlyMap<string, number>;
}

export interface SettlementEntry {
  account: number;
  amount: number;
  vatCode?: string;
  description: string;
}

export interface MissingAccount {
  source: SettlementAccountSource;
  /** For people: "payment type visa (Visa)". */
  what: string;
  amount: number;
}

export interface SettlementEntries {
  entries: SettlementEntry[];
  missing: MissingAccount[];
  /** Article groups sold whose cost price was not given, with inventory change on. */
  costMissing: ZReportArtGroup[];
}

export function settlementEntries({ z, department, accounts, costOfGoods }: SettlementInput): SettlementEntries {
  const entries: SettlementEntry[] = [];
  const missing: MissingAccount[] = [];
  /** An entry on the account, or the account asked for once (the cash account may be wanted three times). */
  const book = (account: number | undefined, amount: number, description: string, need: Omit<MissingAccount, 'amount'>) => {
    if (amount === 0) return;
    if (account !== undefined) entries.push({ account, amount, description });
    else if (!missing.some((m) => m.source === need.source)) missing.push({ ...need, amount });
  };

  for (const p of z.payments) book(paymentAccount(accounts, p), p.amount, PAYMENT_LABEL[p.type], { source: `payment:${p.type}`, what: `payment type ${p.type} (${PAYMENT_LABEL[p.type]})` });

  const sales = allocateSales(z, accounts);
  for (const line of sales.lines) entries.push({ account: line.account, amount: -line.net, vatCode: line.vatCode, description: line.description });
  for (const rest of sales.unmapped) missing.push({ source: `sales:vat:${rest.code}`, what: `sales at ${percent(rest.rate)} % VAT (code ${rest.code})`, amount: rest.net });
  for (const vat of z.sales.vat) {
    book(accounts.mapped(`vat:${vat.code}`), -vat.vat, `Utgående mva ${percent(vat.rate)} %`, { source: `vat:${vat.code}`, what: `output VAT ${percent(vat.rate)} % (code ${vat.code})` });
  }

  book(accounts.mapped('rounding'), -z.rounding, 'Øreavrunding', { source: 'rounding', what: 'rounding (øreavrunding)' });
  book(accounts.mapped('tips'), -z.tips, 'Tips', { source: 'tips', what: 'tips' });

  // Cash that is missing (difference < 0) was booked as paid in cash: take it off the cash account, onto the
  // difference account as a cost; cash over the other way round.
  const cashAccount = paymentAccount(accounts, { type: 'cash', accountNo: z.payments.find((p) => p.type === 'cash')?.accountNo });
  const cashNeed = { source: 'payment:cash', what: 'the cash account (for the cash difference)' } as const;
  const note = z.cash.note?.trim() ? `Kassedifferanse: ${z.cash.note.trim()}` : 'Kassedifferanse';
  book(cashAccount, z.cash.difference, note, cashNeed);
  book(accounts.mapped('cash-difference'), -z.cash.difference, note, { source: 'cash-difference', what: 'the cash difference (kassedifferanse)' });

  // The withdrawal (Bank/Nattsafe) moves cash the payments already put on the cash account; while it is on its way
  // to the bank it is still cash, and the bank's statement books its arrival. Only a shop that follows the night
  // safe on an account of its own (mapped `bank-withdrawal`) gets the move here.
  const withdrawalAccount = accounts.mapped('bank-withdrawal');
  if (withdrawalAccount !== undefined && cashAccount !== undefined && withdrawalAccount !== cashAccount) {
    book(withdrawalAccount, z.cash.bankWithdrawal, 'Bank/Nattsafe', { source: 'bank-withdrawal', what: 'the bank withdrawal' });
    book(cashAccount, -z.cash.bankWithdrawal, 'Bank/Nattsafe', cashNeed);
  }

  const costMissing: ZReportArtGroup[] = [];
  if (department.inventoryChange) {
    const sold = z.artGroups.filter((g) => g.count !== 0 || g.amount !== 0);
    costMissing.push(...sold.filter((g) => costOfGoods?.get(g.groupId) === undefined));
    const cost = sold.reduce((sum, g) => sum + (costOfGoods?.get(g.groupId) ?? 0), 0);
    if (cost !== 0) {
      // The settings refuse inventory change without both accounts, so they are there.
      entries.push({ account: department.inventoryChangeAccount!, amount: cost, description: 'Beholdningsendring' });
      entries.push({ account: department.inventoryAccount!, amount: -cost, description: 'Varelager' });
    }
  }
  return { entries, missing, costMissing };
}

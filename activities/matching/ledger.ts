/**
 * From 24SevenOffice's ledger lines to the transactions CostTracker matches. Lines are grouped by voucher
 * (TransactionNo): the supplier is the voucher's Customer dimension (the supplier ledger line carries it), and each
 * cost line that passes the connection's filter becomes one transaction, its description the line's comment and
 * its PO field the voucher's SupplierOrderSlip dimension ("Bestillingsnr").
 */
import type { Transaction } from '../../connectors/24sevenoffice';
import type { CostTrackerFilter } from '../../connectors/costtracker/config';
import type { StagedTransaction } from '../../db/repos';
import { accountInRanges, parseAccountRanges, type AccountRange } from '../../domain/matching/accountFilter';
import type { Minor } from '../../domain/money';

/**
 * With no account filter, every line but the sub-ledger and VAT lines (NS 4102: receivables 15xx, payables 24xx,
 * VAT 27xx) is a cost line: the supplier line holds the invoice total with VAT, which no PO amount matches.
 */
const NOT_COST = [{ from: 1500, to: 1599 }, { from: 2400, to: 2499 }, { from: 2700, to: 2799 }];

export interface LedgerFilter {
  accounts: AccountRange[];
  projects: Set<string>;
  departments: Set<string>;
  startDate?: string;
}

export function ledgerFilter(filter: CostTrackerFilter): LedgerFilter {
  return {
    accounts: parseAccountRanges(filter.accounts),
    projects: new Set(filter.projects),
    departments: new Set(filter.departments),
    startDate: filter.startDate,
  };
}

export interface CostLines {
  transactions: StagedTransaction[];
  /** Vouchers with cost lines in the filter but no supplier on any line: read again whole (a change read may hold part of a voucher). */
  withoutSupplier: Array<{ voucherNo: number; date: string }>;
}

export function costLines(lines: readonly Transaction[], filter: LedgerFilter, currency: string): CostLines {
  const vouchers = new Map<number, Transaction[]>();
  for (const line of lines) {
    const voucher = vouchers.get(line.transactionNo);
    if (voucher) voucher.push(line);
    else vouchers.set(line.transactionNo, [line]);
  }
  const out: CostLines = { transactions: [], withoutSupplier: [] };
  for (const [voucherNo, voucherLines] of vouchers) {
    const supplier = voucherLines.find((l) => l.customerId !== undefined)?.customerId;
    const poField = voucherLines.find((l) => l.poField !== undefined)?.poField;
    const costs = voucherLines.filter((l) => l.id !== undefined && isCost(l, filter));
    if (costs.length === 0) continue;
    if (supplier === undefined) out.withoutSupplier.push({ voucherNo, date: costs[0]!.date });
    for (const l of costs) {
      out.transactions.push({
        id: l.id!, voucherNo, date: l.date, account: l.accountNo, amount: l.amount as Minor, currency: l.currency || currency,
        ...(supplier !== undefined && { supplier: String(supplier) }),
        ...(l.projectId !== undefined && { project: String(l.projectId) }),
        ...(l.departmentId !== undefined && { department: String(l.departmentId) }),
        ...((l.poField ?? poField) !== undefined && { poField: l.poField ?? poField }),
        ...(l.comment && { description: l.comment }),
      });
    }
  }
  return out;
}

function isCost(line: Transaction, filter: LedgerFilter): boolean {
  if (filter.startDate !== undefined && line.date < filter.startDate) return false;
  if (filter.accounts.length > 0 ? !accountInRanges(line.accountNo, filter.accounts) : accountInRanges(line.accountNo, NOT_COST)) return false;
  if (filter.projects.size > 0 && (line.projectId === undefined || !filter.projects.has(String(line.projectId)))) return false;
  if (filter.departments.size > 0 && (line.departmentId === undefined || !filter.departments.has(String(line.departmentId)))) return false;
  return true;
}

/**
 * [INFERRED] Where a person opens the invoice's voucher in 24SevenOffice: the web app's voucher view by
 * TransactionNo. 24SevenOffice documents no deep link; change it here, and only here, when a tenant shows the real one.
 */
export function invoiceUrl(voucherNo: number): string {
  return `https://app.24sevenoffice.com/modules/accounting/voucher/?transactionNo=${voucherNo}`;
}

/**
 * Reading a batch's vouchers back from 24SevenOffice's ledger, chunk by chunk (GetTransactions has no paging,
 * so ranges stay small), and turning a chunk into SaveBundleList bundles. Shared by sending (look up after an
 * uncertain outcome), the journal wait (has the accountant posted?) and reconciliation.
 */
import type { Bundle, Entry, Transaction, TwentyFourSevenOffice } from '../../connectors/24sevenoffice';
import type { StagedVoucher } from '../../domain/batch/voucher';
import type { TenantMapping } from './context';

export interface NumberedVoucher {
  sourceId: string;
  transactionNo: number;
  voucherType: number;
  document: StagedVoucher;
}

/** A staged row that has been numbered; numbering always comes before sending. */
export function numbered(r: { sourceId: string; transactionNo: number | null; voucherType: number | null; document: StagedVoucher }): NumberedVoucher {
  if (r.transactionNo === null || r.voucherType === null) throw new Error(`voucher ${r.sourceId} has no number yet: numbers are reserved before sending`);
  return { sourceId: r.sourceId, transactionNo: r.transactionNo, voucherType: r.voucherType, document: r.document };
}

/**
 * Ledger lines of these vouchers, by transaction number. One GetTransactions per voucher type, bounded by that
 * type's numbers: a range spanning several series would return most of the ledger.
 */
export async function ledgerLines(target: TwentyFourSevenOffice, vouchers: NumberedVoucher[], typeIds: Map<number, number>): Promise<Map<number, Transaction[]>> {
  const found = new Map<number, Transaction[]>();
  const byType = new Map<number, NumberedVoucher[]>();
  for (const v of vouchers) byType.set(v.voucherType, [...(byType.get(v.voucherType) ?? []), v]);
  for (const [voucherType, group] of byType) {
    const typeId = typeIds.get(voucherType);
    const wanted = new Set(group.map((v) => v.transactionNo));
    const dates = group.map((v) => v.document.date).sort();
    const numbers = [...wanted];
    const lines = await target.transactions({
      from: dates[0]!, to: dates[dates.length - 1]!,
      transactionNoFrom: Math.min(...numbers), transactionNoTo: Math.max(...numbers),
    });
    for (const line of lines) {
      if (!wanted.has(line.transactionNo)) continue;
      // Another series may use the same numbers: the voucher type tells them apart where the API reports it.
      if (typeId !== undefined && line.transactionTypeId !== undefined && line.transactionTypeId !== typeId) continue;
      found.set(line.transactionNo, [...(found.get(line.transactionNo) ?? []), line]);
    }
  }
  return found;
}

/** The entries as they will be (and were) sent: mapped accounts, VAT codes and dimensions. */
export function entriesOf(v: NumberedVoucher, mapping: TenantMapping, subledgerAccounts: ReadonlySet<number>): Entry[] {
  const d = v.document;
  const party = d.customerNo !== undefined ? mapping.companyId('customer', d.customerNo)
    : d.supplierNo !== undefined ? mapping.companyId('supplier', d.supplierNo) : undefined;
  return d.lines.map((line) => {
    const accountNo = mapping.account(line.account);
    const onSubledger = subledgerAccounts.has(accountNo);
    return {
      accountNo,
      amount: line.amount,
      date: d.date,
      taxNo: line.vatCode === undefined ? undefined : mapping.taxNo(line.vatCode),
      projectId: line.project === undefined ? undefined : mapping.projectId(line.project),
      departmentId: line.department === undefined ? undefined : mapping.departmentId(line.department),
      customerId: onSubledger ? party : undefined,
      dueDate: onSubledger ? d.dueDate : undefined,
      invoiceReferenceNo: onSubledger ? d.invoiceNo : undefined,
      invoiceOcr: onSubledger ? d.kid : undefined,
      comment: line.description ?? d.description,
    };
  });
}

/** One bundle per voucher type and fiscal year, as SaveBundleList groups them. */
export function bundlesOf(vouchers: NumberedVoucher[], entries: (v: NumberedVoucher) => Entry[], name: string): Bundle[] {
  const bundles = new Map<string, Bundle>();
  for (const v of vouchers) {
    const yearId = Number(v.document.date.slice(0, 4));
    const key = `${v.voucherType}/${yearId}`;
    const bundle = bundles.get(key) ?? { yearId, voucherType: v.voucherType, name, vouchers: [], directAccounting: true };
    bundle.vouchers.push({ transactionNo: v.transactionNo, date: v.document.date, entries: entries(v) });
    bundles.set(key, bundle);
  }
  return [...bundles.values()];
}

/** Do the ledger's lines carry exactly the amounts per account that were sent? */
export function matchesSent(sent: Entry[], lines: Transaction[]): boolean {
  const sum = (pairs: [number, number][]) => {
    const m = new Map<number, number>();
    for (const [account, amount] of pairs) m.set(account, (m.get(account) ?? 0) + amount);
    return m;
  };
  const a = sum(sent.map((e) => [e.accountNo, e.amount]));
  const b = sum(lines.map((l) => [l.accountNo, l.amount]));
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/**
 * Posting vouchers in 24SevenOffice, for every flow that posts (Telaris batches, DUELL settlements): vouchers into
 * SaveBundleList bundles, and ledger lines read back to tell whether a voucher is there as it was sent.
 *
 * GetTransactions has no paging (API doc §5), so look-ups go one voucher type at a time, bounded by that type's
 * numbers and dates: a range spanning several series would return most of the ledger.
 */
import type { Bundle, Entry } from './bundles';
import type { Transaction } from './transactions';
import type { TwentyFourSevenOffice } from './index';

/** A voucher as it goes to 24SevenOffice: its number is drawn beforehand (db/repos/voucherNumbers.ts). */
export interface PostingVoucher {
  transactionNo: number;
  /** Voucher type (TypeNo). */
  voucherType: number;
  date: string;
  entries: Entry[];
}

/** "1001–1025, 20001–20004": the numbers of these vouchers, one run per voucher type, as a person looks for them. */
export function numberRanges(vouchers: PostingVoucher[]): string {
  const byType = new Map<number, number[]>();
  for (const v of vouchers) byType.set(v.voucherType, [...(byType.get(v.voucherType) ?? []), v.transactionNo]);
  return [...byType.values()].map((n) => (n.length === 1 ? `${n[0]}` : `${Math.min(...n)}–${Math.max(...n)}`)).join(', ');
}

/**
 * One bundle per voucher type and fiscal year, as SaveBundleList groups them. Each is named `<name> · <its
 * numbers>`, so a person finds it among the journal's incoming batches.
 */
export function bundlesOf(vouchers: PostingVoucher[], name: string): Bundle[] {
  const bundles = new Map<string, Bundle>();
  for (const v of vouchers) {
    const yearId = Number(v.date.slice(0, 4));
    const key = `${v.voucherType}/${yearId}`;
    const bundle = bundles.get(key) ?? { yearId, voucherType: v.voucherType, name, vouchers: [], directAccounting: true };
    bundle.vouchers.push({ transactionNo: v.transactionNo, date: v.date, entries: v.entries });
    bundles.set(key, bundle);
  }
  for (const b of bundles.values()) b.name = `${name} · ${numberRanges(b.vouchers.map((v) => ({ ...v, voucherType: b.voucherType })))}`;
  return [...bundles.values()];
}

/** Ledger lines of these vouchers, by transaction number. */
export async function ledgerLines(target: TwentyFourSevenOffice, vouchers: PostingVoucher[], typeIds: ReadonlyMap<number, number>): Promise<Map<number, Transaction[]>> {
  const found = new Map<number, Transaction[]>();
  const byType = new Map<number, PostingVoucher[]>();
  for (const v of vouchers) byType.set(v.voucherType, [...(byType.get(v.voucherType) ?? []), v]);
  for (const [voucherType, group] of byType) {
    const typeId = typeIds.get(voucherType);
    const wanted = new Set(group.map((v) => v.transactionNo));
    const dates = group.map((v) => v.date).sort();
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

/** The ids of the voucher types (GetTypeList TypeId by TypeNo), which ledger lines carry. */
export async function voucherTypeIds(target: TwentyFourSevenOffice): Promise<Map<number, number>> {
  return new Map((await target.voucherTypes()).map((t) => [t.typeNo, t.id]));
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

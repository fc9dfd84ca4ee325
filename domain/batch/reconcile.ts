/**
 * "Reconciled" (accounting-primer.md): per account, per department and per project, what was sent equals what
 * the target's ledger holds for those vouchers, and the voucher counts agree. Pure: the activity feeds both
 * sides line by line.
 */
import { displayMinor } from '../money';

export interface LedgerTotals {
  vouchers: Set<number>;
  byAccount: Map<number, number>;
  byDepartment: Map<number, number>;
  byProject: Map<number, number>;
}

export function emptyTotals(): LedgerTotals {
  return { vouchers: new Set(), byAccount: new Map(), byDepartment: new Map(), byProject: new Map() };
}

export function addLine(t: LedgerTotals, line: { transactionNo: number; account: number; amount: number; departmentId?: number; projectId?: number }): void {
  t.vouchers.add(line.transactionNo);
  t.byAccount.set(line.account, (t.byAccount.get(line.account) ?? 0) + line.amount);
  if (line.departmentId) t.byDepartment.set(line.departmentId, (t.byDepartment.get(line.departmentId) ?? 0) + line.amount);
  if (line.projectId) t.byProject.set(line.projectId, (t.byProject.get(line.projectId) ?? 0) + line.amount);
}

export function mergeTotals(into: LedgerTotals, from: LedgerTotals): void {
  for (const v of from.vouchers) into.vouchers.add(v);
  for (const key of ['byAccount', 'byDepartment', 'byProject'] as const) {
    for (const [k, amount] of from[key]) into[key].set(k, (into[key].get(k) ?? 0) + amount);
  }
}

export interface Difference {
  dimension: 'vouchers' | 'account' | 'department' | 'project';
  key: string;
  sent: number;
  found: number;
  message: string;
}

export function differences(sent: LedgerTotals, found: LedgerTotals): Difference[] {
  const out: Difference[] = [];
  if (sent.vouchers.size !== found.vouchers.size) {
    const missing = [...sent.vouchers].filter((n) => !found.vouchers.has(n));
    out.push({
      dimension: 'vouchers',
      key: 'count',
      sent: sent.vouchers.size,
      found: found.vouchers.size,
      message: `${sent.vouchers.size} vouchers in the batch, ${found.vouchers.size} found in the ledger` +
        (missing.length ? `; missing transaction numbers ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ' …' : ''}` : ''),
    });
  }
  const compare = (dimension: 'account' | 'department' | 'project', a: Map<number, number>, b: Map<number, number>) => {
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const s = a.get(key) ?? 0;
      const f = b.get(key) ?? 0;
      if (s !== f) out.push({ dimension, key: String(key), sent: s, found: f, message: `${dimension} ${key}: sent ${displayMinor(s)}, ledger has ${displayMinor(f)} (difference ${displayMinor(f - s)})` });
    }
  };
  compare('account', sent.byAccount, found.byAccount);
  compare('department', sent.byDepartment, found.byDepartment);
  compare('project', sent.byProject, found.byProject);
  return out;
}

/** Maps survive JSON (database, activity results) as entries. */
export function totalsToJson(t: LedgerTotals) {
  return { vouchers: [...t.vouchers], byAccount: [...t.byAccount], byDepartment: [...t.byDepartment], byProject: [...t.byProject] };
}

export function totalsFromJson(j: ReturnType<typeof totalsToJson>): LedgerTotals {
  return { vouchers: new Set(j.vouchers), byAccount: new Map(j.byAccount), byDepartment: new Map(j.byDepartment), byProject: new Map(j.byProject) };
}

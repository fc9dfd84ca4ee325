/**
 * The purchase orders as the cascade looks them up, kept current while transactions consume them: by number, by
 * supplier + currency + project, and by supplier + currency sorted by open amount (a tolerance window is a binary
 * search). No lookup scans the whole PO set. A PO's index in `orders` is its identity, since numbers may repeat.
 */
import type { MatchOrder } from './types';
import { poKey } from './poNumbers';

/** supplier → currency → value: nested maps, so a look-up builds no key string. */
type BySupplier<T> = Map<string, Map<string, T>>;

export class OrderIndex {
  /** Open amount = amount − invoiced, following consumption. */
  readonly open: Float64Array;
  readonly invoiced: Float64Array;
  /** Every key holds at least one digit: a description without digits names no PO. */
  readonly keysHaveDigits: boolean;
  private readonly byNumber = new Map<string, number[]>();
  private readonly byProject: BySupplier<Map<string, number[]>> = new Map();
  /** Not closed and open > 0, ascending by (open, index): the amount criteria's candidates. */
  private readonly byAmount: BySupplier<number[]> = new Map();

  constructor(readonly orders: readonly MatchOrder[], readonly prefix: string) {
    this.open = new Float64Array(orders.length);
    this.invoiced = new Float64Array(orders.length);
    let digits = true;
    orders.forEach((po, i) => {
      this.invoiced[i] = po.invoiced;
      this.open[i] = po.amount - po.invoiced;
      const number = poKey(po.number, prefix);
      if (!/\d/.test(number)) digits = false;
      push(this.byNumber, number, i);
      if (po.status === 'closed') return;
      if (po.project) push(at(this.byProject, po.supplier, po.currency, () => new Map()), po.project, i);
      if (this.open[i]! > 0) at(this.byAmount, po.supplier, po.currency, () => []).push(i);
    });
    this.keysHaveDigits = digits;
    for (const currencies of this.byAmount.values()) for (const list of currencies.values()) list.sort((a, b) => this.open[a]! - this.open[b]! || a - b);
  }

  /** The POs holding this number (a key from poKey); more than one is a duplicate in the PO set. */
  holders(numberKey: string): readonly number[] {
    return this.byNumber.get(numberKey) ?? NONE;
  }

  duplicates(): number[][] {
    return [...this.byNumber.values()].filter((list) => list.length > 1);
  }

  /** POs not closed of this supplier, currency and project, in PO-set order; the caller filters by open amount. */
  ofProject(supplier: string, currency: string, project: string): readonly number[] {
    return this.byProject.get(supplier)?.get(currency)?.get(project) ?? NONE;
  }

  /** POs not closed, open > 0, of this supplier and currency whose open amount lies in [low, high], ascending by open amount. */
  openBetween(supplier: string, currency: string, low: number, high: number): readonly number[] {
    const list = this.byAmount.get(supplier)?.get(currency);
    if (!list) return NONE;
    const from = this.firstAtLeast(list, low, -1);
    let to = from;
    while (to < list.length && this.open[list[to]!]! <= high) to++;
    return from === to ? NONE : list.slice(from, to);
  }

  /** An invoice (positive) consumes, a credit note (negative) gives back; the amount index follows the open amount. */
  consume(i: number, amount: number): void {
    const po = this.orders[i]!;
    if (po.status === 'closed') {
      this.invoiced[i]! += amount;
      this.open[i]! -= amount;
      return;
    }
    const list = at(this.byAmount, po.supplier, po.currency, () => []);
    if (this.open[i]! > 0) list.splice(this.firstAtLeast(list, this.open[i]!, i), 1);
    this.invoiced[i]! += amount;
    this.open[i]! -= amount;
    if (this.open[i]! > 0) list.splice(this.firstAtLeast(list, this.open[i]!, i), 0, i);
  }

  /** Position of the first entry ≥ (open, index) in a list sorted by (open, index). */
  private firstAtLeast(list: readonly number[], open: number, index: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const o = this.open[list[mid]!]!;
      if (o < open || (o === open && list[mid]! < index)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const NONE: readonly number[] = Object.freeze([]);

function at<T>(map: BySupplier<T>, supplier: string, currency: string, create: () => T): T {
  let currencies = map.get(supplier);
  if (!currencies) map.set(supplier, (currencies = new Map()));
  let value = currencies.get(currency);
  if (value === undefined) currencies.set(currency, (value = create()));
  return value;
}

function push(map: Map<string, number[]>, k: string, i: number): void {
  const list = map.get(k);
  if (list) list.push(i);
  else map.set(k, [i]);
}

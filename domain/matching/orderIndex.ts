/**
 * The purchase orders as the cascade looks them up, kept current while transactions consume them: by number, by
 * supplier + currency + project, and by supplier + currency sorted by open amount (a tolerance window is a binary
 * search). No lookup scans the whole PO set. A PO's index in `orders` is its identity, since numbers may repeat.
 */
import type { MatchOrder } from './types';
import { poKey } from './poNumbers';

/** The open POs of one supplier in one currency. */
interface Group {
  /**
   * Not closed, with a project, ascending by (project, index): one list searched by halves, since a map of lists per
   * group (thousands of small maps and lists) was a third of building the index and of what it kept.
   */
  byProject: number[];
  /** Not closed and open > 0, ascending by (open, index): the amount criteria's candidates. */
  byAmount: number[];
}

/** Number held by no PO / by several (then `holders` lists them). */
export const NO_HOLDER = -1;
export const SEVERAL_HOLDERS = -2;

export class OrderIndex {
  /** Open amount = amount − invoiced, following consumption. */
  readonly open: Float64Array;
  readonly invoiced: Float64Array;
  /** Every key holds at least one digit: a description without digits names no PO. */
  readonly keysHaveDigits: boolean;
  /** The lengths a PO number has as written in a description, with the prefix and without. */
  readonly numberLengths = new Set<number>();
  /** Key → the PO's index, or SEVERAL_HOLDERS: one small number per PO, not a list. */
  private readonly byNumber = new Map<string, number>();
  private readonly duplicated = new Map<string, number[]>();
  /** supplier → currency → group: nested maps, so a look-up builds no key string. */
  private readonly groups = new Map<string, Map<string, Group>>();
  /** Each PO's group (undefined when closed), so consuming looks nothing up. */
  private readonly groupOf: (Group | undefined)[];
  /** The last group looked up: the amount criteria ask for the same one in a row. */
  private lastSupplier = '';
  private lastCurrency = '';
  private lastGroup: Group | undefined;

  constructor(readonly orders: readonly MatchOrder[], readonly prefix: string) {
    this.open = new Float64Array(orders.length);
    this.invoiced = new Float64Array(orders.length);
    this.groupOf = new Array<Group | undefined>(orders.length).fill(undefined);
    let digits = true;
    for (let i = 0; i < orders.length; i++) {
      const po = orders[i]!;
      this.invoiced[i] = po.invoiced;
      this.open[i] = po.amount - po.invoiced;
      const number = poKey(po.number, prefix);
      if (digits && !/\d/.test(number)) digits = false;
      this.numberLengths.add(number.length).add(number.length + prefix.length);
      const held = this.byNumber.get(number);
      if (held === undefined) this.byNumber.set(number, i);
      else if (held === SEVERAL_HOLDERS) this.duplicated.get(number)!.push(i);
      else {
        this.byNumber.set(number, SEVERAL_HOLDERS);
        this.duplicated.set(number, [held, i]);
      }
      if (po.status === 'closed') continue;
      const group = this.groupFor(po.supplier, po.currency);
      this.groupOf[i] = group;
      if (po.project) group.byProject.push(i);
      if (this.open[i]! > 0) group.byAmount.push(i);
    }
    this.keysHaveDigits = digits;
    const byOpen = (a: number, b: number) => this.open[a]! - this.open[b]! || a - b;
    // A stable sort on the project alone keeps a project's POs in index order.
    const byProject = (a: number, b: number) => (orders[a]!.project! < orders[b]!.project! ? -1 : orders[a]!.project! > orders[b]!.project! ? 1 : 0);
    for (const currencies of this.groups.values()) {
      for (const group of currencies.values()) {
        group.byAmount.sort(byOpen);
        group.byProject.sort(byProject);
      }
    }
  }

  /** The PO holding this number (a key from poKey): its index, NO_HOLDER, or SEVERAL_HOLDERS (a duplicate in the PO set). */
  holder(numberKey: string): number {
    return this.byNumber.get(numberKey) ?? NO_HOLDER;
  }

  /** Every PO holding this number, in PO-set order. */
  holders(numberKey: string): readonly number[] {
    const i = this.holder(numberKey);
    return i === NO_HOLDER ? NONE : i === SEVERAL_HOLDERS ? this.duplicated.get(numberKey)! : [i];
  }

  /** The numbers held by several POs, in the order of their first holder. */
  duplicates(): number[][] {
    return [...this.duplicated.values()].sort((a, b) => a[0]! - b[0]!);
  }

  /** POs not closed of this supplier, currency and project, in PO-set order; the caller filters by open amount. */
  ofProject(supplier: string, currency: string, project: string): readonly number[] {
    const list = this.group(supplier, currency)?.byProject;
    if (!list) return NONE;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.orders[list[mid]!]!.project! < project) lo = mid + 1;
      else hi = mid;
    }
    let to = lo;
    while (to < list.length && this.orders[list[to]!]!.project === project) to++;
    return lo === to ? NONE : list.slice(lo, to);
  }

  /** POs not closed, open > 0, of this supplier and currency whose open amount lies in [low, high], ascending by open amount. */
  openBetween(supplier: string, currency: string, low: number, high: number): readonly number[] {
    const list = this.group(supplier, currency)?.byAmount;
    if (!list) return NONE;
    const from = this.firstAtLeast(list, low, -1);
    let to = from;
    while (to < list.length && this.open[list[to]!]! <= high) to++;
    return from === to ? NONE : list.slice(from, to);
  }

  /** An invoice (positive) consumes, a credit note (negative) gives back; the amount index follows the open amount. */
  consume(i: number, amount: number): void {
    const list = this.groupOf[i]?.byAmount;
    if (list && this.open[i]! > 0) list.splice(this.firstAtLeast(list, this.open[i]!, i), 1);
    this.invoiced[i]! += amount;
    this.open[i]! -= amount;
    if (list && this.open[i]! > 0) list.splice(this.firstAtLeast(list, this.open[i]!, i), 0, i);
  }

  private group(supplier: string, currency: string): Group | undefined {
    if (supplier !== this.lastSupplier || currency !== this.lastCurrency) {
      this.lastSupplier = supplier;
      this.lastCurrency = currency;
      this.lastGroup = this.groups.get(supplier)?.get(currency);
    }
    return this.lastGroup;
  }

  private groupFor(supplier: string, currency: string): Group {
    let currencies = this.groups.get(supplier);
    if (!currencies) this.groups.set(supplier, (currencies = new Map()));
    let group = currencies.get(currency);
    if (!group) currencies.set(currency, (group = { byProject: [], byAmount: [] }));
    return group;
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

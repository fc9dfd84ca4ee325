/**
 * The sandbox's state and CostTracker's rules on it (connectors/costtracker/README.md): transactions upserted by
 * id, match records upserted by transaction with each touched PO's invoiced amount kept incrementally (never a
 * scan over all POs), refusals per record, and received invoices marked posted once.
 */
import { formatMinor as money } from '../../domain/money';
import { refill } from '../shared/stateFile';
import { invoiced, type OrderRecord, type OrganisationRecord, type ReceivedInvoiceRecord, type StoredMatch, type TransactionRecord } from './model';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: Array<{ field?: string; message: string }>) {
    super(message);
  }
}

export interface StoreState {
  organisations: Map<string, OrganisationRecord>;
  calls: Record<string, number>;
}

export interface MatchOutcome {
  applied: number;
  unchanged: number;
  refused: Array<{ transaction: string; code: string; message: string }>;
}

export class Store {
  readonly organisations = new Map<string, OrganisationRecord>();
  /** Requests per operation that reached the API (a fault answering instead is not counted). */
  calls: Record<string, number> = {};
  /** Derived, rebuilt on restore: PO number → the seqs holding it (more than one when numbers were duplicated). */
  private readonly byNumber = new Map<string, Map<string, number[]>>();

  constructor(readonly now: () => Date) {}

  count(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  organisationByToken(token: string): OrganisationRecord | undefined {
    for (const org of this.organisations.values()) if (org.apiToken === token) return org;
    return undefined;
  }

  addOrganisation(org: OrganisationRecord): void {
    this.organisations.set(org.id, org);
    this.byNumber.set(org.id, new Map());
    for (const order of org.orders) this.index(org, order);
  }

  addOrder(org: OrganisationRecord, order: Omit<OrderRecord, 'seq' | 'matched' | 'updatedAtMs'>): OrderRecord {
    // Spelled out, not spread: every PO gets the same shape, which keeps 50 000 of them cheap to seed and to scan.
    const full: OrderRecord = {
      seq: org.orders.length, number: order.number, supplier: order.supplier, project: order.project, department: order.department,
      amount: order.amount, baseInvoiced: order.baseInvoiced, matched: 0, currency: order.currency, closedManually: order.closedManually,
      updatedAtMs: this.now().getTime(), lines: order.lines,
    };
    org.orders.push(full);
    this.index(org, full);
    return full;
  }

  ordersNumbered(org: OrganisationRecord, number: string): OrderRecord[] {
    const seqs = this.byNumber.get(org.id)!.get(number);
    if (!seqs) return [];
    return seqs.length === 1 ? [org.orders[seqs[0]!]!] : seqs.map((seq) => org.orders[seq]!);
  }

  /** Upserts by id; a transaction already matched moves its PO's invoiced amount by the change of its amount. */
  upsertTransactions(org: OrganisationRecord, items: TransactionRecord[]): { created: number; updated: number; unchanged: number } {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    for (const t of items) {
      const before = org.transactions.get(t.id);
      if (!before) counts.created += 1;
      else if (sameTransaction(before, t)) { counts.unchanged += 1; continue; }
      else {
        counts.updated += 1;
        const order = this.matchedOrder(org, org.matches.get(t.id));
        if (order && before.amount !== t.amount) this.consume(order, t.amount - before.amount);
      }
      org.transactions.set(t.id, t);
    }
    return counts;
  }

  /** In order: a record may consume what an earlier one of the same page left open. */
  putMatches(org: OrganisationRecord, records: StoredMatch[]): MatchOutcome {
    const outcome: MatchOutcome = { applied: 0, unchanged: 0, refused: [] };
    for (const record of records) {
      const existing = org.matches.get(record.transaction);
      if (existing && sameMatch(existing, record)) { outcome.unchanged += 1; continue; }
      const refusal = this.refusal(org, record, existing);
      if (refusal) { outcome.refused.push({ transaction: record.transaction, ...refusal }); continue; }
      const amount = org.transactions.get(record.transaction)!.amount;
      const before = this.matchedOrder(org, existing);
      if (before) this.consume(before, -amount);
      const after = this.matchedOrder(org, record);
      if (after) this.consume(after, amount);
      org.matches.set(record.transaction, record);
      outcome.applied += 1;
    }
    return outcome;
  }

  /** Same voucher again: the invoice as it is; another voucher: 409, the invoice was posted elsewhere already. */
  markPosted(invoice: ReceivedInvoiceRecord, voucherNo: number): ReceivedInvoiceRecord {
    if (invoice.status === 'posted') {
      if (invoice.postedVoucher === voucherNo) return invoice;
      throw new ApiError(409, 'already_posted', `received invoice ${invoice.id} was marked posted with voucher ${invoice.postedVoucher} at ${invoice.postedAt}; ` +
        `it cannot be marked posted again with voucher ${voucherNo}`);
    }
    if (invoice.status !== 'approved') {
      throw new ApiError(409, 'not_approved', `received invoice ${invoice.id} is ${invoice.status}; only an approved invoice can be marked posted`);
    }
    invoice.status = 'posted';
    invoice.postedVoucher = voucherNo;
    invoice.postedAt = this.now().toISOString();
    this.touch(invoice);
    return invoice;
  }

  touch(record: { updatedAt: string }): void {
    // Strictly later than before, so an updatedSince taken from the last answer always finds the change.
    const before = Date.parse(record.updatedAt);
    record.updatedAt = new Date(Math.max(this.now().getTime(), Number.isNaN(before) ? 0 : before + 1)).toISOString();
  }

  snapshot(): StoreState {
    return { organisations: this.organisations, calls: this.calls };
  }

  restore(state: StoreState): void {
    refill(this.organisations, state.organisations);
    this.calls = state.calls;
    this.byNumber.clear();
    for (const org of this.organisations.values()) this.addOrganisation(org);
  }

  private refusal(org: OrganisationRecord, record: StoredMatch, existing: StoredMatch | undefined): { code: string; message: string } | undefined {
    const t = org.transactions.get(record.transaction);
    if (!t) return { code: 'unknown_transaction', message: `transaction ${record.transaction} has not been received; send it with the accounting transactions first` };
    if (record.kind === 'unmatched') return undefined;
    const numbered = this.ordersNumbered(org, record.po!);
    const candidates = numbered.length > 1 ? numbered.filter((o) => o.supplier === t.supplier) : numbered;
    if (numbered.length === 0) return { code: 'unknown_po', message: `PO ${record.po} does not exist` };
    if (candidates.length !== 1) {
      return { code: 'ambiguous_po', message: `PO number ${record.po} is held by ${numbered.length} purchase orders${candidates.length ? ' of this supplier' : ', none of supplier ' + (t.supplier ?? '(none)')}; renumber one of them in CostTracker` };
    }
    const order = candidates[0]!;
    record.order = order.seq; // which PO of the number it is, for putMatches to apply
    if (t.supplier === undefined) return { code: 'other_supplier', message: `transaction ${t.id} has no supplier; PO ${order.number} is of supplier ${order.supplier}` };
    if (order.supplier !== t.supplier) return { code: 'other_supplier', message: `PO ${order.number} is of supplier ${order.supplier}, the transaction of supplier ${t.supplier}` };
    if (order.currency !== t.currency) return { code: 'other_currency', message: `PO ${order.number} is in ${order.currency}, the transaction in ${t.currency}` };
    // What the PO has without this transaction: re-sending a record with another rule or time is no new consumption.
    const without = invoiced(order) - (existing?.order === order.seq && existing.kind !== 'unmatched' ? t.amount : 0);
    if (order.closedManually) return { code: 'po_closed', message: `PO ${order.number} is closed` };
    if (t.amount > 0 && without >= order.amount) return { code: 'po_closed', message: `PO ${order.number} is closed: fully invoiced (${money(without)} of ${money(order.amount)})` };
    if (without + t.amount < 0) {
      return { code: 'beyond_amount', message: `the credit note ${money(t.amount)} is larger than what PO ${order.number} has invoiced (${money(without)})` };
    }
    if (record.kind === 'manual' && without + t.amount > order.amount) {
      return { code: 'beyond_amount', message: `${money(t.amount)} is more than PO ${order.number} has open (${money(order.amount - without)})` };
    }
    return undefined;
  }

  private matchedOrder(org: OrganisationRecord, record: StoredMatch | undefined): OrderRecord | undefined {
    return record && record.kind !== 'unmatched' && record.order !== undefined ? org.orders[record.order] : undefined;
  }

  private consume(order: OrderRecord, amount: number): void {
    if (amount === 0) return;
    order.matched += amount;
    // Strictly later than before, so an updatedSince taken from the last answer always finds the change.
    order.updatedAtMs = Math.max(this.now().getTime(), order.updatedAtMs + 1);
  }

  private index(org: OrganisationRecord, order: OrderRecord): void {
    const numbers = this.byNumber.get(org.id)!;
    const seqs = numbers.get(order.number);
    if (seqs) seqs.push(order.seq);
    else numbers.set(order.number, [order.seq]);
  }
}

function sameTransaction(a: TransactionRecord, b: TransactionRecord): boolean {
  return a.date === b.date && a.supplier === b.supplier && a.project === b.project && a.department === b.department && a.account === b.account &&
    a.amount === b.amount && a.currency === b.currency && a.poField === b.poField && a.description === b.description && a.documentUrl === b.documentUrl;
}

function sameMatch(a: StoredMatch, b: StoredMatch): boolean {
  return a.kind === b.kind && a.po === b.po && a.rule === b.rule && a.by === b.by && a.at === b.at;
}

/**
 * The sandbox's state: companies with their customers, the open batch and the closed ones, API tokens, the
 * export confirmations and call counts. Generated documents are stored as specs (./documents.ts), hand-made
 * ones (bad input from tests) as they are.
 */
import { formatMinor } from '../../domain/money';
import { refill } from '../shared/stateFile';
import { generateCustomers } from './customers';
import { buildDocument, NUMBER_SERIES, type DocSpec } from './documents';
import { DOCUMENT_TYPES, type DocumentType, type WireBatch, type WireCustomer, type WireDocument, type WireOpenBatch, type WireTotals } from './model';
import { rng, seedFor, weighted } from './random';

export type Entry = DocSpec | { doc: WireDocument };

interface Contents {
  openedAt: string;
  entries: Entry[];
  /** Totals in thousandths, so a three-decimal document still adds up; shown rounded to øre. */
  debitMilli: number;
  creditMilli: number;
}

export interface ClosedBatch extends Contents {
  id: string;
  period: string;
  sequence: number;
  closedAt: string;
  exportedAt?: string;
  exportReference?: string;
}

export interface Confirmation {
  batchId: string;
  reference: string;
  at: string;
  outcome: 'confirmed' | 'already_exported';
}

export interface Company {
  companyNo: string;
  name: string;
  organizationNumber: string;
  seed: number;
  customers: Map<string, WireCustomer>;
  /** The generated customers, which generated documents pick from (hand-made bad ones are never picked). */
  generated: WireCustomer[];
  open: Contents;
  batches: ClosedBatch[];
  nextSeq: number;
  nextNo: Record<DocumentType, number>;
  /** Invoices not yet paid by a generated payment, oldest first. */
  unpaid: DocSpec[];
  /** Idempotency-Key of a close → the batch it closed. */
  closeKeys: Map<string, string>;
  confirmations: Confirmation[];
}

export interface GenerateOptions {
  count: number;
  /** Relative weights per type; default 50 % invoices, 25 % payments, 15 % costs, 10 % cash settlements. */
  mix?: Partial<Record<DocumentType, number>>;
  /** Projects and departments on the lines where they belong (default true). */
  withProjects?: boolean;
}

const DEFAULT_MIX: Record<DocumentType, number> = { salesInvoice: 50, payment: 25, cost: 15, cashSettlement: 10 };

export interface StoreState {
  companies: Map<string, Company>;
  tokens: Map<string, Set<string>>;
  calls: Record<string, number>;
}

export class Store {
  readonly companies = new Map<string, Company>();
  /** token → the companies it opens */
  readonly tokens = new Map<string, Set<string>>();
  readonly calls: Record<string, number> = {};

  constructor(readonly now: () => Date) {}

  count(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  addCompany(input: { companyNo: string; name: string; organizationNumber: string; apiToken: string; seed: number; customers: number }): Company {
    if (this.companies.has(input.companyNo)) throw new Error(`company ${input.companyNo} exists`);
    const generated = generateCustomers(input.seed, input.customers);
    const company: Company = {
      companyNo: input.companyNo, name: input.name, organizationNumber: input.organizationNumber, seed: input.seed,
      customers: new Map(generated.map((c) => [c.customerNo, c])), generated,
      open: this.emptyContents(), batches: [], nextSeq: 1, nextNo: { ...NUMBER_SERIES }, unpaid: [], closeKeys: new Map(), confirmations: [],
    };
    this.companies.set(company.companyNo, company);
    this.grant(input.apiToken, company.companyNo);
    return company;
  }

  grant(token: string, companyNo: string): void {
    const set = this.tokens.get(token) ?? new Set<string>();
    set.add(companyNo);
    this.tokens.set(token, set);
  }

  document(company: Company, entry: Entry): WireDocument {
    return 'doc' in entry ? entry.doc : buildDocument({ seed: company.seed, customers: company.generated }, entry);
  }

  add(company: Company, entry: Entry): void {
    company.open.entries.push(entry);
    // Hand-made documents may be deliberately broken: count what can be counted.
    const lines: unknown = this.document(company, entry).lines;
    for (const line of Array.isArray(lines) ? (lines as Array<{ amount?: unknown }>) : []) {
      const m = milli(line?.amount);
      if (m > 0) company.open.debitMilli += m;
      else company.open.creditMilli += m;
    }
  }

  /** Generated documents into the open batch, dated this month up to today (Europe/Oslo). */
  generate(company: Company, options: GenerateOptions): number {
    const mix = options.mix ?? DEFAULT_MIX;
    if (!DOCUMENT_TYPES.some((t) => (mix[t] ?? 0) > 0)) throw new Error('mix gives no document type a weight');
    const today = osloDay(this.now());
    const lastDay = Number(today.slice(8, 10));
    for (let i = 0; i < options.count; i++) {
      const seq = company.nextSeq++;
      const r = rng(seedFor(company.seed ^ 0x5eed, seq));
      const type = weighted(r, mix);
      const spec: DocSpec = { seq, type, no: company.nextNo[type]++, day: `${today.slice(0, 8)}${String(r.int(1, lastDay)).padStart(2, '0')}`, dims: options.withProjects ?? true };
      if (type === 'salesInvoice') company.unpaid.push(spec);
      if (type === 'payment' && company.unpaid.length > 0 && r.chance(0.9)) spec.pays = company.unpaid.shift();
      this.add(company, spec);
    }
    return options.count;
  }

  /** Close batch: the open batch becomes the month's next number; a known idempotency key returns its batch. */
  close(company: Company, idempotencyKey?: string): { batch: ClosedBatch; created: boolean } {
    const earlier = idempotencyKey ? company.closeKeys.get(idempotencyKey) : undefined;
    if (earlier) return { batch: company.batches.find((b) => b.id === earlier)!, created: false };
    const now = this.now();
    const period = osloDay(now).slice(0, 7);
    const sequence = company.batches.filter((b) => b.period === period).length + 1;
    const batch: ClosedBatch = { ...company.open, id: `${period}-${sequence}`, period, sequence, closedAt: now.toISOString() };
    company.batches.push(batch);
    company.open = this.emptyContents();
    if (idempotencyKey) company.closeKeys.set(idempotencyKey, batch.id);
    return { batch, created: true };
  }

  wireBatch(b: ClosedBatch): WireBatch {
    return {
      id: b.id, period: b.period, sequence: b.sequence, status: b.exportedAt ? 'exported' : 'closed', openedAt: b.openedAt, closedAt: b.closedAt,
      ...(b.exportedAt ? { exportedAt: b.exportedAt, exportReference: b.exportReference } : {}),
      documentCount: b.entries.length, totals: totals(b),
    };
  }

  wireOpen(company: Company): WireOpenBatch {
    return { status: 'open', openedAt: company.open.openedAt, documentCount: company.open.entries.length, totals: totals(company.open) };
  }

  /** Everything a restart must keep: companies with their batches, tokens, call counts. */
  snapshot(): StoreState {
    return { companies: this.companies, tokens: this.tokens, calls: this.calls };
  }

  restore(state: StoreState): void {
    refill(this.companies, state.companies);
    refill(this.tokens, state.tokens);
    Object.assign(this.calls, state.calls);
  }

  private emptyContents(): Contents {
    return { openedAt: this.now().toISOString(), entries: [], debitMilli: 0, creditMilli: 0 };
  }
}

/** The calendar day in Norway: a batch closed at 00:30 on 1 December Oslo time belongs to December. */
export function osloDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** "-100.125" → -100125; anything unreadable counts 0 (it is the connector's job to refuse it). */
function milli(amount: unknown): number {
  const m = typeof amount === 'string' ? /^([+-])?(\d{1,15})(?:\.(\d{1,3}))?$/.exec(amount.trim()) : null;
  if (!m) return 0;
  const value = Number(m[2]) * 1000 + Number((m[3] ?? '').padEnd(3, '0'));
  return m[1] === '-' ? -value : value;
}

function totals(c: Contents): WireTotals {
  const toOre = (x: number) => Math.sign(x) * Math.round(Math.abs(x) / 10);
  return { debit: formatMinor(toOre(c.debitMilli)), credit: formatMinor(toOre(c.creditMilli)) };
}

/**
 * The document generator. A generated document is kept as a tiny spec (sequence, type, number, day) and
 * rebuilt from it on every read: the same seed gives the same lines, so a 20 000-document batch costs a few
 * hundred kilobytes, not a copy of every line. Shapes follow accounting-primer.md ("Typical vouchers").
 */
import { formatMinor, toMinor } from '../../domain/money';
import type { DocumentType, WireCustomer, WireDocument, WireLine } from './model';
import { DEPARTMENTS, PROJECTS, SALES_TEXTS, SHOPS, SUPPLIERS, COST_TEXTS } from './names';
import { rng, seedFor, weighted, type Rng } from './random';

export interface DocSpec {
  seq: number;
  type: DocumentType;
  /** The number in the type's series (invoices 10001…, costs 30001…, payments 40001…, settlements 60001…). */
  no: number;
  /** YYYY-MM-DD */
  day: string;
  /** Put project and department on the lines where they belong. */
  dims: boolean;
  /** For a payment: the invoice it pays. */
  pays?: DocSpec;
}

export interface GeneratorSource {
  seed: number;
  customers: readonly WireCustomer[];
}

export const NUMBER_SERIES: Record<DocumentType, number> = { salesInvoice: 10001, cost: 30001, payment: 40001, cashSettlement: 60001 };

/** [rate %, sales account, VAT account, SAF-T code, weight] — accounts as the 24SevenOffice sandbox seeds them. */
const RATES = [
  { rate: 25, sales: 3000, vat: 2700, code: '3', weight: 6 },
  { rate: 15, sales: 3010, vat: 2701, code: '31', weight: 2 },
  { rate: 12, sales: 3020, vat: 2703, code: '33', weight: 1 },
  { rate: 0, sales: 3100, vat: undefined, code: '5', weight: 1 },
] as const;

export function documentId(seq: number): string {
  return `TD-${String(seq).padStart(7, '0')}`;
}

export function buildDocument(source: GeneratorSource, spec: DocSpec): WireDocument {
  const r = rng(seedFor(source.seed, spec.seq));
  switch (spec.type) {
    case 'salesInvoice': return salesInvoice(source, spec, r);
    case 'payment': return payment(source, spec, r);
    case 'cost': return cost(spec, r);
    case 'cashSettlement': return cashSettlement(spec, r);
  }
}

function salesInvoice(source: GeneratorSource, spec: DocSpec, r: Rng): WireDocument {
  const customer = r.pick(source.customers);
  const out = new Lines();
  const receivable = out.add(1500, 0, { description: `Faktura ${spec.no}` });
  const vatByRate = new Map<(typeof RATES)[number], number>();
  for (let i = r.int(1, 3); i > 0; i--) {
    const rate = RATES[Number(weighted(r, { 0: 6, 1: 2, 2: 1, 3: 1 }))]!;
    const net = r.int(50, 20_000) * 100 + (r.chance(0.5) ? r.int(1, 99) : 0);
    out.add(rate.sales, -net, { vatCode: rate.code, description: r.pick(SALES_TEXTS), ...dims(spec, r, 0.6) });
    if (rate.vat) vatByRate.set(rate, (vatByRate.get(rate) ?? 0) + net);
  }
  // VAT per rate on the invoice's net sum, rounded to øre, as the invoice prints it.
  for (const [rate, net] of vatByRate) out.add(rate.vat!, -Math.round((net * rate.rate) / 100), { description: `Utgående mva ${rate.rate} %` });
  receivable.amount = formatMinor(-out.sum);
  return {
    id: documentId(spec.seq), type: 'salesInvoice', number: String(spec.no), date: spec.day, dueDate: addDays(spec.day, 14),
    customerNo: customer.customerNo, invoiceNo: String(spec.no), kid: kid(`${customer.customerNo}${spec.no}`),
    description: `Faktura ${spec.no} ${customer.name}`, currency: 'NOK', lines: out.lines,
  };
}

function payment(source: GeneratorSource, spec: DocSpec, r: Rng): WireDocument {
  const invoice = spec.pays ? buildDocument(source, spec.pays) : undefined;
  const customerNo = invoice?.customerNo ?? r.pick(source.customers).customerNo;
  const invoiceNo = invoice?.invoiceNo ?? String(r.int(9001, 9999)); // an invoice from before the sandbox's history
  const amount = invoice ? toMinor(invoice.lines[0]!.amount) : r.int(500, 30_000) * 100;
  const out = new Lines();
  out.add(1920, amount, { description: `Innbetaling faktura ${invoiceNo}` });
  out.add(1500, -amount, { description: `Innbetaling faktura ${invoiceNo}` });
  return {
    // A payment never precedes its invoice.
    id: documentId(spec.seq), type: 'payment', number: String(spec.no), date: invoice && invoice.date > spec.day ? invoice.date : spec.day, customerNo, invoiceNo,
    description: `Innbetaling faktura ${invoiceNo}`, currency: 'NOK', lines: out.lines,
  };
}

function cost(spec: DocSpec, r: Rng): WireDocument {
  const supplier = r.pick(SUPPLIERS);
  const invoiceNo = String(r.int(100_000, 999_999));
  const out = new Lines();
  let vat = 0;
  for (let i = r.int(1, 2); i > 0; i--) {
    const account = i === 1 ? supplier.account : r.pick([4300, 6800] as const);
    const net = r.int(10, 8_000) * 100 + (r.chance(0.5) ? r.int(1, 99) : 0);
    // Rent of business premises is outside VAT unless the landlord opted in: no input VAT on 6300.
    const exempt = account === 6300;
    out.add(account, net, { vatCode: exempt ? '0' : '1', description: r.pick(COST_TEXTS), ...dims(spec, r, 0.7) });
    if (!exempt) vat += Math.round(net / 4);
  }
  if (vat > 0) out.add(2710, vat, { description: 'Inngående mva 25 %' });
  out.add(2400, -out.sum, { description: `${supplier.name} faktura ${invoiceNo}` });
  return {
    id: documentId(spec.seq), type: 'cost', number: String(spec.no), date: spec.day, dueDate: addDays(spec.day, 30),
    supplierNo: supplier.supplierNo, invoiceNo, description: `Leverandørfaktura ${invoiceNo} ${supplier.name}`, currency: 'NOK', lines: out.lines,
  };
}

/** A DUELL Z-report as it arrives in Telaris: sales incl. VAT per rate, paid in cash and by card, per shop. */
function cashSettlement(spec: DocSpec, r: Rng): WireDocument {
  const shop = r.pick(SHOPS);
  const dep = { department: shop.department };
  const gross25 = r.int(2_000, 60_000) * 100 + r.int(0, 99);
  const gross15 = r.int(500, 20_000) * 100 + r.int(0, 99);
  const total = gross25 + gross15;
  const cash = Math.round(total * r.next() * 0.3);
  const out = new Lines();
  out.add(1900, cash, { description: 'Kontant', ...dep });
  out.add(1920, total - cash, { description: 'Bankkort', ...dep });
  for (const [gross, rate] of [[gross25, RATES[0]], [gross15, RATES[1]]] as const) {
    const net = Math.round((gross * 100) / (100 + rate.rate));
    out.add(rate.sales, -net, { vatCode: rate.code, description: `Salg ${rate.rate} %`, ...dep });
    out.add(rate.vat, net - gross, { description: `Utgående mva ${rate.rate} %`, ...dep });
  }
  return {
    id: documentId(spec.seq), type: 'cashSettlement', number: String(spec.no), date: spec.day,
    description: `Dagsoppgjør ${shop.name} Z-${spec.no} (DUELL)`, currency: 'NOK', lines: out.lines,
  };
}

class Lines {
  readonly lines: WireLine[] = [];
  sum = 0;
  add(account: number, amount: number, extra: Omit<WireLine, 'lineNo' | 'account' | 'amount'> = {}): WireLine {
    const line: WireLine = { lineNo: this.lines.length + 1, account, amount: formatMinor(amount), ...extra };
    this.lines.push(line);
    this.sum += amount;
    return line;
  }
}

function dims(spec: DocSpec, r: Rng, p: number): { project?: string; department?: string } {
  if (!spec.dims || !r.chance(p)) return {};
  return r.chance(0.5) ? { project: r.pick(PROJECTS), department: r.pick(DEPARTMENTS) } : { department: r.pick(DEPARTMENTS) };
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** KID (OCR reference) with a MOD10 (Luhn) check digit, as Norwegian banks validate it. */
export function kid(base: string): string {
  let sum = 0;
  for (let i = base.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(base[i]) * (double ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}

/**
 * A mid-size CostTracker customer's year, generated deterministically (same sizes, same data): suppliers with a
 * handful of open POs each, and supplier invoice lines of which each criterion has its share to find — PO field,
 * PO number in the description (as people write it), the only PO of a project, an amount near what is open —
 * plus the noise real data has: invoice numbers in descriptions, credit notes, other currencies, closed POs,
 * lines without a supplier, and invoices no PO fits.
 */
import type { Minor } from '../../domain/money';
import type { MatchOrder, MatchTransaction, PurchaseOrderStatus } from '../../domain/matching/types';

export interface MatchingData {
  transactions: MatchTransaction[];
  orders: MatchOrder[];
}

/** mulberry32: small, fast and the same on every machine. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

const POS_PER_SUPPLIER = 10;
const FORMS = ['PO {n}', 'PO: {n}', 'PO#{n}', 'bestnr: {n}', 'Bestillingsnr {n}', 'best.nr. {n}', 'order {n}', 'Levering iht. {n}.'];

export function generateMatchingData(transactionCount: number, orderCount: number, seed = 42): MatchingData {
  const r = seeded(seed);
  const suppliers = Math.max(1, Math.round(orderCount / POS_PER_SUPPLIER));
  const orders: MatchOrder[] = [];
  for (let i = 0; i < orderCount; i++) {
    const amount = (1000 + r.int(199_000)) * 100;
    const status: PurchaseOrderStatus = r.next() < 0.02 ? 'closed' : r.next() < 0.3 ? 'partly-invoiced' : 'open';
    orders.push({
      number: `2026-${String(i + 1).padStart(5, '0')}`, supplier: String(1000 + (i % suppliers)),
      // Most POs carry a project; a supplier's projects mostly differ, so supplier + project often names one PO.
      project: r.next() < 0.8 ? `P${r.int(POS_PER_SUPPLIER * 2)}` : undefined, department: undefined,
      amount: amount as Minor, invoiced: (status === 'partly-invoiced' ? Math.round(amount * 0.25) : 0) as Minor,
      currency: r.next() < 0.03 ? 'EUR' : 'NOK', status,
    });
  }
  const transactions: MatchTransaction[] = [];
  for (let i = 0; i < transactionCount; i++) {
    const po = orders[r.int(orderCount)]!;
    // Part of a PO: a few invoices per PO, so POs are consumed over the year and amounts drift.
    const part = Math.max(100, Math.round((po.amount - po.invoiced) / (1 + r.int(4))));
    // Every field present (undefined when empty), as rows read from the database are.
    const tx: MatchTransaction = {
      id: `tx-${String(i).padStart(7, '0')}`, date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + r.int(28)).padStart(2, '0')}`,
      supplier: po.supplier, project: undefined, department: undefined, account: 4000 + r.int(1000), amount: part as Minor, currency: po.currency,
      poField: undefined, description: `Faktura ${100000 + r.int(900000)}`,
    };
    const kind = r.next();
    if (kind < 0.25) tx.poField = po.number;
    else if (kind < 0.45) tx.description = `${FORMS[r.int(FORMS.length)]!.replace('{n}', po.number)} faktura ${r.int(99999)}`;
    else if (kind < 0.65) tx.project = po.project;
    else if (kind < 0.85) tx.amount = Math.round((po.amount - po.invoiced) * (0.97 + r.next() * 0.06)) as Minor;
    else if (kind < 0.88) tx.amount = -Math.round(part / 2) as Minor;
    else if (kind < 0.9) tx.supplier = undefined;
    else if (kind < 0.92) tx.currency = tx.currency === 'NOK' ? 'SEK' : 'NOK';
    else tx.amount = (1 + r.int(5000)) * 100 as Minor; // no PO in mind
    if (r.next() < 0.1) tx.description = `${tx.description ?? ''} ${r.int(10_000)}-${r.int(100_000)}`.trim();
    transactions.push(tx);
  }
  return { transactions, orders };
}

/**
 * A department's Z-report series as DUELL keeps it: numbers follow each other from the first Z (NUMMERSERIE,
 * fixed after it), one report per number, never changed once signed, each with its PDF, and every report keeps
 * the invariants of domain/settlement/zReport.ts, a note on a cash difference and a rounding no larger than cash
 * rounding can make (a report that breaks one is refused, naming it).
 *
 * `buildZReport` makes a consistent report from what a test or the seed states (sales per product group, the
 * payments, the drawer): VAT split per group from its code, rounding, the cash expected and its difference.
 */
import { formatMinor, type Minor } from '../../domain/money';
import { zReportLabel, type PaymentType, type ZReport, type ZReportVat } from '../../domain/settlement/zReport';
import { brokenInvariants } from '../../domain/settlement/invariants';
import { OUTPUT_VAT_RATES } from '../../domain/settlement/vatRates';
import type { AccountRecord } from './model';
import { zReportPdf } from './pdf';
import type { Store } from './store';


export interface ZReportSpec {
  date: string;
  time?: string;
  registerId?: string;
  signedBy: string;
  /** Sales per product group, including VAT, after returns and discounts. */
  groups: Array<{ groupId: string; name?: string; accountNo?: string; vatCode: string; count: number; amount: number }>;
  /** Default: everything paid in cash, rounded to whole kroner (the difference is the øreavrunding). */
  payments?: Array<{ type: PaymentType; count: number; amount: number; accountNo?: string }>;
  tips?: number;
  openingFloat?: number;
  bankWithdrawal?: number;
  /** Default: what the drawer should hold. A difference needs a note. */
  counted?: number;
  note?: string;
  returns?: { count: number; amount: number };
  discounts?: { count: number; amount: number };
  voids?: { count: number; amount: number };
  receipts?: number;
}

export function buildZReport(departmentId: string, number: number, spec: ZReportSpec, currency = 'NOK'): ZReport {
  const gross = sum(spec.groups.map((g) => g.amount));
  const tips = spec.tips ?? 0;
  const vat = vatLines(spec.groups);
  const payments = spec.payments ?? [{ type: 'cash' as const, count: sum(spec.groups.map((g) => g.count)), amount: Math.round((gross + tips) / 100) * 100 }];
  const cashPaid = sum(payments.filter((p) => p.type === 'cash').map((p) => p.amount));
  const openingFloat = spec.openingFloat ?? 0;
  const bankWithdrawal = spec.bankWithdrawal ?? 0;
  const expected = openingFloat + cashPaid - bankWithdrawal;
  const counted = spec.counted ?? expected;
  const none = { count: 0, amount: 0 };
  return {
    departmentId, number, date: spec.date, time: spec.time, registerId: spec.registerId, signedBy: spec.signedBy, currency,
    sales: { gross, net: sum(vat.map((v) => v.base)), vat },
    artGroups: spec.groups,
    payments,
    cash: { openingFloat, expected, counted, bankWithdrawal, difference: counted - expected, note: spec.note },
    rounding: sum(payments.map((p) => p.amount)) - gross - tips,
    tips,
    returns: spec.returns ?? none, discounts: spec.discounts ?? none, voids: spec.voids ?? none,
    receipts: spec.receipts ?? sum(spec.groups.map((g) => g.count)),
  };
}

/** Base and VAT per code; the VAT of each group is taken out of its amount (including VAT) and rounded to the øre. */
function vatLines(groups: ZReportSpec['groups']): ZReportVat[] {
  const byCode = new Map<string, ZReportVat>();
  for (const g of groups) {
    const rate = OUTPUT_VAT_RATES[g.vatCode];
    if (rate === undefined) throw new Error(`product group ${g.groupId}: VAT code ${g.vatCode} is not an output VAT code (one of ${Object.keys(OUTPUT_VAT_RATES).join(', ')})`);
    const base = Math.round((g.amount * 100) / (100 + rate));
    const line = byCode.get(g.vatCode) ?? { code: g.vatCode, rate: rate.toFixed(2), base: 0, vat: 0 };
    line.base += base;
    line.vat += g.amount - base;
    byCode.set(g.vatCode, line);
  }
  return [...byCode.values()];
}

/**
 * Adds a signed report to its department's series: the next number (a given number must be it, or the series'
 * first), the invariants kept, a note for a cash difference, and its PDF made.
 */
export function appendZReport(store: Store, account: AccountRecord, report: ZReport): ZReport {
  const department = account.departments.get(report.departmentId);
  if (!department) throw new Error(`DUELL customer ${account.customerNumber} has no department ${report.departmentId}`);
  const series = account.zReports.get(report.departmentId) ?? [];
  const last = series[series.length - 1]?.report;
  if (last && report.number !== last.number + 1) {
    throw new Error(`${zReportLabel(report)}: the series of department ${report.departmentId} is at Z ${last.number}, so the next report is Z ${last.number + 1}`);
  }
  if (last && report.date < last.date) throw new Error(`${zReportLabel(report)}: dated before Z ${last.number} (${last.date})`);
  const problems = brokenInvariants(report);
  if (report.cash.difference !== 0 && !report.cash.note) problems.push('a cash difference needs a note, as DUELL asks at the close');
  // Øreavrunding: only cash is rounded, to whole kroner, so by at most 50 øre a cash payment. More is a payment missing.
  const cashPayments = report.payments.filter((p) => p.type === 'cash').reduce((n, p) => n + p.count, 0);
  if (Math.abs(report.rounding) > 50 * cashPayments) {
    problems.push(`the payments differ from sales + tips by ${formatMinor(report.rounding)}, more than øreavrunding of at most 0.50 for each of ` +
      `${cashPayments} cash payment(s)`);
  }
  if (problems.length > 0) throw new Error(`${zReportLabel(report)} breaks the Z-report's rules: ${problems.join('; ')}`);
  const pdfId = `pdf-${account.next.pdf++}`;
  account.pdfs.set(pdfId, zReportPdf(report, department.name));
  const stored = { report: { ...report, pdfId }, changedAt: store.stamp() };
  series.push(stored);
  account.zReports.set(report.departmentId, series);
  return stored.report;
}

/** The number the department's next report gets; 1 for the first. */
export function nextZNumber(account: AccountRecord, departmentId: string): number {
  const series = account.zReports.get(departmentId) ?? [];
  return (series[series.length - 1]?.report.number ?? 0) + 1;
}

function sum(values: number[]): Minor {
  return values.reduce((a, b) => a + b, 0) as Minor;
}

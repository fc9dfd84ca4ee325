/**
 * Z-reports for tests, built so the invariants hold unless a test breaks one on purpose: sales from the VAT lines,
 * expected cash from the float and the cash payments. The defaults are the figures of the SAF-T Cash Register
 * example's Z-report (reference/saf-t/cash-register-example-zreport.xml, in øre) with today's SAF-T VAT codes (the
 * example's 2 and 3 are the old codes for 15 % and 25 %: 31 and 3 now).
 */
import { settlementAccounts, type SettlementAccounts } from '../../../domain/settlement/accounts';
import type { DuellDepartmentSettings } from '../../../domain/settlement/settings';
import type { ZReport, ZReportArtGroup, ZReportPayment, ZReportVat } from '../../../domain/settlement/zReport';

export interface ZSpec {
  departmentId?: string;
  number?: number;
  date?: string;
  vat?: ZReportVat[];
  artGroups?: ZReportArtGroup[];
  payments?: Array<Omit<ZReportPayment, 'count'> & { count?: number }>;
  rounding?: number;
  tips?: number;
  openingFloat?: number;
  bankWithdrawal?: number;
  /** counted − expected */
  cashDifference?: number;
  note?: string;
}

export const SAF_T_VAT: ZReportVat[] = [
  { code: '31', rate: '15.00', base: 8938, vat: 1342 },
  { code: '3', rate: '25.00', base: 32912, vat: 8228 },
];

export const SAF_T_GROUPS: ZReportArtGroup[] = [
  { groupId: '100', name: 'Mat', vatCode: '31', count: 1, amount: 10280 },
  { groupId: '200', name: 'Klær', vatCode: '3', count: 2, amount: 23200 },
  { groupId: '300', name: 'Sko', vatCode: '3', count: 1, amount: 17940 },
];

/** CASH 295.00 and DEBCARD 218.80: 0.40 less than the sales of 514.20, which the example does not explain. */
export const SAF_T_PAYMENTS: ZReportPayment[] = [
  { type: 'cash', count: 1, amount: 29500 },
  { type: 'bankaxept', count: 1, amount: 21880 },
];

export function aZReport(spec: ZSpec = {}): ZReport {
  const vat = spec.vat ?? SAF_T_VAT;
  const payments = (spec.payments ?? SAF_T_PAYMENTS).map((p) => ({ count: 1, ...p }));
  const net = vat.reduce((sum, v) => sum + v.base, 0);
  const gross = net + vat.reduce((sum, v) => sum + v.vat, 0);
  const openingFloat = spec.openingFloat ?? 0;
  const bankWithdrawal = spec.bankWithdrawal ?? 0;
  const expected = openingFloat + payments.filter((p) => p.type === 'cash').reduce((sum, p) => sum + p.amount, 0) - bankWithdrawal;
  const difference = spec.cashDifference ?? 0;
  return {
    departmentId: spec.departmentId ?? 'OSL',
    number: spec.number ?? 1042,
    date: spec.date ?? '2026-11-30',
    signedBy: 'Kari',
    currency: 'NOK',
    sales: { gross, net, vat },
    artGroups: spec.artGroups ?? [],
    payments,
    cash: { openingFloat, expected, counted: expected + difference, bankWithdrawal, difference, ...(spec.note === undefined ? {} : { note: spec.note }) },
    // The example's payments are 0.40 short of its sales: øreavrunding in the customers' favour.
    rounding: spec.rounding ?? -40,
    tips: spec.tips ?? 0,
    returns: { count: 1, amount: 1640 },
    discounts: { count: 0, amount: 0 },
    voids: { count: 0, amount: 0 },
    receipts: 3,
  };
}

/** A shop's usual settlement accounts (accounting-primer.md), as `settlement-account` mappings on the duell route. */
export const USUAL_ACCOUNTS: Record<string, number> = {
  'payment:cash': 1900, 'payment:bankaxept': 1920, 'payment:visa': 1580, 'payment:giftcard': 2900,
  'sales:vat:3': 3000, 'sales:vat:31': 3010, 'vat:3': 2700, 'vat:31': 2701,
  rounding: 7740, 'cash-difference': 7790, tips: 2920,
};

export function accountsOf(mapped: Record<string, number> = USUAL_ACCOUNTS, departmentId = 'OSL'): SettlementAccounts {
  return settlementAccounts(Object.entries(mapped).map(([sourceKey, target]) => ({ sourceKey, targetKey: String(target) })), departmentId);
}

/** Department OSL's settings: the defaults, its vouchers on 24SevenOffice department 2. */
export const OSL: DuellDepartmentSettings = {
  department: 2, zReport: true, saveTo: 'journal', inventoryChange: false, invoices: false, customers: false,
  customerMaster: 'duell', goods: false, goodsMaster: 'duell', stock: false,
};

/**
 * A DUELL daily settlement (dagsoppgjør, Z-report) in domain terms: what the connector reads from DUELL (or the
 * sandbox from a shop's own SAF-T Cash Register file) and what the settlement voucher is built from. It mirrors
 * the SAF-T Cash Register `eventReport` of type "Z report": one per department and day, numbered in the
 * department's own series. Money in minor units (øre); amounts are positive unless said otherwise.
 *
 * Invariants a well-formed report keeps (checked by the settlement's preflight, not assumed):
 *   gross = Σ vat[].base + Σ vat[].vat                      (sales after returns and discounts, incl. VAT)
 *   Σ payments[].amount = gross + tips + rounding            (what the customers paid, by means)
 *   cash.difference = cash.counted − cash.expected
 *   cash.expected = cash.openingFloat + (cash payments) − cash.bankWithdrawal
 */

/** DUELL's payment means; SAF-T's CASH is `cash`, DEBCARD `bankaxept`, CREDCARD a card brand or `terminal`. */
export const PAYMENT_TYPES = [
  'cash', 'bankaxept', 'visa', 'mastercard', 'terminal', 'vipps', 'stripe', 'giftcard', 'external', 'invoice',
] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

export interface ZReportVat {
  /** The SAF-T standard VAT code (3 = 25 %, 31 = 15 %, 33 = 12 %, 5/6 = 0 %), from ../reference Standard_Tax_Codes. */
  code: string;
  /** Percent with two decimals as text, as SAF-T writes it: "25.00". */
  rate: string;
  /** Net sales at this rate (excluding VAT), after returns and discounts. May be negative on a day of returns. */
  base: number;
  vat: number;
}

export interface ZReportArtGroup {
  /** DUELL's article (product) group id, SAF-T artGroupID. */
  groupId: string;
  name?: string;
  /** The group's sales account in DUELL's chart of accounts, SAF-T accID; mapped to 24SevenOffice's. */
  accountNo?: string;
  /** SAF-T code of the group's VAT rate, so the group's sales split by rate. */
  vatCode: string;
  count: number;
  /** Sales including VAT. */
  amount: number;
}

export interface ZReportPayment {
  type: PaymentType;
  count: number;
  amount: number;
  accountNo?: string;
}

export interface ZReportCash {
  openingFloat: number;
  expected: number;
  counted: number;
  /** Taken to the bank or the night safe (Bank/Nattsafe) at the close. */
  bankWithdrawal: number;
  /** counted − expected; negative when cash is missing. */
  difference: number;
  /** Required by DUELL when difference ≠ 0. */
  note?: string;
}

export interface CountedAmount {
  count: number;
  amount: number;
}

export interface ZReport {
  departmentId: string;
  /** The Z number in the department's series (DUELL's NUMMERSERIE, fixed after the first Z). */
  number: number;
  /** YYYY-MM-DD: the business day the report closes. */
  date: string;
  /** HH:MM:SS */
  time?: string;
  registerId?: string;
  /** The employee who signed the close with their PIN. */
  signedBy: string;
  currency: string;
  sales: { gross: number; net: number; vat: ZReportVat[] };
  artGroups: ZReportArtGroup[];
  payments: ZReportPayment[];
  cash: ZReportCash;
  /** Øreavrunding: positive when customers paid more than the sales. */
  rounding: number;
  tips: number;
  returns: CountedAmount;
  discounts: CountedAmount;
  voids: CountedAmount;
  receipts: number;
  /** Where the report's PDF is read (DUELL's id of the file); absent when DUELL has none for it. */
  pdfId?: string;
}

/** "department OSL Z 1042 (2026-11-30)": how errors and the export log name a report. */
export function zReportLabel(z: Pick<ZReport, 'departmentId' | 'number' | 'date'>): string {
  return `department ${z.departmentId} Z ${z.number} (${z.date})`;
}

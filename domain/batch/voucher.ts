/**
 * A voucher as the batch flow stages it: one business event from the ERP with its entries, money in minor
 * units (debit positive, credit negative). Source codes (VAT code, project, department, customer) stay as the
 * source wrote them; preflight maps them to the target's and reports what cannot be mapped.
 */
export const VOUCHER_KINDS = ['salesInvoice', 'payment', 'cost', 'cashSettlement'] as const;
export type VoucherKind = (typeof VOUCHER_KINDS)[number];

export const KIND_LABEL: Record<VoucherKind, string> = {
  salesInvoice: 'invoice journal',
  payment: 'payment vouchers',
  cost: 'cost vouchers',
  cashSettlement: 'cash settlements',
};

export interface VoucherLine {
  lineNo: number;
  account: number;
  /** Minor units; debit positive, credit negative. */
  amount: number;
  vatCode?: string;
  project?: string;
  department?: string;
  description?: string;
}

export interface StagedVoucher {
  /** The source's document id: unique within the batch, the voucher's business identity. */
  sourceId: string;
  kind: VoucherKind;
  /** The source's own document number, for people. */
  number: string;
  /** YYYY-MM-DD */
  date: string;
  dueDate?: string;
  customerNo?: string;
  supplierNo?: string;
  invoiceNo?: string;
  kid?: string;
  description: string;
  lines: VoucherLine[];
}

/** Where a voucher is, for messages: "voucher 1042 (document d-17)". */
export function voucherLabel(v: Pick<StagedVoucher, 'number' | 'sourceId'>): string {
  return `voucher ${v.number} (document ${v.sourceId})`;
}

export function debitTotal(v: Pick<StagedVoucher, 'lines'>): number {
  return v.lines.reduce((sum, l) => (l.amount > 0 ? sum + l.amount : sum), 0);
}

export function balance(v: Pick<StagedVoucher, 'lines'>): number {
  return v.lines.reduce((sum, l) => sum + l.amount, 0);
}

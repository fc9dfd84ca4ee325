/**
 * A staged Telaris voucher as 24SevenOffice gets it: its number and voucher type drawn beforehand, its entries
 * mapped once, when it first goes out, and stored; look-ups and reconciliation compare with what was stored, so a
 * mapping edited after sending does not make false differences.
 */
import type { Entry } from '../../connectors/24sevenoffice';
import type { PostingVoucher } from '../../connectors/24sevenoffice/posting';
import type { StagedVoucher } from '../../domain/batch/voucher';
import type { VoucherToPost } from '../postVouchers';
import type { TenantMapping } from './context';

interface StagedRow {
  sourceId: string;
  transactionNo: number | null;
  voucherType: number | null;
  document: StagedVoucher;
  sent: Entry[] | null;
}

/** The business identity of a Telaris document in every target (idempotency key, voucher-number owner). */
export const documentKey = (sourceId: string) => `telaris/document/${sourceId}`;

/** The voucher as it goes (or went) out: the stored entries when it went out before, else freshly mapped. */
export function toPost(r: StagedRow, mapping: TenantMapping, subledgerAccounts: ReadonlySet<number>): VoucherToPost & { sourceId: string } {
  if (r.transactionNo === null || r.voucherType === null) throw new Error(`voucher ${r.sourceId} has no number yet: numbers are drawn before sending`);
  const voucher: PostingVoucher = { transactionNo: r.transactionNo, voucherType: r.voucherType, date: r.document.date, entries: [] };
  voucher.entries = r.sent ?? entriesOf(r.document, mapping, subledgerAccounts);
  return { key: documentKey(r.sourceId), sourceId: r.sourceId, request: voucher };
}

/** The entries with mapped accounts, VAT codes, dimensions and, on sub-ledger accounts, the customer or supplier. */
function entriesOf(d: StagedVoucher, mapping: TenantMapping, subledgerAccounts: ReadonlySet<number>): Entry[] {
  const party = d.customerNo !== undefined ? mapping.companyId('customer', d.customerNo)
    : d.supplierNo !== undefined ? mapping.companyId('supplier', d.supplierNo) : undefined;
  return d.lines.map((line) => {
    const accountNo = mapping.account(line.account);
    const onSubledger = subledgerAccounts.has(accountNo);
    return {
      accountNo,
      amount: line.amount,
      date: d.date,
      taxNo: line.vatCode === undefined ? undefined : mapping.taxNo(line.vatCode),
      projectId: line.project === undefined ? undefined : mapping.projectId(line.project),
      departmentId: line.department === undefined ? undefined : mapping.departmentId(line.department),
      customerId: onSubledger ? party : undefined,
      dueDate: onSubledger ? d.dueDate : undefined,
      invoiceReferenceNo: onSubledger ? d.invoiceNo : undefined,
      invoiceOcr: onSubledger ? d.kid : undefined,
      comment: line.description ?? d.description,
    };
  });
}

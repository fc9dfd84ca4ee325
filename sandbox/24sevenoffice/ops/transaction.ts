/**
 * TransactionService (§5): the posted ledger. Journal bundles (SaveOption=1) are not here until posted.
 * DateStart and DateEnd are required; DateSearchParameters=DateChangedUTC filters by change time (sync).
 */
import { formatMinor } from '../../../domain/money';
import { SoapFault } from '../envelope';
import { byEntry, linesBetween } from '../ledgerIndex';
import type { Books, LedgerLine, Row } from '../state';
import { requireCaller, timeMs, type OpHandler } from './context';

const SYSTEM_TYPE_BY_TYPE_NO: Record<number, string> = { 1: 'InvoiceCustomer', 2: 'CreditnoteCustomer', 3: 'InvoiceSupplier', 4: 'Payment', 5: 'Payment', 6: 'CashSale' };
const OPEN_ITEM_ACCOUNTS = new Set([1500, 2400]); // sub-ledger accounts: customer/supplier lines stay open until matched

function systemType(books: Books, line: LedgerLine): string {
  if (line.systemType) return line.systemType;
  const typeNo = books.voucherTypes.find((t) => t.TypeId === line.typeId)?.TypeNo ?? 0;
  return SYSTEM_TYPE_BY_TYPE_NO[typeNo] ?? 'Miscellaneous';
}

function dimensions(books: Books, line: LedgerLine): Row[] {
  const dims: Row[] = [];
  const name = (rows: Row[], id: number) => rows.find((r) => r.Id === id)?.Name;
  if (line.customerId) dims.push({ Type: 'Customer', Name: name(books.companies, line.customerId), Value: String(line.customerId), Percent: '100', TypeId: 0 });
  if (line.projectId) dims.push({ Type: 'Project', Name: name(books.projects, line.projectId), Value: String(line.projectId), Percent: '100', TypeId: 0 });
  if (line.departmentId) dims.push({ Type: 'Department', Name: name(books.departments, line.departmentId), Value: String(line.departmentId), Percent: '100', TypeId: 0 });
  // [INFERRED] the invoice's "Bestillingsnr" (purchase order no.) as the supplier order slip dimension, its Value the PO number.
  if (line.poField) dims.push({ Type: 'SupplierOrderSlip', Value: line.poField, Percent: '100', TypeId: 0 });
  return dims;
}

export function transactionOf(books: Books, line: LedgerLine): Row {
  return {
    Date: `${line.date}T00:00:00`,
    AccountNo: line.accountNo,
    Currency: line.currency,
    CurrencyRate: '1',
    CurrencyUnit: 1,
    Amount: formatMinor(line.amount),
    StampNo: line.stampNo ?? 0,
    Period: Number(line.date.slice(5, 7)),
    TransactionTypeId: line.typeId,
    Comment: line.comment,
    TransactionNo: line.transactionNo,
    VatCode: line.taxNo !== undefined && /^\d+$/.test(line.taxNo) ? Number(line.taxNo) : undefined,
    Id: line.id,
    LinkId: 0,
    InvoiceNo: line.invoiceNo,
    SequenceNo: line.sequenceNo,
    SystemType: systemType(books, line),
    DueDate: line.dueDate ? `${line.dueDate}T00:00:00` : undefined,
    Dimensions: dimensions(books, line),
    RegistrationDate: line.registeredAt,
    DateChanged: line.changedAt,
    Hidden: false,
    Open: line.customerId !== undefined && OPEN_ITEM_ACCOUNTS.has(line.accountNo),
    OCR: line.ocr,
    HasVatDividend: false,
    PeriodDate: (line.periodDate ?? line.date).slice(0, 10),
  };
}

export const transactionOps: Record<string, OpHandler> = {
  GetTransactions(ctx, args) {
    const { books } = requireCaller(ctx);
    const p = (args.searchParams ?? {}) as Row;
    const start = timeMs(p.DateStart as string | undefined);
    const end = timeMs(p.DateEnd as string | undefined);
    if (start === undefined || end === undefined) throw new SoapFault('DateStart and DateEnd must be specified'); // [DOC] required; [INFERRED] text
    const byChange = p.DateSearchParameters === 'DateChangedUTC';
    const n = (v: unknown) => (typeof v === 'number' && v !== 0 ? v : undefined);
    const registeredAfter = timeMs(p.RegisteredAfter as string | undefined);
    const lines = linesBetween(books, byChange ? 'changed' : 'date', start, end).filter((l) => {
      if (n(p.AccountNoStart) !== undefined && l.accountNo < (p.AccountNoStart as number)) return false;
      if (n(p.AccountNoEnd) !== undefined && l.accountNo > (p.AccountNoEnd as number)) return false;
      if (n(p.TransactionNoStart) !== undefined && l.transactionNo < (p.TransactionNoStart as number)) return false;
      if (n(p.TransactionNoEnd) !== undefined && l.transactionNo > (p.TransactionNoEnd as number)) return false;
      if (n(p.ProjectId) !== undefined && l.projectId !== p.ProjectId) return false;
      if (n(p.DepartmentId) !== undefined && l.departmentId !== p.DepartmentId) return false;
      if (n(p.CustomerId) !== undefined && l.customerId !== p.CustomerId) return false;
      if (n(p.TransactionTypeId) !== undefined && l.typeId !== p.TransactionTypeId) return false;
      if (n(p.LinkId) !== undefined) return false; // nothing is linked (matching is not simulated)
      if (registeredAfter !== undefined && timeMs(l.registeredAt)! <= registeredAfter) return false;
      if (p.InvoiceNo && l.invoiceNo !== p.InvoiceNo) return false;
      if (p.VatCode !== undefined && String(p.VatCode) !== l.taxNo) return false;
      if (p.HasInvoiceId !== undefined && (l.invoiceNo !== undefined) !== p.HasInvoiceId) return false;
      if (p.SystemType !== undefined && systemType(books, l) !== p.SystemType) return false;
      if (p.ShowOpenEntries === true && !(l.customerId !== undefined && OPEN_ITEM_ACCOUNTS.has(l.accountNo))) return false;
      return true;
    });
    if (byChange) lines.sort(byEntry);
    return lines.map((l) => transactionOf(books, l));
  },

  /** "StartingDate >= [FiscalYear] < EndingDate" (§5). */
  GetFiscalYears(ctx) {
    const { books } = requireCaller(ctx);
    return books.fiscalYears.map((y) => ({ Id: y.id, StartingDate: `${y.year}-01-01T00:00:00`, EndingDate: `${y.year + 1}-01-01T00:00:00`, IsLocked: y.locked }));
  },
};

export const clientOps: Record<string, OpHandler> = {
  /** Read-only in SOAP (§6); the admin API adds departments. */
  GetDepartmentList(ctx) {
    return requireCaller(ctx).books.departments.map((d) => ({ ...d }));
  },

  /**
   * `module` is All, Sale or Purchase; the codec refuses any other value as ASMX does, and a missing one is the
   * enum's default, All, as .NET deserializes a missing value type.
   */
  GetTypeGroupList(ctx, args) {
    const module = args.module ?? 'All';
    return requireCaller(ctx).books.typeGroups
      .filter((g) => module === 'All' || g.Module === module)
      .map((g) => ({ AccountId: g.AccountId, Id: g.Id, Name: g.Name }));
  },
};

/**
 * SaveBundleList's rules (§4, §12, accounting-primer.md): the fiscal year (YearId) exists, periods are open,
 * accounts, VAT codes (TaxNo), departments, projects and customers exist, amounts have at most 2 decimals,
 * each voucher balances (debit positive, credit negative) unless AllowDifference on a journal save, and a
 * TransactionNo is used once per entry series and year. All or nothing: one bad voucher saves none.
 * [INFERRED] the Type/Description texts (undocumented): reference-data problems → Exception, balance and
 * amount problems → NotSaved, a used TransactionNo → DuplicateData.
 */
import { randomUUID } from 'node:crypto';
import { AmountError, formatMinor, toMinor, type Minor } from '../../domain/money';
import { DEFAULT_TYPE_NO } from './seed';
import type { Books, EntryLine, LedgerLine, Row, VoucherRecord } from './state';
import { idOf } from './ops/context';

export interface SaveOutcome {
  Type: 'Ok' | 'DuplicateData' | 'NotSaved' | 'Exception';
  Description?: string;
}

interface Checked {
  vouchers: Array<{ bundleIndex: number; voucher: VoucherRecord }>;
  referenceErrors: string[];
  ruleErrors: string[];
  duplicates: string[];
}

/** TransactionNos already taken in a series and year: the ledger and the unposted journal. */
export function usedNumbers(books: Books, seriesId: number, year: number): number[] {
  const fromLedger = books.ledger.filter((l) => l.seriesId === seriesId && l.year === year).map((l) => l.transactionNo);
  const fromJournal = books.journal.filter((b) => !b.posted).flatMap((b) => b.vouchers.filter((v) => v.seriesId === seriesId && v.year === year).map((v) => v.transactionNo));
  return [...fromLedger, ...fromJournal];
}

export function checkBundleList(books: Books, list: Row, saveOption: number): Checked {
  const out: Checked = { vouchers: [], referenceErrors: [], ruleErrors: [], duplicates: [] };
  const allowDifference = list.AllowDifference === true && saveOption === 1; // "journal only" (§4)
  const ignore = new Set(((list.IgnoreWarnings as unknown[]) ?? []).map((w) => String(w).toLowerCase()));
  const defaultCustomer = idOf(list.DefaultCustomerId);
  const taken = new Set<string>();
  // Indexes built once per call: checking each voucher against the whole ledger would make a month-end batch
  // quadratic in the ledger's size.
  const used = new Map<string, Set<number>>();
  const isUsed = (seriesId: number, year: number, no: number) => {
    const key = `${seriesId}/${year}`;
    let numbers = used.get(key);
    if (!numbers) used.set(key, (numbers = new Set(usedNumbers(books, seriesId, year))));
    return numbers.has(no);
  };
  // [INFERRED] "invoicealreadyexists" is about registering an invoice twice: an entry that opens an item for the
  // invoice number (a customer debit, a supplier credit) where one is in the ledger already. Payments and
  // credit notes referencing the invoice go the other way and are welcome, partial payments included.
  const suppliers = new Set(books.companies.filter((c) => c.Type === 'Supplier').map((c) => c.Id as number));
  const opensItem = (customerId: number, amount: number) => (suppliers.has(customerId) ? amount < 0 : amount > 0);
  let invoices: Set<string> | undefined;
  const invoiceExists = (invoiceNo: string, customerId: number, amount: number) => {
    if (!opensItem(customerId, amount)) return false;
    invoices ??= new Set(books.ledger.filter((l) => l.invoiceNo && l.customerId && opensItem(l.customerId, l.amount)).map((l) => `${l.invoiceNo}|${l.customerId}`));
    return invoices.has(`${invoiceNo}|${customerId}`);
  };
  const bundles = ((list.Bundles as Array<Row | null>) ?? []).filter((b): b is Row => b !== null);
  if (bundles.length === 0) out.ruleErrors.push('The bundle list contains no bundles');

  bundles.forEach((bundle, bundleIndex) => {
    const yearId = (bundle.YearId as number | undefined) ?? 0;
    const fiscalYear = books.fiscalYears.find((y) => y.year === yearId);
    if (!fiscalYear) out.referenceErrors.push(`Bundle ${bundleIndex + 1}: the year ${yearId} (YearId) does not exist in the client's fiscal years`);
    const vouchers = ((bundle.Vouchers as Array<Row | null>) ?? []).filter((v): v is Row => v !== null);
    if (vouchers.length === 0) out.ruleErrors.push(`Bundle ${bundleIndex + 1} contains no vouchers`);

    for (const v of vouchers) {
      const transactionNo = (v.TransactionNo as number | undefined) ?? 0;
      const at = `Voucher ${transactionNo}`;
      if (transactionNo <= 0) out.ruleErrors.push(`${at}: TransactionNo must be a positive number (use GetEntryId)`);
      const typeNo = idOf(v.Sort) ?? idOf(bundle.Sort) ?? DEFAULT_TYPE_NO; // Voucher.Sort overrides Bundle.Sort
      const type = books.voucherTypes.find((t) => t.TypeNo === typeNo);
      if (!type) out.referenceErrors.push(`${at}: the voucher type (Sort) ${typeNo} does not exist`);
      const entries = ((v.Entries as Array<Row | null>) ?? []).filter((e): e is Row => e !== null);
      if (entries.length === 0) out.ruleErrors.push(`${at} contains no entries`);

      const lines: EntryLine[] = [];
      entries.forEach((e, j) => {
        const where = `${at}, entry ${j + 1}`;
        const accountNo = idOf(e.AccountNo);
        if (!accountNo) out.referenceErrors.push(`${where}: AccountNo is missing`);
        else if (!books.accounts.some((a) => a.AccountNo === accountNo)) out.referenceErrors.push(`${where}: the account ${accountNo} does not exist`);
        let amount = 0 as Minor;
        try {
          amount = toMinor((e.Amount as string | undefined) ?? '0');
        } catch (err) {
          if (!(err instanceof AmountError)) throw err;
          out.ruleErrors.push(`${where}: the amount ${String(e.Amount)} has more than 2 decimals`);
        }
        const date = typeof e.Date === 'string' ? e.Date.slice(0, 10) : undefined;
        if (!date) out.ruleErrors.push(`${where}: Date is missing`);
        else if (fiscalYear && date.slice(0, 4) !== String(yearId)) out.ruleErrors.push(`${where}: the date ${date} is not in the fiscal year ${yearId}`);
        else if (fiscalYear && (fiscalYear.locked || books.lockedPeriods.has(date.slice(0, 7)))) out.referenceErrors.push(`${where}: the period ${date.slice(0, 7)} is closed`);
        const taxNo = typeof e.TaxNo === 'string' && e.TaxNo.trim() !== '' ? e.TaxNo.trim() : undefined;
        if (taxNo !== undefined && !books.taxCodes.some((t) => t.TaxNo === taxNo)) out.referenceErrors.push(`${where}: the VAT code (TaxNo) ${taxNo} does not exist`);
        const departmentId = idOf(e.DepartmentId);
        if (departmentId && !books.departments.some((d) => d.Id === departmentId)) out.referenceErrors.push(`${where}: the department ${departmentId} does not exist`);
        const projectId = idOf(e.ProjectId);
        if (projectId && !books.projects.some((p) => p.Id === projectId)) out.referenceErrors.push(`${where}: the project ${projectId} does not exist`);
        const customerId = idOf(e.CustomerId) ?? defaultCustomer;
        if (customerId && !books.companies.some((c) => c.Id === customerId)) out.referenceErrors.push(`${where}: the customer/supplier ${customerId} does not exist`);
        const invoiceNo = (e.InvoiceReferenceNo as string | undefined) || undefined;
        if (invoiceNo && customerId && !ignore.has('invoicealreadyexists') && invoiceExists(invoiceNo, customerId, amount)) {
          out.ruleErrors.push(`${where}: the invoice ${invoiceNo} already exists in the ledger for customer ${customerId} (IgnoreWarnings: invoicealreadyexists)`);
        }
        lines.push({
          accountNo: accountNo ?? 0, amount, date: date ?? '', dueDate: dateOnly(e.DueDate), periodDate: dateOnly(e.PeriodDate), customerId, projectId, departmentId, taxNo,
          comment: (e.Comment as string | undefined) || undefined, stampNo: idOf(e.StampNo), invoiceNo, ocr: (e.InvoiceOcr as string | undefined) || undefined,
          currency: (e.CurrencyId as string | undefined) || 'NOK',
        });
      });

      const difference = lines.reduce((sum, l) => sum + l.amount, 0);
      if (difference !== 0 && !allowDifference) out.ruleErrors.push(`${at} is not in balance: the difference is ${formatMinor(difference)}`);
      if (type && transactionNo > 0) {
        const key = `${type.EntrySeriesId}/${yearId}/${transactionNo}`;
        const checked = saveOption === 0 || books.journalChecksNumbers;
        if (taken.has(key) || (checked && isUsed(type.EntrySeriesId, yearId, transactionNo))) {
          out.duplicates.push(`TransactionNo ${transactionNo} is already used in entry series ${type.EntrySeriesId} for ${yearId}`);
        }
        taken.add(key);
      }
      if (bundle.BundleDirectAccounting !== true && saveOption === 1) addVatLines(books, lines);
      out.vouchers.push({ bundleIndex, voucher: { transactionNo, year: yearId, seriesId: type?.EntrySeriesId ?? 0, typeId: type?.TypeId ?? 0, lines } });
    }
  });
  return out;
}

/** Journal drafts with automatic VAT: Amount is gross; split off the VAT line on the code's account (§4, §12). */
function addVatLines(books: Books, lines: EntryLine[]): void {
  for (const line of [...lines]) {
    const code = books.taxCodes.find((t) => t.TaxNo === line.taxNo);
    const rate = Number(code?.TaxRate ?? 0);
    if (!code || rate === 0 || code.AccountNo === undefined) continue;
    const net = Math.round((line.amount * 100) / (100 + rate));
    const vat = line.amount - net;
    line.amount = net as Minor;
    lines.push({ ...line, accountNo: code.AccountNo, amount: vat as Minor, taxNo: undefined, autoVat: true });
  }
}

export function outcome(checked: Checked): SaveOutcome {
  if (checked.referenceErrors.length > 0) return { Type: 'Exception', Description: [...checked.referenceErrors, ...checked.ruleErrors].join('\n') };
  if (checked.ruleErrors.length > 0) return { Type: 'NotSaved', Description: checked.ruleErrors.join('\n') };
  if (checked.duplicates.length > 0) return { Type: 'DuplicateData', Description: checked.duplicates.join('\n') };
  return { Type: 'Ok' };
}

/** Ledger lines of a voucher, stamped with registration time (what GetTransactions returns). */
export function toLedger(voucher: VoucherRecord, now: Date, bundleId?: number): LedgerLine[] {
  const at = now.toISOString();
  return voucher.lines.map((line, i) => ({
    ...line, id: randomUUID(), transactionNo: voucher.transactionNo, year: voucher.year, seriesId: voucher.seriesId, typeId: voucher.typeId,
    sequenceNo: i + 1, registeredAt: at, changedAt: at, bundleId,
  }));
}

function dateOnly(v: unknown): string | undefined {
  return typeof v === 'string' ? v.slice(0, 10) : undefined;
}

/**
 * The 'numbersTaken' fault: another writer (a person in 24SevenOffice, another integration) saves vouchers of
 * its own, with other amounts, under the numbers this call carries, just before it is handled (API doc §4:
 * numbers are not reserved). Where the call saves, the ledger or the journal, the other writer saves too.
 */
export function anotherWriterTakes(books: Books, list: Row, saveOption: number, now: Date): void {
  const theirs = checkBundleList(books, list, saveOption).vouchers.map(({ voucher }) => ({
    ...voucher, // Its own vouchers: other amounts, no invoice of ours, so the only clash is the number.
    lines: voucher.lines.map((l) => ({ ...l, amount: (l.amount * 2) as Minor, comment: 'another writer', invoiceNo: undefined, ocr: undefined, customerId: undefined })),
  }));
  if (saveOption === 0) for (const v of theirs) books.ledger.push(...toLedger(v, now));
  else books.journal.push({ id: books.next.bundle++, name: 'another writer', yearId: theirs[0]?.year ?? 0, savedAt: now.toISOString(), vouchers: theirs, posted: false });
}

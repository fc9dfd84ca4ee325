/**
 * A supplier invoice received in CostTracker as a 24SevenOffice supplier-invoice voucher, and every reason it
 * cannot be one, found before anything is written. Pure: the activity loads 24SevenOffice's catalog and the
 * tenant's costtracker → 24sevenoffice mappings once and passes them in.
 *
 *   credit  supplierAccount (2400)   −total       CustomerId = supplier, InvoiceReferenceNo, InvoiceOcr (KID), DueDate
 *   debit   each line's cost account  net          TaxNo, ProjectId, DepartmentId
 *   debit   each VAT code's account   VAT (summed per VAT account)
 *
 * VAT goes on lines of its own, as the batch's vouchers carry it, so the voucher is the same in the ledger and
 * the journal and a look-up compares account by account with what was sent.
 */
import type { Entry } from '../../connectors/24sevenoffice';
import type { ReceivedInvoice } from '../../connectors/costtracker/model';
import { displayMinor, sumMinor } from '../../domain/money';
import type { PostingSettings } from '../../domain/matching/settings';

export interface PostingCatalog {
  accounts: ReadonlySet<number>;
  /** TaxNo → its rate and VAT account. */
  taxCodes: ReadonlyMap<string, { rate: number; accountNo?: number }>;
  /** TypeNo → its entry series. */
  voucherTypes: ReadonlyMap<number, { entrySeriesId: number }>;
  projectIds: ReadonlySet<number>;
  departmentIds: ReadonlySet<number>;
  /** Fiscal years that exist and are not locked. */
  openYears: ReadonlySet<number>;
  /** Companies of 24SevenOffice known to exist (the supplier's, looked up by id). */
  companyIds: ReadonlySet<number>;
}

/** CostTracker's codes in 24SevenOffice's terms: mapped on the route costtracker → 24sevenoffice, else the same. */
export interface PostingMapping {
  supplierId(supplier: string): number | undefined;
  account(no: number): number;
  taxNo(code: string): string;
  projectId(code: string): number | undefined;
  departmentId(code: string): number | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "CostTracker invoice 4711 (id ri-17) of supplier 501": where every problem of one invoice is. */
export const invoiceLabel = (inv: Pick<ReceivedInvoice, 'id' | 'invoiceNumber' | 'supplier'>) =>
  `CostTracker invoice ${inv.invoiceNumber} (id ${inv.id}) of supplier ${inv.supplier}`;

/**
 * What is wrong with the invoice itself, fixed in CostTracker: its lines and VAT must add up to its total, its
 * dates be dates (due on or after the invoice date), its currency the organisation's (24SevenOffice books in the
 * company currency; an invoice in another currency is posted by hand).
 */
export function invoiceProblems(inv: ReceivedInvoice, baseCurrency: string): string[] {
  const problems: string[] = [];
  if (inv.lines.length === 0) problems.push('has no lines');
  const net = sumMinor(inv.lines.map((l) => l.amount));
  const vat = sumMinor(inv.lines.map((l) => l.vatAmount));
  if (net + vat !== inv.total) {
    problems.push(`its lines add up to ${displayMinor(net, inv.currency)} + VAT ${displayMinor(vat, inv.currency)} = ${displayMinor(net + vat, inv.currency)}, ` +
      `not its total ${displayMinor(inv.total, inv.currency)}; correct the split in CostTracker`);
  }
  if (!validDate(inv.date)) problems.push(`its invoice date "${inv.date}" is not a date (YYYY-MM-DD)`);
  if (!validDate(inv.dueDate)) problems.push(`its due date "${inv.dueDate}" is not a date (YYYY-MM-DD)`);
  else if (validDate(inv.date) && inv.dueDate < inv.date) problems.push(`its due date ${inv.dueDate} is before its invoice date ${inv.date}`);
  if (!/^[A-Z]{3}$/.test(inv.currency)) problems.push(`its currency "${inv.currency}" is not an ISO 4217 code`);
  else if (inv.currency !== baseCurrency) {
    problems.push(`it is in ${inv.currency}, not the company currency ${baseCurrency}: ledgerbridge posts supplier invoices in the company currency only; ` +
      'post it by hand in 24SevenOffice and mark it posted in CostTracker');
  }
  return problems;
}

/** What 24SevenOffice would refuse or lose (a supplier, account, VAT code, project or department it lacks), each with its fix. */
export function preflightProblems(inv: ReceivedInvoice, catalog: PostingCatalog, mapping: PostingMapping, settings: PostingSettings, tenant: string): string[] {
  const problems: string[] = [];
  const set = (kind: string, from: string) => `ledgerbridge mappings set ${tenant} ${kind} ${from}=<${kind === 'vat-code' ? 'TaxNo' : kind === 'account' ? 'account' : `${kind} id`}> --source costtracker`;
  const supplier = mapping.supplierId(inv.supplier);
  if (supplier === undefined || !catalog.companyIds.has(supplier)) {
    problems.push(`supplier ${inv.supplier}${supplier !== undefined && String(supplier) !== inv.supplier ? ` (mapped to company ${supplier})` : ''} is not a company in 24SevenOffice; ` +
      `create the supplier there, or map it to the right company: ${set('supplier', inv.supplier)}`);
  }
  if (!catalog.voucherTypes.has(settings.voucherType)) {
    problems.push(`voucher type ${settings.voucherType} (matching.post.voucherType) does not exist in 24SevenOffice; ` +
      `set the supplier-invoice type: ledgerbridge tenants settings ${tenant} matching='{"post":{"voucherType":<TypeNo>}}'`);
  }
  if (!catalog.accounts.has(settings.supplierAccount)) {
    problems.push(`the supplier account ${settings.supplierAccount} (matching.post.supplierAccount) does not exist in 24SevenOffice; ` +
      `set the right one: ledgerbridge tenants settings ${tenant} matching='{"post":{"supplierAccount":<account>}}'`);
  }
  const year = Number(inv.date.slice(0, 4));
  if (!catalog.openYears.has(year)) problems.push(`it is dated in ${year}, but fiscal year ${year} is closed or missing in 24SevenOffice; open the year there`);
  inv.lines.forEach((line, i) => {
    const at = `line ${i + 1}${line.description ? ` "${line.description}"` : ''}`;
    const account = mapping.account(line.account);
    if (!catalog.accounts.has(account)) {
      problems.push(`${at}: account ${account}${account !== line.account ? ` (mapped from ${line.account})` : ''} does not exist in 24SevenOffice; ` +
        `create it there or map it: ${set('account', String(line.account))}`);
    }
    if (line.vatCode !== undefined) {
      const code = catalog.taxCodes.get(mapping.taxNo(line.vatCode));
      if (!code) problems.push(`${at}: VAT code ${line.vatCode} does not exist in 24SevenOffice; map it: ${set('vat-code', line.vatCode)}`);
      else if (line.vatAmount !== 0 && code.accountNo === undefined) {
        problems.push(`${at}: VAT code ${line.vatCode} has no VAT account in 24SevenOffice but the line carries VAT ${displayMinor(line.vatAmount, inv.currency)}; ` +
          `map it to a code with input VAT: ${set('vat-code', line.vatCode)}`);
      }
    } else if (line.vatAmount !== 0) {
      problems.push(`${at} carries VAT ${displayMinor(line.vatAmount, inv.currency)} but no VAT code; set the VAT code on the line in CostTracker`);
    }
    if (line.project !== undefined) {
      const id = mapping.projectId(line.project);
      if (id === undefined || !catalog.projectIds.has(id)) {
        problems.push(`${at}: project ${line.project} does not exist in 24SevenOffice, so the cost would lose its project; create it there or map it: ${set('project', line.project)}`);
      }
    }
    if (line.department !== undefined) {
      const id = mapping.departmentId(line.department);
      if (id === undefined || !catalog.departmentIds.has(id)) {
        problems.push(`${at}: department ${line.department} does not exist in 24SevenOffice, so the cost would lose its department; create it there or map it: ${set('department', line.department)}`);
      }
    }
  });
  return problems;
}

/** The voucher's entries; call only for an invoice without problems. */
export function voucherEntries(inv: ReceivedInvoice, catalog: PostingCatalog, mapping: PostingMapping, settings: PostingSettings): Entry[] {
  const supplier: Entry = {
    accountNo: settings.supplierAccount,
    amount: -inv.total,
    customerId: mapping.supplierId(inv.supplier),
    dueDate: inv.dueDate,
    invoiceReferenceNo: inv.invoiceNumber,
    invoiceOcr: inv.paymentReference,
    comment: `Invoice ${inv.invoiceNumber}`,
  };
  const costs = inv.lines.map((line): Entry => ({
    accountNo: mapping.account(line.account),
    amount: line.amount,
    taxNo: line.vatCode === undefined ? undefined : mapping.taxNo(line.vatCode),
    projectId: line.project === undefined ? undefined : mapping.projectId(line.project),
    departmentId: line.department === undefined ? undefined : mapping.departmentId(line.department),
    comment: line.description ?? `Invoice ${inv.invoiceNumber}`,
  }));
  const vatByAccount = new Map<number, number>();
  for (const line of inv.lines) {
    if (line.vatAmount === 0 || line.vatCode === undefined) continue;
    const account = catalog.taxCodes.get(mapping.taxNo(line.vatCode))!.accountNo!;
    vatByAccount.set(account, (vatByAccount.get(account) ?? 0) + line.vatAmount);
  }
  const vat = [...vatByAccount].map(([accountNo, amount]): Entry => ({ accountNo, amount, comment: `VAT, invoice ${inv.invoiceNumber}` }));
  return [supplier, ...costs, ...vat];
}

function validDate(text: string): boolean {
  return ISO_DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

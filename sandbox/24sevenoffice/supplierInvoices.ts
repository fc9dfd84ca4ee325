/**
 * Supplier invoices straight into a client's ledger, for tests, the demo and the bench: what the accountant's
 * inbox (EHF/scan → approve → post) leaves in the books, which no SOAP operation we simulate creates in bulk.
 * One balanced voucher per invoice in the "Inngående faktura" series: each cost line a debit with its project,
 * department, PO number (the SupplierOrderSlip dimension) and the supplier (Customer dimension), one credit on
 * the supplier account 2400 carrying the supplier, the invoice number and the due date. A negative total is a
 * credit note (SystemType CreditnoteSupplier). [INFERRED] where the PO number lives: see
 * connectors/24sevenoffice/transactions.ts.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AmountError, toMinor, type Minor } from '../../domain/money';
import { AdminError } from '../shared/adminRouter';
import { usedNumbers } from './bundles';
import { ledgerEdited } from './ledgerIndex';
import type { Books, LedgerLine } from './state';

export const SUPPLIER_ACCOUNT = 2400;
const INCOMING_INVOICE_TYPE_NO = 3;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-03-01');
const id = z.number().int().positive();
const amount = z.union([z.string(), z.number()]);

const lineSchema = z.object({
  account: id,
  /** Major units, "1250.50" or 1250.5; positive on an invoice, negative on a credit note. */
  amount,
  project: id.optional(),
  department: id.optional(),
  poField: z.string().min(1).max(50).optional(),
  comment: z.string().max(255).optional(),
});

const invoiceSchema = z.object({
  transactionNo: id.optional(),
  date,
  dueDate: date.optional(),
  supplierId: id,
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO currency code like NOK').default('NOK'),
  invoiceNo: z.string().min(1).max(50),
  /** When it was registered (and last changed), ISO UTC; default now. */
  registeredAt: z.iso.datetime().optional(),
  lines: z.array(lineSchema).min(1),
});

export const supplierInvoicesSchema = z.array(invoiceSchema);
export type SupplierInvoice = z.input<typeof invoiceSchema>;

export const lineChangeSchema = z.object({
  comment: z.string().max(255).optional(),
  /** The PO number; "" clears it. */
  poField: z.string().max(50).optional(),
  changedAt: z.iso.datetime().optional(),
});
export type LineChange = z.input<typeof lineChangeSchema>;

/** Books the invoices (all or none) and returns their voucher numbers, in input order. */
export function addSupplierInvoices(books: Books, input: unknown, now: Date): number[] {
  const parsed = supplierInvoicesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdminError(400, `supplier invoice ${issue.path.join('.')}: ${issue.message}`);
  }
  const type = books.voucherTypes.find((t) => t.TypeNo === INCOMING_INVOICE_TYPE_NO)!;
  const suppliers = new Set(books.companies.filter((c) => c.Type === 'Supplier').map((c) => c.Id as number));
  const accounts = new Set(books.accounts.map((a) => a.AccountNo));
  const projects = new Set(books.projects.map((p) => p.Id as number));
  const departments = new Set(books.departments.map((d) => d.Id as number));
  const numbers = new Map<number, { used: Set<number>; next: number }>();
  const numbersOf = (year: number) => {
    let n = numbers.get(year);
    if (!n) {
      const used = new Set(usedNumbers(books, type.EntrySeriesId, year));
      let next = type.seriesStart;
      for (const u of used) if (u >= next) next = u + 1;
      numbers.set(year, (n = { used, next }));
    }
    return n;
  };

  const lines: LedgerLine[] = [];
  const out: number[] = [];
  parsed.data.forEach((inv, i) => {
    const at = `supplier invoice ${i} (${inv.invoiceNo})`;
    const year = Number(inv.date.slice(0, 4));
    const fiscalYear = books.fiscalYears.find((y) => y.year === year);
    if (!fiscalYear) throw new AdminError(400, `${at}: the year ${year} is not a fiscal year of client ${books.clientId}`);
    if (fiscalYear.locked || books.lockedPeriods.has(inv.date.slice(0, 7))) throw new AdminError(409, `${at}: the period ${inv.date.slice(0, 7)} is closed`);
    if (!suppliers.has(inv.supplierId)) throw new AdminError(400, `${at}: ${inv.supplierId} is not a supplier (company of Type Supplier)`);
    const n = numbersOf(year);
    const transactionNo = inv.transactionNo ?? n.next;
    if (n.used.has(transactionNo)) throw new AdminError(409, `${at}: TransactionNo ${transactionNo} is already used in entry series ${type.EntrySeriesId} for ${year}`);
    n.used.add(transactionNo);
    n.next = Math.max(n.next, transactionNo + 1);

    const registeredAt = inv.registeredAt ? new Date(inv.registeredAt).toISOString() : now.toISOString();
    const base = {
      date: inv.date, currency: inv.currency, customerId: inv.supplierId, invoiceNo: inv.invoiceNo, transactionNo, year,
      seriesId: type.EntrySeriesId, typeId: type.TypeId, registeredAt, changedAt: registeredAt,
    };
    let total = 0;
    const voucher: LedgerLine[] = inv.lines.map((l, j) => {
      if (!accounts.has(l.account)) throw new AdminError(400, `${at}, line ${j + 1}: the account ${l.account} does not exist`);
      if (l.project !== undefined && !projects.has(l.project)) throw new AdminError(400, `${at}, line ${j + 1}: the project ${l.project} does not exist`);
      if (l.department !== undefined && !departments.has(l.department)) throw new AdminError(400, `${at}, line ${j + 1}: the department ${l.department} does not exist`);
      const minor = minorOf(l.amount, `${at}, line ${j + 1}`);
      total += minor;
      return { ...base, id: randomUUID(), sequenceNo: j + 1, accountNo: l.account, amount: minor, projectId: l.project, departmentId: l.department, poField: l.poField, comment: l.comment };
    });
    const systemType = total < 0 ? 'CreditnoteSupplier' : 'InvoiceSupplier';
    voucher.push({ ...base, id: randomUUID(), sequenceNo: voucher.length + 1, accountNo: SUPPLIER_ACCOUNT, amount: -total as Minor, dueDate: inv.dueDate, comment: `Faktura ${inv.invoiceNo}` });
    for (const line of voucher) lines.push({ ...line, systemType });
    out.push(transactionNo);
  });
  for (const line of lines) books.ledger.push(line);
  return out;
}

/** Someone edits a posted line's text or PO number: its DateChanged moves, so an incremental read sees it again. */
export function changeLedgerLine(books: Books, lineId: string, input: unknown, now: Date): LedgerLine {
  const parsed = lineChangeSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AdminError(400, `line change ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  const line = books.ledger.find((l) => l.id === lineId.toLowerCase());
  if (!line) throw new AdminError(404, `ledger line ${lineId} does not exist for client ${books.clientId}`);
  const change = parsed.data;
  if (change.comment !== undefined) line.comment = change.comment || undefined;
  if (change.poField !== undefined) line.poField = change.poField || undefined;
  line.changedAt = change.changedAt ? new Date(change.changedAt).toISOString() : now.toISOString();
  ledgerEdited(books);
  return line;
}

function minorOf(value: string | number, where: string): Minor {
  try {
    return toMinor(value);
  } catch (err) {
    if (err instanceof AmountError) throw new AdminError(400, `${where}: ${err.message}`);
    throw err;
  }
}

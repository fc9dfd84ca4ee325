/**
 * Reading the ledger: TransactionService GetTransactions (API doc §5). Journal (unposted) vouchers are not here.
 * DateStart and DateEnd are required; DateEnd is sent as 23:59:59 so the end date is included. Project,
 * department and customer come from `Dimensions` (the old flat fields are gone). No paging: keep ranges short.
 *
 * [INFERRED] A supplier invoice's "Purchase order no / Bestillingsnr" is the line's Dimension of Type
 * `SupplierOrderSlip`, its Value the PO number as text (`poField`); the supplier is the voucher's `Customer`
 * dimension (`customerId`): the supplier-ledger line (2400) always carries it, a cost line may. Neither is
 * documented; the WSDL's DimensionType has SupplierOrderSlip beside CustomerOrderSlip, and the old flat
 * CompanyId meant customer or supplier alike.
 *
 * SystemType and HasInvoiceId are required but nillable in the WSDL: we send them as xsi:nil ("any"), never
 * leave them out (test/connectors/24sevenoffice-requestSchema.test.ts validates every request we send).
 */
import { ConnectorError } from '../errors';
import type { Minor } from '../../domain/money';
import type { Session } from './session';
import { compact, items, readBool, readDate, readInstant, readMinor, readNumber, readString, wireDate, wireInstant } from './wire';

export interface TransactionQuery {
  /** Entry dates from/to, inclusive (YYYY-MM-DD). With changedSince they bound the change time instead. */
  from: string;
  to: string;
  accountFrom?: number;
  accountTo?: number;
  projectId?: number;
  departmentId?: number;
  customerId?: number;
  transactionNoFrom?: number;
  transactionNoTo?: number;
  /**
   * Incremental sync: only lines created or changed at/after this instant (DateChangedUTC mode, §5). The API
   * then bounds the change time (DateStart = this instant, DateEnd = now + 1 h for clock skew), so the entry
   * dates from/to are applied here, to what comes back.
   */
  changedSince?: Date | string;
  /** With changedSince: the end of the change-time window (default now + 1 h). A window per call keeps each answer bounded. */
  changedUntil?: Date | string;
}

export interface Dimension {
  type: string;
  value?: string;
  name?: string;
  typeId?: number;
}

export interface Transaction {
  /** Line id (guid). */
  id?: string;
  transactionNo: number;
  date: string;
  accountNo: number;
  /** Minor units in the company currency; positive = debit. */
  amount: Minor;
  currency?: string;
  /** The invoice currency's rate against the company currency, per `currencyUnit` units (e.g. 1147.5 per 100 SEK). */
  currencyRate?: number;
  currencyUnit?: number;
  stampNo?: number;
  transactionTypeId?: number;
  systemType?: string;
  comment?: string;
  vatCode?: number;
  invoiceNo?: string;
  /** KID/OCR as text. */
  ocr?: string;
  dueDate?: string;
  sequenceNo?: number;
  open?: boolean;
  hidden?: boolean;
  registeredAt?: string;
  changedAt?: string;
  projectId?: number;
  departmentId?: number;
  customerId?: number;
  /** The purchase order number the invoice line names (SupplierOrderSlip dimension). */
  poField?: string;
  dimensions: Dimension[];
}

export async function transactions(session: Session, q: TransactionQuery): Promise<Transaction[]> {
  const res = await session.call('transaction', 'GetTransactions', { searchParams: searchParams(q) });
  const lines = items<Record<string, any>>(res.GetTransactionsResult, 'Transaction').map(transaction);
  return q.changedSince === undefined ? lines : lines.filter((t) => t.date >= q.from && t.date <= q.to);
}

/** Fields in WSDL sequence order. */
function searchParams(q: TransactionQuery): Record<string, unknown> {
  wireDate(q.from, 'transactions from');
  wireDate(q.to, 'transactions to');
  if (q.from > q.to) throw new ConnectorError('ValidationFailed', `transactions: from ${q.from} is after to ${q.to}; nothing was sent`);
  const changed = q.changedSince !== undefined;
  if (!changed && q.changedUntil !== undefined) throw new ConnectorError('ValidationFailed', 'transactions: changedUntil needs changedSince; nothing was sent');
  return compact({
    DateSearchParameters: changed ? 'DateChangedUTC' : 'EntryDate',
    DateStart: changed ? wireInstant(q.changedSince!, 'transactions changedSince') : wireDate(q.from, 'transactions from'),
    DateEnd: changed ? wireInstant(q.changedUntil ?? new Date(Date.now() + 3_600_000), 'transactions changedUntil') : wireDate(q.to, 'transactions to', true),
    ProjectId: q.projectId,
    CustomerId: q.customerId,
    DepartmentId: q.departmentId,
    AccountNoStart: q.accountFrom,
    AccountNoEnd: q.accountTo,
    TransactionNoStart: q.transactionNoFrom,
    TransactionNoEnd: q.transactionNoTo,
    SystemType: null,
    HasInvoiceId: null,
  });
}

function transaction(t: Record<string, any>): Transaction {
  const dimensions: Dimension[] = items<Record<string, unknown>>(t.Dimensions, 'Dimension').map((d) => compact({
    type: readString(d.Type) ?? 'None',
    value: readString(d.Value),
    name: readString(d.Name),
    typeId: readNumber(d.TypeId),
  }));
  const dim = (type: string) => {
    const value = dimensions.find((d) => d.type === type)?.value;
    return value === undefined ? undefined : readNumber(value);
  };
  const amount = readMinor(t.Amount);
  if (amount === undefined) throw new ConnectorError('MalformedResponse', `GetTransactions: transaction ${String(t.TransactionNo)} has no Amount`);
  return compact({
    id: readString(t.Id),
    transactionNo: readNumber(t.TransactionNo) ?? 0,
    date: readDate(t.Date) ?? '',
    accountNo: readNumber(t.AccountNo) ?? 0,
    amount,
    currency: readString(t.Currency),
    currencyRate: readNumber(t.CurrencyRate),
    currencyUnit: readNumber(t.CurrencyUnit),
    stampNo: readNumber(t.StampNo),
    transactionTypeId: readNumber(t.TransactionTypeId),
    systemType: readString(t.SystemType),
    comment: readString(t.Comment),
    vatCode: readNumber(t.VatCode),
    invoiceNo: readString(t.InvoiceNo),
    ocr: readString(t.OCR),
    dueDate: readDate(t.DueDate),
    sequenceNo: readNumber(t.SequenceNo),
    open: readBool(t.Open),
    hidden: readBool(t.Hidden),
    registeredAt: readInstant(t.RegistrationDate),
    changedAt: readInstant(t.DateChanged),
    projectId: dim('Project'),
    departmentId: dim('Department'),
    customerId: dim('Customer'),
    poField: dimensions.find((d) => d.type === 'SupplierOrderSlip')?.value,
    dimensions,
  });
}

/**
 * Vouchers into 24SevenOffice with SaveBundleList (AccountService V004, API doc §4).
 * A bundle groups vouchers of one voucher type in one fiscal year. `mode` picks SaveOption: 'journal' (1) leaves
 * them unposted for the accountant to review and post; 'ledger' (0) posts them directly.
 * The answer is in-band (HTTP 200, SaveResponse.Type); no voucher number comes back: the caller supplies
 * TransactionNo (see nextTransactionNo). After an uncertain outcome (Unavailable: timeout, lost response) the
 * voucher may well be saved: look it up with transactions({ transactionNoFrom/To }) before sending it again.
 */
import { ConnectorError } from '../errors';
import type { Session } from './session';
import { amountText, compact, decimalText, wireDate } from './wire';

export interface Entry {
  accountNo: number;
  /** Minor units; positive = debit, negative = credit (§4 Signs). With a taxNo and automatic VAT, gross. */
  amount: number;
  /** Defaults to the voucher's date. */
  date?: string;
  dueDate?: string;
  /** 24SevenOffice VAT code number (GetTaxCodeList taxNo). */
  taxNo?: string | number;
  vatAmount?: number;
  /** CRM company id of the customer or supplier (sub-ledger). */
  customerId?: number;
  departmentId?: number;
  projectId?: number;
  currency?: string;
  /** Currency rate as a decimal number, e.g. 11.4520. */
  currencyRate?: number;
  invoiceReferenceNo?: string;
  /** KID/OCR: text, so leading zeros survive (§2). */
  invoiceOcr?: string;
  comment?: string;
  /** Attachment stamp number from uploadAttachment(). */
  stampNo?: number;
  bankAccountNo?: string;
}

export interface Voucher {
  transactionNo: number;
  date: string;
  /** Voucher type (TypeNo); defaults to the bundle's. */
  voucherType?: number;
  entries: Entry[];
}

export interface Bundle {
  /** The fiscal year, e.g. 2026; must exist in the company. */
  yearId: number;
  /** Voucher type (TypeNo from voucherTypes()). */
  voucherType: number;
  /** Shown in the journal; not used for ledger saves. */
  name?: string;
  vouchers: Voucher[];
  /** true = no automatic VAT lines (journal only, §4). Default false. */
  directAccounting?: boolean;
}

export interface SaveOptions {
  mode: 'journal' | 'ledger';
  /** Journal only: permit a voucher that does not balance. */
  allowDifference?: boolean;
  /** e.g. 'invoicealreadyexists', 'vatisnotinbalance' (§4). */
  ignoreWarnings?: string[];
  defaultCustomerId?: number;
}

export type SaveOutcome =
  | { kind: 'ok'; description: string }
  /** A TransactionNo already exists in the series: draw a new number or look the voucher up. */
  | { kind: 'duplicate'; description: string }
  /** The same data was saved before: treat as done after a look-up. */
  | { kind: 'alreadySaved'; description: string }
  /** NotSaved: the service refused the data; description says why. */
  | { kind: 'rejected'; description: string };

export async function saveBundles(session: Session, bundles: Bundle[], options: SaveOptions): Promise<SaveOutcome> {
  const BundleList = bundleList(bundles, options); // validates everything before the first request
  return session.run(async (sessionId) => {
    const res = await session.transportCall('account', 'SaveBundleList', { BundleList }, sessionId);
    const response = (res.SaveBundleListResult ?? {}) as { Type?: unknown; Description?: unknown };
    return outcome(String(response.Type ?? ''), String(response.Description ?? ''), session.tenant);
  }, 'SaveBundleList');
}

function outcome(type: string, description: string, tenant: string): SaveOutcome {
  switch (type) {
    case 'Ok': return { kind: 'ok', description };
    case 'DuplicateData': return { kind: 'duplicate', description };
    case 'DataAlreadySaved': return { kind: 'alreadySaved', description };
    case 'NotSaved': return { kind: 'rejected', description };
    case 'NotAuthenticated': throw new ConnectorError('NotAuthenticated', `SaveBundleList: ${description || 'not authenticated'}`);
    case 'SystemError':
      // A failure inside 24SevenOffice: retryable, but the save may have happened; look it up before repeating.
      throw new ConnectorError('Unavailable', `24SevenOffice SaveBundleList for tenant ${tenant} answered SystemError: ${description}; ` +
        'retry later, after looking the vouchers up');
    case 'Exception':
      throw new ConnectorError('Rejected', `24SevenOffice SaveBundleList for tenant ${tenant} refused the vouchers: ${description}; ` +
        'fix the data named in the message and send again');
    default:
      throw new ConnectorError('MalformedResponse', `24SevenOffice SaveBundleList for tenant ${tenant} answered an unknown type "${type}" (${description})`);
  }
}

/** The wire form, fields in WSDL sequence order (XmlSerializer expects it, §2). */
function bundleList(bundles: Bundle[], options: SaveOptions): Record<string, unknown> {
  if (bundles.length === 0) throw new ConnectorError('ValidationFailed', 'saveBundles: no bundles given; nothing was sent');
  const journal = options.mode === 'journal';
  return compact({
    Bundles: { Bundle: bundles.map((b, i) => bundle(b, journal, `bundle ${i + 1}`)) },
    AllowDifference: journal ? options.allowDifference ?? false : false, // permitted for journals only (§4)
    DirectLedger: false, // "can be ignored in almost all cases" (§4)
    SaveOption: journal ? 1 : 0,
    DefaultCustomerId: options.defaultCustomerId,
    IgnoreWarnings: options.ignoreWarnings?.length ? { string: options.ignoreWarnings } : undefined,
  });
}

function bundle(b: Bundle, journal: boolean, where: string): Record<string, unknown> {
  if (b.vouchers.length === 0) throw new ConnectorError('ValidationFailed', `saveBundles: ${where} has no vouchers; nothing was sent`);
  return compact({
    YearId: b.yearId,
    Vouchers: { Voucher: b.vouchers.map((v) => voucher(v, b.voucherType, `${where}, voucher ${v.transactionNo}`)) },
    Sort: b.voucherType,
    Name: journal ? b.name : undefined, // "Not applicable when SaveOption = 0"
    BundleDirectAccounting: journal ? b.directAccounting ?? false : undefined, // draft journals only
  });
}

function voucher(v: Voucher, bundleType: number, where: string): Record<string, unknown> {
  if (!Number.isSafeInteger(v.transactionNo) || v.transactionNo <= 0) {
    throw new ConnectorError('ValidationFailed', `saveBundles: ${where}: transaction number must be a positive whole number; nothing was sent`);
  }
  if (v.entries.length < 1) throw new ConnectorError('ValidationFailed', `saveBundles: ${where} has no entries; nothing was sent`);
  return {
    TransactionNo: v.transactionNo,
    Entries: { Entry: v.entries.map((e, i) => entry(e, v.date, `${where}, line ${i + 1}`)) },
    Sort: v.voucherType ?? bundleType,
  };
}

function entry(e: Entry, voucherDate: string, where: string): Record<string, unknown> {
  return compact({
    CustomerId: e.customerId,
    AccountNo: e.accountNo,
    Date: wireDate(e.date ?? voucherDate, `${where} date`),
    DueDate: e.dueDate === undefined ? undefined : wireDate(e.dueDate, `${where} due date`),
    Amount: amountText(e.amount, `${where} amount`),
    VatAmount: e.vatAmount === undefined ? undefined : amountText(e.vatAmount, `${where} VAT amount`),
    CurrencyId: e.currency,
    CurrencyRate: e.currencyRate === undefined ? undefined : decimalText(e.currencyRate, `${where} currency rate`, 6),
    DepartmentId: e.departmentId,
    ProjectId: e.projectId,
    InvoiceReferenceNo: e.invoiceReferenceNo,
    InvoiceOcr: e.invoiceOcr,
    TaxNo: e.taxNo === undefined ? undefined : String(e.taxNo),
    Comment: e.comment,
    StampNo: e.stampNo,
    BankAccountNo: e.bankAccountNo,
  });
}

/**
 * The sandbox's memory: community users and their identities (user × client company, §3), sessions, and one
 * set of books per client company. A "tenant" in the admin API is a client company (clientId); the rate limit
 * counts per community user (the integration's login) [INFERRED: the real key is IP/integration, §11].
 */
import type { Minor } from '../../domain/money';

export type Row = Record<string, unknown>;

export interface IdentityRecord {
  id: string; // guid
  clientId: number;
  clientName: string;
  blocked: boolean;
  isDefault: boolean;
}

export interface UserRecord {
  applicationId: string;
  username: string; // "always an email address (community user)"
  password: string; // plain (§3)
  userGuid: string;
  contactId: number;
  name: string;
  identities: IdentityRecord[];
}

export interface SessionRecord {
  id: string;
  username: string;
  identityId: string;
  lastSeenMs: number;
}

export interface AccountRecord {
  AccountId: number;
  AccountNo: number;
  AccountName: string;
  AccountTax: number;
  TaxNo: number;
}

/** A type group (sales or purchase type) names the account a sale or purchase of its kind is booked on. */
export interface TypeGroupRecord {
  Id: number;
  /** The account's AccountId (GetAccountList), not its number. */
  AccountId: number;
  Name: string;
  Module: 'Sale' | 'Purchase';
}

export interface TaxCodeRecord {
  TaxId: number;
  TaxNo: string;
  TaxName: string;
  TaxRate: string; // decimal text, e.g. "25"
  AccountNo?: number; // VAT account
}

export interface VoucherTypeRecord {
  TypeId: number;
  Title: string;
  EntrySeriesId: number;
  TypeNo: number;
  /** first number of the entry series in a year (GetEntryId answers at least this) */
  seriesStart: number;
}

export interface FiscalYearRecord {
  id: string; // guid
  year: number;
  locked: boolean;
}

/** One entry as validated from SaveBundleList; amounts in øre. */
export interface EntryLine {
  accountNo: number;
  amount: Minor;
  date: string; // YYYY-MM-DD
  dueDate?: string;
  periodDate?: string;
  customerId?: number;
  projectId?: number;
  departmentId?: number;
  taxNo?: string;
  comment?: string;
  stampNo?: number;
  invoiceNo?: string;
  ocr?: string;
  currency: string;
  /** true for the VAT line the journal adds from a gross amount (§4, BundleDirectAccounting=false) */
  autoVat?: boolean;
}

export interface VoucherRecord {
  transactionNo: number;
  year: number;
  seriesId: number;
  typeId: number;
  lines: EntryLine[];
}

export interface JournalBundle {
  id: number;
  name?: string;
  yearId: number;
  savedAt: string; // ISO UTC
  vouchers: VoucherRecord[];
  posted: boolean;
  postedAt?: string;
}

export interface LedgerLine extends EntryLine {
  id: string; // guid: Transaction.Id (line id)
  transactionNo: number;
  year: number;
  seriesId: number;
  typeId: number;
  sequenceNo: number;
  registeredAt: string; // ISO UTC
  changedAt: string; // ISO UTC
  /** journal bundle it came from, when posted from the journal */
  bundleId?: number;
  /** The "Purchase order no / Bestillingsnr": read back as the line's SupplierOrderSlip dimension [INFERRED]. */
  poField?: string;
  /** Set where the voucher type alone does not tell it (a supplier credit note is booked as an incoming invoice). */
  systemType?: string;
}

export interface AttachmentRecord {
  file: Row; // ImageFile shape
  content: Buffer;
  saved: boolean;
  location?: string;
  registeredAt: string;
}

export interface Books {
  clientId: number;
  name: string;
  accounts: AccountRecord[];
  taxCodes: TaxCodeRecord[];
  typeGroups: TypeGroupRecord[];
  voucherTypes: VoucherTypeRecord[];
  fiscalYears: FiscalYearRecord[];
  /** closed periods as "YYYY-MM" (a locked fiscal year closes all its periods) */
  lockedPeriods: Set<string>;
  departments: Row[];
  projects: Row[];
  companies: Row[];
  productCategories: Row[];
  products: Row[];
  invoices: Row[];
  attachments: AttachmentRecord[];
  journal: JournalBundle[];
  /**
   * [INFERRED] Whether a journal save (SaveOption 1) is refused with DuplicateData when its TransactionNo is
   * used: the API documents the check for the ledger only. Both behaviours can be switched on per company, so
   * the journal path is tested without the assumption (false) and with it (true, the default).
   */
  journalChecksNumbers: boolean;
  ledger: LedgerLine[];
  next: { company: number; product: number; project: number; department: number; order: number; invoice: number; file: number; stamp: number; bundle: number; account: number; typeGroup: number };
}

export interface Stats {
  logins: number;
  calls: Record<string, number>;
}

/**
 * The 24SevenOffice (Finago Office) connector: a typed client in domain terms. Nothing outside this folder
 * knows it is SOAP. API reference: docs/apis/24sevenoffice.md (section numbers in comments refer to it).
 */
import type { CheckReport, ConnectorContext } from '../types';
import * as accounts from './accounts';
import { saveBundles, type Bundle, type SaveOptions, type SaveOutcome } from './bundles';
import { check } from './check';
import * as companies from './companies';
import { credentialsSchema, settingsSchema, twentyFourSevenOfficeConfig, type TwentyFourSevenOfficeConfigInput } from './config';
import { departments, type Department } from './departments';
import { typeGroups, type TypeGroup, type TypeGroupModule } from './typeGroups';
import { fiscalYears, type FiscalYear } from './fiscalYears';
import { currentIdentity, identities, type Identity } from './identities';
import * as invoices from './invoices';
import type { ItemResult } from './items';
import * as products from './products';
import * as projects from './projects';
import { Session } from './session';
import { SoapTransport, type ApiLimit } from './soap-client';
import { transactions, type Transaction, type TransactionQuery } from './transactions';
import { uploadAttachment, type AttachmentLocation, type UploadedAttachment } from './attachments';

export type { Account, TaxCode, VoucherType } from './accounts';
export type { Bundle, Entry, SaveOptions, SaveOutcome, Voucher } from './bundles';
export type { Company, CompanyQuery, CompanyType } from './companies';
export type { Department } from './departments';
export type { TypeGroup, TypeGroupModule } from './typeGroups';
export type { FiscalYear } from './fiscalYears';
export type { Identity } from './identities';
export type { InvoiceOrder, InvoiceQuery, InvoiceRow, OrderStatus } from './invoices';
export type { ItemResult } from './items';
export type { Product, ProductQuery } from './products';
export type { Project, ProjectQuery } from './projects';
export type { Dimension, Transaction, TransactionQuery } from './transactions';
export type { UploadedAttachment } from './attachments';
export { credentialsSchema, settingsSchema, twentyFourSevenOfficeConfig } from './config';
export type { TwentyFourSevenOfficeConfig, TwentyFourSevenOfficeConfigInput, TwentyFourSevenOfficeCredentials, TwentyFourSevenOfficeSettings } from './config';

export interface TwentyFourSevenOffice {
  /** The "test integration" button: login, identity, mapped accounts and voucher types. */
  check(): Promise<CheckReport>;

  identities(): Promise<Identity[]>;
  /** The company the session works in. */
  currentIdentity(): Promise<Identity | undefined>;
  /** Work in another company (identity) from now on; the session for it is cached separately. */
  switchIdentity(identityId: string): Promise<void>;

  accounts(): Promise<accounts.Account[]>;
  taxCodes(): Promise<accounts.TaxCode[]>;
  voucherTypes(): Promise<accounts.VoucherType[]>;
  /** Next free voucher number in an entry series (not reserved: a collision answers 'duplicate'). */
  nextTransactionNo(q: { date: string; entrySeriesId: number }): Promise<number>;
  /**
   * Sends vouchers to the journal (for review) or straight to the ledger. After an Unavailable error the
   * outcome is unknown: look the vouchers up with transactions() (ledger) before sending them again.
   */
  saveBundles(bundles: Bundle[], options: SaveOptions): Promise<SaveOutcome>;
  /** Fiscal years with their lock state: a voucher in a locked or missing year is refused. */
  fiscalYears(): Promise<FiscalYear[]>;
  /** Posted ledger lines; journal vouchers appear only once posted. */
  transactions(q: TransactionQuery): Promise<Transaction[]>;

  departments(): Promise<Department[]>;
  /** Sales or purchase types, each on an account (by AccountId). */
  typeGroups(module: TypeGroupModule): Promise<TypeGroup[]>;
  projects(q?: projects.ProjectQuery): Promise<projects.Project[]>;
  saveProject(project: projects.Project): Promise<number>;

  companies(q: companies.CompanyQuery): Promise<companies.Company[]>;
  /** Upsert: companies without id are matched on externalId, then organisation number. */
  saveCompanies(list: companies.Company[], options?: { lookUp?: boolean }): Promise<ItemResult<companies.Company>[]>;

  products(q: products.ProductQuery): Promise<products.Product[]>;
  saveProducts(list: products.Product[]): Promise<ItemResult<products.Product>[]>;
  setStockQuantity(productId: number, quantity: number): Promise<void>;

  invoices(q: invoices.InvoiceQuery): Promise<invoices.InvoiceOrder[]>;
  saveInvoices(list: invoices.InvoiceOrder[]): Promise<ItemResult<invoices.InvoiceOrder>[]>;

  /** Uploads a PDF as a voucher document; entries reference the returned stamp number. */
  uploadAttachment(pdf: Uint8Array, options?: { location?: AttachmentLocation }): Promise<UploadedAttachment>;

  /** The last APILimitRemaining/APILimitReset the service reported (for metrics). */
  apiLimit(): ApiLimit;
}

export function createTwentyFourSevenOffice(config: TwentyFourSevenOfficeConfigInput, ctx: ConnectorContext): TwentyFourSevenOffice {
  const parsed = twentyFourSevenOfficeConfig.parse(config);
  const log = ctx.log.child({ system: '24sevenoffice', tenant: ctx.tenant });
  const context = { ...ctx, log };
  const transport = new SoapTransport(parsed.settings, context);
  const session = new Session(transport, parsed, context);
  return {
    check: () => check(session, parsed),
    identities: () => identities(session),
    currentIdentity: () => currentIdentity(session),
    switchIdentity: (id) => session.switchIdentity(id),
    accounts: () => accounts.accounts(session),
    taxCodes: () => accounts.taxCodes(session),
    voucherTypes: () => accounts.voucherTypes(session),
    nextTransactionNo: (q) => accounts.nextTransactionNo(session, q),
    saveBundles: (bundles, options) => saveBundles(session, bundles, options),
    transactions: (q) => transactions(session, q),
    fiscalYears: () => fiscalYears(session),
    departments: () => departments(session),
    typeGroups: (module) => typeGroups(session, module),
    projects: (q) => projects.projects(session, q),
    saveProject: (p) => projects.saveProject(session, p),
    companies: (q) => companies.companies(session, q),
    saveCompanies: (list, options) => companies.saveCompanies(session, list, options),
    products: (q) => products.products(session, q),
    saveProducts: (list) => products.saveProducts(session, list),
    setStockQuantity: (id, quantity) => products.setStockQuantity(session, id, quantity),
    invoices: (q) => invoices.invoices(session, q),
    saveInvoices: (list) => invoices.saveInvoices(session, list),
    uploadAttachment: (pdf, options) => uploadAttachment(session, pdf, options),
    apiLimit: () => ({ ...transport.limit }),
  };
}

/** What the platform registers: the system name, the split schemas (credentials are stored encrypted) and the factory. */
export const twentyFourSevenOffice = {
  system: '24sevenoffice' as const,
  settingsSchema,
  credentialsSchema,
  create: createTwentyFourSevenOffice,
};

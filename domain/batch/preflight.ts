/**
 * Preflight: every reason a batch would be refused or lose information in the target, found before anything
 * is written and reported in one list (design principle 4). Pure: the activity loads the target's catalog
 * and the tenant's mappings once and passes them in.
 */
import { displayMinor } from '../money';
import { KIND_LABEL, balance, debitTotal, voucherLabel, type StagedVoucher, type VoucherKind } from './voucher';

export interface TargetCatalog {
  accounts: ReadonlySet<number>;
  taxNos: ReadonlySet<string>;
  /** TypeNo → its entry series */
  voucherTypes: ReadonlyMap<number, { entrySeriesId: number; title: string }>;
  projectIds: ReadonlySet<number>;
  departmentIds: ReadonlySet<number>;
  /** Fiscal years that exist and are not locked. */
  openYears: ReadonlySet<number>;
}

/** Source code → target id, from the tenant's mappings; absent = not mapped. */
export interface BatchMapping {
  /** Source account → target account; unmapped accounts are used as they are. */
  account(no: number): number;
  voucherType(kind: VoucherKind): number | undefined;
  /** Source VAT code → target TaxNo; unmapped codes are used as they are. */
  taxNo(vatCode: string): string;
  /** Source project code → target project id; unmapped numeric codes are taken as the id. */
  projectId(code: string): number | undefined;
  departmentId(code: string): number | undefined;
  /** Known target company id for a customer/supplier number, when already synced. */
  companyKnown(kind: 'customer' | 'supplier', no: string): boolean;
  /** The source's customer record is fit to create in the target (e.g. a valid organisation number). */
  customerValid(no: string): boolean;
}

export type ProblemCode =
  | 'Unbalanced'
  | 'UnknownAccount'
  | 'UnknownVatCode'
  | 'VoucherTypeNotMapped'
  | 'UnknownVoucherType'
  | 'ProjectMissing'
  | 'DepartmentMissing'
  | 'PeriodClosed'
  | 'CustomerInvalid'
  | 'SupplierMissing'
  | 'DuplicateDocument'
  | 'InvalidAmount';

export interface Problem {
  code: ProblemCode;
  /** The voucher's source id, when the problem is one voucher's. */
  sourceId?: string;
  line?: number;
  /** One sentence: what, where, how to fix. */
  message: string;
  /** The message without the voucher and line: identical issues of many vouchers are shown once, with a count. */
  issue?: string;
}

export interface PreflightContext {
  tenant: string;
  batchLabel: string;
  /** Where the voucher is, when it is not a batch's (a DUELL settlement names its department and Z). */
  scope?: string;
  /**
   * The command that maps `source` of a kind, when the flow's mappings are not Telaris' (a DUELL settlement's are on
   * its own route, its accounts `settlement-account` parts); default `ledgerbridge mappings set <tenant> <kind> <source>=<target>`.
   */
  mappingFix?: (kind: MappingFixKind, source: string, target: string) => string;
}

export type MappingFixKind = 'voucher-type' | 'account' | 'vat-code' | 'project' | 'department';

/** "tenant acme, batch 2026-11 #3": where every problem of a batch is. */
export const preflightScope = (ctx: PreflightContext) => ctx.scope ?? `tenant ${ctx.tenant}, batch ${ctx.batchLabel}`;

/** Checks one voucher; the activity streams vouchers through it chunk by chunk. */
export function checkVoucher(v: StagedVoucher, catalog: TargetCatalog, mapping: BatchMapping, ctx: PreflightContext): Problem[] {
  const problems: Problem[] = [];
  const where = `${preflightScope(ctx)}: ${voucherLabel(v)}`;
  /**
   * `issue` says what is wrong without naming the voucher, so identical problems can be shown once with a count;
   * the message puts the voucher (and line) in front, as a subject (`joiner` ' ') or a heading (': ').
   */
  const fix = ctx.mappingFix ?? ((kind: MappingFixKind, source: string, target: string) => `ledgerbridge mappings set ${ctx.tenant} ${kind} ${source}=${target}`);
  const add = (code: ProblemCode, issue: string, line?: number, joiner = ': ') =>
    problems.push({ code, sourceId: v.sourceId, line, issue, message: `${where}${line === undefined ? '' : `, line ${line}`}${joiner}${issue}` });

  const diff = balance(v);
  if (diff !== 0) add('Unbalanced', `does not balance: entries sum to ${displayMinor(diff)}; correct it in the source and close a new batch`, undefined, ' ');

  const typeNo = mapping.voucherType(v.kind);
  if (typeNo === undefined) {
    add('VoucherTypeNotMapped', `${KIND_LABEL[v.kind]} have no voucher type; map one: ${fix('voucher-type', v.kind, '<TypeNo>')}`);
  } else if (!catalog.voucherTypes.has(typeNo)) {
    add('UnknownVoucherType', `voucher type ${typeNo} (mapped for ${KIND_LABEL[v.kind]}) does not exist in 24SevenOffice; fix the mapping: ${fix('voucher-type', v.kind, '<TypeNo>')}`);
  }

  const year = Number(v.date.slice(0, 4));
  if (!catalog.openYears.has(year)) {
    add('PeriodClosed', `is dated in ${year}, but fiscal year ${year} is closed or missing in 24SevenOffice; open the year there or move the voucher`, undefined, ' ');
  }

  for (const line of v.lines) {
    const account = mapping.account(line.account);
    if (!catalog.accounts.has(account)) {
      add('UnknownAccount', `account ${account}${account !== line.account ? ` (mapped from ${line.account})` : ''} does not exist in 24SevenOffice; create it there or map it: ${fix('account', String(line.account), '<account>')}`, line.lineNo);
    }
    if (line.vatCode !== undefined && !catalog.taxNos.has(mapping.taxNo(line.vatCode))) {
      add('UnknownVatCode', `VAT code ${line.vatCode} does not exist in 24SevenOffice; map it: ${fix('vat-code', line.vatCode, '<TaxNo>')}`, line.lineNo);
    }
    if (line.project !== undefined) {
      const id = mapping.projectId(line.project);
      if (id === undefined || !catalog.projectIds.has(id)) {
        add('ProjectMissing', `project ${line.project} does not exist in 24SevenOffice, so the line would lose its project; create it there or map it: ${fix('project', line.project, '<project id>')}`, line.lineNo);
      }
    }
    if (line.department !== undefined) {
      const id = mapping.departmentId(line.department);
      if (id === undefined || !catalog.departmentIds.has(id)) {
        add('DepartmentMissing', `department ${line.department} does not exist in 24SevenOffice, so the line would lose its department; create it there or map it: ${fix('department', line.department, '<department id>')}`, line.lineNo);
      }
    }
  }
  if (v.customerNo !== undefined && !mapping.customerValid(v.customerNo)) {
    add('CustomerInvalid', `customer ${v.customerNo} has no valid organisation number in Telaris; correct the customer there (9 digits with a valid check digit) and retry`);
  }
  if (v.supplierNo !== undefined && !mapping.companyKnown('supplier', v.supplierNo)) {
    add('SupplierMissing', `supplier ${v.supplierNo} does not exist in 24SevenOffice (no company with that ExternalId); create it there with ExternalId ${v.supplierNo}`);
  }
  return problems;
}

/** Totals per voucher kind, shown in the report and the workflow's summary. */
export interface KindTotals {
  vouchers: number;
  /** Sum of debits, minor units. */
  debit: number;
}

export function addToTotals(totals: Partial<Record<VoucherKind, KindTotals>>, v: StagedVoucher): void {
  const t = (totals[v.kind] ??= { vouchers: 0, debit: 0 });
  t.vouchers++;
  t.debit += debitTotal(v);
}

/**
 * Prepare one Z-report: read it from DUELL, run the settlement's checks (domain/settlement/preflight.ts: the sums,
 * every account, the cost prices when the department posts the inventory change, the settings' skips), build its
 * balanced voucher and check that against the department's 24SevenOffice company (domain/batch/preflight.ts:
 * accounts, VAT codes, department, voucher type, open year); every problem in one needs-attention. A report that
 * went out before is settled against the voucher that went out, never a newer one.
 */
import type { Entry } from '../../connectors/24sevenoffice';
import type { PostingVoucher } from '../../connectors/24sevenoffice/posting';
import type { Duell } from '../../connectors/duell';
import { createIdempotencyRepo, createSettlementRepo } from '../../db/repos';
import { checkVoucher, type TargetCatalog } from '../../domain/batch/preflight';
import type { StagedVoucher } from '../../domain/batch/voucher';
import { SETTLEMENT_ACCOUNT_SOURCE } from '../../domain/settlement/accounts';
import { costOfGoods } from '../../domain/settlement/costOfGoods';
import { settlementCommands } from '../../domain/settlement/flow';
import { preflightSettlement } from '../../domain/settlement/preflight';
import { settlementKey, settlementVoucher } from '../../domain/settlement/voucher';
import { settlementScope } from '../../domain/settlement/problems';
import { missingSalesType, withoutSalesType } from '../../domain/settlement/salesTypes';
import type { ZReport } from '../../domain/settlement/zReport';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, departmentOf, loadDuellSettings, loadSettlementMapping, openCompany, openDuell, TARGET, type SettlementMapping, type SettlementRef } from './context';
import { zReportHash } from './run';

/** The voucher as stored before its number is drawn and its PDF's stamp is known. */
export type UnnumberedVoucher = Omit<PostingVoucher, 'transactionNo'>;

export type Prepared =
  | { kind: 'ready'; date: string; warnings: string[] }
  | { kind: 'already-posted'; transactionNo: number }
  /** The settings say not to transfer it (before the from-date, Z-report transfer off). */
  | { kind: 'skipped'; why: string };

export async function prepareSettlement(deps: ActivityDeps, ref: SettlementRef): Promise<Prepared> {
  return withFailures(async () => {
    const key = settlementKey({ departmentId: ref.departmentId, number: ref.zNumber });
    const rows = createSettlementRepo(deps.db);
    const [row, earlier] = await Promise.all([rows.find(ref.tenant, ref.departmentId, ref.zNumber), createIdempotencyRepo(deps.db).get(ref.tenant, TARGET, key)]);
    if (row?.stage === 'posted' && row.transactionNo !== null && earlier?.state === 'confirmed') return { kind: 'already-posted', transactionNo: row.transactionNo };
    // Sent (its answer perhaps lost) or confirmed: the voucher may be in 24SevenOffice, whatever DUELL says now.
    const wentOut = (earlier?.state === 'sent' || earlier?.state === 'confirmed') && row?.voucher != null;
    if (wentOut) return { kind: 'ready', date: row.date, warnings: [] };

    const settings = await loadDuellSettings(deps, ref.tenant);
    const department = departmentOf(settings, ref.tenant, ref.departmentId);
    const duell = await openDuell(deps, ref.tenant, settings);
    const z = await readReport(duell, ref);
    const { retry, cancel } = settlementCommands(ref.tenant, ref.departmentId, ref.zNumber);
    const mapping = await loadSettlementMapping(deps, ref.tenant, ref.departmentId);
    const costs = department.inventoryChange ? costOfGoods(z, await allProducts(duell)) : undefined;
    const found = preflightSettlement({ tenant: ref.tenant, z, department, accounts: mapping.accounts, costOfGoods: costs });
    const base = { date: z.date, contentHash: zReportHash(z), workflowId: ref.workflowId };
    const skip = found.find((p) => p.effect === 'skip');
    if (skip) {
      await rows.save(ref.tenant, ref.departmentId, ref.zNumber, { ...base, stage: 'skipped', attention: skip.message });
      return { kind: 'skipped', why: skip.message };
    }
    const refused = found.filter((p) => p.effect === 'refuse');
    if (refused.length > 0) {
      throw attention(refused[0]!.code === 'AccountMissing' ? 'MappingMissing' : 'ValidationFailed',
        `${refused.map((p) => p.message).join('; ')}. Then: ${retry} (or, to leave it: ${cancel})`);
    }
    const staged = settlementVoucher({ z, department, accounts: mapping.accounts, costOfGoods: costs });
    const voucher = await checkedVoucher(deps, ref, department, staged, mapping, retry);
    await rows.save(ref.tenant, ref.departmentId, ref.zNumber, { ...base, stage: 'posting', voucher, saveTo: department.saveTo, attention: null });
    return { kind: 'ready', date: z.date, warnings: found.filter((p) => p.effect === 'warn').map((p) => p.message) };
  });
}

async function readReport(duell: Duell, ref: SettlementRef): Promise<ZReport> {
  for await (const page of duell.zReports(ref.departmentId, { fromNumber: ref.zNumber })) {
    const z = page.reports.find((r) => r.number === ref.zNumber);
    if (z) return z;
    if (page.reports.some((r) => r.number > ref.zNumber)) break;
  }
  throw attention('ValidationFailed', `tenant ${ref.tenant}: DUELL has no Z ${ref.zNumber} in department ${ref.departmentId}; ` +
    `look for it in DUELL's Backoffice, then: ${settlementCommands(ref.tenant, ref.departmentId, ref.zNumber).retry}`);
}

async function allProducts(duell: Duell) {
  const all = [];
  for await (const page of duell.products()) all.push(...page);
  return all;
}

/** The voucher in the company's terms, or every reason the company would refuse it in one needs-attention. */
async function checkedVoucher(
  deps: ActivityDeps, ref: SettlementRef, department: Parameters<typeof openCompany>[2], v: StagedVoucher, mapping: SettlementMapping, retry: string,
): Promise<UnnumberedVoucher> {
  const { target } = await openCompany(deps, ref.tenant, department);
  const [accounts, taxCodes, types, departments, years, saleTypes] = await Promise.all([
    target.accounts(), target.taxCodes(), target.voucherTypes(), target.departments(), target.fiscalYears(), target.typeGroups('Sale'),
  ]);
  const catalog: TargetCatalog = {
    accounts: new Set(accounts.map((a) => a.accountNo)),
    taxNos: new Set(taxCodes.map((t) => t.taxNo)),
    voucherTypes: new Map(types.map((t) => [t.typeNo, { entrySeriesId: t.entrySeriesId, title: t.title }])),
    projectIds: new Set(),
    departmentIds: new Set(departments.map((d) => d.id)),
    openYears: new Set(years.filter((y) => !y.locked).map((y) => y.year)),
  };
  const scope = settlementScope(ref.tenant, { departmentId: ref.departmentId, number: ref.zNumber, date: v.date });
  // The lines carry the company's accounts and department id already (domain/settlement/accounts.ts, settings.ts).
  const problems = checkVoucher(v, catalog, {
    account: (no) => no, voucherType: () => mapping.voucherType, taxNo: mapping.taxNo, projectId: () => undefined,
    departmentId: (code) => Number(code), companyKnown: () => true, customerValid: () => true,
  }, {
    tenant: ref.tenant, batchLabel: '', scope,
    // The settlement's mappings are DUELL's route, and its accounts come from `settlement-account` (or DUELL's own
    // chart), never from an account-to-account mapping.
    mappingFix: (kind, source, target) => kind === 'account'
      ? `ledgerbridge mappings set ${ref.tenant} settlement-account <part>=${target} --source duell (parts: ${SETTLEMENT_ACCOUNT_SOURCE.form})`
      : `ledgerbridge mappings set ${ref.tenant} ${kind} ${source}=${target} --source duell`,
  });
  // The sales lines are the ones with a VAT code; the output VAT's own lines carry none (domain/settlement/entries.ts).
  const sales = v.lines.filter((l) => l.vatCode !== undefined).map((l) => l.account);
  const messages = [
    ...problems.map((p) => p.message),
    ...withoutSalesType(sales, accounts, saleTypes).map((no) => `${scope}: ${missingSalesType(ref.tenant, no)}`),
  ];
  if (messages.length > 0) throw attention('MappingMissing', `${messages.join('; ')}. Then: ${retry}`);
  const entries = v.lines.map((line): Entry => ({
    accountNo: line.account, amount: line.amount, date: v.date, taxNo: line.vatCode === undefined ? undefined : mapping.taxNo(line.vatCode),
    departmentId: line.department === undefined ? undefined : Number(line.department), comment: line.description ?? v.description,
  }));
  return { voucherType: mapping.voucherType!, date: v.date, entries };
}

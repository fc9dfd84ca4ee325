/**
 * Prepare one received invoice: read it from CostTracker, check it (lines and VAT add up to the total, dates,
 * currency) and check it against 24SevenOffice (supplier, accounts, VAT codes, project, department, voucher
 * type, fiscal year), every problem named with its fix; then keep the voucher as it will be posted. An invoice
 * that went out before is settled against the voucher that went out, never a newer one.
 */
import type { PostingVoucher } from '../../connectors/24sevenoffice/posting';
import type { ReceivedInvoice } from '../../connectors/costtracker/model';
import { createIdempotencyRepo, createSupplierInvoicePostingRepo, type SupplierInvoicePosting } from '../../db/repos';
import { displayMinor } from '../../domain/money';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, loadPostingMapping, openPostingSystems, postingKey, TARGET, type PostingSystems } from './context';
import { invoiceLabel, invoiceProblems, preflightProblems, voucherEntries, type PostingCatalog } from './voucher';

export interface PostingRef {
  tenant: string;
  invoiceId: string;
  workflowId: string;
}

/** The voucher as stored before its number is drawn. */
export type UnnumberedVoucher = Omit<PostingVoucher, 'transactionNo'>;

export type Prepared =
  | { kind: 'ready'; invoiceNumber: string; supplier: string; total: string }
  /** CostTracker shows it posted with the voucher number ledgerbridge drew for it: nothing to do. */
  | { kind: 'already-posted'; invoiceNumber: string; transactionNo: number }
  /** Not approved (any more), deleted, or posted by someone else before ledgerbridge sent anything: nothing is sent. */
  | { kind: 'skipped'; invoiceNumber?: string; why: string };

export async function preparePosting(deps: ActivityDeps, ref: PostingRef): Promise<Prepared> {
  return withFailures(async () => {
    const systems = await openPostingSystems(deps, ref.tenant);
    const postings = createSupplierInvoicePostingRepo(deps.db);
    const [invoice, found, earlier] = await Promise.all([
      systems.costtracker.receivedInvoice(ref.invoiceId), postings.find(ref.tenant, ref.invoiceId),
      createIdempotencyRepo(deps.db).get(ref.tenant, TARGET, postingKey(ref.invoiceId)),
    ]);
    const row = found?.invoiceId === ref.invoiceId ? found : undefined;
    // Sent (its answer perhaps lost) or confirmed: the voucher may be in 24SevenOffice, whatever CostTracker says now.
    const wentOut = (earlier?.state === 'sent' || earlier?.state === 'confirmed') && row?.voucher !== null && row?.voucher !== undefined;
    if (!invoice) {
      if (!wentOut) return { kind: 'skipped', invoiceNumber: row?.invoiceNumber ?? undefined, why: 'deleted in CostTracker' };
      throw attention('ValidationFailed', `tenant ${ref.tenant}: CostTracker invoice ${row?.invoiceNumber ?? ref.invoiceId} (id ${ref.invoiceId}) was deleted in CostTracker ` +
        `after ledgerbridge posted it to 24SevenOffice as voucher ${row?.transactionNo ?? '?'}; reverse that voucher in 24SevenOffice if it should not be there, then: ` +
        `ledgerbridge matching cancel ${ref.tenant} ${ref.invoiceId}`);
    }
    if (invoice.status === 'posted' && row?.transactionNo && invoice.postedVoucher === row.transactionNo) {
      return { kind: 'already-posted', invoiceNumber: invoice.invoiceNumber, transactionNo: row.transactionNo };
    }
    if (invoice.status !== 'approved' && !wentOut) {
      const why = invoice.status === 'posted' ? `posted as voucher ${invoice.postedVoucher ?? '?'} outside ledgerbridge` : `now ${invoice.status} in CostTracker`;
      return { kind: 'skipped', invoiceNumber: invoice.invoiceNumber, why };
    }
    const ready: Prepared = { kind: 'ready', invoiceNumber: invoice.invoiceNumber, supplier: invoice.supplier, total: displayMinor(invoice.total, invoice.currency) };
    if (wentOut) return ready;

    const voucher = await checkedVoucher(deps, systems, invoice, ref.tenant);
    await postings.save(ref.tenant, ref.invoiceId, {
      stage: 'posting', invoiceNumber: invoice.invoiceNumber, supplier: invoice.supplier, totalMinor: invoice.total, currency: invoice.currency,
      voucher, workflowId: ref.workflowId, attention: null,
    });
    return ready;
  });
}

/** The voucher, or every problem of the invoice and of 24SevenOffice's catalog in one needs-attention. */
async function checkedVoucher(deps: ActivityDeps, systems: PostingSystems, invoice: ReceivedInvoice, tenant: string): Promise<UnnumberedVoucher> {
  const label = `tenant ${tenant}, ${invoiceLabel(invoice)}`;
  const retry = `ledgerbridge matching retry ${tenant} ${invoice.id}`;
  const organisation = await systems.costtracker.organisation();
  const own = invoiceProblems(invoice, organisation.currency);
  if (own.length > 0) throw attention('ValidationFailed', `${label}: ${own.join('; ')}. Then: ${retry}`);

  const { target } = systems;
  const mapping = await loadPostingMapping(deps, tenant);
  const supplierId = mapping.supplierId(invoice.supplier);
  const [accounts, taxCodes, types, projects, departments, years, companies] = await Promise.all([
    target.accounts(), target.taxCodes(), target.voucherTypes(), target.projects(), target.departments(), target.fiscalYears(),
    supplierId === undefined ? Promise.resolve([]) : target.companies({ ids: [supplierId] }),
  ]);
  const catalog: PostingCatalog = {
    accounts: new Set(accounts.map((a) => a.accountNo)),
    taxCodes: new Map(taxCodes.map((t) => [t.taxNo, { rate: t.rate, accountNo: t.accountNo }])),
    voucherTypes: new Map(types.map((t) => [t.typeNo, { entrySeriesId: t.entrySeriesId }])),
    projectIds: new Set(projects.filter((p) => p.active !== false).map((p) => p.id).filter((id): id is number => id !== undefined)),
    departmentIds: new Set(departments.map((d) => d.id)),
    openYears: new Set(years.filter((y) => !y.locked).map((y) => y.year)),
    companyIds: new Set(companies.map((c) => c.id).filter((id): id is number => id !== undefined)),
  };
  const settings = systems.settings.post;
  const problems = preflightProblems(invoice, catalog, mapping, settings, tenant);
  if (problems.length > 0) throw attention('MappingMissing', `${label} cannot be posted: ${problems.join('; ')}. Then: ${retry}`);
  return { voucherType: settings.voucherType, date: invoice.date, entries: voucherEntries(invoice, catalog, mapping, settings) };
}

/** The stored voucher with its number: what goes (or went) out. */
export function storedVoucher(row: SupplierInvoicePosting | undefined, tenant: string, invoiceId: string): PostingVoucher {
  const voucher = row?.voucher as UnnumberedVoucher | null | undefined;
  if (!voucher || row?.transactionNo === null || row?.transactionNo === undefined) {
    throw attention('ValidationFailed', `tenant ${tenant}, CostTracker invoice ${invoiceId} was not prepared and numbered; run it again: ledgerbridge matching retry ${tenant} ${invoiceId}`);
  }
  return { transactionNo: row.transactionNo, ...voucher };
}

/**
 * Verify a staged batch against 24SevenOffice before anything is written: the target's accounts, VAT codes,
 * voucher types, projects, departments and fiscal years are loaded once, every voucher is checked, and every
 * problem goes into one report (stored whole; the workflow gets the count and the first few, identical ones grouped).
 */
import { heartbeat } from '@temporalio/activity';
import type { BatchRef, PreflightResult } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import { checkVoucher, preflightScope, type Problem, type TargetCatalog } from '../../domain/batch/preflight';
import { ProblemGroups } from '../../domain/batch/problemGroups';
import { isValidOrgNumber } from '../../domain/orgNumber';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { loadMapping, openTarget, repos, ROUTE } from './context';

/** Enough for any operator to act on; the count says how many more there are. */
const STORED_PROBLEMS = 1000;
/** Distinct problems the workflow's details show (identical ones grouped); `batch show` prints them all. */
const SHOWN_PROBLEMS = 10;

export async function preflightBatch(deps: ActivityDeps, ref: BatchRef): Promise<PreflightResult> {
  return withFailures(async () => {
    const { batches, xrefs } = repos(deps);
    const target = await openTarget(deps, ref);
    const [accounts, taxCodes, types, projects, departments, years] = await Promise.all([
      target.accounts(), target.taxCodes(), target.voucherTypes(), target.projects(), target.departments(), target.fiscalYears(),
    ]);
    const catalog: TargetCatalog = {
      accounts: new Set(accounts.map((a) => a.accountNo)),
      taxNos: new Set(taxCodes.map((t) => t.taxNo)),
      voucherTypes: new Map(types.map((t) => [t.typeNo, { entrySeriesId: t.entrySeriesId, title: t.title }])),
      projectIds: new Set(projects.filter((p) => p.active !== false).map((p) => p.id).filter((id): id is number => id !== undefined)),
      departmentIds: new Set(departments.map((d) => d.id)),
      openYears: new Set(years.filter((y) => !y.locked).map((y) => y.year)),
    };

    // Suppliers are not created from Telaris (it lists customers only): they must exist in 24SevenOffice.
    const parties = await batches.parties(ref.tenant, ref.batchId);
    let mapping = await loadMapping(deps, ref.tenant);
    const unknownSuppliers = parties.filter((p) => p.role === 'supplier' && !mapping.companyKnown('supplier', p.partyNo));
    for (const [i, s] of unknownSuppliers.entries()) {
      const [found] = await target.companies({ externalId: s.partyNo });
      if (found?.id !== undefined) await xrefs.link(ref.tenant, ROUTE, 'supplier', s.partyNo, String(found.id));
      // One look-up per supplier: a batch naming hundreds takes longer than the heartbeat timeout.
      heartbeat({ suppliersLookedUp: i + 1 });
    }
    mapping = await loadMapping(deps, ref.tenant);
    const customerOk = new Set(parties.filter((p) => p.role === 'customer' && isValidOrgNumber(p.organizationNumber)).map((p) => p.partyNo));

    const ctx = { tenant: ref.tenant, batchLabel: batchLabel(ref.batchId) };
    const problems: Problem[] = [];
    const shown = new ProblemGroups(preflightScope(ctx));
    let problemCount = 0;
    let checked = 0;
    const batch = await batches.get(ref.tenant, ref.batchId);
    for (let chunk = 0; chunk < batch.chunkCount; chunk++) {
      for (const row of await batches.vouchers(ref.tenant, ref.batchId, chunk)) {
        const found = checkVoucher(row.document, catalog, { ...mapping, customerValid: (no) => customerOk.has(no) }, ctx);
        problemCount += found.length;
        for (const p of found) {
          shown.add(p);
          if (problems.length < STORED_PROBLEMS) problems.push(p);
        }
        checked++;
      }
      heartbeat({ chunk });
    }
    const ok = problemCount === 0;
    await batches.update(ref.tenant, ref.batchId, {
      preflight: { ok, at: new Date().toISOString(), problems },
      stage: ok ? 'preflight' : 'needs-attention',
      attention: ok ? null : `preflight found ${problemCount} problem(s)`,
    });
    deps.log.info('batch preflight', { tenant: ref.tenant, batch: ref.batchId, checked, problems: problemCount });
    return { ok, vouchersChecked: checked, problemCount, firstProblems: shown.lines(SHOWN_PROBLEMS) };
  });
}

/**
 * Master data 24SevenOffice → CostTracker: suppliers (companies of type Supplier, changed since the last sync),
 * projects and departments. CostTracker upserts by id, so a page sent twice changes nothing; the supplier cursor
 * moves only once its pages are in. A filter naming a project or department 24SevenOffice does not have needs a
 * person: the filter would silently let nothing through.
 */
import { heartbeat } from '@temporalio/activity';
import { createSyncCursorRepo } from '../../db/repos';
import type { ActivityDeps } from '../deps';
import { attention, withFailures } from '../failures';
import { openMatchingSystems, type MatchingRef } from './context';

export const SUPPLIER_STREAM = 'suppliers';

export interface MasterDataCounts {
  suppliers: number;
  projects: number;
  departments: number;
}

export async function syncMasterData(deps: ActivityDeps, ref: MatchingRef): Promise<MasterDataCounts> {
  return withFailures(async () => {
    const { accounting, ct, costTracker, costTrackerId } = await openMatchingSystems(deps, ref.tenant);
    const cursors = createSyncCursorRepo(deps.db);
    const since = await cursors.get(ref.tenant, '24sevenoffice', SUPPLIER_STREAM);
    const started = new Date().toISOString();
    const companies = await accounting.companies({ changedAfter: since ?? '2000-01-01T00:00:00Z' });
    const suppliers = companies.filter((c) => c.type === 'Supplier' && c.id !== undefined)
      .map((c) => ({ id: String(c.id), name: c.name, ...(c.organizationNumber && { organisationNumber: c.organizationNumber }) }));
    heartbeat({ suppliers: suppliers.length });
    await ct.putSuppliers(suppliers);
    await cursors.set(ref.tenant, '24sevenoffice', SUPPLIER_STREAM, started);

    const [projects, departments] = await Promise.all([accounting.projects({ allOpen: true }), accounting.departments()]);
    const unknown = [
      ...costTracker.filter.projects.filter((p) => !projects.some((x) => String(x.id) === p)).map((p) => `project ${p}`),
      ...costTracker.filter.departments.filter((d) => !departments.some((x) => String(x.id) === d)).map((d) => `department ${d}`),
    ];
    if (unknown.length > 0) {
      throw attention('ValidationFailed', `tenant ${ref.tenant}: the CostTracker connection's filter names ${unknown.join(', ')}, which 24SevenOffice does not have ` +
        `(or not as an open project). Fix the filter: ledgerbridge connections add ${ref.tenant} --system costtracker --name ${costTrackerId.split(':').pop()} ` +
        `--setting filter='{…}' … (replaces it), then: ledgerbridge matching retry ${ref.tenant} ${ref.workflowId}`);
    }
    await ct.putProjects(projects.filter((p) => p.id !== undefined).map((p) => ({ id: String(p.id), name: p.name, active: p.active !== false })));
    await ct.putDepartments(departments.map((d) => ({ id: String(d.id), name: d.name, active: true })));
    return { suppliers: suppliers.length, projects: projects.length, departments: departments.length };
  });
}

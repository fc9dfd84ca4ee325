/**
 * Customers into 24SevenOffice before their vouchers: upserted (matched on ExternalId = the Telaris customer
 * number, then organisation number) in groups, and the company ids kept as mappings for the entries.
 */
import { heartbeat } from '@temporalio/activity';
import type { BatchRef } from '../../domain/batch/flow';
import { batchLabel } from '../../domain/batch/flow';
import { normalizeOrgNumber } from '../../domain/orgNumber';
import type { ActivityDeps } from '../deps';
import { withFailures } from '../failures';
import { attention, loadMapping, openTarget, repos, TARGET } from './context';
import { createExportLogRepo } from '../../db/repos';

const GROUP = 100;

export async function syncParties(deps: ActivityDeps, ref: BatchRef): Promise<{ customers: number }> {
  return withFailures(async () => {
    const { batches, mappings } = repos(deps);
    const customers = (await batches.parties(ref.tenant, ref.batchId)).filter((p) => p.role === 'customer');
    const target = await openTarget(deps, ref);
    // A customer synced by an earlier batch is updated by its id: no look-up by external id or org number.
    const known = await loadMapping(deps, ref.tenant);
    const log = createExportLogRepo(deps.db);
    for (let i = 0; i < customers.length; i += GROUP) {
      const group = customers.slice(i, i + GROUP);
      const results = await target.saveCompanies(group.map((c) => {
        const address = c.details.address as { street: string; postalCode: string; city: string; country: string } | undefined;
        return {
          id: known.companyId('customer', c.partyNo),
          externalId: c.partyNo,
          name: c.name,
          organizationNumber: c.organizationNumber ? normalizeOrgNumber(c.organizationNumber) : undefined,
          type: 'Business' as const,
          email: c.details.email as string | undefined,
          postAddress: address,
        };
      }));
      const failed = results.filter((r) => !r.ok);
      await log.recordAll(results.map((r) => ({
        tenant: ref.tenant, flow: 'batch', entityType: 'customer', sourceId: r.item.externalId ?? '', targetId: r.ok ? String(r.item.id) : null,
        outcome: r.ok ? 'ok' : 'failed', message: r.ok ? (r.created ? 'created in 24SevenOffice' : 'updated in 24SevenOffice') : r.error, workflowId: ref.workflowId,
      })));
      if (failed.length > 0) {
        const first = failed[0]!;
        throw attention('Rejected', `tenant ${ref.tenant}, batch ${batchLabel(ref.batchId)}: 24SevenOffice refused customer ${first.item.externalId} (${first.item.name}): ` +
          `${first.ok ? '' : first.error}; correct the customer in Telaris and retry (${failed.length} refused)`);
      }
      for (const r of results) if (r.ok && r.item.id !== undefined) await mappings.set(ref.tenant, TARGET, 'customer', r.item.externalId!, String(r.item.id));
      heartbeat({ done: i + group.length });
    }
    return { customers: customers.length };
  });
}
